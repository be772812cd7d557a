// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Verifier and ODS constraint errors of the low-bit quantized ops:
// tessera.quantize, tessera.dequantize, tessera.qmatmul, tessera.hadamard,
// tessera.power_quantize and tessera.power_dequantize.

//===----------------------------------------------------------------------===//
// quantize / dequantize: shapes
//===----------------------------------------------------------------------===//

func.func @quantize_shape_mismatch(%x: tensor<4x16xf32>) -> tensor<4x8xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects input and result of the same shape}}
  %q = tessera.quantize %x scales [1.0] : (tensor<4x16xf32>) -> tensor<4x8xi8>
  return %q : tensor<4x8xi8>
}

// -----

func.func @quantize_rank_mismatch(%x: tensor<4x16xf32>) -> tensor<64xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects input and result of the same shape}}
  %q = tessera.quantize %x scales [1.0] : (tensor<4x16xf32>) -> tensor<64xi8>
  return %q : tensor<64xi8>
}

// -----

func.func @dequantize_shape_mismatch(%q: tensor<4x16xi8>) -> tensor<16x4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects input and result of the same shape}}
  %r = tessera.dequantize %q scales [1.0] : (tensor<4x16xi8>) -> tensor<16x4xf32>
  return %r : tensor<16x4xf32>
}

//===----------------------------------------------------------------------===//
// quantize / dequantize: axis
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_axis_out_of_range(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op axis 2 is out of range for a tensor of rank 2}}
  %q = tessera.quantize %x scales [1.0] axis 2 : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_axis_of_rank0(%x: tensor<f32>) -> tensor<i8> {
  // expected-error @+1 {{'tessera.quantize' op axis 0 is out of range for a tensor of rank 0}}
  %q = tessera.quantize %x scales [1.0] axis 0 : (tensor<f32>) -> tensor<i8>
  return %q : tensor<i8>
}

// -----

