// Binary convolutional network stage: XNOR-Net and BiPer layers.
//
// Follows Rastegari, Ordonez, Redmon, Farhadi, "XNOR-Net: ImageNet
// Classification Using Binary Convolutional Neural Networks" (ECCV 2016) for
// the first block (binary inputs and weights, weight scale alpha = mean |W|,
// input scaling K) and Vargas, Correa, Hinojosa, Arguello, "BiPer: Binary
// Neural Networks using a Periodic Function" (CVPR 2024) for the second
// (weights binarised as sign(sin(omega W)), omega = 20, the op's default), at
// inference. A binary classifier head follows global average pooling. As in
// XNOR-Net's block (BN -> binary activation -> binary conv), each batch norm
// feeds the next binarization directly: a ReLU there would make every sign
// +1 and the binary layer blind to its input.
//
// Layout is PyTorch's NCHW:
//   input  x  : [1, 64, 28, 28]
//   block 1   : binary_conv2d 3x3, 64 -> 64, stride 1, padding 1, with
//               XNOR-Net's input scaling K; weight [64, 64, 3, 3]
//               (real-valued, alpha computed by the op);
//               BN (eval, folded to scale [64] / shift [64])
//   block 2   : binary_conv2d 3x3, 64 -> 64, padding 1, transform periodic
//               (BiPer), weight [64, 64, 3, 3], alpha [64] given;
//               BN (scale [64] / shift [64])
//   head      : global average pooling -> [1, 64];
//               binary_matmul 64 -> 10 with input scaling (XNOR-Net's beta),
//               weight [10, 64] (PyTorch's Linear layout), + bias [10]
//   output    : [1, 10] logits
//
// Ordinary layers: linalg.generic (BN, the pooling mean), linalg.reduce
// (pooling sum), linalg.broadcast + linalg.add (bias).

// CHECK-LABEL: func.func @xnor_conv
// CHECK: tessera.binary_conv2d %{{.*}}, %{{.*}} padding [1, 1] input_scaling : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
// CHECK: tessera.binary_conv2d %{{.*}}, %{{.*}} alpha %{{.*}} padding [1, 1] transform periodic : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x28x28xf32>
// CHECK: linalg.reduce
// CHECK: tessera.binary_matmul %{{.*}}, %{{.*}} input_scaling : (tensor<1x64xf32>, tensor<10x64xf32>) -> tensor<1x10xf32>
// CHECK: return %{{.*}} : tensor<1x10xf32>

#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>
#chan = affine_map<(n, c, h, w) -> (c)>
#id2 = affine_map<(n, c) -> (n, c)>

func.func @xnor_conv(
    %x: tensor<1x64x28x28xf32>,
    // Block 1 (XNOR-Net).
    %conv1_w: tensor<64x64x3x3xf32>,
    %bn1_scale: tensor<64xf32>, %bn1_shift: tensor<64xf32>,
    // Block 2 (BiPer).
    %conv2_w: tensor<64x64x3x3xf32>, %conv2_alpha: tensor<64xf32>,
    %bn2_scale: tensor<64xf32>, %bn2_shift: tensor<64xf32>,
    // Classifier head.
    %fc_w: tensor<10x64xf32>, %fc_b: tensor<10xf32>) -> tensor<1x10xf32> {
  %zero = arith.constant 0.0 : f32
  %inv_hw = arith.constant 0.00127551020408163265 : f32  // 1 / (28 * 28)
  %e = tensor.empty() : tensor<1x64x28x28xf32>

  // ---- Block 1: XNOR-Net binary conv, BN.
  %c1 = tessera.binary_conv2d %x, %conv1_w padding [1, 1] input_scaling
      : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
  %r1 = linalg.generic
      {indexing_maps = [#nchw, #chan, #chan, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c1, %bn1_scale, %bn1_shift
          : tensor<1x64x28x28xf32>, tensor<64xf32>, tensor<64xf32>)
      outs(%e : tensor<1x64x28x28xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    %a = arith.addf %m, %t : f32
    linalg.yield %a : f32
  } -> tensor<1x64x28x28xf32>

  // ---- Block 2: BiPer binary conv (periodic weight transform), BN.
  %c2 = tessera.binary_conv2d %r1, %conv2_w alpha %conv2_alpha padding [1, 1]
      transform periodic
      : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>)
      -> tensor<1x64x28x28xf32>
  %r2 = linalg.generic
      {indexing_maps = [#nchw, #chan, #chan, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c2, %bn2_scale, %bn2_shift
          : tensor<1x64x28x28xf32>, tensor<64xf32>, tensor<64xf32>)
      outs(%e : tensor<1x64x28x28xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    %a = arith.addf %m, %t : f32
    linalg.yield %a : f32
  } -> tensor<1x64x28x28xf32>

  // ---- Head: global average pooling, binary linear 64 -> 10, bias.
  %ep = tensor.empty() : tensor<1x64xf32>
  %zp = linalg.fill ins(%zero : f32) outs(%ep : tensor<1x64xf32>)
      -> tensor<1x64xf32>
  %sum = linalg.reduce ins(%r2 : tensor<1x64x28x28xf32>)
      outs(%zp : tensor<1x64xf32>) dimensions = [2, 3]
      (%in: f32, %acc: f32) {
        %s = arith.addf %in, %acc : f32
        linalg.yield %s : f32
      }
  %gap = linalg.generic
      {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%sum : tensor<1x64xf32>) outs(%ep : tensor<1x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %inv_hw : f32
    linalg.yield %m : f32
  } -> tensor<1x64xf32>
  %logits = tessera.binary_matmul %gap, %fc_w input_scaling
      : (tensor<1x64xf32>, tensor<10x64xf32>) -> tensor<1x10xf32>
  %el = tensor.empty() : tensor<1x10xf32>
  %bb = linalg.broadcast ins(%fc_b : tensor<10xf32>)
      outs(%el : tensor<1x10xf32>) dimensions = [0]
  %y = linalg.add ins(%logits, %bb : tensor<1x10xf32>, tensor<1x10xf32>)
      outs(%el : tensor<1x10xf32>) -> tensor<1x10xf32>
  return %y : tensor<1x10xf32>
}
