// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Round trip of the low-bit quantized ops: tessera.quantize,
// tessera.dequantize, tessera.qmatmul, tessera.hadamard,
// tessera.power_quantize and tessera.power_dequantize.

//===----------------------------------------------------------------------===//
// quantize: attribute parameters
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @quantize_i8_attr_per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>)
// CHECK: %[[Q:.*]] = tessera.quantize %[[X]] scales [5.000000e-02] zero_points [3] : (tensor<4x16xf32>) -> tensor<4x16xi8>
// CHECK: return %[[Q]]
func.func @quantize_i8_attr_per_tensor(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  %q = tessera.quantize %x scales [0.05] zero_points [3]
      : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// CHECK-LABEL: func.func @quantize_ui8_attr_no_zero_point
// CHECK: tessera.quantize %{{.*}} scales [2.500000e-01] : (tensor<8xf32>) -> tensor<8xui8>
// CHECK-NOT: zero_points
func.func @quantize_ui8_attr_no_zero_point(%x: tensor<8xf32>) -> tensor<8xui8> {
  %q = tessera.quantize %x scales [0.25] : (tensor<8xf32>) -> tensor<8xui8>
  return %q : tensor<8xui8>
}

// CHECK-LABEL: func.func @quantize_ui8_attr_zero_point
// CHECK: tessera.quantize %{{.*}} scales [1.000000e+00] zero_points [255] : (tensor<8xf32>) -> tensor<8xui8>
func.func @quantize_ui8_attr_zero_point(%x: tensor<8xf32>) -> tensor<8xui8> {
  %q = tessera.quantize %x scales [1.0] zero_points [255]
      : (tensor<8xf32>) -> tensor<8xui8>
  return %q : tensor<8xui8>
}

// CHECK-LABEL: func.func @quantize_si8_attr
// CHECK: tessera.quantize %{{.*}} scales [5.000000e-01] zero_points [-128] : (tensor<2x3xf32>) -> tensor<2x3xsi8>
func.func @quantize_si8_attr(%x: tensor<2x3xf32>) -> tensor<2x3xsi8> {
  %q = tessera.quantize %x scales [0.5] zero_points [-128]
      : (tensor<2x3xf32>) -> tensor<2x3xsi8>
  return %q : tensor<2x3xsi8>
}

// CHECK-LABEL: func.func @quantize_i4_attr_per_axis0
// CHECK: tessera.quantize %{{.*}} scales [1.000000e+00, 2.000000e+00, 5.000000e-01, 1.250000e-01] zero_points [0, -8, 7, 1] axis 0 : (tensor<4x16xf32>) -> tensor<4x16xi4>
func.func @quantize_i4_attr_per_axis0(%x: tensor<4x16xf32>) -> tensor<4x16xi4> {
  %q = tessera.quantize %x scales [1.0, 2.0, 0.5, 0.125]
      zero_points [0, -8, 7, 1] axis 0
      : (tensor<4x16xf32>) -> tensor<4x16xi4>
  return %q : tensor<4x16xi4>
}

// CHECK-LABEL: func.func @quantize_ui4_attr_per_axis1
// CHECK: tessera.quantize %{{.*}} scales [1.000000e+00, 2.000000e+00, 4.000000e+00] zero_points [0, 8, 15] axis 1 : (tensor<2x3xf32>) -> tensor<2x3xui4>
func.func @quantize_ui4_attr_per_axis1(%x: tensor<2x3xf32>) -> tensor<2x3xui4> {
  %q = tessera.quantize %x scales [1.0, 2.0, 4.0] zero_points [0, 8, 15] axis 1
      : (tensor<2x3xf32>) -> tensor<2x3xui4>
  return %q : tensor<2x3xui4>
}

// CHECK-LABEL: func.func @quantize_i8_attr_per_axis1_no_zero_point
// CHECK: tessera.quantize %{{.*}} scales [1.000000e+00, 2.000000e+00, 4.000000e+00] axis 1 : (tensor<2x3xf32>) -> tensor<2x3xi8>
func.func @quantize_i8_attr_per_axis1_no_zero_point(%x: tensor<2x3xf32>) -> tensor<2x3xi8> {
  %q = tessera.quantize %x scales [1.0, 2.0, 4.0] axis 1
      : (tensor<2x3xf32>) -> tensor<2x3xi8>
  return %q : tensor<2x3xi8>
}

// CHECK-LABEL: func.func @quantize_rank0
// CHECK: tessera.quantize %{{.*}} scales [1.000000e-01] zero_points [-3] : (tensor<f32>) -> tensor<i8>
func.func @quantize_rank0(%x: tensor<f32>) -> tensor<i8> {
  %q = tessera.quantize %x scales [0.1] zero_points [-3]
      : (tensor<f32>) -> tensor<i8>
  return %q : tensor<i8>
}

//===----------------------------------------------------------------------===//
// quantize: operand parameters
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @quantize_i8_operand_rank0
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>, %[[S:.*]]: tensor<f32>, %[[Z:.*]]: tensor<i32>)
// CHECK: tessera.quantize %[[X]] scale %[[S]] zero_point %[[Z]] : (tensor<4x16xf32>, tensor<f32>, tensor<i32>) -> tensor<4x16xi8>
func.func @quantize_i8_operand_rank0(%x: tensor<4x16xf32>, %s: tensor<f32>,
                                     %z: tensor<i32>) -> tensor<4x16xi8> {
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<4x16xf32>, tensor<f32>, tensor<i32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// CHECK-LABEL: func.func @quantize_ui8_operand_one_element
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>, %[[S:.*]]: tensor<1xf32>, %[[Z:.*]]: tensor<1xi32>)
// CHECK: tessera.quantize %[[X]] scale %[[S]] zero_point %[[Z]] : (tensor<4x16xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x16xui8>
func.func @quantize_ui8_operand_one_element(%x: tensor<4x16xf32>,
                                            %s: tensor<1xf32>,
                                            %z: tensor<1xi32>) -> tensor<4x16xui8> {
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<4x16xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x16xui8>
  return %q : tensor<4x16xui8>
}

