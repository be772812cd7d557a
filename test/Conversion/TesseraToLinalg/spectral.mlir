// RUN: tessera-opt %s --tessera-to-linalg --split-input-file | FileCheck %s

// 1-D: forward DFT of the last dim (real -> re/im, one generic with two
// results over constant [N, K] cos / -sin matrices), weight split with
// complex.re / complex.im, complex channel mix (four real products), C2R
// inverse with the weights 1 (bin 0), 1 (Nyquist bin N'/2 = 1) and a zero
// row for bin 2, which N' = 2 cannot hold; backward norm 1/N' = 0.5 folded
// into the C2R matrix, whose sine part vanishes exactly at 0 and Nyquist.
// CHECK-LABEL: func.func @spectral_1d_truncate
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x4xf32>, %[[W:.*]]: tensor<1x1x3xcomplex<f32>>)
// CHECK-DAG: %[[FRE:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00, 1.000000e+00], [1.000000e+00, 0.000000e+00, -1.000000e+00], [1.000000e+00, -1.000000e+00, 1.000000e+00], [1.000000e+00, 0.000000e+00, -1.000000e+00]]> : tensor<4x3xf32>
// CHECK-DAG: %[[FIM:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, -1.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 0.000000e+00]]> : tensor<4x3xf32>
// CHECK: %[[F:.*]]:2 = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[X]], %[[FRE]], %[[FIM]] : tensor<1x1x4xf32>, tensor<4x3xf32>, tensor<4x3xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: -> (tensor<1x1x3xf32>, tensor<1x1x3xf32>)
// CHECK: %[[S:.*]]:2 = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME: ins(%[[W]] : tensor<1x1x3xcomplex<f32>>)
// CHECK: complex.re
// CHECK: complex.im
// CHECK: %[[M:.*]]:2 = linalg.generic
// CHECK-SAME: ins(%[[F]]#0, %[[F]]#1, %[[S]]#0, %[[S]]#1 :
// CHECK: %[[RR:.*]] = arith.mulf
// CHECK: %[[II:.*]] = arith.mulf
// CHECK: arith.subf %[[RR]], %[[II]]
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.addf
// CHECK: arith.addf
// CHECK: -> (tensor<1x1x3xf32>, tensor<1x1x3xf32>)
// CHECK-DAG: %[[IRE:.*]] = arith.constant dense<{{\[}}[5.000000e-01, 5.000000e-01], [5.000000e-01, -5.000000e-01], [0.000000e+00, 0.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[IIM:.*]] = arith.constant dense<0.000000e+00> : tensor<3x2xf32>
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[M]]#0, %[[M]]#1, %[[IRE]], %[[IIM]] :
// CHECK: } -> tensor<1x1x2xf32>
// CHECK: return %[[Y]] : tensor<1x1x2xf32>
func.func @spectral_1d_truncate(%x: tensor<1x1x4xf32>, %w: tensor<1x1x3xcomplex<f32>>) -> tensor<1x1x2xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [3] out_shape [2]
      : (tensor<1x1x4xf32>, tensor<1x1x3xcomplex<f32>>) -> tensor<1x1x2xf32>
  return %y : tensor<1x1x2xf32>
}

// -----

