// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-compile %s --target=webgpu --entry=scale_sum -o %t/a
// RUN: FileCheck %s --input-file=%t/a/manifest.json
// RUN: ls %t/a/kernels | FileCheck %s --check-prefix=FILES
// RUN: od -A d -t f4 %t/a/weights.bin | FileCheck %s --check-prefix=WEIGHTS
// A second compile replaces the artifact (and its kernels) in place.
// RUN: tessera-compile %s --target=webgpu --entry=scale_sum -o %t/a
// A directory with other files is never overwritten.
// RUN: mkdir -p %t/user && touch %t/user/notes.txt
// RUN: not tessera-compile %s --target=webgpu --entry=scale_sum -o %t/user 2>&1 | FileCheck %s --check-prefix=KEEP
// RUN: ls %t/user | FileCheck %s --check-prefix=KEPT
// Several public functions need --entry.
// RUN: not tessera-compile %s --target=webgpu -o %t/b 2>&1 | FileCheck %s --check-prefix=ENTRY

// The entry's signature, the constant in weights.bin, a dispatch per kernel
// (the full reduction is a one-thread kernel), uploads and the download.
// CHECK:      "entry": "scale_sum"
// CHECK:      "format": "tessera-webgpu"
// CHECK:      "inputs": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "buffer": [[IN:[0-9]+]],
// CHECK-NEXT:     "dtype": "float32",
// CHECK-NEXT:     "shape": [
// CHECK-NEXT:       4,
// CHECK-NEXT:       8
// CHECK-NEXT:     ]
// CHECK:      "kernels": [
// CHECK:          "entryPoint": "main",
// CHECK:          "file": "kernels/scale_sum_kernel{{.*}}.wgsl",
// CHECK:          "workgroupSize": [
// CHECK-NEXT:       64,
// CHECK:      "limits": {
// CHECK:        "maxComputeInvocationsPerWorkgroup": 64,
// CHECK:        "maxStorageBuffersPerShaderStage": 3
// CHECK:      "outputs": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "buffer": [[OUT:[0-9]+]],
// CHECK-NEXT:     "dtype": "float32",
// CHECK-NEXT:     "shape": [
// CHECK-NEXT:       4
// CHECK-NEXT:     ]
// CHECK:      "steps": [
// CHECK:          "buffer": [[IN]],
// CHECK-NEXT:     "input": 0,
// CHECK-NEXT:     "op": "upload"
// CHECK:          "op": "dispatch",
// CHECK:          "buffer": [[OUT]],
// CHECK-NEXT:     "op": "download",
// CHECK-NEXT:     "output": 0
// CHECK:      "version": 1,
// CHECK:      "weights": "weights.bin"

// FILES: scale_sum_kernel{{.*}}.wgsl

// WEIGHTS: 0000000 0.5 1.5 2.5 3.5
// WEIGHTS: 0000016 4.5 5.5 6.5 7.5

// KEEP: is not empty and holds no Tessera WebGPU artifact; not overwriting it
// KEPT: notes.txt
// ENTRY: a WebGPU artifact has one entry function; name it with --entry (public functions: scale_sum other)

func.func @scale_sum(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %w = arith.constant dense<[0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]> : tensor<8xf32>
  %e = tensor.empty() : tensor<4x8xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x, %w : tensor<4x8xf32>, tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4xf32>) -> tensor<4xf32>
  %s = linalg.reduce ins(%p : tensor<4x8xf32>) outs(%z : tensor<4xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %t = arith.addf %in, %acc : f32
      linalg.yield %t : f32
    }
  return %s : tensor<4xf32>
}

func.func @other(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
