// RUN: tessera-opt %s -canonicalize -split-input-file | FileCheck %s

// Folders and canonicalization patterns of the low-bit quantized ops.
//
// Expected constants are computed by hand from the spec (OPERATORS.md, 6):
//   quantize:   q = clamp(round_half_even(r / s) + z, lo, hi)
//   dequantize: r = s * (q - z)
// with [lo, hi] = [-128, 127] (i8, si8), [0, 255] (ui8), [-8, 7] (i4),
// [0, 15] (ui4). Scales are powers of two (or the quotients are far from a
// tie), so that r / s is exact in f32 and the expected values do not depend
// on how the division rounds.

//===----------------------------------------------------------------------===//
// hadamard
//===----------------------------------------------------------------------===//

// The orthonormal 1x1 Hadamard matrix is [1]: block 1 is the identity.
// CHECK-LABEL: func.func @hadamard_block1_folds
// CHECK-SAME: (%[[X:.*]]: tensor<16x256xf32>)
// CHECK-NOT: tessera.hadamard
// CHECK: return %[[X]] : tensor<16x256xf32>
func.func @hadamard_block1_folds(%x: tensor<16x256xf32>) -> tensor<16x256xf32> {
  %y = tessera.hadamard %x block 1 : tensor<16x256xf32>
  return %y : tensor<16x256xf32>
}

// -----

// CHECK-LABEL: func.func @hadamard_block32_does_not_fold
// CHECK-SAME: (%[[X:.*]]: tensor<16x256xf32>)
// CHECK: %[[Y:.*]] = tessera.hadamard %[[X]] block 32 : tensor<16x256xf32>
// CHECK: return %[[Y]]
func.func @hadamard_block32_does_not_fold(%x: tensor<16x256xf32>) -> tensor<16x256xf32> {
  %y = tessera.hadamard %x block 32 : tensor<16x256xf32>
  return %y : tensor<16x256xf32>
}

// -----

// Only the block-1 transforms of a chain go away.
// CHECK-LABEL: func.func @hadamard_chain
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK: %[[A:.*]] = tessera.hadamard %[[X]] block 8 : tensor<4x8xf32>
// CHECK-NOT: block 1
// CHECK: return %[[A]]
func.func @hadamard_chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = tessera.hadamard %x block 1 : tensor<4x8xf32>
  %b = tessera.hadamard %a block 8 : tensor<4x8xf32>
  %c = tessera.hadamard %b block 1 : tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}

// -----

// Two block-8 transforms are the identity mathematically (H H = I), but that
// is not a fold of the op.
// CHECK-LABEL: func.func @hadamard_twice_is_kept
// CHECK: tessera.hadamard %{{.*}} block 8
// CHECK: tessera.hadamard %{{.*}} block 8
func.func @hadamard_twice_is_kept(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = tessera.hadamard %x block 8 : tensor<4x8xf32>
  %b = tessera.hadamard %a block 8 : tensor<4x8xf32>
  return %b : tensor<4x8xf32>
}

//===----------------------------------------------------------------------===//
// quantize(dequantize(q)) -> q
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @requantize_same_attr_params
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xi8>)
// CHECK-NOT: tessera.
// CHECK: return %[[Q]] : tensor<4x16xi8>
func.func @requantize_same_attr_params(%q: tensor<4x16xi8>) -> tensor<4x16xi8> {
  %r = tessera.dequantize %q scales [0.05] zero_points [3]
      : (tensor<4x16xi8>) -> tensor<4x16xf32>
  %p = tessera.quantize %r scales [0.05] zero_points [3]
      : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %p : tensor<4x16xi8>
}

// -----

// CHECK-LABEL: func.func @requantize_same_attr_params_per_axis_i4
// CHECK-SAME: (%[[Q:.*]]: tensor<2x3xi4>)
// CHECK-NOT: tessera.
// CHECK: return %[[Q]] : tensor<2x3xi4>
func.func @requantize_same_attr_params_per_axis_i4(%q: tensor<2x3xi4>) -> tensor<2x3xi4> {
  %r = tessera.dequantize %q scales [0.5, 1.0, 3.0] zero_points [-8, 0, 7] axis 1
      : (tensor<2x3xi4>) -> tensor<2x3xf32>
  %p = tessera.quantize %r scales [0.5, 1.0, 3.0] zero_points [-8, 0, 7] axis 1
      : (tensor<2x3xf32>) -> tensor<2x3xi4>
  return %p : tensor<2x3xi4>
}

// -----

// CHECK-LABEL: func.func @requantize_same_attr_params_ui8_no_zero_point
// CHECK-SAME: (%[[Q:.*]]: tensor<8xui8>)
// CHECK-NOT: tessera.
// CHECK: return %[[Q]] : tensor<8xui8>
func.func @requantize_same_attr_params_ui8_no_zero_point(%q: tensor<8xui8>) -> tensor<8xui8> {
  %r = tessera.dequantize %q scales [0.1] : (tensor<8xui8>) -> tensor<8xf32>
  %p = tessera.quantize %r scales [0.1] : (tensor<8xf32>) -> tensor<8xui8>
  return %p : tensor<8xui8>
}

// -----

