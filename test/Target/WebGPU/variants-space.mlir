// RUN: rm -rf %t && tessera-compile %s --target=webgpu --webgpu-variants=space -o %t
// RUN: FileCheck %s --input-file=%t/manifest.json
// RUN: %python %S/Inputs/count-variants.py %t | FileCheck %s --check-prefix=COUNT
// RUN: %if wgsl-validator %{ %wgsl_validate --limits %t/manifest.json %t/kernels/*.wgsl %}
// A smaller cap, and a small device: fewer variants, none over its limits.
// RUN: rm -rf %t.cap && tessera-compile %s --target=webgpu --webgpu-variants=space --webgpu-variants-max=4 -o %t.cap
// RUN: %python %S/Inputs/count-variants.py %t.cap | FileCheck %s --check-prefix=CAP
// RUN: rm -rf %t.small && tessera-compile %s --target=webgpu --webgpu-variants=space --wgsl-max-invocations=64 --wgsl-max-workgroup-storage=4096 -o %t.small
// RUN: %python %S/Inputs/count-variants.py %t.small | FileCheck %s --check-prefix=SMALL
// RUN: not tessera-compile %s --target=webgpu --webgpu-variants=space,128 -o %t.bad 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not tessera-compile %s --target=webgpu --webgpu-variants=big -o %t.bad 2>&1 | FileCheck %s --check-prefix=WORD

// --webgpu-variants=space: the GPU tuning space's points as variants. The
// loop nest (a 4096-point elementwise op) gets block x coarsening, the
// matmul its tilings; each variant names its knobs (`config`), files of
// one workgroup size are told apart by the variant's index.
// CHECK:      "kernels": [
// CHECK:          "name": "model_kernel",
// CHECK:          "variants": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "config": "block=64 coarsening=2 tile=32x32 k=32 outputs=2x2",
// CHECK-NEXT:         "file": "kernels/model_kernel.wg64.wgsl",
// CHECK:              "config": "block=32 coarsening=1 tile=32x32 k=32 outputs=2x2",
// CHECK-NEXT:         "file": "kernels/model_kernel.wg32.wgsl",
// CHECK:          "name": "model_kernel_0",
// CHECK:          "variants": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "config": "block=64 coarsening=1 tile=64x64 k=32 outputs=4x4",
// CHECK-NEXT:         "file": "kernels/model_kernel_0.wg256.wgsl",

// Every variant's WGSL differs from its kernel's default and from the
// other variants; the nest has the 16 block x coarsening points but the
// default, the matmul the cap of 24 points but the default.
// COUNT: model_kernel: 15 variants, all distinct, grids on 1 dispatch(es)
// COUNT: model_kernel_0: 23 variants, all distinct, grids on 1 dispatch(es)
// CAP: model_kernel: 3 variants, all distinct
// CAP: model_kernel_0: 3 variants, all distinct
// 64 invocations and 4 KiB: no workgroup of more than 64 threads, no tiles
// over 4 KiB (the untuned tiling, 256 threads, does not fit: the best
// tiling that does becomes the default).
// SMALL: model_kernel: 7 variants, all distinct, grids on 1 dispatch(es), max 64 invocations, max 0 bytes
// SMALL: model_kernel_0: 16 variants, all distinct, grids on 1 dispatch(es), max 64 invocations, max 4096 bytes

// BAD: --webgpu-variants=space takes no workgroup sizes besides
// WORD: --webgpu-variants: 'big' is neither a workgroup size nor 'space'

func.func @model(%a: tensor<64x96xf32>, %b: tensor<96x128xf32>,
                 %x: tensor<4096xf32>) -> (tensor<64x128xf32>, tensor<4096xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x128xf32>)
      outs(%c : tensor<64x128xf32>) -> tensor<64x128xf32>
  %e1 = tensor.empty() : tensor<4096xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e1 : tensor<4096xf32>) {
  ^bb0(%v: f32, %w: f32):
    %m = arith.mulf %v, %v : f32
    linalg.yield %m : f32
  } -> tensor<4096xf32>
  return %r, %y : tensor<64x128xf32>, tensor<4096xf32>
}