// CHECK-LABEL: func.func @quantize_i4_operand_no_zero_point
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>, %[[S:.*]]: tensor<f32>)
// CHECK: tessera.quantize %[[X]] scale %[[S]] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4x16xi4>
func.func @quantize_i4_operand_no_zero_point(%x: tensor<4x16xf32>,
                                             %s: tensor<f32>) -> tensor<4x16xi4> {
  %q = tessera.quantize %x scale %s : (tensor<4x16xf32>, tensor<f32>) -> tensor<4x16xi4>
  return %q : tensor<4x16xi4>
}

// CHECK-LABEL: func.func @quantize_i4_operand_per_axis0
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>, %[[S:.*]]: tensor<4xf32>, %[[Z:.*]]: tensor<4xi32>)
// CHECK: tessera.quantize %[[X]] scale %[[S]] zero_point %[[Z]] axis 0 : (tensor<4x16xf32>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xi4>
func.func @quantize_i4_operand_per_axis0(%x: tensor<4x16xf32>, %s: tensor<4xf32>,
                                         %z: tensor<4xi32>) -> tensor<4x16xi4> {
  %q = tessera.quantize %x scale %s zero_point %z axis 0
      : (tensor<4x16xf32>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xi4>
  return %q : tensor<4x16xi4>
}

// CHECK-LABEL: func.func @quantize_ui4_operand_per_axis1
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>, %[[S:.*]]: tensor<16xf32>, %[[Z:.*]]: tensor<16xi32>)
// CHECK: tessera.quantize %[[X]] scale %[[S]] zero_point %[[Z]] axis 1 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xi32>) -> tensor<4x16xui4>
func.func @quantize_ui4_operand_per_axis1(%x: tensor<4x16xf32>, %s: tensor<16xf32>,
                                          %z: tensor<16xi32>) -> tensor<4x16xui4> {
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xi32>) -> tensor<4x16xui4>
  return %q : tensor<4x16xui4>
}

// CHECK-LABEL: func.func @quantize_si8_operand_per_axis1_no_zero_point
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>, %[[S:.*]]: tensor<16xf32>)
// CHECK: tessera.quantize %[[X]] scale %[[S]] axis 1 : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xsi8>
func.func @quantize_si8_operand_per_axis1_no_zero_point(
    %x: tensor<4x16xf32>, %s: tensor<16xf32>) -> tensor<4x16xsi8> {
  %q = tessera.quantize %x scale %s axis 1
      : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xsi8>
  return %q : tensor<4x16xsi8>
}

