// FNO-2D: Fourier Neural Operator for a Darcy-flow-like 2-D problem.
//
// Follows Li, Kovachki, Azizzadenesheli, Liu, Bhattacharya, Stuart,
// Anandkumar, "Fourier Neural Operator for Parametric Partial Differential
// Equations" (ICLR 2021), and the FNO2d of the official code
// (fourier_2d.py): width 32, 12 x 12 modes, 4 Fourier layers, GELU,
// projection 32 -> 128 -> 1. The domain padding of the official Darcy script
// is left out (the grid is a fixed, periodic-friendly 64 x 64).
//
// Layout is PyTorch's NCHW throughout:
//   input  x       : [4, 3, 64, 64]  channel 0 = a(x), channels 1, 2 = grid
//   lifting P      : 1x1 conv 3 -> 32, weight [32, 3, 1, 1], bias [32]
//   Fourier layer l (l = 0..3):
//       v <- gelu(spectral_conv(v) + W_l v)      (no GELU after layer 3)
//     spectral_conv: corners convention, modes [12, 12], complex weight
//       [32, 32, 24, 12] (the original code's two corner weights
//       concatenated along the first mode dim), bias [32];
//     W_l: 1x1 conv 32 -> 32 without bias, weight [32, 32, 1, 1] (the bias of
//       the official code's Conv2d is carried by the spectral_conv's bias:
//       both are added to every point, so only their sum matters).
//   projection Q   : 1x1 conv 32 -> 128 (+ bias [128]), GELU,
//                    1x1 conv 128 -> 1 (+ bias [1])
//   output         : [4, 1, 64, 64]
//
// GELU is the exact one, 0.5 x (1 + erf(x / sqrt 2)) (PyTorch's default).
// Ordinary layers are linalg named ops / linalg.generic with arith and math;
// the 1x1 convolutions are linalg.conv_2d_nchw_fchw accumulating into their
// broadcast bias (or, for the skip path, into the spectral_conv result).

// CHECK-LABEL: func.func @fno2d
// CHECK-COUNT-4: tessera.spectral_conv corners %{{.*}}, %{{.*}}, bias %{{.*}} modes [12, 12] : (tensor<4x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>, tensor<32xf32>) -> tensor<4x32x64x64xf32>
// CHECK: return %{{.*}} : tensor<4x1x64x64xf32>

#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>

