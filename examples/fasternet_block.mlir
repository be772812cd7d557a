// FasterNet block (FasterNet-T0, first stage).
//
// Follows Chen, Kao, He, Zhuo, Wen, Lee, Chan, "Run, Don't Walk: Chasing
// Higher FLOPS for Faster Neural Networks" (CVPR 2023), and the MLPBlock of
// the official code in eval mode (drop path = identity, no layer scale):
//
//   y = x + PW2(GELU(BN(PW1(PConv(x)))))
//
// Layout is PyTorch's NCHW; FasterNet-T0 stage 1: embed dim 40, MLP ratio 2.
//   input  x    : [1, 40, 56, 56]
//   PConv       : tessera.partial_conv2d, n_div 4 -> c_p = 10 convolved
//                 channels, 3x3, weight [10, 10, 3, 3], stride 1, padding 1,
//                 no bias; channels 10..39 pass through
//   PW1         : 1x1 conv 40 -> 80, no bias, weight [80, 40, 1, 1]
//   BN          : BatchNorm2d(80) in eval mode, folded to a per-channel
//                 scale [80] = gamma / sqrt(var + eps) and
//                 shift [80] = beta - mean * scale
//   GELU        : exact, 0.5 x (1 + erf(x / sqrt 2))
//   PW2         : 1x1 conv 80 -> 40, no bias, weight [40, 80, 1, 1]
//   output      : [1, 40, 56, 56]
//
// Ordinary layers are linalg named ops (conv_2d_nchw_fchw, add) and
// linalg.generic with arith / math.

// CHECK-LABEL: func.func @fasternet_block
// CHECK: tessera.partial_conv2d %{{.*}}, %{{.*}} : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>
// CHECK: return %{{.*}} : tensor<1x40x56x56xf32>

#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>
#chan = affine_map<(n, c, h, w) -> (c)>

func.func @fasternet_block(
    %x: tensor<1x40x56x56xf32>,
    %pconv_w: tensor<10x10x3x3xf32>,
    %pw1_w: tensor<80x40x1x1xf32>,
    %bn_scale: tensor<80xf32>, %bn_shift: tensor<80xf32>,
    %pw2_w: tensor<40x80x1x1xf32>) -> tensor<1x40x56x56xf32> {
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %inv_sqrt2 = arith.constant 0.707106781186547524 : f32

  // Spatial mixing: 3x3 conv over the first C/4 channels only.
  %p = tessera.partial_conv2d %x, %pconv_w
      : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>

  // PW1: 1x1 conv 40 -> 80.
  %e80 = tensor.empty() : tensor<1x80x56x56xf32>
  %z80 = linalg.fill ins(%zero : f32) outs(%e80 : tensor<1x80x56x56xf32>)
      -> tensor<1x80x56x56xf32>
  %h = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %pw1_w : tensor<1x40x56x56xf32>, tensor<80x40x1x1xf32>)
      outs(%z80 : tensor<1x80x56x56xf32>) -> tensor<1x80x56x56xf32>

  // BN (eval): per-channel scale and shift.
  %bn = linalg.generic
      {indexing_maps = [#nchw, #chan, #chan, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%h, %bn_scale, %bn_shift
          : tensor<1x80x56x56xf32>, tensor<80xf32>, tensor<80xf32>)
      outs(%e80 : tensor<1x80x56x56xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    %r = arith.addf %m, %t : f32
    linalg.yield %r : f32
  } -> tensor<1x80x56x56xf32>

  // GELU.
  %g = linalg.generic
      {indexing_maps = [#nchw, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<1x80x56x56xf32>) outs(%e80 : tensor<1x80x56x56xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.mulf %in, %inv_sqrt2 : f32
    %erf = math.erf %a : f32
    %b = arith.addf %erf, %one : f32
    %c = arith.mulf %in, %half : f32
    %r = arith.mulf %c, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x80x56x56xf32>

  // PW2: 1x1 conv 80 -> 40.
  %e40 = tensor.empty() : tensor<1x40x56x56xf32>
  %z40 = linalg.fill ins(%zero : f32) outs(%e40 : tensor<1x40x56x56xf32>)
      -> tensor<1x40x56x56xf32>
  %o = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%g, %pw2_w : tensor<1x80x56x56xf32>, tensor<40x80x1x1xf32>)
      outs(%z40 : tensor<1x40x56x56xf32>) -> tensor<1x40x56x56xf32>

  // Residual.
  %y = linalg.add ins(%x, %o : tensor<1x40x56x56xf32>, tensor<1x40x56x56xf32>)
      outs(%e40 : tensor<1x40x56x56xf32>) -> tensor<1x40x56x56xf32>
  return %y : tensor<1x40x56x56xf32>
}