// 2-D with bias, Cin != Cout: last dim first (8x6 -> 8x3 bins), then dim 2
// (8 -> 2m = 4 signed frequencies), mix 3 -> 5 channels, inverse dim 2
// (4 -> 8), C2R last dim (3 -> 6) accumulating into the broadcast bias.
// CHECK-LABEL: func.func @spectral_2d_bias
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8x6xf32>, %[[W:.*]]: tensor<3x5x4x3xcomplex<f32>>, %[[B:.*]]: tensor<5xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %{{.*}}, %{{.*}} : tensor<2x3x8x6xf32>, tensor<6x3xf32>, tensor<6x3xf32>)
// CHECK: } -> (tensor<2x3x8x3xf32>, tensor<2x3x8x3xf32>)
// CHECK: linalg.generic
// CHECK-SAME: tensor<2x3x8x3xf32>, tensor<2x3x8x3xf32>, tensor<8x4xf32>, tensor<8x4xf32>
// CHECK: } -> (tensor<2x3x4x3xf32>, tensor<2x3x4x3xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[W]] : tensor<3x5x4x3xcomplex<f32>>)
// CHECK: linalg.generic
// CHECK-SAME: tensor<2x3x4x3xf32>, tensor<2x3x4x3xf32>, tensor<3x5x4x3xf32>, tensor<3x5x4x3xf32>
// CHECK: } -> (tensor<2x5x4x3xf32>, tensor<2x5x4x3xf32>)
// CHECK: linalg.generic
// CHECK-SAME: tensor<2x5x4x3xf32>, tensor<2x5x4x3xf32>, tensor<4x8xf32>, tensor<4x8xf32>
// CHECK: } -> (tensor<2x5x8x3xf32>, tensor<2x5x8x3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x5x8x6xf32>
// CHECK: %[[BB:.*]] = linalg.broadcast ins(%[[B]] : tensor<5xf32>) outs(%[[E]] : tensor<2x5x8x6xf32>) dimensions = [0, 2, 3]
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: tensor<2x5x8x3xf32>, tensor<2x5x8x3xf32>, tensor<3x6xf32>, tensor<3x6xf32>
// CHECK-SAME: outs(%[[BB]] : tensor<2x5x8x6xf32>)
// CHECK: return %[[Y]]
func.func @spectral_2d_bias(%x: tensor<2x3x8x6xf32>, %w: tensor<3x5x4x3xcomplex<f32>>, %b: tensor<5xf32>) -> tensor<2x5x8x6xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [2, 3]
      : (tensor<2x3x8x6xf32>, tensor<3x5x4x3xcomplex<f32>>, tensor<5xf32>) -> tensor<2x5x8x6xf32>
  return %y : tensor<2x5x8x6xf32>
}

// -----

// 3-D: last dim, then dims 3 and 2 on the way in; dims 2 and 3, then the
// last dim on the way out.
// CHECK-LABEL: func.func @spectral_3d
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x2x8x6x3xf32>, tensor<1x2x8x6x3xf32>)
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x2x8x4x3xf32>, tensor<1x2x8x4x3xf32>)
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x2x6x4x3xf32>, tensor<1x2x6x4x3xf32>)
// CHECK: complex.re
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x2x6x4x3xf32>, tensor<1x2x6x4x3xf32>)
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x2x8x4x3xf32>, tensor<1x2x8x4x3xf32>)
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x2x8x6x3xf32>, tensor<1x2x8x6x3xf32>)
// CHECK: linalg.generic
// CHECK: } -> tensor<1x2x8x6x5xf32>
func.func @spectral_3d(%x: tensor<1x2x8x6x5xf32>, %w: tensor<2x2x6x4x3xcomplex<f32>>) -> tensor<1x2x8x6x5xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [3, 2, 3]
      : (tensor<1x2x8x6x5xf32>, tensor<2x2x6x4x3xcomplex<f32>>) -> tensor<1x2x8x6x5xf32>
  return %y : tensor<1x2x8x6x5xf32>
}

// -----

// Centered: dim 2 keeps -1, 0 (ascending), the last dim min(2/2+1, 6/2+1)
// = 2 bins; the inverse of dim 2 is e^{+i...}; 1/(4*6) in the C2R matrix.
// CHECK-LABEL: func.func @spectral_centered
// CHECK: arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00], [1.000000e+00, 5.000000e-01], [1.000000e+00, -5.000000e-01], [1.000000e+00, -1.000000e+00], [1.000000e+00, -5.000000e-01], [1.000000e+00, 5.000000e-01]]> : tensor<6x2xf32>
// CHECK: arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00], [-1.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00]]> : tensor<4x2xf32>
// CHECK: arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00], [1.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00], [-1.000000e+00, 0.000000e+00]]> : tensor<4x2xf32>
// CHECK: arith.constant dense<{{\[}}[1.000000e+00, 0.000000e+00, -1.000000e+00, 0.000000e+00], [1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00]]> : tensor<2x4xf32>
// CHECK: arith.constant dense<{{\[}}[0.000000e+00, -1.000000e+00, 0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<2x4xf32>
// CHECK: arith.constant dense<{{\[}}[0.0416666679, 0.0416666679, 0.0416666679, 0.0416666679, 0.0416666679, 0.0416666679], [0.0833333358, 0.0416666679, -0.0416666679, -0.0833333358, -0.0416666679, 0.0416666679]]> : tensor<2x6xf32>
func.func @spectral_centered(%x: tensor<2x3x4x6xf32>, %w: tensor<3x3x2x2xcomplex<f32>>) -> tensor<2x3x4x6xf32> {
  %y = tessera.spectral_conv centered %x, %w modes [2, 2]
      : (tensor<2x3x4x6xf32>, tensor<3x3x2x2xcomplex<f32>>) -> tensor<2x3x4x6xf32>
  return %y : tensor<2x3x4x6xf32>
}