func.func @dequantize_axis_out_of_range(%q: tensor<4x16xui4>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.dequantize' op axis 5 is out of range for a tensor of rank 2}}
  %r = tessera.dequantize %q scale %s axis 5 : (tensor<4x16xui4>, tensor<4xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

func.func @quantize_negative_axis(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %q = tessera.quantize %x scales [1.0] axis -1 : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

//===----------------------------------------------------------------------===//
// quantize / dequantize: scale and zero point forms
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_scale_both_forms(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects scales either as an operand or as an attribute, not both}}
  %q = tessera.quantize %x scale %s scales [1.0] : (tensor<4xf32>, tensor<f32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @dequantize_scale_both_forms(%q: tensor<4xi8>, %s: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects scales either as an operand or as an attribute, not both}}
  %r = tessera.dequantize %q scale %s scales [1.0] : (tensor<4xi8>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @quantize_scale_neither_form(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects a scale (operand `scale` or attribute `scales`)}}
  %q = tessera.quantize %x : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @dequantize_scale_neither_form(%q: tensor<4xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects a scale (operand `scale` or attribute `scales`)}}
  %r = tessera.dequantize %q zero_points [1] : (tensor<4xi8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @quantize_zero_point_both_forms(%x: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects zero points either as an operand or as an attribute, not both}}
  %q = tessera.quantize %x scale %s zero_point %z zero_points [0] : (tensor<4xf32>, tensor<f32>, tensor<i32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @dequantize_zero_point_both_forms(%q: tensor<4xui8>, %s: tensor<f32>, %z: tensor<i32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects zero points either as an operand or as an attribute, not both}}
  %r = tessera.dequantize %q scale %s zero_point %z zero_points [0] : (tensor<4xui8>, tensor<f32>, tensor<i32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @quantize_operand_zero_point_with_attr_scales(%x: tensor<4xf32>, %z: tensor<i32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects static zero points with static scales}}
  %q = tessera.quantize %x zero_point %z scales [1.0] : (tensor<4xf32>, tensor<i32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @dequantize_operand_zero_point_with_attr_scales(%q: tensor<4xi4>, %z: tensor<1xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects static zero points with static scales}}
  %r = tessera.dequantize %q zero_point %z scales [1.0] : (tensor<4xi4>, tensor<1xi32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// quantize / dequantize: operand parameter shapes
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_scale_operand_rank2(%x: tensor<4x16xf32>, %s: tensor<1x1xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects scale of rank 1 (or rank 0 for a single value), got rank 2}}
  %q = tessera.quantize %x scale %s : (tensor<4x16xf32>, tensor<1x1xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

// A rank-0 scale is a single value: it cannot serve four channels.
func.func @quantize_scale_operand_rank0_per_axis(%x: tensor<4x16xf32>, %s: tensor<f32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects scale of rank 1 (or rank 0 for a single value), got rank 0}}
  %q = tessera.quantize %x scale %s axis 0 : (tensor<4x16xf32>, tensor<f32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_scale_operand_count_per_axis(%x: tensor<4x16xf32>, %s: tensor<16xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects scale dim 0 to be 4 (one per quantization axis index), got 16}}
  %q = tessera.quantize %x scale %s axis 0 : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_scale_operand_count_per_tensor(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects scale dim 0 to be 1 (one per quantization axis index), got 4}}
  %q = tessera.quantize %x scale %s : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @dequantize_zero_point_operand_count(%q: tensor<4x16xi8>, %s: tensor<16xf32>, %z: tensor<4xi32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects zero_point dim 0 to be 16 (one per quantization axis index), got 4}}
  %r = tessera.dequantize %q scale %s zero_point %z axis 1 : (tensor<4x16xi8>, tensor<16xf32>, tensor<4xi32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

func.func @dequantize_zero_point_operand_rank2(%q: tensor<4x16xi8>, %s: tensor<f32>, %z: tensor<1x1xi32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects zero_point of rank 1 (or rank 0 for a single value), got rank 2}}
  %r = tessera.dequantize %q scale %s zero_point %z : (tensor<4x16xi8>, tensor<f32>, tensor<1x1xi32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

//===----------------------------------------------------------------------===//
// quantize / dequantize: attribute parameters
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_scales_count_per_tensor(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects 1 scales (one per index of axis), got 2}}
  %q = tessera.quantize %x scales [1.0, 2.0] : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_scales_count_per_axis(%x: tensor<4x16xf32>) -> tensor<4x16xi4> {
  // expected-error @+1 {{'tessera.quantize' op expects 16 scales (one per index of axis), got 4}}
  %q = tessera.quantize %x scales [1.0, 2.0, 3.0, 4.0] axis 1 : (tensor<4x16xf32>) -> tensor<4x16xi4>
  return %q : tensor<4x16xi4>
}

// -----

func.func @dequantize_scales_count_per_axis(%q: tensor<4x16xi8>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects 4 scales (one per index of axis), got 1}}
  %r = tessera.dequantize %q scales [1.0] axis 0 : (tensor<4x16xi8>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

func.func @quantize_zero_points_count(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects 4 zero points (one per index of axis), got 3}}
  %q = tessera.quantize %x scales [1.0, 1.0, 1.0, 1.0] zero_points [0, 0, 0] axis 0 : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_zero_points_count_per_tensor(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects 1 zero points (one per index of axis), got 2}}
  %q = tessera.quantize %x scales [1.0] zero_points [0, 0] : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_zero_scale(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects positive finite scales, got 0.000000e+00}}
  %q = tessera.quantize %x scales [0.0] : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @quantize_negative_zero_scale(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects positive finite scales, got -0.000000e+00}}
  %q = tessera.quantize %x scales [-0.0] : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @quantize_negative_scale_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects positive finite scales, got -2.000000e+00}}
  %q = tessera.quantize %x scales [1.0, -2.0, 3.0] axis 1 : (tensor<2x3xf32>) -> tensor<2x3xi8>
  return %q : tensor<2x3xi8>
}

// -----