// CHECK-LABEL: func.func @requantize_same_ssa_params
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<4x16xi4>
// CHECK-NOT: tessera.
// CHECK: return %[[Q]] : tensor<4x16xi4>
func.func @requantize_same_ssa_params(%q: tensor<4x16xi4>, %s: tensor<4xf32>,
                                      %z: tensor<4xi32>) -> tensor<4x16xi4> {
  %r = tessera.dequantize %q scale %s zero_point %z axis 0
      : (tensor<4x16xi4>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xf32>
  %p = tessera.quantize %r scale %s zero_point %z axis 0
      : (tensor<4x16xf32>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xi4>
  return %p : tensor<4x16xi4>
}

// -----

// CHECK-LABEL: func.func @requantize_same_ssa_scale_no_zero_point
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<4x16xui8>
// CHECK-NOT: tessera.
// CHECK: return %[[Q]] : tensor<4x16xui8>
func.func @requantize_same_ssa_scale_no_zero_point(%q: tensor<4x16xui8>,
                                                   %s: tensor<f32>) -> tensor<4x16xui8> {
  %r = tessera.dequantize %q scale %s : (tensor<4x16xui8>, tensor<f32>) -> tensor<4x16xf32>
  %p = tessera.quantize %r scale %s : (tensor<4x16xf32>, tensor<f32>) -> tensor<4x16xui8>
  return %p : tensor<4x16xui8>
}

// -----

// The constant operands become attributes first; the pair then folds.
// CHECK-LABEL: func.func @requantize_same_constant_params
// CHECK-SAME: (%[[Q:.*]]: tensor<4xi8>)
// CHECK-NOT: tessera.
// CHECK: return %[[Q]] : tensor<4xi8>
func.func @requantize_same_constant_params(%q: tensor<4xi8>) -> tensor<4xi8> {
  %s = arith.constant dense<0.25> : tensor<f32>
  %z = arith.constant dense<-7> : tensor<i32>
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<4xi8>, tensor<f32>, tensor<i32>) -> tensor<4xf32>
  %p = tessera.quantize %r scale %s zero_point %z
      : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// CHECK-LABEL: func.func @requantize_different_scales
// CHECK: %[[R:.*]] = tessera.dequantize %{{.*}} scales [5.000000e-01] zero_points [3]
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scales [2.500000e-01] zero_points [3]
// CHECK: return %[[P]]
func.func @requantize_different_scales(%q: tensor<4xi8>) -> tensor<4xi8> {
  %r = tessera.dequantize %q scales [0.5] zero_points [3] : (tensor<4xi8>) -> tensor<4xf32>
  %p = tessera.quantize %r scales [0.25] zero_points [3] : (tensor<4xf32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// CHECK-LABEL: func.func @requantize_different_zero_points
// CHECK: %[[R:.*]] = tessera.dequantize %{{.*}} scales [5.000000e-01] zero_points [3]
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scales [5.000000e-01] zero_points [4]
// CHECK: return %[[P]]
func.func @requantize_different_zero_points(%q: tensor<4xi8>) -> tensor<4xi8> {
  %r = tessera.dequantize %q scales [0.5] zero_points [3] : (tensor<4xi8>) -> tensor<4xf32>
  %p = tessera.quantize %r scales [0.5] zero_points [4] : (tensor<4xf32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// CHECK-LABEL: func.func @requantize_different_per_axis_scales
// CHECK: %[[R:.*]] = tessera.dequantize %{{.*}} scales [1.000000e+00, 2.000000e+00] axis 0
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scales [2.000000e+00, 1.000000e+00] axis 0
// CHECK: return %[[P]]
func.func @requantize_different_per_axis_scales(%q: tensor<2x2xi8>) -> tensor<2x2xi8> {
  %r = tessera.dequantize %q scales [1.0, 2.0] axis 0 : (tensor<2x2xi8>) -> tensor<2x2xf32>
  %p = tessera.quantize %r scales [2.0, 1.0] axis 0 : (tensor<2x2xf32>) -> tensor<2x2xi8>
  return %p : tensor<2x2xi8>
}

// -----

// The same scale list along different axes are different parameters.
// CHECK-LABEL: func.func @requantize_different_axis
// CHECK: %[[R:.*]] = tessera.dequantize %{{.*}} scales [1.000000e+00, 2.000000e+00] axis 0
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scales [1.000000e+00, 2.000000e+00] axis 1
// CHECK: return %[[P]]
func.func @requantize_different_axis(%q: tensor<2x2xi8>) -> tensor<2x2xi8> {
  %r = tessera.dequantize %q scales [1.0, 2.0] axis 0 : (tensor<2x2xi8>) -> tensor<2x2xf32>
  %p = tessera.quantize %r scales [1.0, 2.0] axis 1 : (tensor<2x2xf32>) -> tensor<2x2xi8>
  return %p : tensor<2x2xi8>
}

// -----

// CHECK-LABEL: func.func @requantize_different_ssa_scales
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<4xi8>, %[[S:[^:]*]]: tensor<f32>, %[[T:[^:]*]]: tensor<f32>)
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scale %[[S]]
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scale %[[T]]
// CHECK: return %[[P]]
func.func @requantize_different_ssa_scales(%q: tensor<4xi8>, %s: tensor<f32>,
                                           %t: tensor<f32>) -> tensor<4xi8> {
  %r = tessera.dequantize %q scale %s : (tensor<4xi8>, tensor<f32>) -> tensor<4xf32>
  %p = tessera.quantize %r scale %t : (tensor<4xf32>, tensor<f32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// CHECK-LABEL: func.func @requantize_different_ssa_zero_points
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<4xi8>, %[[S:[^:]*]]: tensor<f32>, %[[Z:[^:]*]]: tensor<i32>, %[[W:[^:]*]]: tensor<i32>)
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scale %[[S]] zero_point %[[Z]]
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scale %[[S]] zero_point %[[W]]
// CHECK: return %[[P]]
func.func @requantize_different_ssa_zero_points(%q: tensor<4xi8>, %s: tensor<f32>,
                                                %z: tensor<i32>, %w: tensor<i32>) -> tensor<4xi8> {
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<4xi8>, tensor<f32>, tensor<i32>) -> tensor<4xf32>
  %p = tessera.quantize %r scale %s zero_point %w
      : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// Same parameters, but quantizing to another type: i8 -> f32 -> i4 saturates.
// CHECK-LABEL: func.func @requantize_to_other_type
// CHECK: %[[R:.*]] = tessera.dequantize %{{.*}} scales [1.000000e+00] : (tensor<4xi8>) -> tensor<4xf32>
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scales [1.000000e+00] : (tensor<4xf32>) -> tensor<4xi4>
// CHECK: return %[[P]]
func.func @requantize_to_other_type(%q: tensor<4xi8>) -> tensor<4xi4> {
  %r = tessera.dequantize %q scales [1.0] : (tensor<4xi8>) -> tensor<4xf32>
  %p = tessera.quantize %r scales [1.0] : (tensor<4xf32>) -> tensor<4xi4>
  return %p : tensor<4xi4>
}

// -----

// i8 -> f32 -> ui8: same width, other range.
// CHECK-LABEL: func.func @requantize_to_other_signedness
// CHECK: %[[R:.*]] = tessera.dequantize %{{.*}} scales [1.000000e+00] : (tensor<4xi8>) -> tensor<4xf32>
// CHECK: %[[P:.*]] = tessera.quantize %[[R]] scales [1.000000e+00] : (tensor<4xf32>) -> tensor<4xui8>
// CHECK: return %[[P]]
func.func @requantize_to_other_signedness(%q: tensor<4xi8>) -> tensor<4xui8> {
  %r = tessera.dequantize %q scales [1.0] : (tensor<4xi8>) -> tensor<4xf32>
  %p = tessera.quantize %r scales [1.0] : (tensor<4xf32>) -> tensor<4xui8>
  return %p : tensor<4xui8>
}

// -----

// With s = 3e38, s * (q - z) overflows f32 for |q - z| >= 2: dequantize gives
// +-inf and quantize saturates, so the pair is not the identity.
// CHECK-LABEL: func.func @requantize_overflowing_scale
// CHECK: %[[R:.*]] = tessera.dequantize
// CHECK: %[[P:.*]] = tessera.quantize %[[R]]
// CHECK: return %[[P]]
func.func @requantize_overflowing_scale(%q: tensor<4xi8>) -> tensor<4xi8> {
  %r = tessera.dequantize %q scales [3.0e38] : (tensor<4xi8>) -> tensor<4xf32>
  %p = tessera.quantize %r scales [3.0e38] : (tensor<4xf32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// The same overflow, computed: dequantize(2) = inf, dequantize(-1) = -3e38,
// and quantize(inf) = 127, quantize(-3e38) = -1.
// CHECK-LABEL: func.func @requantize_overflowing_scale_constant
// CHECK: %[[C:.*]] = arith.constant dense<[127, -1, 0, -128]> : tensor<4xi8>
// CHECK: return %[[C]]
func.func @requantize_overflowing_scale_constant() -> tensor<4xi8> {
  %q = arith.constant dense<[2, -1, 0, -3]> : tensor<4xi8>
  %r = tessera.dequantize %q scales [3.0e38] : (tensor<4xi8>) -> tensor<4xf32>
  %p = tessera.quantize %r scales [3.0e38] : (tensor<4xf32>) -> tensor<4xi8>
  return %p : tensor<4xi8>
}

// -----

// Quantization is lossy: dequantize(quantize(x)) is not x.
// CHECK-LABEL: func.func @dequantize_quantize_does_not_fold
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>)
// CHECK: %[[Q:.*]] = tessera.quantize %[[X]] scales [5.000000e-02] zero_points [3]
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scales [5.000000e-02] zero_points [3]
// CHECK: return %[[R]]
func.func @dequantize_quantize_does_not_fold(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %q = tessera.quantize %x scales [0.05] zero_points [3]
      : (tensor<4x16xf32>) -> tensor<4x16xi8>
  %r = tessera.dequantize %q scales [0.05] zero_points [3]
      : (tensor<4x16xi8>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @dequantize_quantize_ssa_does_not_fold
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[S:[^:]*]]: tensor<f32>)
// CHECK: %[[Q:.*]] = tessera.quantize %[[X]] scale %[[S]]
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scale %[[S]]
// CHECK: return %[[R]]
func.func @dequantize_quantize_ssa_does_not_fold(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %q = tessera.quantize %x scale %s : (tensor<4xf32>, tensor<f32>) -> tensor<4xi4>
  %r = tessera.dequantize %q scale %s : (tensor<4xi4>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Constant folding of quantize
//===----------------------------------------------------------------------===//

// -----

// Ties round half to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0 = 0,
// -2.5 -> -2, 3.5 -> 4, -3.5 -> -4, -1.5 -> -2.
// CHECK-LABEL: func.func @quantize_fold_ties_i8
// CHECK-NOT: tessera.quantize
// CHECK: %[[C:.*]] = arith.constant dense<[0, 2, 2, 0, -2, 4, -4, -2]> : tensor<8xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_ties_i8() -> tensor<8xi8> {
  %x = arith.constant dense<[0.5, 1.5, 2.5, -0.5, -2.5, 3.5, -3.5, -1.5]> : tensor<8xf32>
  %q = tessera.quantize %x scales [1.0] : (tensor<8xf32>) -> tensor<8xi8>
  return %q : tensor<8xi8>
}

// -----

// Rounding happens before the zero point is added: r / s = 0.5 -> 0, then +3;
// r / s = 1.5 -> 2, then +3; r / s = -1.5 -> -2, then +3; r / s = 2.4 -> 2;
// r / s = -2.6 -> -3.
// CHECK-LABEL: func.func @quantize_fold_ties_with_zero_point
// CHECK: %[[C:.*]] = arith.constant dense<[3, 5, 1, 5, 0]> : tensor<5xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_ties_with_zero_point() -> tensor<5xi8> {
  %x = arith.constant dense<[0.25, 0.75, -0.75, 1.2, -1.3]> : tensor<5xf32>
  %q = tessera.quantize %x scales [0.5] zero_points [3] : (tensor<5xf32>) -> tensor<5xi8>
  return %q : tensor<5xi8>
}

// -----

// Saturation to [-128, 127]: 1000 -> 127, -1000 -> -128, 127.5 -> 128 -> 127,
// -128.5 -> -128, 126.5 -> 126, 3e38 -> 127, -3e38 -> -128.
// CHECK-LABEL: func.func @quantize_fold_saturate_i8
// CHECK: %[[C:.*]] = arith.constant dense<[127, -128, 127, -128, 126, 127, -128]> : tensor<7xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_saturate_i8() -> tensor<7xi8> {
  %x = arith.constant dense<[1000.0, -1000.0, 127.5, -128.5, 126.5, 3.0e38, -3.0e38]> : tensor<7xf32>
  %q = tessera.quantize %x scales [1.0] : (tensor<7xf32>) -> tensor<7xi8>
  return %q : tensor<7xi8>
}

// -----

// The zero point is added before saturating: 120 + 10 -> 127,
// -135 + 10 = -125, -140 + 10 -> -128. r / s = x / 0.5 = 2 x.
// CHECK-LABEL: func.func @quantize_fold_saturate_after_zero_point
// CHECK: %[[C:.*]] = arith.constant dense<[127, -125, -128, 10]> : tensor<4xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_saturate_after_zero_point() -> tensor<4xi8> {
  %x = arith.constant dense<[60.0, -67.5, -70.0, 0.0]> : tensor<4xf32>
  %q = tessera.quantize %x scales [0.5] zero_points [10] : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

// A scale that is not a power of two, away from ties: 1.0 / 0.05 = 20,
// -0.26 / 0.05 = -5.2 -> -5, 0.33 / 0.05 = 6.6 -> 7; then +3.
// CHECK-LABEL: func.func @quantize_fold_decimal_scale
// CHECK: %[[C:.*]] = arith.constant dense<[23, -2, 10]> : tensor<3xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_decimal_scale() -> tensor<3xi8> {
  %x = arith.constant dense<[1.0, -0.26, 0.33]> : tensor<3xf32>
  %q = tessera.quantize %x scales [0.05] zero_points [3] : (tensor<3xf32>) -> tensor<3xi8>
  return %q : tensor<3xi8>
}

// -----

// si8 has the range of i8.
// CHECK-LABEL: func.func @quantize_fold_si8
// CHECK: %[[C:.*]] = arith.constant dense<[-128, 127, 2, -4]> : tensor<4xsi8>
// CHECK: return %[[C]]
func.func @quantize_fold_si8() -> tensor<4xsi8> {
  %x = arith.constant dense<[-300.0, 300.0, 1.25, -1.75]> : tensor<4xf32>
  %q = tessera.quantize %x scales [0.5] : (tensor<4xf32>) -> tensor<4xsi8>
  return %q : tensor<4xsi8>
}

// -----

// ui8 saturates to [0, 255]; z = 128: -1 -> 127, 0 -> 128, 0.5 -> 128,
// 1.5 -> 130, 127 -> 255, 300 -> 255, -200 -> 0, -128 -> 0, 126.5 -> 254.
// CHECK-LABEL: func.func @quantize_fold_ui8
// CHECK: %[[C:.*]] = arith.constant dense<[127, 128, 128, 130, 255, 255, 0, 0, 254]> : tensor<9xui8>
// CHECK: return %[[C]]
func.func @quantize_fold_ui8() -> tensor<9xui8> {
  %x = arith.constant dense<[-1.0, 0.0, 0.5, 1.5, 127.0, 300.0, -200.0, -128.0, 126.5]> : tensor<9xf32>
  %q = tessera.quantize %x scales [1.0] zero_points [128] : (tensor<9xf32>) -> tensor<9xui8>
  return %q : tensor<9xui8>
}

// -----

// ui8 without zero point: negative values saturate to 0; 255.5 -> 256 -> 255,
// 254.5 -> 254.
// CHECK-LABEL: func.func @quantize_fold_ui8_no_zero_point
// CHECK: %[[C:.*]] = arith.constant dense<[0, 0, 255, 254, 200]> : tensor<5xui8>
// CHECK: return %[[C]]
func.func @quantize_fold_ui8_no_zero_point() -> tensor<5xui8> {
  %x = arith.constant dense<[-0.5, -7.0, 63.875, 63.625, 50.0]> : tensor<5xf32>
  %q = tessera.quantize %x scales [0.25] : (tensor<5xf32>) -> tensor<5xui8>
  return %q : tensor<5xui8>
}

// -----

// i4 saturates to [-8, 7]: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, 7.4 -> 7,
// 7.5 -> 8 -> 7, 100 -> 7, -8.5 -> -8, -9 -> -8, -7.5 -> -8, -6.5 -> -6.
// CHECK-LABEL: func.func @quantize_fold_i4
// CHECK: %[[C:.*]] = arith.constant dense<[0, 2, 2, 7, 7, 7, -8, -8, -8, -6]> : tensor<10xi4>
// CHECK: return %[[C]]
func.func @quantize_fold_i4() -> tensor<10xi4> {
  %x = arith.constant dense<[0.5, 1.5, 2.5, 7.4, 7.5, 100.0, -8.5, -9.0, -7.5, -6.5]> : tensor<10xf32>
  %q = tessera.quantize %x scales [1.0] : (tensor<10xf32>) -> tensor<10xi4>
  return %q : tensor<10xi4>
}

// -----

// i4 with z = -1 and s = 0.5 (r / s = 2 r): 0 -> -1, 1 -> 1, -10 -> -8,
// 1000 -> 7, -1 -> -3, 3 -> 5, 3.75 -> 7.5 -> 8 -> 7, -3.25 -> -6.5 -> -6 -> -7.
// CHECK-LABEL: func.func @quantize_fold_i4_zero_point
// CHECK: %[[C:.*]] = arith.constant dense<[-1, 1, -8, 7, -3, 5, 7, -7]> : tensor<8xi4>
// CHECK: return %[[C]]
func.func @quantize_fold_i4_zero_point() -> tensor<8xi4> {
  %x = arith.constant dense<[0.0, 1.0, -10.0, 1000.0, -1.0, 3.0, 3.75, -3.25]> : tensor<8xf32>
  %q = tessera.quantize %x scales [0.5] zero_points [-1] : (tensor<8xf32>) -> tensor<8xi4>
  return %q : tensor<8xi4>
}

// -----

// ui4 saturates to [0, 15]: z = 8, s = 1: 0 -> 8, 7 -> 15, 8 -> 15,
// -8 -> 0, -9 -> 0, -0.5 -> 8, 6.5 -> 14, -7.5 -> -8 -> 0.
// CHECK-LABEL: func.func @quantize_fold_ui4
// CHECK: %[[C:.*]] = arith.constant dense<[8, 15, 15, 0, 0, 8, 14, 0]> : tensor<8xui4>
// CHECK: return %[[C]]
func.func @quantize_fold_ui4() -> tensor<8xui4> {
  %x = arith.constant dense<[0.0, 7.0, 8.0, -8.0, -9.0, -0.5, 6.5, -7.5]> : tensor<8xf32>
  %q = tessera.quantize %x scales [1.0] zero_points [8] : (tensor<8xf32>) -> tensor<8xui4>
  return %q : tensor<8xui4>
}

// -----

// Per-axis along dim 0 (rows): row 0 s = 1, z = 0; row 1 s = 0.5, z = 1.
// CHECK-LABEL: func.func @quantize_fold_per_axis0
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}[1, 2, 3], [3, 5, 7]]> : tensor<2x3xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_per_axis0() -> tensor<2x3xi8> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]> : tensor<2x3xf32>
  %q = tessera.quantize %x scales [1.0, 0.5] zero_points [0, 1] axis 0
      : (tensor<2x3xf32>) -> tensor<2x3xi8>
  return %q : tensor<2x3xi8>
}

// -----

// Per-axis along dim 1 (columns): s = [1, 2, 4], z = [0, -1, 2].
// Column 0: 4 -> 4, -4 -> -4. Column 1: 4 / 2 - 1 = 1, -4 / 2 - 1 = -3.
// Column 2: 4 / 4 + 2 = 3, -4 / 4 + 2 = 1.
// CHECK-LABEL: func.func @quantize_fold_per_axis1
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}[4, 1, 3], [-4, -3, 1]]> : tensor<2x3xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_per_axis1() -> tensor<2x3xi8> {
  %x = arith.constant dense<[[4.0, 4.0, 4.0], [-4.0, -4.0, -4.0]]> : tensor<2x3xf32>
  %q = tessera.quantize %x scales [1.0, 2.0, 4.0] zero_points [0, -1, 2] axis 1
      : (tensor<2x3xf32>) -> tensor<2x3xi8>
  return %q : tensor<2x3xi8>
}

