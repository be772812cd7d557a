// RUN: rm -rf %t && tessera-compile %s --target=webgpu --webgpu-variants=32,64,128 -o %t
// RUN: FileCheck %s --input-file=%t/manifest.json
// RUN: ls %t/kernels | FileCheck %s --check-prefix=FILES
// RUN: not tessera-compile %s --target=webgpu --webgpu-variants=512 -o %t.bad 2>&1 | FileCheck %s --check-prefix=BAD

// Kernels compiled for workgroups of 32 and 128 threads besides the default
// 64 ship as variants; each dispatch lists the grid of each variant: 4096
// points are 64 workgroups of 64, 128 of 32, 32 of 128.
// CHECK:      "kernels": [
// CHECK:          "file": "kernels/scale_kernel.wgsl",
// CHECK:          "variants": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "file": "kernels/scale_kernel.wg32.wgsl",
// CHECK-NEXT:         "workgroupSize": [
// CHECK-NEXT:           32,
// CHECK:              "file": "kernels/scale_kernel.wg128.wgsl",
// CHECK-NEXT:         "workgroupSize": [
// CHECK-NEXT:           128,
// CHECK:      "steps": [
// CHECK:          "op": "dispatch",
// CHECK-NEXT:     "variantWorkgroups": [
// CHECK-NEXT:       [
// CHECK-NEXT:         128,
// CHECK-NEXT:         1,
// CHECK-NEXT:         1
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         32,
// CHECK:          "workgroups": [
// CHECK-NEXT:       64,

// FILES: scale_kernel.wg128.wgsl
// FILES: scale_kernel.wg32.wgsl
// FILES: scale_kernel.wgsl

// BAD: variant workgroup size 512 is outside 1..256

func.func @scale(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %b: f32):
    %m = arith.mulf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}