// Dynamic extents: the per-axis parameters are checked once they are static.
// CHECK-LABEL: func.func @quantize_dynamic_per_axis0
// CHECK: tessera.quantize %{{.*}} scale %{{.*}} zero_point %{{.*}} axis 0 : (tensor<?x16xf32>, tensor<?xf32>, tensor<?xi32>) -> tensor<?x16xi8>
func.func @quantize_dynamic_per_axis0(%x: tensor<?x16xf32>, %s: tensor<?xf32>,
                                      %z: tensor<?xi32>) -> tensor<?x16xi8> {
  %q = tessera.quantize %x scale %s zero_point %z axis 0
      : (tensor<?x16xf32>, tensor<?xf32>, tensor<?xi32>) -> tensor<?x16xi8>
  return %q : tensor<?x16xi8>
}

//===----------------------------------------------------------------------===//
// dequantize
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dequantize_i8_attr_per_tensor
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xi8>)
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scales [5.000000e-02] zero_points [3] : (tensor<4x16xi8>) -> tensor<4x16xf32>
// CHECK: return %[[R]]
func.func @dequantize_i8_attr_per_tensor(%q: tensor<4x16xi8>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scales [0.05] zero_points [3]
      : (tensor<4x16xi8>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @dequantize_ui8_attr_no_zero_point
// CHECK: tessera.dequantize %{{.*}} scales [2.500000e-01] : (tensor<8xui8>) -> tensor<8xf32>
func.func @dequantize_ui8_attr_no_zero_point(%q: tensor<8xui8>) -> tensor<8xf32> {
  %r = tessera.dequantize %q scales [0.25] : (tensor<8xui8>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// CHECK-LABEL: func.func @dequantize_si8_attr
// CHECK: tessera.dequantize %{{.*}} scales [5.000000e-01] zero_points [127] : (tensor<2x3xsi8>) -> tensor<2x3xf32>
func.func @dequantize_si8_attr(%q: tensor<2x3xsi8>) -> tensor<2x3xf32> {
  %r = tessera.dequantize %q scales [0.5] zero_points [127]
      : (tensor<2x3xsi8>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dequantize_i4_attr_per_axis0
// CHECK: tessera.dequantize %{{.*}} scales [1.000000e+00, 2.000000e+00] zero_points [-8, 7] axis 0 : (tensor<2x3xi4>) -> tensor<2x3xf32>
func.func @dequantize_i4_attr_per_axis0(%q: tensor<2x3xi4>) -> tensor<2x3xf32> {
  %r = tessera.dequantize %q scales [1.0, 2.0] zero_points [-8, 7] axis 0
      : (tensor<2x3xi4>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dequantize_ui4_attr_per_axis1
// CHECK: tessera.dequantize %{{.*}} scales [1.000000e+00, 2.000000e+00, 4.000000e+00] zero_points [0, 8, 15] axis 1 : (tensor<2x3xui4>) -> tensor<2x3xf32>
func.func @dequantize_ui4_attr_per_axis1(%q: tensor<2x3xui4>) -> tensor<2x3xf32> {
  %r = tessera.dequantize %q scales [1.0, 2.0, 4.0] zero_points [0, 8, 15] axis 1
      : (tensor<2x3xui4>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dequantize_i8_operand_rank0
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xi8>, %[[S:.*]]: tensor<f32>, %[[Z:.*]]: tensor<i32>)
// CHECK: tessera.dequantize %[[Q]] scale %[[S]] zero_point %[[Z]] : (tensor<4x16xi8>, tensor<f32>, tensor<i32>) -> tensor<4x16xf32>
func.func @dequantize_i8_operand_rank0(%q: tensor<4x16xi8>, %s: tensor<f32>,
                                       %z: tensor<i32>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<4x16xi8>, tensor<f32>, tensor<i32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @dequantize_ui8_operand_one_element
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xui8>, %[[S:.*]]: tensor<1xf32>, %[[Z:.*]]: tensor<1xi32>)
// CHECK: tessera.dequantize %[[Q]] scale %[[S]] zero_point %[[Z]] : (tensor<4x16xui8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x16xf32>
func.func @dequantize_ui8_operand_one_element(%q: tensor<4x16xui8>,
                                              %s: tensor<1xf32>,
                                              %z: tensor<1xi32>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<4x16xui8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @dequantize_i4_operand_no_zero_point
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xi4>, %[[S:.*]]: tensor<1xf32>)
// CHECK: tessera.dequantize %[[Q]] scale %[[S]] : (tensor<4x16xi4>, tensor<1xf32>) -> tensor<4x16xf32>
func.func @dequantize_i4_operand_no_zero_point(%q: tensor<4x16xi4>,
                                               %s: tensor<1xf32>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scale %s : (tensor<4x16xi4>, tensor<1xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @dequantize_i4_operand_per_axis0
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xi4>, %[[S:.*]]: tensor<4xf32>, %[[Z:.*]]: tensor<4xi32>)
// CHECK: tessera.dequantize %[[Q]] scale %[[S]] zero_point %[[Z]] axis 0 : (tensor<4x16xi4>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xf32>
func.func @dequantize_i4_operand_per_axis0(%q: tensor<4x16xi4>, %s: tensor<4xf32>,
                                           %z: tensor<4xi32>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z axis 0
      : (tensor<4x16xi4>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @dequantize_ui4_operand_per_axis1
// CHECK-SAME: (%[[Q:.*]]: tensor<4x16xui4>, %[[S:.*]]: tensor<16xf32>, %[[Z:.*]]: tensor<16xi32>)
// CHECK: tessera.dequantize %[[Q]] scale %[[S]] zero_point %[[Z]] axis 1 : (tensor<4x16xui4>, tensor<16xf32>, tensor<16xi32>) -> tensor<4x16xf32>
func.func @dequantize_ui4_operand_per_axis1(%q: tensor<4x16xui4>, %s: tensor<16xf32>,
                                            %z: tensor<16xi32>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z axis 1
      : (tensor<4x16xui4>, tensor<16xf32>, tensor<16xi32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @dequantize_si8_operand_per_axis1
// CHECK: tessera.dequantize %{{.*}} scale %{{.*}} zero_point %{{.*}} axis 1 : (tensor<4x16xsi8>, tensor<16xf32>, tensor<16xi32>) -> tensor<4x16xf32>
func.func @dequantize_si8_operand_per_axis1(%q: tensor<4x16xsi8>, %s: tensor<16xf32>,
                                            %z: tensor<16xi32>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z axis 1
      : (tensor<4x16xsi8>, tensor<16xf32>, tensor<16xi32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// Quantize then dequantize with the same parameters stays two ops.
// CHECK-LABEL: func.func @quantize_dequantize_chain
// CHECK: %[[Q:.*]] = tessera.quantize %{{.*}} scales [5.000000e-01] zero_points [-2] : (tensor<4xf32>) -> tensor<4xi4>
// CHECK: %[[R:.*]] = tessera.dequantize %[[Q]] scales [5.000000e-01] zero_points [-2] : (tensor<4xi4>) -> tensor<4xf32>
// CHECK: return %[[R]]
func.func @quantize_dequantize_chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = tessera.quantize %x scales [0.5] zero_points [-2]
      : (tensor<4xf32>) -> tensor<4xi4>
  %r = tessera.dequantize %q scales [0.5] zero_points [-2]
      : (tensor<4xi4>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// qmatmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @qmatmul_i32
// CHECK-SAME: (%[[A:.*]]: tensor<64x128xi8>, %[[B:.*]]: tensor<128x32xi8>)
// CHECK: %[[C:.*]] = tessera.qmatmul %[[A]], %[[B]] : (tensor<64x128xi8>, tensor<128x32xi8>) -> tensor<64x32xi32>
// CHECK: return %[[C]]
func.func @qmatmul_i32(%a: tensor<64x128xi8>, %b: tensor<128x32xi8>) -> tensor<64x32xi32> {
  %c = tessera.qmatmul %a, %b
      : (tensor<64x128xi8>, tensor<128x32xi8>) -> tensor<64x32xi32>
  return %c : tensor<64x32xi32>
}

// Zero points equal to the default 0 are elided.
// CHECK-LABEL: func.func @qmatmul_i32_zero_points
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} {a_zero_point = 128 : i64, b_zero_point = -3 : i64} : (tensor<64x128xui8>, tensor<128x32xi8>) -> tensor<64x32xi32>
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} : (tensor<64x128xui8>, tensor<128x32xi8>) -> tensor<64x32xi32>
func.func @qmatmul_i32_zero_points(%a: tensor<64x128xui8>, %b: tensor<128x32xi8>)
    -> (tensor<64x32xi32>, tensor<64x32xi32>) {
  %c = tessera.qmatmul %a, %b {a_zero_point = 128 : i64, b_zero_point = -3 : i64}
      : (tensor<64x128xui8>, tensor<128x32xi8>) -> tensor<64x32xi32>
  %d = tessera.qmatmul %a, %b {a_zero_point = 0 : i64, b_zero_point = 0 : i64}
      : (tensor<64x128xui8>, tensor<128x32xi8>) -> tensor<64x32xi32>
  return %c, %d : tensor<64x32xi32>, tensor<64x32xi32>
}

// CHECK-LABEL: func.func @qmatmul_f32_scalar_scales
// CHECK-SAME: (%[[A:.*]]: tensor<64x128xi8>, %[[B:.*]]: tensor<128x32xi8>, %[[SA:.*]]: tensor<f32>, %[[SB:.*]]: tensor<f32>)
// CHECK: tessera.qmatmul %[[A]], %[[B]] scales(%[[SA]], %[[SB]]) : (tensor<64x128xi8>, tensor<128x32xi8>, tensor<f32>, tensor<f32>) -> tensor<64x32xf32>
func.func @qmatmul_f32_scalar_scales(%a: tensor<64x128xi8>, %b: tensor<128x32xi8>,
                                     %sa: tensor<f32>, %sb: tensor<f32>)
    -> tensor<64x32xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      : (tensor<64x128xi8>, tensor<128x32xi8>, tensor<f32>, tensor<f32>)
      -> tensor<64x32xf32>
  return %c : tensor<64x32xf32>
}

// CHECK-LABEL: func.func @qmatmul_f32_one_element_scales
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) : (tensor<64x128xi8>, tensor<128x32xi8>, tensor<1xf32>, tensor<1xf32>) -> tensor<64x32xf32>
func.func @qmatmul_f32_one_element_scales(%a: tensor<64x128xi8>,
                                          %b: tensor<128x32xi8>,
                                          %sa: tensor<1xf32>, %sb: tensor<1xf32>)
    -> tensor<64x32xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      : (tensor<64x128xi8>, tensor<128x32xi8>, tensor<1xf32>, tensor<1xf32>)
      -> tensor<64x32xf32>
  return %c : tensor<64x32xf32>
}

// Per-row scales of a ([M]) and per-column scales of b ([N]).
// CHECK-LABEL: func.func @qmatmul_f32_per_row_per_column
// CHECK-SAME: (%[[A:.*]]: tensor<64x128xui8>, %[[B:.*]]: tensor<128x32xi8>, %[[SA:.*]]: tensor<64xf32>, %[[SB:.*]]: tensor<32xf32>)
// CHECK: tessera.qmatmul %[[A]], %[[B]] scales(%[[SA]], %[[SB]]) {a_zero_point = 3 : i64} : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<64xf32>, tensor<32xf32>) -> tensor<64x32xf32>
func.func @qmatmul_f32_per_row_per_column(%a: tensor<64x128xui8>,
                                          %b: tensor<128x32xi8>,
                                          %sa: tensor<64xf32>, %sb: tensor<32xf32>)
    -> tensor<64x32xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 3 : i64}
      : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<64xf32>, tensor<32xf32>)
      -> tensor<64x32xf32>
  return %c : tensor<64x32xf32>
}

// CHECK-LABEL: func.func @qmatmul_f32_scalar_a_per_column_b
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<f32>, tensor<32xf32>) -> tensor<64x32xf32>
func.func @qmatmul_f32_scalar_a_per_column_b(%a: tensor<64x128xui8>,
                                             %b: tensor<128x32xi8>,
                                             %sa: tensor<f32>, %sb: tensor<32xf32>)
    -> tensor<64x32xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<f32>, tensor<32xf32>)
      -> tensor<64x32xf32>
  return %c : tensor<64x32xf32>
}

// CHECK-LABEL: func.func @qmatmul_requantize_i8
// CHECK-SAME: (%[[A:.*]]: tensor<64x128xi8>, %[[B:.*]]: tensor<128x32xi8>, %[[SA:.*]]: tensor<f32>, %[[SB:.*]]: tensor<32xf32>, %[[SO:.*]]: tensor<f32>)
// CHECK: tessera.qmatmul %[[A]], %[[B]] scales(%[[SA]], %[[SB]]) out_scale %[[SO]] {a_zero_point = -1 : i64, b_zero_point = 2 : i64, out_zero_point = -5 : i64} : (tensor<64x128xi8>, tensor<128x32xi8>, tensor<f32>, tensor<32xf32>, tensor<f32>) -> tensor<64x32xi8>
func.func @qmatmul_requantize_i8(%a: tensor<64x128xi8>, %b: tensor<128x32xi8>,
                                 %sa: tensor<f32>, %sb: tensor<32xf32>,
                                 %so: tensor<f32>) -> tensor<64x32xi8> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {a_zero_point = -1 : i64, b_zero_point = 2 : i64, out_zero_point = -5 : i64}
      : (tensor<64x128xi8>, tensor<128x32xi8>, tensor<f32>, tensor<32xf32>,
         tensor<f32>) -> tensor<64x32xi8>
  return %c : tensor<64x32xi8>
}

// CHECK-LABEL: func.func @qmatmul_requantize_ui8
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) out_scale %{{.*}} {a_zero_point = 128 : i64, out_zero_point = 255 : i64} : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<64xf32>, tensor<f32>, tensor<1xf32>) -> tensor<64x32xui8>
func.func @qmatmul_requantize_ui8(%a: tensor<64x128xui8>, %b: tensor<128x32xi8>,
                                  %sa: tensor<64xf32>, %sb: tensor<f32>,
                                  %so: tensor<1xf32>) -> tensor<64x32xui8> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {a_zero_point = 128 : i64, out_zero_point = 255 : i64}
      : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<64xf32>, tensor<f32>,
         tensor<1xf32>) -> tensor<64x32xui8>
  return %c : tensor<64x32xui8>
}

// CHECK-LABEL: func.func @qmatmul_i4_requantize_i4
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) out_scale %{{.*}} {a_zero_point = -8 : i64, b_zero_point = 7 : i64, out_zero_point = 7 : i64} : (tensor<16x256xi4>, tensor<256x8xi4>, tensor<16xf32>, tensor<8xf32>, tensor<f32>) -> tensor<16x8xi4>
func.func @qmatmul_i4_requantize_i4(%a: tensor<16x256xi4>, %b: tensor<256x8xi4>,
                                    %sa: tensor<16xf32>, %sb: tensor<8xf32>,
                                    %so: tensor<f32>) -> tensor<16x8xi4> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {a_zero_point = -8 : i64, b_zero_point = 7 : i64, out_zero_point = 7 : i64}
      : (tensor<16x256xi4>, tensor<256x8xi4>, tensor<16xf32>, tensor<8xf32>,
         tensor<f32>) -> tensor<16x8xi4>
  return %c : tensor<16x8xi4>
}