// -----

// Per-axis along the middle dim of a rank-3 tensor: s = [1, 2] for index
// j of x[i][j][k]; ties 5 / 2 = 2.5 -> 2 and 3 / 2 = 1.5 -> 2.
// CHECK-LABEL: func.func @quantize_fold_per_axis_middle
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}[{{\[}}1, 2], [2, 3]], {{\[}}[-1, -2], [2, 2]]]> : tensor<2x2x2xi8>
// CHECK: return %[[C]]
func.func @quantize_fold_per_axis_middle() -> tensor<2x2x2xi8> {
  %x = arith.constant dense<[[[1.0, 2.0], [4.0, 6.0]], [[-1.0, -2.0], [5.0, 3.0]]]> : tensor<2x2x2xf32>
  %q = tessera.quantize %x scales [1.0, 2.0] axis 1
      : (tensor<2x2x2xf32>) -> tensor<2x2x2xi8>
  return %q : tensor<2x2x2xi8>
}

// -----

// Per-axis i4 with saturation per channel: s = [0.25, 4], z = [7, -8].
// Row 0: 1 / 0.25 + 7 = 11 -> 7, -1 / 0.25 + 7 = 3, -4 / 0.25 + 7 = -9 -> -8.
// Row 1: 1 / 4 = 0.25 -> 0 - 8 = -8, 62 / 4 = 15.5 -> 16 - 8 = 8 -> 7,
//        58 / 4 = 14.5 -> 14 - 8 = 6.
// CHECK-LABEL: func.func @quantize_fold_per_axis_i4
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}[7, 3, -8], [-8, 7, 6]]> : tensor<2x3xi4>
// CHECK: return %[[C]]
func.func @quantize_fold_per_axis_i4() -> tensor<2x3xi4> {
  %x = arith.constant dense<[[1.0, -1.0, -4.0], [1.0, 62.0, 58.0]]> : tensor<2x3xf32>
  %q = tessera.quantize %x scales [0.25, 4.0] zero_points [7, -8] axis 0
      : (tensor<2x3xf32>) -> tensor<2x3xi4>
  return %q : tensor<2x3xi4>
}