func.func @fno2d(
    %x: tensor<4x3x64x64xf32>,
    // Lifting.
    %p_w: tensor<32x3x1x1xf32>, %p_b: tensor<32xf32>,
    // Fourier layer 0.
    %k0_w: tensor<32x32x24x12xcomplex<f32>>, %k0_b: tensor<32xf32>,
    %w0_w: tensor<32x32x1x1xf32>,
    // Fourier layer 1.
    %k1_w: tensor<32x32x24x12xcomplex<f32>>, %k1_b: tensor<32xf32>,
    %w1_w: tensor<32x32x1x1xf32>,
    // Fourier layer 2.
    %k2_w: tensor<32x32x24x12xcomplex<f32>>, %k2_b: tensor<32xf32>,
    %w2_w: tensor<32x32x1x1xf32>,
    // Fourier layer 3.
    %k3_w: tensor<32x32x24x12xcomplex<f32>>, %k3_b: tensor<32xf32>,
    %w3_w: tensor<32x32x1x1xf32>,
    // Projection.
    %q1_w: tensor<128x32x1x1xf32>, %q1_b: tensor<128xf32>,
    %q2_w: tensor<1x128x1x1xf32>, %q2_b: tensor<1xf32>)
    -> tensor<4x1x64x64xf32> {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %inv_sqrt2 = arith.constant 0.707106781186547524 : f32

  // ---- Lifting P: 1x1 conv 3 -> 32 (+ bias).
  %e32 = tensor.empty() : tensor<4x32x64x64xf32>
  %p_bb = linalg.broadcast ins(%p_b : tensor<32xf32>)
      outs(%e32 : tensor<4x32x64x64xf32>) dimensions = [0, 2, 3]
  %v0 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %p_w : tensor<4x3x64x64xf32>, tensor<32x3x1x1xf32>)
      outs(%p_bb : tensor<4x32x64x64xf32>) -> tensor<4x32x64x64xf32>

  // ---- Fourier layer 0: gelu(K0 v + W0 v).
  %s0 = tessera.spectral_conv corners %v0, %k0_w, bias %k0_b modes [12, 12]
      : (tensor<4x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>,
         tensor<32xf32>) -> tensor<4x32x64x64xf32>
  %t0 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%v0, %w0_w : tensor<4x32x64x64xf32>, tensor<32x32x1x1xf32>)
      outs(%s0 : tensor<4x32x64x64xf32>) -> tensor<4x32x64x64xf32>
  %v1 = linalg.generic
      {indexing_maps = [#nchw, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%t0 : tensor<4x32x64x64xf32>) outs(%e32 : tensor<4x32x64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.mulf %in, %inv_sqrt2 : f32
    %erf = math.erf %a : f32
    %b = arith.addf %erf, %one : f32
    %c = arith.mulf %in, %half : f32
    %g = arith.mulf %c, %b : f32
    linalg.yield %g : f32
  } -> tensor<4x32x64x64xf32>

  // ---- Fourier layer 1.
  %s1 = tessera.spectral_conv corners %v1, %k1_w, bias %k1_b modes [12, 12]
      : (tensor<4x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>,
         tensor<32xf32>) -> tensor<4x32x64x64xf32>
  %t1 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%v1, %w1_w : tensor<4x32x64x64xf32>, tensor<32x32x1x1xf32>)
      outs(%s1 : tensor<4x32x64x64xf32>) -> tensor<4x32x64x64xf32>
  %v2 = linalg.generic
      {indexing_maps = [#nchw, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%t1 : tensor<4x32x64x64xf32>) outs(%e32 : tensor<4x32x64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.mulf %in, %inv_sqrt2 : f32
    %erf = math.erf %a : f32
    %b = arith.addf %erf, %one : f32
    %c = arith.mulf %in, %half : f32
    %g = arith.mulf %c, %b : f32
    linalg.yield %g : f32
  } -> tensor<4x32x64x64xf32>

  // ---- Fourier layer 2.
  %s2 = tessera.spectral_conv corners %v2, %k2_w, bias %k2_b modes [12, 12]
      : (tensor<4x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>,
         tensor<32xf32>) -> tensor<4x32x64x64xf32>
  %t2 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%v2, %w2_w : tensor<4x32x64x64xf32>, tensor<32x32x1x1xf32>)
      outs(%s2 : tensor<4x32x64x64xf32>) -> tensor<4x32x64x64xf32>
  %v3 = linalg.generic
      {indexing_maps = [#nchw, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%t2 : tensor<4x32x64x64xf32>) outs(%e32 : tensor<4x32x64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.mulf %in, %inv_sqrt2 : f32
    %erf = math.erf %a : f32
    %b = arith.addf %erf, %one : f32
    %c = arith.mulf %in, %half : f32
    %g = arith.mulf %c, %b : f32
    linalg.yield %g : f32
  } -> tensor<4x32x64x64xf32>

  // ---- Fourier layer 3 (no activation).
  %s3 = tessera.spectral_conv corners %v3, %k3_w, bias %k3_b modes [12, 12]
      : (tensor<4x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>,
         tensor<32xf32>) -> tensor<4x32x64x64xf32>
  %v4 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%v3, %w3_w : tensor<4x32x64x64xf32>, tensor<32x32x1x1xf32>)
      outs(%s3 : tensor<4x32x64x64xf32>) -> tensor<4x32x64x64xf32>

  // ---- Projection Q: 1x1 conv 32 -> 128, GELU, 1x1 conv 128 -> 1.
  %e128 = tensor.empty() : tensor<4x128x64x64xf32>
  %q1_bb = linalg.broadcast ins(%q1_b : tensor<128xf32>)
      outs(%e128 : tensor<4x128x64x64xf32>) dimensions = [0, 2, 3]
  %h = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%v4, %q1_w : tensor<4x32x64x64xf32>, tensor<128x32x1x1xf32>)
      outs(%q1_bb : tensor<4x128x64x64xf32>) -> tensor<4x128x64x64xf32>
  %hg = linalg.generic
      {indexing_maps = [#nchw, #nchw],
       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%h : tensor<4x128x64x64xf32>) outs(%e128 : tensor<4x128x64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.mulf %in, %inv_sqrt2 : f32
    %erf = math.erf %a : f32
    %b = arith.addf %erf, %one : f32
    %c = arith.mulf %in, %half : f32
    %g = arith.mulf %c, %b : f32
    linalg.yield %g : f32
  } -> tensor<4x128x64x64xf32>
  %e1 = tensor.empty() : tensor<4x1x64x64xf32>
  %q2_bb = linalg.broadcast ins(%q2_b : tensor<1xf32>)
      outs(%e1 : tensor<4x1x64x64xf32>) dimensions = [0, 2, 3]
  %u = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%hg, %q2_w : tensor<4x128x64x64xf32>, tensor<1x128x1x1xf32>)
      outs(%q2_bb : tensor<4x1x64x64xf32>) -> tensor<4x1x64x64xf32>
  return %u : tensor<4x1x64x64xf32>
}
