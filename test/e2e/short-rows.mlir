// Contractions whose register tiles are made of columns: fewer rows than
// mr (a vector-matrix product, three rows), and rows that share no operand
// (a 1x1 convolution to one channel, column sums), at sizes that leave
// remainders of columns: default config (16 lanes with AVX-512); 8 lanes,
// 2 threads and small thread slices; 4 lanes with rows of 3 (mr 3, nr 8).
// RUN: %check --model %s --entry vector_matrix --golden short_rows:vector_matrix --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry vector_matrix --golden short_rows:vector_matrix --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry three_rows --golden short_rows:three_rows --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=4 mr=3 nr=8" %check --model %s --entry three_rows --golden short_rows:three_rows --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry to_one_channel --golden short_rows:to_one_channel --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry to_one_channel --golden short_rows:to_one_channel --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry column_sums --golden short_rows:column_sums --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry column_sums --golden short_rows:column_sums --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2

// m = 1, n = 300.
func.func @vector_matrix(%a: tensor<1x200xf32>, %b: tensor<200x300xf32>)
    -> tensor<1x300xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x300xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x300xf32>)
      -> tensor<1x300xf32>
  %r = linalg.matmul ins(%a, %b : tensor<1x200xf32>, tensor<200x300xf32>)
                     outs(%z : tensor<1x300xf32>) -> tensor<1x300xf32>
  return %r : tensor<1x300xf32>
}

// m = 3 (rows that share B), n = 530, accumulating into c.
func.func @three_rows(%a: tensor<3x64xf32>, %b: tensor<64x530xf32>,
                      %c: tensor<3x530xf32>) -> tensor<3x530xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<3x64xf32>, tensor<64x530xf32>)
                     outs(%c : tensor<3x530xf32>) -> tensor<3x530xf32>
  return %r : tensor<3x530xf32>
}

// 40 -> 1 channels + bias: out[b, p] += x[b, c, p] * w[c].
func.func @to_one_channel(%x: tensor<4x40x20x20xf32>,
                          %w: tensor<1x40x1x1xf32>, %bias: tensor<1xf32>)
    -> tensor<4x1x20x20xf32> {
  %e = tensor.empty() : tensor<4x1x20x20xf32>
  %bb = linalg.broadcast ins(%bias : tensor<1xf32>)
      outs(%e : tensor<4x1x20x20xf32>) dimensions = [0, 2, 3]
  %r = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<4x40x20x20xf32>, tensor<1x40x1x1xf32>)
      outs(%bb : tensor<4x1x20x20xf32>) -> tensor<4x1x20x20xf32>
  return %r : tensor<4x1x20x20xf32>
}

// The sum of each image's rows (a column sum per channel; n = 112).
func.func @column_sums(%x: tensor<1x8x112x112xf32>) -> tensor<1x8x112xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x112xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x112xf32>)
      -> tensor<1x8x112xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(b, c, w, h) -> (b, c, h, w)>,
                       affine_map<(b, c, w, h) -> (b, c, w)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x : tensor<1x8x112x112xf32>) outs(%z : tensor<1x8x112xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<1x8x112xf32>
  return %r : tensor<1x8x112xf32>
}