func.func @dequantize_negative_scale(%q: tensor<4xui8>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects positive finite scales, got -5.000000e-01}}
  %r = tessera.dequantize %q scales [-0.5] : (tensor<4xui8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @quantize_inf_scale(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op expects positive finite scales, got INF}}
  %q = "tessera.quantize"(%x) <{operandSegmentSizes = array<i32: 1, 0, 0>, scales = array<f32: 0x7F800000>}> : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @dequantize_nan_scale(%q: tensor<4xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op expects positive finite scales, got nan}}
  %r = "tessera.dequantize"(%q) <{operandSegmentSizes = array<i32: 1, 0, 0>, scales = array<f32: 0x7FC00000>}> : (tensor<4xi8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// quantize / dequantize: zero point ranges
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_zero_point_above_i8(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op zero point 128 is out of the range [-128, 127] of 'i8'}}
  %q = tessera.quantize %x scales [1.0] zero_points [128] : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @quantize_zero_point_below_i8(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op zero point -129 is out of the range [-128, 127] of 'i8'}}
  %q = tessera.quantize %x scales [1.0] zero_points [-129] : (tensor<4xf32>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @quantize_zero_point_above_si8(%x: tensor<4xf32>) -> tensor<4xsi8> {
  // expected-error @+1 {{'tessera.quantize' op zero point 200 is out of the range [-128, 127] of 'si8'}}
  %q = tessera.quantize %x scales [1.0] zero_points [200] : (tensor<4xf32>) -> tensor<4xsi8>
  return %q : tensor<4xsi8>
}

// -----

func.func @quantize_zero_point_above_ui8(%x: tensor<4xf32>) -> tensor<4xui8> {
  // expected-error @+1 {{'tessera.quantize' op zero point 256 is out of the range [0, 255] of 'ui8'}}
  %q = tessera.quantize %x scales [1.0] zero_points [256] : (tensor<4xf32>) -> tensor<4xui8>
  return %q : tensor<4xui8>
}

// -----

func.func @dequantize_zero_point_below_ui8(%q: tensor<4xui8>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op zero point -1 is out of the range [0, 255] of 'ui8'}}
  %r = tessera.dequantize %q scales [1.0] zero_points [-1] : (tensor<4xui8>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @quantize_zero_point_above_i4(%x: tensor<2x3xf32>) -> tensor<2x3xi4> {
  // expected-error @+1 {{'tessera.quantize' op zero point 8 is out of the range [-8, 7] of 'i4'}}
  %q = tessera.quantize %x scales [1.0, 1.0] zero_points [7, 8] axis 0 : (tensor<2x3xf32>) -> tensor<2x3xi4>
  return %q : tensor<2x3xi4>
}

// -----

func.func @dequantize_zero_point_below_i4(%q: tensor<4xi4>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op zero point -9 is out of the range [-8, 7] of 'i4'}}
  %r = tessera.dequantize %q scales [1.0] zero_points [-9] : (tensor<4xi4>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @quantize_zero_point_above_ui4(%x: tensor<4xf32>) -> tensor<4xui4> {
  // expected-error @+1 {{'tessera.quantize' op zero point 16 is out of the range [0, 15] of 'ui4'}}
  %q = tessera.quantize %x scales [1.0] zero_points [16] : (tensor<4xf32>) -> tensor<4xui4>
  return %q : tensor<4xui4>
}

// -----

func.func @quantize_zero_point_below_ui4(%x: tensor<4xf32>) -> tensor<4xui4> {
  // expected-error @+1 {{'tessera.quantize' op zero point -1 is out of the range [0, 15] of 'ui4'}}
  %q = tessera.quantize %x scales [1.0] zero_points [-1] : (tensor<4xf32>) -> tensor<4xui4>
  return %q : tensor<4xui4>
}

//===----------------------------------------------------------------------===//
// quantize / dequantize: ODS type constraints
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_to_i16(%x: tensor<4xf32>) -> tensor<4xi16> {
  // expected-error @+1 {{'tessera.quantize' op result #0 must be ranked tensor of 8- or 4-bit integer values, but got 'tensor<4xi16>'}}
  %q = tessera.quantize %x scales [1.0] : (tensor<4xf32>) -> tensor<4xi16>
  return %q : tensor<4xi16>
}

// -----

func.func @quantize_to_i32(%x: tensor<4xf32>) -> tensor<4xi32> {
  // expected-error @+1 {{'tessera.quantize' op result #0 must be ranked tensor of 8- or 4-bit integer values, but got 'tensor<4xi32>'}}
  %q = tessera.quantize %x scales [1.0] : (tensor<4xf32>) -> tensor<4xi32>
  return %q : tensor<4xi32>
}

// -----

func.func @quantize_from_f16(%x: tensor<4xf16>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %q = tessera.quantize %x scales [1.0] : (tensor<4xf16>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @quantize_unranked(%x: tensor<*xf32>) -> tensor<*xi8> {
  // expected-error @+1 {{'tessera.quantize' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<*xf32>'}}
  %q = tessera.quantize %x scales [1.0] : (tensor<*xf32>) -> tensor<*xi8>
  return %q : tensor<*xi8>
}

// -----

func.func @quantize_f16_scale(%x: tensor<4xf32>, %s: tensor<f16>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<f16>'}}
  %q = tessera.quantize %x scale %s : (tensor<4xf32>, tensor<f16>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @quantize_i64_zero_point(%x: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i64>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.quantize' op operand #2 must be ranked tensor of 32-bit signless integer values, but got 'tensor<i64>'}}
  %q = tessera.quantize %x scale %s zero_point %z : (tensor<4xf32>, tensor<f32>, tensor<i64>) -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @dequantize_from_i16(%q: tensor<4xi16>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op operand #0 must be ranked tensor of 8- or 4-bit integer values, but got 'tensor<4xi16>'}}
  %r = tessera.dequantize %q scales [1.0] : (tensor<4xi16>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @dequantize_from_ui16(%q: tensor<4xui16>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.dequantize' op operand #0 must be ranked tensor of 8- or 4-bit integer values, but got 'tensor<4xui16>'}}
  %r = tessera.dequantize %q scales [1.0] : (tensor<4xui16>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @dequantize_to_f64(%q: tensor<4xi8>) -> tensor<4xf64> {
  // expected-error @+1 {{'tessera.dequantize' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf64>'}}
  %r = tessera.dequantize %q scales [1.0] : (tensor<4xi8>) -> tensor<4xf64>
  return %r : tensor<4xf64>
}

//===----------------------------------------------------------------------===//
// qmatmul: ranks and shapes
//===----------------------------------------------------------------------===//

// -----

func.func @qmatmul_a_rank3(%a: tensor<2x4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects a of rank 2 ([M, K]), got rank 3}}
  %c = tessera.qmatmul %a, %b : (tensor<2x4x8xi8>, tensor<8x2xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_b_rank1(%a: tensor<4x8xi8>, %b: tensor<8xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects b of rank 2 ([K, N]), got rank 1}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_result_rank1(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<8xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects result of rank 2 ([M, N]), got rank 1}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<8xi32>
  return %c : tensor<8xi32>
}

// -----

func.func @qmatmul_reduction_mismatch(%a: tensor<4x8xi8>, %b: tensor<6x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects b dim 0 to be 8 (the reduction extent K of a), got 6}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<6x2xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_rows_mismatch(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<3x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects result dim 0 to be 4 (rows M of a), got 3}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<3x2xi32>
  return %c : tensor<3x2xi32>
}

// -----

func.func @qmatmul_columns_mismatch(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x5xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects result dim 1 to be 2 (columns N of b), got 5}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<4x5xi32>
  return %c : tensor<4x5xi32>
}

//===----------------------------------------------------------------------===//
// qmatmul: zero points
//===----------------------------------------------------------------------===//

// -----

func.func @qmatmul_a_zero_point_out_of_range(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op a_zero_point 128 is out of the range [-128, 127] of 'i8'}}
  %c = tessera.qmatmul %a, %b {a_zero_point = 128 : i64} : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_a_zero_point_negative_ui8(%a: tensor<4x8xui8>, %b: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op a_zero_point -1 is out of the range [0, 255] of 'ui8'}}
  %c = tessera.qmatmul %a, %b {a_zero_point = -1 : i64} : (tensor<4x8xui8>, tensor<8x2xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_b_zero_point_out_of_range_i4(%a: tensor<4x8xi4>, %b: tensor<8x2xi4>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op b_zero_point 8 is out of the range [-8, 7] of 'i4'}}
  %c = tessera.qmatmul %a, %b {b_zero_point = 8 : i64} : (tensor<4x8xi4>, tensor<8x2xi4>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_b_zero_point_out_of_range_ui4(%a: tensor<4x8xi8>, %b: tensor<8x2xui4>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op b_zero_point 16 is out of the range [0, 15] of 'ui4'}}
  %c = tessera.qmatmul %a, %b {b_zero_point = 16 : i64} : (tensor<4x8xi8>, tensor<8x2xui4>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

//===----------------------------------------------------------------------===//
// qmatmul: scales and result kinds
//===----------------------------------------------------------------------===//

// -----

// The custom form always takes both scales; the generic form can give one.
func.func @qmatmul_a_scale_without_b_scale(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects both scales(a_scale, b_scale) or neither}}
  %c = "tessera.qmatmul"(%a, %b, %sa) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>}> : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_b_scale_without_a_scale(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sb: tensor<2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects both scales(a_scale, b_scale) or neither}}
  %c = "tessera.qmatmul"(%a, %b, %sb) <{operandSegmentSizes = array<i32: 1, 1, 0, 1, 0>}> : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<2xf32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_i32_with_scales(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op an i32 result is the raw accumulator: expects no scales}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_i32_with_out_scale(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %so: tensor<f32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op an i32 result is the raw accumulator: expects no scales}}
  %c = tessera.qmatmul %a, %b out_scale %so : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_i32_with_out_zero_point(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op out_zero_point only applies to a requantized result}}
  %c = tessera.qmatmul %a, %b {out_zero_point = 1 : i64} : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_f32_without_scales(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op a 'f32' result expects scales(a_scale, b_scale)}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_f32_with_out_scale(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>, %so: tensor<f32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op an f32 result expects no out_scale}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_f32_with_out_zero_point(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op out_zero_point only applies to a requantized result}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) {out_zero_point = -2 : i64} : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_requantized_without_scales(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %so: tensor<f32>) -> tensor<4x2xi8> {
  // expected-error @+1 {{'tessera.qmatmul' op a 'i8' result expects scales(a_scale, b_scale)}}
  %c = tessera.qmatmul %a, %b out_scale %so : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>) -> tensor<4x2xi8>
  return %c : tensor<4x2xi8>
}