// -----

// out_shape down on a non-last dim: the corners frequencies 0, 1, -2, -1 of
// N = 4 onto N' = 3 (which holds -1..1): +1 at 1, -1 at 2, -2 dropped (zero
// row); backward norm 1/(3*2) on the last dim.
// CHECK-LABEL: func.func @spectral_resample
// CHECK: arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00, 1.000000e+00], [1.000000e+00, -5.000000e-01, -5.000000e-01], [0.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, -5.000000e-01, -5.000000e-01]]> : tensor<4x3xf32>
// CHECK: arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.866025388, -0.866025388], [0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, -0.866025388, 0.866025388]]> : tensor<4x3xf32>
// CHECK: linalg.generic
// CHECK: } -> (tensor<1x1x3x1xf32>, tensor<1x1x3x1xf32>)
// CHECK: arith.constant dense<0.166666672> : tensor<1x2xf32>
// CHECK: linalg.generic
// CHECK: } -> tensor<1x1x3x2xf32>
func.func @spectral_resample(%x: tensor<1x1x4x2xf32>, %w: tensor<1x1x4x1xcomplex<f32>>) -> tensor<1x1x3x2xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [2, 1] out_shape [3, 2]
      : (tensor<1x1x4x2xf32>, tensor<1x1x4x1xcomplex<f32>>) -> tensor<1x1x3x2xf32>
  return %y : tensor<1x1x3x2xf32>
}

// -----

// fft_norm with out_shape: the single factor is folded into the C2R matrix.
// backward 1/N' = 1/4.
// CHECK-LABEL: func.func @spectral_norm_backward
// CHECK: arith.constant dense<2.500000e-01> : tensor<1x4xf32>
func.func @spectral_norm_backward(%x: tensor<1x1x2xf32>, %w: tensor<1x1x1xcomplex<f32>>) -> tensor<1x1x4xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [1] out_shape [4]
      : (tensor<1x1x2xf32>, tensor<1x1x1xcomplex<f32>>) -> tensor<1x1x4xf32>
  return %y : tensor<1x1x4xf32>
}

// -----

// forward: 1/N = 1/2.
// CHECK-LABEL: func.func @spectral_norm_forward
// CHECK: arith.constant dense<5.000000e-01> : tensor<1x4xf32>
func.func @spectral_norm_forward(%x: tensor<1x1x2xf32>, %w: tensor<1x1x1xcomplex<f32>>) -> tensor<1x1x4xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [1] out_shape [4] fft_norm forward
      : (tensor<1x1x2xf32>, tensor<1x1x1xcomplex<f32>>) -> tensor<1x1x4xf32>
  return %y : tensor<1x1x4xf32>
}

// -----

// ortho: 1/sqrt(N N') = 1/sqrt(8).
// CHECK-LABEL: func.func @spectral_norm_ortho
// CHECK: arith.constant dense<0.353553385> : tensor<1x4xf32>
func.func @spectral_norm_ortho(%x: tensor<1x1x2xf32>, %w: tensor<1x1x1xcomplex<f32>>) -> tensor<1x1x4xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [1] out_shape [4] fft_norm ortho
      : (tensor<1x1x2xf32>, tensor<1x1x1xcomplex<f32>>) -> tensor<1x1x4xf32>
  return %y : tensor<1x1x4xf32>
}

// -----

