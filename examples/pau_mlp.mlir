// MLP with Pade activation units.
//
// Follows Molina, Schramowski, Kersting, "Pade Activation Units: End-to-end
// Learning of Flexible Activation Functions in Deep Networks" (ICLR 2020):
// rational activations F(x) = P(x) / Q(x) of degrees (m, n) = (5, 4) with
// learnable coefficients, here in a small classifier MLP.
//
//   input  x      : [32, 128]   (batch 32, 128 features)
//   fc1           : Linear 128 -> 256, weight [256, 128] (PyTorch layout),
//                   bias [256]
//   act1          : tessera.pau safe (the paper's safe PAU,
//                   Q = 1 + |b1 x + .. + b4 x^4|), one coefficient set for
//                   the whole tensor: numerator [6], denominator [4]
//   fc2           : Linear 256 -> 256, weight [256, 256], bias [256]
//   act2          : tessera.pau abs (the official code's default,
//                   Q = 1 + sum |b_k| |x|^k), channel_axis 1: one set per
//                   feature, numerator [256, 6], denominator [256, 4]
//   fc3           : Linear 256 -> 10, weight [10, 256], bias [10]
//   output        : [32, 10] logits
//
// Each Linear is y = x W^T + b: linalg.broadcast of the bias, then a
// linalg.matmul whose indexing maps read W transposed, accumulating into it.

// CHECK-LABEL: func.func @pau_mlp
// CHECK: tessera.pau safe %{{.*}}, %{{.*}}, %{{.*}} : (tensor<32x256xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<32x256xf32>
// CHECK: tessera.pau abs %{{.*}}, %{{.*}}, %{{.*}} channel_axis 1 : (tensor<32x256xf32>, tensor<256x6xf32>, tensor<256x4xf32>) -> tensor<32x256xf32>
// CHECK: return %{{.*}} : tensor<32x10xf32>

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>

func.func @pau_mlp(
    %x: tensor<32x128xf32>,
    %fc1_w: tensor<256x128xf32>, %fc1_b: tensor<256xf32>,
    %pau1_num: tensor<6xf32>, %pau1_den: tensor<4xf32>,
    %fc2_w: tensor<256x256xf32>, %fc2_b: tensor<256xf32>,
    %pau2_num: tensor<256x6xf32>, %pau2_den: tensor<256x4xf32>,
    %fc3_w: tensor<10x256xf32>, %fc3_b: tensor<10xf32>) -> tensor<32x10xf32> {
  %e256 = tensor.empty() : tensor<32x256xf32>

  // fc1: x W1^T + b1.
  %b1 = linalg.broadcast ins(%fc1_b : tensor<256xf32>)
      outs(%e256 : tensor<32x256xf32>) dimensions = [0]
  %h1 = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %fc1_w : tensor<32x128xf32>, tensor<256x128xf32>)
      outs(%b1 : tensor<32x256xf32>) -> tensor<32x256xf32>

  // Safe PAU, per-tensor coefficients.
  %a1 = tessera.pau safe %h1, %pau1_num, %pau1_den
      : (tensor<32x256xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<32x256xf32>

  // fc2: a1 W2^T + b2.
  %b2 = linalg.broadcast ins(%fc2_b : tensor<256xf32>)
      outs(%e256 : tensor<32x256xf32>) dimensions = [0]
  %h2 = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%a1, %fc2_w : tensor<32x256xf32>, tensor<256x256xf32>)
      outs(%b2 : tensor<32x256xf32>) -> tensor<32x256xf32>

  // PAU (abs version), per-feature coefficients.
  %a2 = tessera.pau abs %h2, %pau2_num, %pau2_den channel_axis 1
      : (tensor<32x256xf32>, tensor<256x6xf32>, tensor<256x4xf32>)
      -> tensor<32x256xf32>

  // fc3: a2 W3^T + b3.
  %e10 = tensor.empty() : tensor<32x10xf32>
  %b3 = linalg.broadcast ins(%fc3_b : tensor<10xf32>)
      outs(%e10 : tensor<32x10xf32>) dimensions = [0]
  %y = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%a2, %fc3_w : tensor<32x256xf32>, tensor<10x256xf32>)
      outs(%b3 : tensor<32x10xf32>) -> tensor<32x10xf32>
  return %y : tensor<32x10xf32>
}