// -----

func.func @qmatmul_requantized_without_out_scale(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>) -> tensor<4x2xui8> {
  // expected-error @+1 {{'tessera.qmatmul' op a requantized 'ui8' result expects an out_scale}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>) -> tensor<4x2xui8>
  return %c : tensor<4x2xui8>
}

// -----

func.func @qmatmul_a_scale_wrong_extent(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<3xf32>, %sb: tensor<f32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects a_scale to be one value or one per rows of a (4), got 'tensor<3xf32>'}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<3xf32>, tensor<f32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_a_scale_rank2(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<4x1xf32>, %sb: tensor<f32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects a_scale to be one value or one per rows of a (4), got 'tensor<4x1xf32>'}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<4x1xf32>, tensor<f32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

// b_scale is per column of b (N = 2), not per row (K = 8).
func.func @qmatmul_b_scale_per_reduction_index(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<8xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op expects b_scale to be one value or one per columns of b (2), got 'tensor<8xf32>'}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<8xf32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @qmatmul_out_scale_two_values(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>, %so: tensor<2xf32>) -> tensor<4x2xi8> {
  // expected-error @+1 {{'tessera.qmatmul' op expects out_scale dim 0 to be 1 (a single output scale), got 2}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>, tensor<2xf32>) -> tensor<4x2xi8>
  return %c : tensor<4x2xi8>
}