// Dynamic batch: every intermediate takes the batch from tensor.dim.
// CHECK-LABEL: func.func @spectral_dynamic_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x2x8xf32>, %{{.*}}: tensor<2x2x3xcomplex<f32>>, %[[B:.*]]: tensor<2xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x2x8xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x2x3xf32>
// CHECK: linalg.generic
// CHECK: } -> (tensor<?x2x3xf32>, tensor<?x2x3xf32>)
// CHECK: linalg.generic
// CHECK: } -> (tensor<?x2x3xf32>, tensor<?x2x3xf32>)
// CHECK: %[[DX:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x2x8xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[DX]]) : tensor<?x2x8xf32>
// CHECK: linalg.broadcast ins(%[[B]] : tensor<2xf32>) outs(%[[E]] : tensor<?x2x8xf32>) dimensions = [0, 2]
// CHECK: linalg.generic
// CHECK: } -> tensor<?x2x8xf32>
func.func @spectral_dynamic_batch(%x: tensor<?x2x8xf32>, %w: tensor<2x2x3xcomplex<f32>>, %b: tensor<2xf32>) -> tensor<?x2x8xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [3]
      : (tensor<?x2x8xf32>, tensor<2x2x3xcomplex<f32>>, tensor<2xf32>) -> tensor<?x2x8xf32>
  return %y : tensor<?x2x8xf32>
}

// -----

// A constant weight is split into re/im f32 constants at compile time: no
// complex op is left in the lowering.
// CHECK-LABEL: func.func @spectral_constant_weight
// CHECK-NOT: complex.re
// CHECK-DAG: %[[WRE:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 3.000000e+00]]]> : tensor<1x1x2xf32>
// CHECK-DAG: %[[WIM:.*]] = arith.constant dense<{{\[\[\[}}2.000000e+00, -4.000000e+00]]]> : tensor<1x1x2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %{{.*}}, %[[WRE]], %[[WIM]] :
// CHECK-NOT: complex.re
// CHECK: return
func.func @spectral_constant_weight(%x: tensor<1x1x4xf32>) -> tensor<1x1x4xf32> {
  %w = arith.constant dense<[[[(1.0, 2.0), (3.0, -4.0)]]]> : tensor<1x1x2xcomplex<f32>>
  %y = tessera.spectral_conv corners %x, %w modes [2]
      : (tensor<1x1x4xf32>, tensor<1x1x2xcomplex<f32>>) -> tensor<1x1x4xf32>
  return %y : tensor<1x1x4xf32>
}

// -----

// cp, f32: one contraction over the rank.
// CHECK-LABEL: func.func @factorized_cp_f32
// CHECK-SAME: (%[[L:.*]]: tensor<3xf32>, %[[A:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<5x3xf32>, %[[F1:.*]]: tensor<6x3xf32>, %[[F2:.*]]: tensor<2x3xf32>)
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[I:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.*}} : tensor<4x5x6x2xf32>)
// CHECK: %[[W:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[L]], %[[A]], %[[B]], %[[F1]], %[[F2]] :
// CHECK-SAME: outs(%[[I]] : tensor<4x5x6x2xf32>)
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: return %[[W]] : tensor<4x5x6x2xf32>
func.func @factorized_cp_f32(%l: tensor<3xf32>, %a: tensor<4x3xf32>, %b: tensor<5x3xf32>, %f1: tensor<6x3xf32>, %f2: tensor<2x3xf32>) -> tensor<4x5x6x2xf32> {
  %w = tessera.factorized_weight cp %l, %a, %b, %f1, %f2
      : (tensor<3xf32>, tensor<4x3xf32>, tensor<5x3xf32>, tensor<6x3xf32>, tensor<2x3xf32>) -> tensor<4x5x6x2xf32>
  return %w : tensor<4x5x6x2xf32>
}

// -----

