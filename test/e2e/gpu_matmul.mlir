// Matmuls large enough for the GPU pipelines' workgroup tiles
// (tessera-gpu-shared-memory-tiling: 32 x 32 tiles of C, K-slices of 32):
// whole tiles, and ragged edges in M, N and K. On the CPU they check the
// goldens; test/e2e/vulkan/gpu_matmul.test replays them on Vulkan with and
// without the tiling.
// RUN: %check --model %s --entry matmul_tiles --golden gpu_matmul:matmul_tiles --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry matmul_ragged --golden gpu_matmul:matmul_ragged --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry batch_matmul_ragged --golden gpu_matmul:batch_matmul_ragged --workdir %t --rtol 1e-4 --atol 1e-4 --aot

func.func @matmul_tiles(%a: tensor<64x96xf32>, %b: tensor<96x128xf32>)
    -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>)
      -> tensor<64x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x128xf32>)
      outs(%c : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// M = 40, K = 70, N = 33: partial tiles on every side; C starts from a
// bias, which the tiles accumulate onto.
func.func @matmul_ragged(%a: tensor<40x70xf32>, %b: tensor<70x33xf32>,
                         %bias: tensor<40x33xf32>) -> tensor<40x33xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<40x70xf32>, tensor<70x33xf32>)
      outs(%bias : tensor<40x33xf32>) -> tensor<40x33xf32>
  return %r : tensor<40x33xf32>
}

func.func @batch_matmul_ragged(%x: tensor<3x37x45xf32>,
                               %w: tensor<3x45x50xf32>)
    -> tensor<3x37x50xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}>
      : () -> tensor<1xf32>
  %m = tosa.matmul %x, %w, %zp, %zp
      : (tensor<3x37x45xf32>, tensor<3x45x50xf32>, tensor<1xf32>,
         tensor<1xf32>) -> tensor<3x37x50xf32>
  return %m : tensor<3x37x50xf32>
}