// -----

func.func @qmatmul_out_scale_rank2(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>, %so: tensor<1x1xf32>) -> tensor<4x2xi4> {
  // expected-error @+1 {{'tessera.qmatmul' op expects out_scale of rank 1 (or rank 0 for a single value), got rank 2}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>, tensor<1x1xf32>) -> tensor<4x2xi4>
  return %c : tensor<4x2xi4>
}

// -----

func.func @qmatmul_out_zero_point_out_of_range_i4(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>, %so: tensor<f32>) -> tensor<4x2xi4> {
  // expected-error @+1 {{'tessera.qmatmul' op out_zero_point 8 is out of the range [-8, 7] of 'i4'}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so {out_zero_point = 8 : i64} : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4x2xi4>
  return %c : tensor<4x2xi4>
}

// -----

func.func @qmatmul_out_zero_point_out_of_range_ui8(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f32>, %sb: tensor<f32>, %so: tensor<f32>) -> tensor<4x2xui8> {
  // expected-error @+1 {{'tessera.qmatmul' op out_zero_point -1 is out of the range [0, 255] of 'ui8'}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so {out_zero_point = -1 : i64} : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4x2xui8>
  return %c : tensor<4x2xui8>
}

//===----------------------------------------------------------------------===//
// qmatmul: ODS type constraints
//===----------------------------------------------------------------------===//

