// Residual block with a Pade neuron (PAON) layer, super-resolution style.
//
// Follows Keles, Tekalp, "PAON: A New Neuron Model using Pade Approximants"
// (2024): a Paon layer computes the rational function
// p / (1 + sum_k |conv(x^k, WQ_k)|) with p = w0 + sum_k conv(x^k, WP_k)
// (Paon-A) and needs no separate activation. Here it takes the place of the
// first convolution + ReLU of a residual block of an EDSR-like
// super-resolution body (no batch norm).
//
// Layout is PyTorch's NCHW:
//   input  x : [1, 32, 64, 64]  feature maps of the SR body
//   paon     : tessera.pade_conv2d abs, 3x3, 32 -> 32, padding 1,
//              numerator degree M = 2, denominator degree Nq = 2;
//              wp [2, 32, 32, 3, 3], wq [2, 32, 32, 3, 3], w0 [32]
//   conv     : 3x3 conv 32 -> 32, padding 1, weight [32, 32, 3, 3], bias [32]
//   output   : y = x + conv(paon(x)), [1, 32, 64, 64]
//
// The padded conv is tensor.pad + linalg.conv_2d_nchw_fchw accumulating into
// the broadcast bias; the residual add is linalg.add.

// CHECK-LABEL: func.func @paon_block
// CHECK: tessera.pade_conv2d abs %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} padding [1, 1] : (tensor<1x32x64x64xf32>, tensor<2x32x32x3x3xf32>, tensor<2x32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x64x64xf32>
// CHECK: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: return %{{.*}} : tensor<1x32x64x64xf32>

func.func @paon_block(
    %x: tensor<1x32x64x64xf32>,
    %wp: tensor<2x32x32x3x3xf32>, %wq: tensor<2x32x32x3x3xf32>,
    %w0: tensor<32xf32>,
    %conv_w: tensor<32x32x3x3xf32>, %conv_b: tensor<32xf32>)
    -> tensor<1x32x64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<1x32x64x64xf32>, tensor<2x32x32x3x3xf32>,
         tensor<2x32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x64x64xf32>

  // 3x3 conv, padding 1, + bias.
  %pp = tensor.pad %p low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<1x32x64x64xf32> to tensor<1x32x66x66xf32>
  %e = tensor.empty() : tensor<1x32x64x64xf32>
  %bb = linalg.broadcast ins(%conv_b : tensor<32xf32>)
      outs(%e : tensor<1x32x64x64xf32>) dimensions = [0, 2, 3]
  %c = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%pp, %conv_w : tensor<1x32x66x66xf32>, tensor<32x32x3x3xf32>)
      outs(%bb : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>

  // Residual.
  %y = linalg.add ins(%x, %c : tensor<1x32x64x64xf32>, tensor<1x32x64x64xf32>)
      outs(%e : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  return %y : tensor<1x32x64x64xf32>
}
