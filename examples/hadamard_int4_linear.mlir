// INT4 linear layer with the Hadamard quantizer (forward pass).
//
// Follows Xi, Li, Chen, Zhu, "Training Transformers with 4-bit Integers"
// (NeurIPS 2023): the forward of every linear layer quantizes activations and
// weights with the Hadamard quantizer (HQ), i.e. a block-diagonal Hadamard
// transform (block 32) along the reduction dim, which spreads outliers, then
// INT4 quantization, an INT4 x INT4 GEMM with int32 accumulation, and
// dequantization by the product of the scales. Since H H^T = I,
// (X H)(W H)^T = X W^T, so no inverse transform is needed.
//
//   X        : [64, 256] f32   activations (64 tokens, K = 256)
//   W        : [128, 256] f32  weight, PyTorch's Linear layout [N, K]
//   bias     : [128] f32
//   output Y : [64, 128] f32 = dequant(q(X H) q(W H)^T) + bias
//
// @hadamard_int4_linear              per-tensor scales s_x, s_w (rank-0
//                                    tensors, e.g. learned LSQ step sizes)
// @hadamard_int4_linear_per_channel  per-token scales s_x [64] and
//                                    per-output-channel scales s_w [128]
//                                    (columns of the transposed weight)
//
// Quantization is symmetric (zero point 0) to i4 in [-8, 7], round half to
// even. The quantized weight is transposed to [K, N] with linalg.transpose
// (on i4 data); the bias is added with linalg.broadcast + linalg.add.

// CHECK-LABEL: func.func @hadamard_int4_linear(
// CHECK: tessera.hadamard %{{.*}} block 32 : tensor<64x256xf32>
// CHECK: tessera.hadamard %{{.*}} block 32 : tensor<128x256xf32>
// CHECK: tessera.quantize %{{.*}} scale %{{.*}} : (tensor<64x256xf32>, tensor<f32>) -> tensor<64x256xi4>
// CHECK: tessera.quantize %{{.*}} scale %{{.*}} : (tensor<128x256xf32>, tensor<f32>) -> tensor<128x256xi4>
// CHECK: linalg.transpose
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) : (tensor<64x256xi4>, tensor<256x128xi4>, tensor<f32>, tensor<f32>) -> tensor<64x128xf32>
// CHECK: return %{{.*}} : tensor<64x128xf32>

func.func @hadamard_int4_linear(
    %x: tensor<64x256xf32>, %w: tensor<128x256xf32>, %bias: tensor<128xf32>,
    %s_x: tensor<f32>, %s_w: tensor<f32>) -> tensor<64x128xf32> {
  // Hadamard transform of both operands along K.
  %xh = tessera.hadamard %x block 32 : tensor<64x256xf32>
  %wh = tessera.hadamard %w block 32 : tensor<128x256xf32>

  // INT4 quantization, per-tensor scales.
  %qx = tessera.quantize %xh scale %s_x
      : (tensor<64x256xf32>, tensor<f32>) -> tensor<64x256xi4>
  %qw = tessera.quantize %wh scale %s_w
      : (tensor<128x256xf32>, tensor<f32>) -> tensor<128x256xi4>

  // W^T: [N, K] -> [K, N].
  %et = tensor.empty() : tensor<256x128xi4>
  %qwt = linalg.transpose ins(%qw : tensor<128x256xi4>)
      outs(%et : tensor<256x128xi4>) permutation = [1, 0]

  // INT4 GEMM, int32 accumulation, f32 result s_x * s_w * acc.
  %acc = tessera.qmatmul %qx, %qwt scales(%s_x, %s_w)
      : (tensor<64x256xi4>, tensor<256x128xi4>, tensor<f32>, tensor<f32>)
      -> tensor<64x128xf32>

  // + bias.
  %e = tensor.empty() : tensor<64x128xf32>
  %bb = linalg.broadcast ins(%bias : tensor<128xf32>)
      outs(%e : tensor<64x128xf32>) dimensions = [0]
  %y = linalg.add ins(%acc, %bb : tensor<64x128xf32>, tensor<64x128xf32>)
      outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %y : tensor<64x128xf32>
}

// CHECK-LABEL: func.func @hadamard_int4_linear_per_channel(
// CHECK: tessera.hadamard %{{.*}} block 32 : tensor<64x256xf32>
// CHECK: tessera.hadamard %{{.*}} block 32 : tensor<128x256xf32>
// CHECK: tessera.quantize %{{.*}} scale %{{.*}} axis 0 : (tensor<64x256xf32>, tensor<64xf32>) -> tensor<64x256xi4>
// CHECK: tessera.quantize %{{.*}} scale %{{.*}} axis 0 : (tensor<128x256xf32>, tensor<128xf32>) -> tensor<128x256xi4>
// CHECK: linalg.transpose
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) : (tensor<64x256xi4>, tensor<256x128xi4>, tensor<64xf32>, tensor<128xf32>) -> tensor<64x128xf32>
// CHECK: return %{{.*}} : tensor<64x128xf32>

func.func @hadamard_int4_linear_per_channel(
    %x: tensor<64x256xf32>, %w: tensor<128x256xf32>, %bias: tensor<128xf32>,
    %s_x: tensor<64xf32>, %s_w: tensor<128xf32>) -> tensor<64x128xf32> {
  %xh = tessera.hadamard %x block 32 : tensor<64x256xf32>
  %wh = tessera.hadamard %w block 32 : tensor<128x256xf32>

  // INT4 quantization: one scale per token (row of X) and per output
  // channel (row of W, i.e. column of W^T).
  %qx = tessera.quantize %xh scale %s_x axis 0
      : (tensor<64x256xf32>, tensor<64xf32>) -> tensor<64x256xi4>
  %qw = tessera.quantize %wh scale %s_w axis 0
      : (tensor<128x256xf32>, tensor<128xf32>) -> tensor<128x256xi4>

  %et = tensor.empty() : tensor<256x128xi4>
  %qwt = linalg.transpose ins(%qw : tensor<128x256xi4>)
      outs(%et : tensor<256x128xi4>) permutation = [1, 0]

  // f32 result s_x[m] * s_w[n] * acc[m, n].
  %acc = tessera.qmatmul %qx, %qwt scales(%s_x, %s_w)
      : (tensor<64x256xi4>, tensor<256x128xi4>, tensor<64xf32>, tensor<128xf32>)
      -> tensor<64x128xf32>

  %e = tensor.empty() : tensor<64x128xf32>
  %bb = linalg.broadcast ins(%bias : tensor<128xf32>)
      outs(%e : tensor<64x128xf32>) dimensions = [0]
  %y = linalg.add ins(%acc, %bb : tensor<64x128xf32>, tensor<64x128xf32>)
      outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %y : tensor<64x128xf32>
}