// -----

func.func @qmatmul_i16_operand(%a: tensor<4x8xi16>, %b: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op operand #0 must be ranked tensor of 8- or 4-bit integer values, but got 'tensor<4x8xi16>'}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi16>, tensor<8x2xi8>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_f32_operand(%a: tensor<4x8xi8>, %b: tensor<8x2xf32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{'tessera.qmatmul' op operand #1 must be ranked tensor of 8- or 4-bit integer values, but got 'tensor<8x2xf32>'}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xf32>) -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @qmatmul_i16_result(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x2xi16> {
  // expected-error @+1 {{'tessera.qmatmul' op result #0 must be ranked tensor of 32-bit signless integer or 32-bit float or 8-bit signless integer or 8-bit signed integer or 8-bit unsigned integer or 4-bit signless integer or 4-bit signed integer or 4-bit unsigned integer values, but got 'tensor<4x2xi16>'}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<4x2xi16>
  return %c : tensor<4x2xi16>
}

// -----

func.func @qmatmul_ui32_result(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>) -> tensor<4x2xui32> {
  // expected-error @+1 {{'tessera.qmatmul' op result #0 must be ranked tensor of 32-bit signless integer or 32-bit float}}
  %c = tessera.qmatmul %a, %b : (tensor<4x8xi8>, tensor<8x2xi8>) -> tensor<4x2xui32>
  return %c : tensor<4x2xui32>
}

// -----

func.func @qmatmul_f16_scale(%a: tensor<4x8xi8>, %b: tensor<8x2xi8>, %sa: tensor<f16>, %sb: tensor<f32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tessera.qmatmul' op operand #2 must be ranked tensor of 32-bit float values, but got 'tensor<f16>'}}
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<f16>, tensor<f32>) -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

//===----------------------------------------------------------------------===//
// hadamard
//===----------------------------------------------------------------------===//

// -----

func.func @hadamard_not_power_of_two(%x: tensor<4x24xf32>) -> tensor<4x24xf32> {
  // expected-error @+1 {{'tessera.hadamard' op block size 3 is not a power of two}}
  %y = tessera.hadamard %x block 3 : tensor<4x24xf32>
  return %y : tensor<4x24xf32>
}

// -----

func.func @hadamard_not_power_of_two_dynamic(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'tessera.hadamard' op block size 12 is not a power of two}}
  %y = tessera.hadamard %x block 12 : tensor<4x?xf32>
  return %y : tensor<4x?xf32>
}

// -----

