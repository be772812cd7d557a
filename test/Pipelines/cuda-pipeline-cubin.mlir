// With the CUDA toolkit, the kernels can be cubins (ptxas through
// gpu-module-to-binary) instead of PTX.
// REQUIRES: ptxas
// RUN: tessera-opt %s --tessera-cuda-pipeline="format=bin cuda-path=auto" | FileCheck %s

// CHECK: gpu.binary @relu_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80"
// CHECK-SAME: bin = "\7FELF

func.func @relu(%x: tensor<256xf32>) -> tensor<256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<256xf32>) outs(%e : tensor<256xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<256xf32>
  return %y : tensor<256xf32>
}