// -----

// Splat and rank-0 inputs.
// CHECK-LABEL: func.func @quantize_fold_splat_and_scalar
// CHECK-DAG: %[[A:.*]] = arith.constant dense<2> : tensor<4xi8>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<-8> : tensor<i4>
// CHECK: return %[[A]], %[[B]]
func.func @quantize_fold_splat_and_scalar() -> (tensor<4xi8>, tensor<i4>) {
  %x = arith.constant dense<1.5> : tensor<4xf32>
  %y = arith.constant dense<-20.0> : tensor<f32>
  %a = tessera.quantize %x scales [1.0] : (tensor<4xf32>) -> tensor<4xi8>
  %b = tessera.quantize %y scales [2.0] zero_points [-1] : (tensor<f32>) -> tensor<i4>
  return %a, %b : tensor<4xi8>, tensor<i4>
}

// -----

// A constant input with operand parameters does not fold on its own ...
// CHECK-LABEL: func.func @quantize_constant_input_dynamic_scale
// CHECK-SAME: (%[[S:.*]]: tensor<f32>)
// CHECK: %[[X:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[Q:.*]] = tessera.quantize %[[X]] scale %[[S]]
// CHECK: return %[[Q]]
func.func @quantize_constant_input_dynamic_scale(%s: tensor<f32>) -> tensor<2xi8> {
  %x = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %q = tessera.quantize %x scale %s : (tensor<2xf32>, tensor<f32>) -> tensor<2xi8>
  return %q : tensor<2xi8>
}