// CHECK-LABEL: func.func @qmatmul_i4_i4_to_i32
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} : (tensor<16x256xi4>, tensor<256x8xi4>) -> tensor<16x8xi32>
func.func @qmatmul_i4_i4_to_i32(%a: tensor<16x256xi4>, %b: tensor<256x8xi4>)
    -> tensor<16x8xi32> {
  %c = tessera.qmatmul %a, %b
      : (tensor<16x256xi4>, tensor<256x8xi4>) -> tensor<16x8xi32>
  return %c : tensor<16x8xi32>
}

// CHECK-LABEL: func.func @qmatmul_mixed_signedness_to_f32
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) {a_zero_point = 15 : i64, b_zero_point = -128 : i64} : (tensor<4x8xui4>, tensor<8x2xsi8>, tensor<f32>, tensor<2xf32>) -> tensor<4x2xf32>
func.func @qmatmul_mixed_signedness_to_f32(%a: tensor<4x8xui4>, %b: tensor<8x2xsi8>,
                                           %sa: tensor<f32>, %sb: tensor<2xf32>)
    -> tensor<4x2xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      {a_zero_point = 15 : i64, b_zero_point = -128 : i64}
      : (tensor<4x8xui4>, tensor<8x2xsi8>, tensor<f32>, tensor<2xf32>)
      -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// CHECK-LABEL: func.func @qmatmul_dynamic