// cp, complex<f32>: complex.mul / complex.add from a complex zero.
// CHECK-LABEL: func.func @factorized_cp_complex
// CHECK: %[[Z:.*]] = complex.constant [0.000000e+00 : f32, 0.000000e+00 : f32] : complex<f32>
// CHECK: linalg.fill ins(%[[Z]] : complex<f32>) outs(%{{.*}} : tensor<4x5x6xcomplex<f32>>)
// CHECK: linalg.generic
// CHECK: complex.mul
// CHECK: complex.mul
// CHECK: complex.mul
// CHECK: complex.add
// CHECK-NOT: arith.mulf
// CHECK: -> tensor<4x5x6xcomplex<f32>>
func.func @factorized_cp_complex(%l: tensor<3xcomplex<f32>>, %a: tensor<4x3xcomplex<f32>>, %b: tensor<5x3xcomplex<f32>>, %f1: tensor<6x3xcomplex<f32>>) -> tensor<4x5x6xcomplex<f32>> {
  %w = tessera.factorized_weight cp %l, %a, %b, %f1
      : (tensor<3xcomplex<f32>>, tensor<4x3xcomplex<f32>>, tensor<5x3xcomplex<f32>>, tensor<6x3xcomplex<f32>>) -> tensor<4x5x6xcomplex<f32>>
  return %w : tensor<4x5x6xcomplex<f32>>
}

// -----

// tucker: one mode product per factor, Cin first.
// CHECK-LABEL: func.func @factorized_tucker
// CHECK-SAME: (%[[C:.*]]: tensor<2x3x2xf32>, %[[A:.*]]: tensor<4x2xf32>, %[[B:.*]]: tensor<5x3xf32>, %[[F:.*]]: tensor<6x2xf32>)
// CHECK: %[[T1:.*]] = linalg.generic
// CHECK-SAME: ins(%[[C]], %[[A]] : tensor<2x3x2xf32>, tensor<4x2xf32>)
// CHECK: } -> tensor<4x3x2xf32>
// CHECK: %[[T2:.*]] = linalg.generic
// CHECK-SAME: ins(%[[T1]], %[[B]] : tensor<4x3x2xf32>, tensor<5x3xf32>)
// CHECK: } -> tensor<4x5x2xf32>
// CHECK: %[[T3:.*]] = linalg.generic
// CHECK-SAME: ins(%[[T2]], %[[F]] : tensor<4x5x2xf32>, tensor<6x2xf32>)
// CHECK: } -> tensor<4x5x6xf32>
// CHECK: return %[[T3]]
func.func @factorized_tucker(%c: tensor<2x3x2xf32>, %a: tensor<4x2xf32>, %b: tensor<5x3xf32>, %f: tensor<6x2xf32>) -> tensor<4x5x6xf32> {
  %w = tessera.factorized_weight tucker %c, %a, %b, %f
      : (tensor<2x3x2xf32>, tensor<4x2xf32>, tensor<5x3xf32>, tensor<6x2xf32>) -> tensor<4x5x6xf32>
  return %w : tensor<4x5x6xf32>
}

// -----

// tt: one contraction per core; the first sums the leading rank 1 and r1,
// the last sums r2 and the trailing rank 1.
// CHECK-LABEL: func.func @factorized_tt
// CHECK-SAME: (%[[G0:.*]]: tensor<1x4x2xcomplex<f32>>, %[[G1:.*]]: tensor<2x5x3xcomplex<f32>>, %[[G2:.*]]: tensor<3x6x1xcomplex<f32>>)
// CHECK: %[[T1:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME: ins(%[[G0]], %[[G1]] :
// CHECK: complex.mul
// CHECK: complex.add
// CHECK: -> tensor<4x5x3xcomplex<f32>>
// CHECK: %[[T2:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME: ins(%[[T1]], %[[G2]] :
// CHECK: -> tensor<4x5x6xcomplex<f32>>
// CHECK: return %[[T2]]
func.func @factorized_tt(%g0: tensor<1x4x2xcomplex<f32>>, %g1: tensor<2x5x3xcomplex<f32>>, %g2: tensor<3x6x1xcomplex<f32>>) -> tensor<4x5x6xcomplex<f32>> {
  %w = tessera.factorized_weight tt %g0, %g1, %g2
      : (tensor<1x4x2xcomplex<f32>>, tensor<2x5x3xcomplex<f32>>, tensor<3x6x1xcomplex<f32>>) -> tensor<4x5x6xcomplex<f32>>
  return %w : tensor<4x5x6xcomplex<f32>>
}