// -----

// ... but constant parameter operands become attributes and then it does:
// 1 / 0.5 - 3 = -1, 2 / 0.5 - 3 = 1, 7.25 / 0.5 = 14.5 -> 14 - 3 = 11.
// CHECK-LABEL: func.func @quantize_constant_input_constant_params
// CHECK-NOT: tessera.
// CHECK: %[[C:.*]] = arith.constant dense<[-1, 1, 11]> : tensor<3xi8>
// CHECK-NOT: tessera.
// CHECK: return %[[C]]
func.func @quantize_constant_input_constant_params() -> tensor<3xi8> {
  %x = arith.constant dense<[1.0, 2.0, 7.25]> : tensor<3xf32>
  %s = arith.constant dense<0.5> : tensor<f32>
  %z = arith.constant dense<-3> : tensor<i32>
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<3xf32>, tensor<f32>, tensor<i32>) -> tensor<3xi8>
  return %q : tensor<3xi8>
}

//===----------------------------------------------------------------------===//
// Constant folding of dequantize
//===----------------------------------------------------------------------===//

// -----

// r = s (q - z) with s = 0.5, z = 3:
// -128 -> -65.5, 127 -> 62, 0 -> -1.5, 3 -> 0.
// CHECK-LABEL: func.func @dequantize_fold_i8
// CHECK-NOT: tessera.dequantize
// CHECK: %[[C:.*]] = arith.constant dense<[-6.550000e+01, 6.200000e+01, -1.500000e+00, 0.000000e+00]> : tensor<4xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_i8() -> tensor<4xf32> {
  %q = arith.constant dense<[-128, 127, 0, 3]> : tensor<4xi8>
  %r = tessera.dequantize %q scales [0.5] zero_points [3] : (tensor<4xi8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// ui8 values are unsigned: 255 is 255, not -1. s = 0.25, z = 128:
// 0 -> -32, 255 -> 31.75, 128 -> 0, 200 -> 18.
// CHECK-LABEL: func.func @dequantize_fold_ui8
// CHECK: %[[C:.*]] = arith.constant dense<[-3.200000e+01, 3.175000e+01, 0.000000e+00, 1.800000e+01]> : tensor<4xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_ui8() -> tensor<4xf32> {
  %q = arith.constant dense<[0, 255, 128, 200]> : tensor<4xui8>
  %r = tessera.dequantize %q scales [0.25] zero_points [128] : (tensor<4xui8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// si8 and no zero point: r = 2 q.
// CHECK-LABEL: func.func @dequantize_fold_si8
// CHECK: %[[C:.*]] = arith.constant dense<[-2.560000e+02, 2.540000e+02, -2.000000e+00]> : tensor<3xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_si8() -> tensor<3xf32> {
  %q = arith.constant dense<[-128, 127, -1]> : tensor<3xsi8>
  %r = tessera.dequantize %q scales [2.0] : (tensor<3xsi8>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// i4 values are signed: s = 0.5, z = -1: -8 -> -3.5, 7 -> 4, 0 -> 0.5,
// -1 -> 0.
// CHECK-LABEL: func.func @dequantize_fold_i4
// CHECK: %[[C:.*]] = arith.constant dense<[-3.500000e+00, 4.000000e+00, 5.000000e-01, 0.000000e+00]> : tensor<4xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_i4() -> tensor<4xf32> {
  %q = arith.constant dense<[-8, 7, 0, -1]> : tensor<4xi4>
  %r = tessera.dequantize %q scales [0.5] zero_points [-1] : (tensor<4xi4>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// ui4 values are unsigned: s = 2, z = 8: 15 -> 14, 0 -> -16, 8 -> 0.
// CHECK-LABEL: func.func @dequantize_fold_ui4
// CHECK: %[[C:.*]] = arith.constant dense<[1.400000e+01, -1.600000e+01, 0.000000e+00]> : tensor<3xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_ui4() -> tensor<3xf32> {
  %q = arith.constant dense<[15, 0, 8]> : tensor<3xui4>
  %r = tessera.dequantize %q scales [2.0] zero_points [8] : (tensor<3xui4>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// Per-axis along dim 1: column 0 s = 1, z = 0; column 1 s = 0.5, z = -1.
// [[-8, 7], [1, -1]] -> [[-8, 4], [1, 0]].
// CHECK-LABEL: func.func @dequantize_fold_per_axis1_i4
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}[-8.000000e+00, 4.000000e+00], [1.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_per_axis1_i4() -> tensor<2x2xf32> {
  %q = arith.constant dense<[[-8, 7], [1, -1]]> : tensor<2x2xi4>
  %r = tessera.dequantize %q scales [1.0, 0.5] zero_points [0, -1] axis 1
      : (tensor<2x2xi4>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

// Per-axis along dim 0: row 0 s = 0.125, z = 10; row 1 s = 4, z = 0.
// [[10, 18], [3, -2]] -> [[0, 1], [12, -8]].
// CHECK-LABEL: func.func @dequantize_fold_per_axis0_i8
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 1.000000e+00], [1.200000e+01, -8.000000e+00]]> : tensor<2x2xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_per_axis0_i8() -> tensor<2x2xf32> {
  %q = arith.constant dense<[[10, 18], [3, -2]]> : tensor<2x2xi8>
  %r = tessera.dequantize %q scales [0.125, 4.0] zero_points [10, 0] axis 0
      : (tensor<2x2xi8>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

// Splat input: 255 (ui8) with z = 0 and s = 1 is 255.
// CHECK-LABEL: func.func @dequantize_fold_splat_ui8
// CHECK: %[[C:.*]] = arith.constant dense<2.550000e+02> : tensor<4xf32>
// CHECK: return %[[C]]
func.func @dequantize_fold_splat_ui8() -> tensor<4xf32> {
  %q = arith.constant dense<255> : tensor<4xui8>
  %r = tessera.dequantize %q scales [1.0] : (tensor<4xui8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A constant round trip folds step by step to the requantized constant:
// quantize [0.3, -0.6, 1.0] with s = 0.25, z = 1: 1.2 -> 1, -2.4 -> -2, 4
// (plus 1: 2, -1, 5); dequantize: 0.25 (q - 1) = [0.25, -0.5, 1].
// CHECK-LABEL: func.func @quantize_dequantize_constant_chain
// CHECK-NOT: tessera.
// CHECK: %[[C:.*]] = arith.constant dense<[2.500000e-01, -5.000000e-01, 1.000000e+00]> : tensor<3xf32>
// CHECK: return %[[C]]
func.func @quantize_dequantize_constant_chain() -> tensor<3xf32> {
  %x = arith.constant dense<[0.3, -0.6, 1.0]> : tensor<3xf32>
  %q = tessera.quantize %x scales [0.25] zero_points [1] : (tensor<3xf32>) -> tensor<3xi4>
  %r = tessera.dequantize %q scales [0.25] zero_points [1] : (tensor<3xi4>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// FoldConstantQuantParams: constant operands become attributes
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @quantize_constant_params_to_attrs
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>)
// CHECK-NOT: arith.constant
// CHECK: %[[Q:.*]] = tessera.quantize %[[X]] scales [5.000000e-01] zero_points [3] : (tensor<4x16xf32>) -> tensor<4x16xi8>
// CHECK: return %[[Q]]
func.func @quantize_constant_params_to_attrs(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  %s = arith.constant dense<0.5> : tensor<f32>
  %z = arith.constant dense<3> : tensor<i32>
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<4x16xf32>, tensor<f32>, tensor<i32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

// CHECK-LABEL: func.func @quantize_constant_params_per_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: arith.constant
// CHECK: %[[Q:.*]] = tessera.quantize %[[X]] scales [5.000000e-01, 2.500000e-01, 1.000000e+00] zero_points [1, 0, 15] axis 1 : (tensor<2x3xf32>) -> tensor<2x3xui4>
// CHECK: return %[[Q]]
func.func @quantize_constant_params_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3xui4> {
  %s = arith.constant dense<[0.5, 0.25, 1.0]> : tensor<3xf32>
  %z = arith.constant dense<[1, 0, 15]> : tensor<3xi32>
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<2x3xui4>
  return %q : tensor<2x3xui4>
}

// -----

// A splat per-axis scale expands to one value per channel; no zero point
// operand means no zero_points attribute.
// CHECK-LABEL: func.func @quantize_constant_splat_scale_per_axis
// CHECK: tessera.quantize %{{.*}} scales [2.000000e+00, 2.000000e+00, 2.000000e+00, 2.000000e+00] axis 0 : (tensor<4x16xf32>) -> tensor<4x16xi4>
// CHECK-NOT: zero_points
func.func @quantize_constant_splat_scale_per_axis(%x: tensor<4x16xf32>) -> tensor<4x16xi4> {
  %s = arith.constant dense<2.0> : tensor<4xf32>
  %q = tessera.quantize %x scale %s axis 0
      : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi4>
  return %q : tensor<4x16xi4>
}

// -----

// A one-element scale operand.
// CHECK-LABEL: func.func @dequantize_constant_params_to_attrs
// CHECK-SAME: (%[[Q:.*]]: tensor<8xui8>)
// CHECK-NOT: arith.constant
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scales [1.250000e-01] zero_points [255] : (tensor<8xui8>) -> tensor<8xf32>
// CHECK: return %[[R]]
func.func @dequantize_constant_params_to_attrs(%q: tensor<8xui8>) -> tensor<8xf32> {
  %s = arith.constant dense<0.125> : tensor<1xf32>
  %z = arith.constant dense<255> : tensor<1xi32>
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<8xui8>, tensor<1xf32>, tensor<1xi32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// CHECK-LABEL: func.func @dequantize_constant_params_per_axis0
// CHECK: tessera.dequantize %{{.*}} scales [1.000000e+00, 5.000000e-01] zero_points [-8, 7] axis 0 : (tensor<2x8xi4>) -> tensor<2x8xf32>
func.func @dequantize_constant_params_per_axis0(%q: tensor<2x8xi4>) -> tensor<2x8xf32> {
  %s = arith.constant dense<[1.0, 0.5]> : tensor<2xf32>
  %z = arith.constant dense<[-8, 7]> : tensor<2xi32>
  %r = tessera.dequantize %q scale %s zero_point %z axis 0
      : (tensor<2x8xi4>, tensor<2xf32>, tensor<2xi32>) -> tensor<2x8xf32>
  return %r : tensor<2x8xf32>
}

// -----

// A constant scale operand with a zero_points attribute.
// CHECK-LABEL: func.func @quantize_constant_scale_attr_zero_points
// CHECK: tessera.quantize %{{.*}} scales [2.500000e-01] zero_points [-5] : (tensor<4xf32>) -> tensor<4xi8>
func.func @quantize_constant_scale_attr_zero_points(%x: tensor<4xf32>) -> tensor<4xi8> {
  %s = arith.constant dense<0.25> : tensor<f32>
  %q = tessera.quantize %x scale %s zero_points [-5]
      : (tensor<4xf32>, tensor<f32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

// A constant scale with a zero point only known at run time stays an
// operand (static scales take static zero points).
// CHECK-LABEL: func.func @quantize_constant_scale_dynamic_zero_point
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[Z:[^:]*]]: tensor<i32>)
// CHECK: %[[S:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CHECK: tessera.quantize %[[X]] scale %[[S]] zero_point %[[Z]] : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xi8>
func.func @quantize_constant_scale_dynamic_zero_point(%x: tensor<4xf32>, %z: tensor<i32>) -> tensor<4xi8> {
  %s = arith.constant dense<0.5> : tensor<f32>
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

// A scale known only at run time keeps its constant zero point an operand.
// CHECK-LABEL: func.func @dequantize_dynamic_scale_constant_zero_point
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<4xi8>, %[[S:[^:]*]]: tensor<f32>)
// CHECK: %[[Z:.*]] = arith.constant dense<2> : tensor<i32>
// CHECK: tessera.dequantize %[[Q]] scale %[[S]] zero_point %[[Z]] : (tensor<4xi8>, tensor<f32>, tensor<i32>) -> tensor<4xf32>
func.func @dequantize_dynamic_scale_constant_zero_point(%q: tensor<4xi8>, %s: tensor<f32>) -> tensor<4xf32> {
  %z = arith.constant dense<2> : tensor<i32>
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<4xi8>, tensor<f32>, tensor<i32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// Constants that the verifier would reject as attributes stay operands:
// a zero scale, a negative scale, and a zero point outside [-128, 127].
// CHECK-LABEL: func.func @invalid_constant_params_stay_operands
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// CHECK-DAG: %[[NEG:.*]] = arith.constant dense<[1.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[BIG:.*]] = arith.constant dense<300> : tensor<i32>
// CHECK: tessera.quantize %{{.*}} scale %[[ZERO]] : (tensor<2x2xf32>, tensor<f32>) -> tensor<2x2xi8>
// CHECK: tessera.quantize %{{.*}} scale %[[NEG]] axis 1 : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xi8>
// CHECK: tessera.dequantize %{{.*}} scale %[[ONE]] zero_point %[[BIG]] : (tensor<2x2xi8>, tensor<f32>, tensor<i32>) -> tensor<2x2xf32>
func.func @invalid_constant_params_stay_operands(%x: tensor<2x2xf32>, %q: tensor<2x2xi8>)
    -> (tensor<2x2xi8>, tensor<2x2xi8>, tensor<2x2xf32>) {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %neg = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %big = arith.constant dense<300> : tensor<i32>
  %a = tessera.quantize %x scale %zero : (tensor<2x2xf32>, tensor<f32>) -> tensor<2x2xi8>
  %b = tessera.quantize %x scale %neg axis 1 : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xi8>
  %c = tessera.dequantize %q scale %one zero_point %big
      : (tensor<2x2xi8>, tensor<f32>, tensor<i32>) -> tensor<2x2xf32>
  return %a, %b, %c : tensor<2x2xi8>, tensor<2x2xi8>, tensor<2x2xf32>
}

// -----

// ui4 zero points must lie in [0, 15]: 16 stays an operand.
// CHECK-LABEL: func.func @ui4_zero_point_out_of_range_stays_operand
// CHECK: %[[Z:.*]] = arith.constant dense<16> : tensor<i32>
// CHECK: tessera.quantize %{{.*}} scale %{{.*}} zero_point %[[Z]] : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xui4>
func.func @ui4_zero_point_out_of_range_stays_operand(%x: tensor<4xf32>) -> tensor<4xui4> {
  %s = arith.constant dense<1.0> : tensor<f32>
  %z = arith.constant dense<16> : tensor<i32>
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xui4>
  return %q : tensor<4xui4>
}
