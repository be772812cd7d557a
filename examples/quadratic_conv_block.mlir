// Quadratic-neuron convolutional block.
//
// Follows Fan, Cong, Wang, "A New Type of Neurons for Machine Learning"
// (Int. J. Numer. Methods Biomed. Eng. 2018) for the neuron
// (W_r x + b_r) * (W_g x + b_g) + W_b (x * x) + c, and Xu et al., "QuadraLib:
// A Performant Quadratic Neural Network Library for Architecture Optimization
// and Design Exploration" (MLSys 2022) for its use as a drop-in replacement of
// the convolution of a conv-BN-ReLU block (VGG/ResNet style, CIFAR-sized).
//
// Layout is PyTorch's NCHW:
//   input  x : [1, 32, 32, 32]
//   qconv    : tessera.quadratic_conv2d fan, 3x3, 32 -> 64, stride 1,
//              padding 1; weights W_r, W_g, W_b [64, 32, 3, 3];
//              biases b_r, b_g, c [64]
//   BN       : eval mode, folded to scale [64] / shift [64]
//   ReLU
//   output   : [1, 64, 32, 32]
//
// BN and ReLU are one linalg.generic with arith ops.

// CHECK-LABEL: func.func @quadratic_conv_block
// CHECK: tessera.quadratic_conv2d fan %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}) biases(%{{.*}}, %{{.*}}, %{{.*}}) padding [1, 1] : (tensor<1x32x32x32xf32>, tensor<64x32x3x3xf32>, tensor<64x32x3x3xf32>, tensor<64x32x3x3xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x32x32xf32>
// CHECK: return %{{.*}} : tensor<1x64x32x32xf32>

#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>
#chan = affine_map<(n, c, h, w) -> (c)>

func.func @quadratic_conv_block(
    %x: tensor<1x32x32x32xf32>,
    %w_r: tensor<64x32x3x3xf32>, %w_g: tensor<64x32x3x3xf32>,
    %w_b: tensor<64x32x3x3xf32>,
    %b_r: tensor<64xf32>, %b_g: tensor<64xf32>, %c: tensor<64xf32>,
    %bn_scale: tensor<64xf32>, %bn_shift: tensor<64xf32>)
    -> tensor<1x64x32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %q = tessera.quadratic_conv2d fan %x weights(%w_r, %w_g, %w_b)
      biases(%b_r, %b_g, %c) padding [1, 1]
      : (tensor<1x32x32x32xf32>, tensor<64x32x3x3xf32>, tensor<64x32x3x3xf32>,
         tensor<64x32x3x3xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>)
      -> tensor<1x64x32x32xf32>
  %e = tensor.empty() : tensor<1x64x32x32xf32>
  %y = linalg.generic
      {indexing_maps = [#nchw, #chan, #chan, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%q, %bn_scale, %bn_shift
          : tensor<1x64x32x32xf32>, tensor<64xf32>, tensor<64xf32>)
      outs(%e : tensor<1x64x32x32xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    %a = arith.addf %m, %t : f32
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x64x32x32xf32>
  return %y : tensor<1x64x32x32xf32>
}