// CHECK: tessera.qmatmul %{{.*}}, %{{.*}} scales(%{{.*}}, %{{.*}}) : (tensor<?x?xi8>, tensor<?x?xi8>, tensor<?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
func.func @qmatmul_dynamic(%a: tensor<?x?xi8>, %b: tensor<?x?xi8>,
                           %sa: tensor<?xf32>, %sb: tensor<?xf32>)
    -> tensor<?x?xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      : (tensor<?x?xi8>, tensor<?x?xi8>, tensor<?xf32>, tensor<?xf32>)
      -> tensor<?x?xf32>
  return %c : tensor<?x?xf32>
}

//===----------------------------------------------------------------------===//
// hadamard
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @hadamard_blocks
// CHECK-SAME: (%[[X:.*]]: tensor<16x256xf32>)
// CHECK: %[[A:.*]] = tessera.hadamard %[[X]] block 1 : tensor<16x256xf32>
// CHECK: %[[B:.*]] = tessera.hadamard %[[A]] block 32 : tensor<16x256xf32>
// CHECK: %[[C:.*]] = tessera.hadamard %[[B]] block 256 : tensor<16x256xf32>
// CHECK: return %[[C]]
func.func @hadamard_blocks(%x: tensor<16x256xf32>) -> tensor<16x256xf32> {
  %a = tessera.hadamard %x block 1 : tensor<16x256xf32>
  %b = tessera.hadamard %a block 32 : tensor<16x256xf32>
  %c = tessera.hadamard %b block 256 : tensor<16x256xf32>
  return %c : tensor<16x256xf32>
}