func.func @hadamard_block_does_not_divide(%x: tensor<4x48xf32>) -> tensor<4x48xf32> {
  // expected-error @+1 {{'tessera.hadamard' op block size 32 does not divide the last dim 48}}
  %y = tessera.hadamard %x block 32 : tensor<4x48xf32>
  return %y : tensor<4x48xf32>
}

// -----

func.func @hadamard_block_larger_than_dim(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.hadamard' op block size 32 does not divide the last dim 16}}
  %y = tessera.hadamard %x block 32 : tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @hadamard_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'tessera.hadamard' op expects an input of rank >= 1}}
  %y = tessera.hadamard %x block 1 : tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @hadamard_block_zero(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.hadamard' op attribute 'block_size' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.hadamard %x block 0 : tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @hadamard_block_negative(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.hadamard' op attribute 'block_size' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.hadamard %x block -2 : tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @hadamard_type_mismatch(%x: tensor<4x16xf32>) -> tensor<16x4xf32> {
  // expected-error @+1 {{'tessera.hadamard' op requires the same type for all operands and results}}
  %y = "tessera.hadamard"(%x) <{block_size = 4 : i64}> : (tensor<4x16xf32>) -> tensor<16x4xf32>
  return %y : tensor<16x4xf32>
}

// -----

func.func @hadamard_f16(%x: tensor<4x16xf16>) -> tensor<4x16xf16> {
  // expected-error @+1 {{'tessera.hadamard' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x16xf16>'}}
  %y = tessera.hadamard %x block 4 : tensor<4x16xf16>
  return %y : tensor<4x16xf16>
}

//===----------------------------------------------------------------------===//
// power_quantize / power_dequantize
//===----------------------------------------------------------------------===//

// -----

func.func @power_quantize_zero_exponent(%x: tensor<8xf32>) -> tensor<8xi8> {
  // expected-error @+1 {{'tessera.power_quantize' op expects a positive finite exponent, got 0.000000e+00}}
  %q, %s = tessera.power_quantize %x exponent 0.0 : (tensor<8xf32>) -> (tensor<8xi8>, tensor<f32>)
  return %q : tensor<8xi8>
}

// -----

func.func @power_quantize_negative_exponent(%x: tensor<8xf32>) -> tensor<8xi4> {
  // expected-error @+1 {{'tessera.power_quantize' op expects a positive finite exponent, got -5.000000e-01}}
  %q, %s = tessera.power_quantize %x exponent -0.5 : (tensor<8xf32>) -> (tensor<8xi4>, tensor<f32>)
  return %q : tensor<8xi4>
}

// -----

func.func @power_quantize_inf_exponent(%x: tensor<8xf32>) -> tensor<8xi8> {
  // expected-error @+1 {{'tessera.power_quantize' op expects a positive finite exponent, got INF}}
  %q, %s = tessera.power_quantize %x exponent 0x7F800000 : (tensor<8xf32>) -> (tensor<8xi8>, tensor<f32>)
  return %q : tensor<8xi8>
}

// -----

func.func @power_quantize_nan_exponent(%x: tensor<8xf32>) -> tensor<8xi8> {
  // expected-error @+1 {{'tessera.power_quantize' op expects a positive finite exponent, got nan}}
  %q, %s = tessera.power_quantize %x exponent 0x7FC00000 : (tensor<8xf32>) -> (tensor<8xi8>, tensor<f32>)
  return %q : tensor<8xi8>
}

// -----

func.func @power_quantize_shape_mismatch(%x: tensor<8xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tessera.power_quantize' op expects input and result of the same shape}}
  %q, %s = tessera.power_quantize %x exponent 0.5 : (tensor<8xf32>) -> (tensor<4xi8>, tensor<f32>)
  return %q : tensor<4xi8>
}

// -----

func.func @power_quantize_unsigned_ui8(%x: tensor<8xf32>) -> tensor<8xui8> {
  // expected-error @+1 {{'tessera.power_quantize' op result #0 must be ranked tensor of signed 8- or 4-bit integer values, but got 'tensor<8xui8>'}}
  %q, %s = tessera.power_quantize %x exponent 0.5 : (tensor<8xf32>) -> (tensor<8xui8>, tensor<f32>)
  return %q : tensor<8xui8>
}

// -----

func.func @power_quantize_unsigned_ui4(%x: tensor<8xf32>) -> tensor<8xui4> {
  // expected-error @+1 {{'tessera.power_quantize' op result #0 must be ranked tensor of signed 8- or 4-bit integer values, but got 'tensor<8xui4>'}}
  %q, %s = tessera.power_quantize %x exponent 0.5 : (tensor<8xf32>) -> (tensor<8xui4>, tensor<f32>)
  return %q : tensor<8xui4>
}

// -----

func.func @power_quantize_i16(%x: tensor<8xf32>) -> tensor<8xi16> {
  // expected-error @+1 {{'tessera.power_quantize' op result #0 must be ranked tensor of signed 8- or 4-bit integer values, but got 'tensor<8xi16>'}}
  %q, %s = tessera.power_quantize %x exponent 0.5 : (tensor<8xf32>) -> (tensor<8xi16>, tensor<f32>)
  return %q : tensor<8xi16>
}

// -----

func.func @power_quantize_scale_not_rank0(%x: tensor<8xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{'tessera.power_quantize' op result #1 must be 0D tensor of 32-bit float values, but got 'tensor<1xf32>'}}
  %q, %s = tessera.power_quantize %x exponent 0.5 : (tensor<8xf32>) -> (tensor<8xi8>, tensor<1xf32>)
  return %s : tensor<1xf32>
}

// -----

func.func @power_dequantize_zero_exponent(%q: tensor<8xi8>, %s: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.power_dequantize' op expects a positive finite exponent, got 0.000000e+00}}
  %x = tessera.power_dequantize %q, %s exponent 0.0 : (tensor<8xi8>, tensor<f32>) -> tensor<8xf32>
  return %x : tensor<8xf32>
}

// -----

func.func @power_dequantize_negative_exponent(%q: tensor<8xi4>, %s: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.power_dequantize' op expects a positive finite exponent, got -2.000000e+00}}
  %x = tessera.power_dequantize %q, %s exponent -2.0 : (tensor<8xi4>, tensor<f32>) -> tensor<8xf32>
  return %x : tensor<8xf32>
}

// -----

func.func @power_dequantize_shape_mismatch(%q: tensor<8xi8>, %s: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+2 {{'tessera.power_dequantize' op inferred type(s) 'tensor<8xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'tessera.power_dequantize' op failed to infer returned types}}
  %x = tessera.power_dequantize %q, %s exponent 0.5 : (tensor<8xi8>, tensor<f32>) -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// -----

func.func @power_dequantize_unsigned(%q: tensor<8xui8>, %s: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.power_dequantize' op operand #0 must be ranked tensor of signed 8- or 4-bit integer values, but got 'tensor<8xui8>'}}
  %x = tessera.power_dequantize %q, %s exponent 0.5 : (tensor<8xui8>, tensor<f32>) -> tensor<8xf32>
  return %x : tensor<8xf32>
}

// -----

func.func @power_dequantize_scale_not_rank0(%q: tensor<8xi8>, %s: tensor<1xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.power_dequantize' op operand #1 must be 0D tensor of 32-bit float values, but got 'tensor<1xf32>'}}
  %x = tessera.power_dequantize %q, %s exponent 0.5 : (tensor<8xi8>, tensor<1xf32>) -> tensor<8xf32>
  return %x : tensor<8xf32>
}

// -----

func.func @power_dequantize_unranked(%q: tensor<*xi8>, %s: tensor<f32>) -> tensor<*xf32> {
  // expected-error @+1 {{'tessera.power_dequantize' op operand #0 must be ranked tensor of signed 8- or 4-bit integer values, but got 'tensor<*xi8>'}}
  %x = tessera.power_dequantize %q, %s exponent 0.5 : (tensor<*xi8>, tensor<f32>) -> tensor<*xf32>
  return %x : tensor<*xf32>
}