// CHECK-LABEL: func.func @hadamard_rank1_and_rank3
// CHECK: tessera.hadamard %{{.*}} block 8 : tensor<8xf32>
// CHECK: tessera.hadamard %{{.*}} block 2 : tensor<2x3x4xf32>
func.func @hadamard_rank1_and_rank3(%x: tensor<8xf32>, %y: tensor<2x3x4xf32>)
    -> (tensor<8xf32>, tensor<2x3x4xf32>) {
  %a = tessera.hadamard %x block 8 : tensor<8xf32>
  %b = tessera.hadamard %y block 2 : tensor<2x3x4xf32>
  return %a, %b : tensor<8xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @hadamard_dynamic
// CHECK: tessera.hadamard %{{.*}} block 32 : tensor<?x?xf32>
func.func @hadamard_dynamic(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %a = tessera.hadamard %x block 32 : tensor<?x?xf32>
  return %a : tensor<?x?xf32>
}

// The 4-bit forward of Xi et al.: hadamard -> quantize(i4) -> qmatmul.
// CHECK-LABEL: func.func @hadamard_int4_forward
// CHECK: %[[HX:.*]] = tessera.hadamard %{{.*}} block 32 : tensor<16x256xf32>
// CHECK: %[[QX:.*]] = tessera.quantize %[[HX]] scale %{{.*}} axis 0 : (tensor<16x256xf32>, tensor<16xf32>) -> tensor<16x256xi4>
// CHECK: %[[QW:.*]] = tessera.quantize %{{.*}} scale %{{.*}} axis 1 : (tensor<256x8xf32>, tensor<8xf32>) -> tensor<256x8xi4>
// CHECK: tessera.qmatmul %[[QX]], %[[QW]] scales(%{{.*}}, %{{.*}}) : (tensor<16x256xi4>, tensor<256x8xi4>, tensor<16xf32>, tensor<8xf32>) -> tensor<16x8xf32>
func.func @hadamard_int4_forward(%x: tensor<16x256xf32>, %hw: tensor<256x8xf32>,
                                 %sx: tensor<16xf32>, %sw: tensor<8xf32>)
    -> tensor<16x8xf32> {
  %hx = tessera.hadamard %x block 32 : tensor<16x256xf32>
  %qx = tessera.quantize %hx scale %sx axis 0
      : (tensor<16x256xf32>, tensor<16xf32>) -> tensor<16x256xi4>
  %qw = tessera.quantize %hw scale %sw axis 1
      : (tensor<256x8xf32>, tensor<8xf32>) -> tensor<256x8xi4>
  %y = tessera.qmatmul %qx, %qw scales(%sx, %sw)
      : (tensor<16x256xi4>, tensor<256x8xi4>, tensor<16xf32>, tensor<8xf32>)
      -> tensor<16x8xf32>
  return %y : tensor<16x8xf32>
}

//===----------------------------------------------------------------------===//
// power_quantize / power_dequantize
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @power_quantize_i8
// CHECK-SAME: (%[[X:.*]]: tensor<256xf32>)
// CHECK: %[[Q:.*]], %[[S:.*]] = tessera.power_quantize %[[X]] exponent 5.000000e-01 : (tensor<256xf32>) -> (tensor<256xi8>, tensor<f32>)
// CHECK: return %[[Q]], %[[S]]
func.func @power_quantize_i8(%x: tensor<256xf32>) -> (tensor<256xi8>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 0.5
      : (tensor<256xf32>) -> (tensor<256xi8>, tensor<f32>)
  return %q, %s : tensor<256xi8>, tensor<f32>
}

// CHECK-LABEL: func.func @power_quantize_i4
// CHECK: tessera.power_quantize %{{.*}} exponent 7.500000e-01 : (tensor<4x64xf32>) -> (tensor<4x64xi4>, tensor<f32>)
func.func @power_quantize_i4(%x: tensor<4x64xf32>) -> (tensor<4x64xi4>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 0.75
      : (tensor<4x64xf32>) -> (tensor<4x64xi4>, tensor<f32>)
  return %q, %s : tensor<4x64xi4>, tensor<f32>
}

// CHECK-LABEL: func.func @power_quantize_signed_uniform
// CHECK: tessera.power_quantize %{{.*}} exponent 1.000000e+00 : (tensor<8xf32>) -> (tensor<8xsi8>, tensor<f32>)
// CHECK: tessera.power_quantize %{{.*}} exponent 2.000000e+00 : (tensor<8xf32>) -> (tensor<8xsi4>, tensor<f32>)
func.func @power_quantize_signed_uniform(%x: tensor<8xf32>)
    -> (tensor<8xsi8>, tensor<8xsi4>) {
  %q, %s = tessera.power_quantize %x exponent 1.0
      : (tensor<8xf32>) -> (tensor<8xsi8>, tensor<f32>)
  %p, %t = tessera.power_quantize %x exponent 2.0
      : (tensor<8xf32>) -> (tensor<8xsi4>, tensor<f32>)
  return %q, %p : tensor<8xsi8>, tensor<8xsi4>
}

// CHECK-LABEL: func.func @power_round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<256xf32>)
// CHECK: %[[Q:.*]], %[[S:.*]] = tessera.power_quantize %[[X]] exponent 5.000000e-01 : (tensor<256xf32>) -> (tensor<256xi4>, tensor<f32>)
// CHECK: %[[R:.*]] = tessera.power_dequantize %[[Q]], %[[S]] exponent 5.000000e-01 : (tensor<256xi4>, tensor<f32>) -> tensor<256xf32>
// CHECK: return %[[R]]
func.func @power_round_trip(%x: tensor<256xf32>) -> tensor<256xf32> {
  %q, %s = tessera.power_quantize %x exponent 0.5
      : (tensor<256xf32>) -> (tensor<256xi4>, tensor<f32>)
  %r = tessera.power_dequantize %q, %s exponent 0.5
      : (tensor<256xi4>, tensor<f32>) -> tensor<256xf32>
  return %r : tensor<256xf32>
}

// CHECK-LABEL: func.func @power_dequantize_i8
// CHECK: tessera.power_dequantize %{{.*}}, %{{.*}} exponent 1.000000e+00 : (tensor<2x3xi8>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: tessera.power_dequantize %{{.*}}, %{{.*}} exponent 2.500000e-01 : (tensor<2x3xsi8>, tensor<f32>) -> tensor<2x3xf32>
func.func @power_dequantize_i8(%q: tensor<2x3xi8>, %p: tensor<2x3xsi8>,
                               %s: tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %r = tessera.power_dequantize %q, %s exponent 1.0
      : (tensor<2x3xi8>, tensor<f32>) -> tensor<2x3xf32>
  %t = tessera.power_dequantize %p, %s exponent 0.25
      : (tensor<2x3xsi8>, tensor<f32>) -> tensor<2x3xf32>
  return %r, %t : tensor<2x3xf32>, tensor<2x3xf32>
}
