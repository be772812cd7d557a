// RUN: tessera-opt %s --tessera-to-linalg --split-input-file | FileCheck %s

// Static per-tensor parameters: scalar constants inside the body,
// q = clamp(roundeven(r / s) + float(z), -128, 127) -> fptosi.
// CHECK-LABEL: func.func @quantize_static
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x16xi8>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK-SAME: ins(%[[X]] : tensor<4x16xf32>) outs(%[[E]] : tensor<4x16xi8>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8):
// CHECK-DAG: %[[S:.*]] = arith.constant 5.000000e-02 : f32
// CHECK-DAG: %[[Z:.*]] = arith.constant 3 : i32
// CHECK: %[[D:.*]] = arith.divf %[[IN]], %[[S]] : f32
// CHECK: %[[R:.*]] = math.roundeven %[[D]] : f32
// CHECK: %[[ZF:.*]] = arith.sitofp %[[Z]] : i32 to f32
// CHECK: %[[A:.*]] = arith.addf %[[R]], %[[ZF]] : f32
// CHECK: %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK: %[[M1:.*]] = arith.maxnumf %[[A]], %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK: %[[M2:.*]] = arith.minnumf %[[M1]], %[[HI]] : f32
// CHECK: %[[Q:.*]] = arith.fptosi %[[M2]] : f32 to i8
// CHECK: linalg.yield %[[Q]] : i8
func.func @quantize_static(%x: tensor<4x16xf32>) -> tensor<4x16xi8> {
  %q = tessera.quantize %x scales [0.05] zero_points [3]
      : (tensor<4x16xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

// No zero point: no addition.
// CHECK-LABEL: func.func @quantize_no_zero_point
// CHECK: math.roundeven
// CHECK-NOT: arith.addf
// CHECK: arith.maxnumf
func.func @quantize_no_zero_point(%x: tensor<8xf32>) -> tensor<8xi8> {
  %q = tessera.quantize %x scales [0.5] : (tensor<8xf32>) -> tensor<8xi8>
  return %q : tensor<8xi8>
}

// -----

// Per-tensor operands: rank 0 and one-element tensors are read once with
// tensor.extract and used inside the body.
// CHECK-LABEL: func.func @quantize_operands
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<f32>, %[[Z:.*]]: tensor<1xi32>)
// CHECK-DAG: %[[SV:.*]] = tensor.extract %[[S]][] : tensor<f32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[ZV:.*]] = tensor.extract %[[Z]][%[[C0]]] : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<2x3xf32>)
// CHECK: arith.divf %{{.*}}, %[[SV]] : f32
// CHECK: arith.sitofp %[[ZV]] : i32 to f32
func.func @quantize_operands(%x: tensor<2x3xf32>, %s: tensor<f32>,
                             %z: tensor<1xi32>) -> tensor<2x3xi8> {
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<2x3xf32>, tensor<f32>, tensor<1xi32>) -> tensor<2x3xi8>
  return %q : tensor<2x3xi8>
}

// -----

// Per-axis operands: broadcast along the axis' loop.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[AX:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @quantize_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x3xf32>, %[[S:.*]]: tensor<5xf32>, %[[Z:.*]]: tensor<5xi32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[AX]], #[[AX]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S]], %[[Z]] : tensor<2x5x3xf32>, tensor<5xf32>, tensor<5xi32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[SV:.*]]: f32, %[[ZV:.*]]: i32, %{{.*}}: i8):
// CHECK: arith.divf %[[IN]], %[[SV]] : f32
// CHECK: arith.sitofp %[[ZV]] : i32 to f32
func.func @quantize_axis(%x: tensor<2x5x3xf32>, %s: tensor<5xf32>,
                         %z: tensor<5xi32>) -> tensor<2x5x3xi8> {
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<2x5x3xf32>, tensor<5xf32>, tensor<5xi32>) -> tensor<2x5x3xi8>
  return %q : tensor<2x5x3xi8>
}

// -----

// Static per-axis parameters become constant tensors.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[AX:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @quantize_axis_static
// CHECK-DAG: %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01, 1.500000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[Z:.*]] = arith.constant dense<[0, -5, 7]> : tensor<3xi32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[AX]], #[[AX]], #[[ID]]]
// CHECK-SAME: ins(%{{.*}}, %[[S]], %[[Z]] :
func.func @quantize_axis_static(%x: tensor<3x9xf32>) -> tensor<3x9xi8> {
  %q = tessera.quantize %x scales [0.5, 0.25, 1.5] zero_points [0, -5, 7]
      axis 0 : (tensor<3x9xf32>) -> tensor<3x9xi8>
  return %q : tensor<3x9xi8>
}

// -----

// All-zero static zero points are dropped.
// CHECK-LABEL: func.func @quantize_axis_zero_zps
// CHECK-NOT: tensor<3xi32>
// CHECK-NOT: arith.addf
// CHECK: return
func.func @quantize_axis_zero_zps(%x: tensor<3x9xf32>) -> tensor<3x9xi8> {
  %q = tessera.quantize %x scales [0.5, 0.25, 1.5] zero_points [0, 0, 0]
      axis 0 : (tensor<3x9xf32>) -> tensor<3x9xi8>
  return %q : tensor<3x9xi8>
}

// -----

// ui8: range [0, 255], fptoui, then a cast to the unsigned storage type.
// CHECK-LABEL: func.func @quantize_ui8
// CHECK: linalg.generic
// CHECK: arith.constant 128 : i32
// CHECK: arith.constant 0.000000e+00 : f32
// CHECK: arith.maxnumf
// CHECK: arith.constant 2.550000e+02 : f32
// CHECK: arith.minnumf
// CHECK: %[[Q:.*]] = arith.fptoui %{{.*}} : f32 to i8
// CHECK: %[[U:.*]] = builtin.unrealized_conversion_cast %[[Q]] : i8 to ui8
// CHECK: linalg.yield %[[U]] : ui8
// CHECK: -> tensor<4x10xui8>
func.func @quantize_ui8(%x: tensor<4x10xf32>) -> tensor<4x10xui8> {
  %q = tessera.quantize %x scales [0.25] zero_points [128]
      : (tensor<4x10xf32>) -> tensor<4x10xui8>
  return %q : tensor<4x10xui8>
}

// -----

// i4 [-8, 7] and ui4 [0, 15].
// CHECK-LABEL: func.func @quantize_i4
// CHECK: arith.constant -8.000000e+00 : f32
// CHECK: arith.constant 7.000000e+00 : f32
// CHECK: arith.fptosi %{{.*}} : f32 to i4
// CHECK: -> tensor<16xi4>
func.func @quantize_i4(%x: tensor<16xf32>) -> tensor<16xi4> {
  %q = tessera.quantize %x scales [0.5] : (tensor<16xf32>) -> tensor<16xi4>
  return %q : tensor<16xi4>
}

// CHECK-LABEL: func.func @quantize_ui4
// CHECK: arith.constant 0.000000e+00 : f32
// CHECK: arith.constant 1.500000e+01 : f32
// CHECK: %[[Q:.*]] = arith.fptoui %{{.*}} : f32 to i4
// CHECK: builtin.unrealized_conversion_cast %[[Q]] : i4 to ui4
func.func @quantize_ui4(%x: tensor<16xf32>) -> tensor<16xui4> {
  %q = tessera.quantize %x scales [0.5] zero_points [8]
      : (tensor<16xf32>) -> tensor<16xui4>
  return %q : tensor<16xui4>
}

// CHECK-LABEL: func.func @quantize_si8
// CHECK: %[[Q:.*]] = arith.fptosi %{{.*}} : f32 to i8
// CHECK: builtin.unrealized_conversion_cast %[[Q]] : i8 to si8
func.func @quantize_si8(%x: tensor<16xf32>) -> tensor<16xsi8> {
  %q = tessera.quantize %x scales [0.5] : (tensor<16xf32>) -> tensor<16xsi8>
  return %q : tensor<16xsi8>
}

// -----

// Rank 0.
// CHECK-DAG: #[[MAP:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @quantize_rank0
// CHECK: linalg.generic {indexing_maps = [#[[MAP]], #[[MAP]]], iterator_types = []}
func.func @quantize_rank0(%x: tensor<f32>) -> tensor<i8> {
  %q = tessera.quantize %x scales [0.5] : (tensor<f32>) -> tensor<i8>
  return %q : tensor<i8>
}

// -----

// Dynamic dims come from the input.
// CHECK-LABEL: func.func @quantize_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x4xi8>
// CHECK: linalg.generic
func.func @quantize_dynamic(%x: tensor<?x4xf32>, %s: tensor<4xf32>)
    -> tensor<?x4xi8> {
  %q = tessera.quantize %x scale %s axis 1
      : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xi8>
  return %q : tensor<?x4xi8>
}

// -----

// dequantize: r = float(q - z) * s, the subtraction in i32.
// CHECK-LABEL: func.func @dequantize_static
// CHECK: linalg.generic
// CHECK: ^bb0(%[[IN:.*]]: i8, %{{.*}}: f32):
// CHECK-DAG: %[[S:.*]] = arith.constant 5.000000e-02 : f32
// CHECK-DAG: %[[Z:.*]] = arith.constant -3 : i32
// CHECK: %[[W:.*]] = arith.extsi %[[IN]] : i8 to i32
// CHECK: %[[D:.*]] = arith.subi %[[W]], %[[Z]] : i32
// CHECK: %[[F:.*]] = arith.sitofp %[[D]] : i32 to f32
// CHECK: %[[R:.*]] = arith.mulf %[[F]], %[[S]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @dequantize_static(%q: tensor<4x16xi8>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scales [0.05] zero_points [-3]
      : (tensor<4x16xi8>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// ui8 / ui4 zero-extend; i4 sign-extends.
// CHECK-LABEL: func.func @dequantize_ui8
// CHECK: ^bb0(%[[IN:.*]]: ui8, %{{.*}}: f32):
// CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %[[IN]] : ui8 to i8
// CHECK: arith.extui %[[C]] : i8 to i32
// CHECK: arith.subi
func.func @dequantize_ui8(%q: tensor<3x11xui8>) -> tensor<3x11xf32> {
  %r = tessera.dequantize %q scales [0.125] zero_points [128]
      : (tensor<3x11xui8>) -> tensor<3x11xf32>
  return %r : tensor<3x11xf32>
}

// CHECK-LABEL: func.func @dequantize_ui4
// CHECK: arith.extui %{{.*}} : i4 to i32
// CHECK-NOT: arith.subi
// CHECK: arith.sitofp
func.func @dequantize_ui4(%q: tensor<8xui4>) -> tensor<8xf32> {
  %r = tessera.dequantize %q scales [0.125] : (tensor<8xui4>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// CHECK-LABEL: func.func @dequantize_i4
// CHECK: arith.extsi %{{.*}} : i4 to i32
func.func @dequantize_i4(%q: tensor<8xi4>) -> tensor<8xf32> {
  %r = tessera.dequantize %q scales [0.125] zero_points [1]
      : (tensor<8xi4>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// Per-axis operands.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[AX:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @dequantize_axis
// CHECK-SAME: (%[[Q:.*]]: tensor<5x3x2xi8>, %[[S:.*]]: tensor<5xf32>, %[[Z:.*]]: tensor<5xi32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[AX]], #[[AX]], #[[ID]]]
// CHECK-SAME: ins(%[[Q]], %[[S]], %[[Z]] :
// CHECK: ^bb0(%[[IN:.*]]: i8, %[[SV:.*]]: f32, %[[ZV:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[W:.*]] = arith.extsi %[[IN]] : i8 to i32
// CHECK: %[[D:.*]] = arith.subi %[[W]], %[[ZV]] : i32
// CHECK: %[[F:.*]] = arith.sitofp %[[D]] : i32 to f32
// CHECK: arith.mulf %[[F]], %[[SV]] : f32
func.func @dequantize_axis(%q: tensor<5x3x2xi8>, %s: tensor<5xf32>,
                           %z: tensor<5xi32>) -> tensor<5x3x2xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z axis 0
      : (tensor<5x3x2xi8>, tensor<5xf32>, tensor<5xi32>) -> tensor<5x3x2xf32>
  return %r : tensor<5x3x2xf32>
}

// -----

// i8 x i8 -> i32 without zero points: a plain linalg.matmul.
// CHECK-LABEL: func.func @qmatmul_i32
// CHECK-SAME: (%[[A:.*]]: tensor<7x5xi8>, %[[B:.*]]: tensor<5x13xi8>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<7x13xi32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%[[E]] : tensor<7x13xi32>)
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<7x5xi8>, tensor<5x13xi8>) outs(%[[F]] : tensor<7x13xi32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[M]]
func.func @qmatmul_i32(%a: tensor<7x5xi8>, %b: tensor<5x13xi8>)
    -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b : (tensor<7x5xi8>, tensor<5x13xi8>)
      -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// -----

// Zero points: sum a*b - zb * rowsum(a) - za * colsum(b) + K za zb.
// CHECK-DAG: #[[MN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[M:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[N:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[KN:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @qmatmul_i32_zero_points
// CHECK-SAME: (%[[A:.*]]: tensor<7x5xi8>, %[[B:.*]]: tensor<5x13xi8>)
// CHECK: %[[P:.*]] = linalg.matmul ins(%[[A]], %[[B]]
// CHECK: %[[RA:.*]] = linalg.generic {indexing_maps = [#[[MN]], #[[M]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]] : tensor<7x5xi8>) outs(%{{.*}} : tensor<7xi32>)
// CHECK: arith.extsi
// CHECK: arith.addi
// CHECK: %[[CB:.*]] = linalg.generic {indexing_maps = [#[[KN]], #[[M]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[B]] : tensor<5x13xi8>) outs(%{{.*}} : tensor<13xi32>)
// CHECK: %[[K:.*]] = arith.constant 5 : index
// CHECK: %[[KI:.*]] = arith.index_cast %[[K]] : index to i32
// CHECK: %[[ZZ:.*]] = arith.constant -21 : i32
// CHECK: %[[KZZ:.*]] = arith.muli %[[KI]], %[[ZZ]] : i32
// CHECK: linalg.generic {indexing_maps = [#[[MN]], #[[M]], #[[N]], #[[MN]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[P]], %[[RA]], %[[CB]] : tensor<7x13xi32>, tensor<7xi32>, tensor<13xi32>)
// CHECK: ^bb0(%[[ACC:.*]]: i32, %[[SA:.*]]: i32, %[[SB:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ZB:.*]] = arith.constant -7 : i32
// CHECK: %[[T1:.*]] = arith.muli %[[ZB]], %[[SA]] : i32
// CHECK: %[[V1:.*]] = arith.subi %[[ACC]], %[[T1]] : i32
// CHECK: %[[ZA:.*]] = arith.constant 3 : i32
// CHECK: %[[T2:.*]] = arith.muli %[[ZA]], %[[SB]] : i32
// CHECK: %[[V2:.*]] = arith.subi %[[V1]], %[[T2]] : i32
// CHECK: %[[V3:.*]] = arith.addi %[[V2]], %[[KZZ]] : i32
// CHECK: linalg.yield %[[V3]] : i32
func.func @qmatmul_i32_zero_points(%a: tensor<7x5xi8>, %b: tensor<5x13xi8>)
    -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = -7 : i64}
      : (tensor<7x5xi8>, tensor<5x13xi8>) -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// -----

// Only a_zero_point: only the column sums of b; dynamic K is not needed.
// CHECK-LABEL: func.func @qmatmul_a_zero_point
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<?x13xi8>) outs(%{{.*}} : tensor<13xi32>)
// CHECK-NOT: arith.index_cast
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<7x13xi32>, tensor<13xi32>)
func.func @qmatmul_a_zero_point(%a: tensor<7x?xi8>, %b: tensor<?x13xi8>)
    -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64}
      : (tensor<7x?xi8>, tensor<?x13xi8>) -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// -----

// Dynamic K with both zero points: K from tensor.dim.
// CHECK-LABEL: func.func @qmatmul_dynamic_k
// CHECK-SAME: (%[[A:.*]]: tensor<7x?xi8>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[K:.*]] = tensor.dim %[[A]], %[[C1]] : tensor<7x?xi8>
// CHECK: arith.index_cast %[[K]] : index to i32
func.func @qmatmul_dynamic_k(%a: tensor<7x?xi8>, %b: tensor<?x13xi8>)
    -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = 1 : i64}
      : (tensor<7x?xi8>, tensor<?x13xi8>) -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// -----

// ui8 x i8: the product is a generic that zero-extends a and sign-extends b.
// f32 result: (sa[m] * sb[n]) * float(acc).
// CHECK-DAG: #[[MK:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[KN:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[MN3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[MN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[M:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[N:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @qmatmul_u8i8_f32
// CHECK-SAME: (%[[A:.*]]: tensor<7x5xui8>, %[[B:.*]]: tensor<5x13xi8>, %[[SA:.*]]: tensor<7xf32>, %[[SB:.*]]: tensor<13xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[MK]], #[[KN]], #[[MN3]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<7x5xui8>, tensor<5x13xi8>)
// CHECK: ^bb0(%[[AV:.*]]: ui8, %[[BV:.*]]: i8, %[[OUT:.*]]: i32):
// CHECK: %[[AC:.*]] = builtin.unrealized_conversion_cast %[[AV]] : ui8 to i8
// CHECK: %[[AX:.*]] = arith.extui %[[AC]] : i8 to i32
// CHECK: %[[BX:.*]] = arith.extsi %[[BV]] : i8 to i32
// CHECK: %[[AB:.*]] = arith.muli %[[AX]], %[[BX]] : i32
// CHECK: arith.addi %[[OUT]], %[[AB]] : i32
// CHECK: %[[CB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[B]] : tensor<5x13xi8>)
// CHECK: linalg.generic {indexing_maps = [#[[MN]], #[[N]], #[[M]], #[[N]], #[[MN]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[P]], %[[CB]], %[[SA]], %[[SB]] : tensor<7x13xi32>, tensor<13xi32>, tensor<7xf32>, tensor<13xf32>)
// CHECK-SAME: outs(%{{.*}} : tensor<7x13xf32>)
// CHECK: ^bb0(%[[ACC:.*]]: i32, %[[CBV:.*]]: i32, %[[SAV:.*]]: f32, %[[SBV:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[V:.*]] = arith.subi %[[ACC]], %{{.*}} : i32
// CHECK: %[[S:.*]] = arith.mulf %[[SAV]], %[[SBV]] : f32
// CHECK: %[[VF:.*]] = arith.sitofp %[[V]] : i32 to f32
// CHECK: %[[R:.*]] = arith.mulf %[[S]], %[[VF]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @qmatmul_u8i8_f32(%a: tensor<7x5xui8>, %b: tensor<5x13xi8>,
                            %sa: tensor<7xf32>, %sb: tensor<13xf32>)
    -> tensor<7x13xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 128 : i64}
      : (tensor<7x5xui8>, tensor<5x13xi8>, tensor<7xf32>, tensor<13xf32>)
      -> tensor<7x13xf32>
  return %c : tensor<7x13xf32>
}

// -----

// Single scales (rank 0 and [1]) are extracted; requantization to i8.
// CHECK-LABEL: func.func @qmatmul_requant
// CHECK-SAME: (%[[A:.*]]: tensor<7x5xi8>, %[[B:.*]]: tensor<5x13xi8>, %[[SA:.*]]: tensor<f32>, %[[SB:.*]]: tensor<1xf32>, %[[SO:.*]]: tensor<f32>)
// CHECK: %[[P:.*]] = linalg.matmul
// CHECK-DAG: %[[SAV:.*]] = tensor.extract %[[SA]][] : tensor<f32>
// CHECK-DAG: %[[SBV:.*]] = tensor.extract %[[SB]][%{{.*}}] : tensor<1xf32>
// CHECK-DAG: %[[SOV:.*]] = tensor.extract %[[SO]][] : tensor<f32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]] : tensor<7x13xi32>) outs(%{{.*}} : tensor<7x13xi8>)
// CHECK: ^bb0(%[[ACC:.*]]: i32, %{{.*}}: i8):
// CHECK: %[[S:.*]] = arith.mulf %[[SAV]], %[[SBV]] : f32
// CHECK: %[[VF:.*]] = arith.sitofp %[[ACC]] : i32 to f32
// CHECK: %[[R:.*]] = arith.mulf %[[S]], %[[VF]] : f32
// CHECK: %[[ZO:.*]] = arith.constant -10 : i32
// CHECK: %[[D:.*]] = arith.divf %[[R]], %[[SOV]] : f32
// CHECK: %[[RE:.*]] = math.roundeven %[[D]] : f32
// CHECK: %[[ZF:.*]] = arith.sitofp %[[ZO]] : i32 to f32
// CHECK: arith.addf %[[RE]], %[[ZF]] : f32
// CHECK: arith.maxnumf
// CHECK: arith.minnumf
// CHECK: arith.fptosi %{{.*}} : f32 to i8
func.func @qmatmul_requant(%a: tensor<7x5xi8>, %b: tensor<5x13xi8>,
                           %sa: tensor<f32>, %sb: tensor<1xf32>,
                           %so: tensor<f32>) -> tensor<7x13xi8> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {out_zero_point = -10 : i64}
      : (tensor<7x5xi8>, tensor<5x13xi8>, tensor<f32>, tensor<1xf32>,
         tensor<f32>) -> tensor<7x13xi8>
  return %c : tensor<7x13xi8>
}

// -----

// ui8 requantized output.
// CHECK-LABEL: func.func @qmatmul_requant_u8
// CHECK: arith.constant 2.550000e+02 : f32
// CHECK: %[[Q:.*]] = arith.fptoui %{{.*}} : f32 to i8
// CHECK: builtin.unrealized_conversion_cast %[[Q]] : i8 to ui8
func.func @qmatmul_requant_u8(%a: tensor<6x9xui8>, %b: tensor<9x11xui8>,
                              %sa: tensor<1xf32>, %sb: tensor<11xf32>,
                              %so: tensor<1xf32>) -> tensor<6x11xui8> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {a_zero_point = 120 : i64, b_zero_point = 131 : i64, out_zero_point = 128 : i64}
      : (tensor<6x9xui8>, tensor<9x11xui8>, tensor<1xf32>, tensor<11xf32>,
         tensor<1xf32>) -> tensor<6x11xui8>
  return %c : tensor<6x11xui8>
}

// -----

// A scale of dynamic size holds one value or one per row: read at
// (size == 1 ? 0 : m).
// CHECK-LABEL: func.func @qmatmul_dynamic_scale
// CHECK-SAME: %[[SA:[a-z0-9]*]]: tensor<?xf32>, %[[SB:[a-z0-9]*]]: tensor<f32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %[[SA]], %[[C0]] : tensor<?xf32>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[ONE:.*]] = arith.cmpi eq, %[[D]], %[[C1]] : index
// CHECK: linalg.generic
// CHECK: %[[M:.*]] = linalg.index 0 : index
// CHECK: %[[I:.*]] = arith.select %[[ONE]], %{{.*}}, %[[M]] : index
// CHECK: tensor.extract %[[SA]][%[[I]]] : tensor<?xf32>
func.func @qmatmul_dynamic_scale(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>,
                                 %sa: tensor<?xf32>, %sb: tensor<f32>)
    -> tensor<4x2xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<?xf32>, tensor<f32>)
      -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

// 4-bit operands (i4 x ui4) are widened to signless i8 first (extsi /
// extui), then multiplied as an i8 x i8 -> i32 linalg.matmul.
// CHECK-LABEL: func.func @qmatmul_i4
// CHECK: %[[A8:.*]] = linalg.generic
// CHECK: arith.extsi %{{.*}} : i4 to i8
// CHECK: -> tensor<7x13xi8>
// CHECK: %[[B8:.*]] = linalg.generic
// CHECK: arith.extui %{{.*}} : i4 to i8
// CHECK: -> tensor<13x5xi8>
// CHECK: linalg.matmul ins(%[[A8]], %[[B8]] : tensor<7x13xi8>, tensor<13x5xi8>)
func.func @qmatmul_i4(%a: tensor<7x13xi4>, %b: tensor<13x5xui4>)
    -> tensor<7x5xi32> {
  %c = tessera.qmatmul %a, %b {b_zero_point = 8 : i64}
      : (tensor<7x13xi4>, tensor<13x5xui4>) -> tensor<7x5xi32>
  return %c : tensor<7x5xi32>
}

// -----

// Hadamard: [.., D] -> [.., D/bs, bs], contraction with H / sqrt(bs), back.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
// CHECK-DAG: #[[Y:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @hadamard
// CHECK-SAME: (%[[IN:.*]]: tensor<2x12xf32>)
// CHECK: %[[H4:.*]] = arith.constant dense<{{\[}}[5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01], [5.000000e-01, -5.000000e-01, 5.000000e-01, -5.000000e-01], [5.000000e-01, 5.000000e-01, -5.000000e-01, -5.000000e-01], [5.000000e-01, -5.000000e-01, -5.000000e-01, 5.000000e-01]]> : tensor<4x4xf32>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[IN]] {{\[}}[0], [1, 2]] output_shape [2, 3, 4] : tensor<2x12xf32> into tensor<2x3x4xf32>
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[X]], #[[H]], #[[Y]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[E]], %[[H4]] : tensor<2x3x4xf32>, tensor<4x4xf32>) outs(%[[F]] : tensor<2x3x4xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0], [1, 2]] : tensor<2x3x4xf32> into tensor<2x12xf32>
// CHECK: return %[[R]]
func.func @hadamard(%x: tensor<2x12xf32>) -> tensor<2x12xf32> {
  %y = tessera.hadamard %x block 4 : tensor<2x12xf32>
  return %y : tensor<2x12xf32>
}

// -----

// Block 2: H / sqrt(2) with 1/sqrt(2) rounded once to f32.
// CHECK-LABEL: func.func @hadamard_block2
// CHECK: arith.constant dense<{{\[}}[0.707106769, 0.707106769], [0.707106769, -0.707106769]]> : tensor<2x2xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3]] output_shape [3, 5, 3, 2] : tensor<3x5x6xf32> into tensor<3x5x3x2xf32>
func.func @hadamard_block2(%x: tensor<3x5x6xf32>) -> tensor<3x5x6xf32> {
  %y = tessera.hadamard %x block 2 : tensor<3x5x6xf32>
  return %y : tensor<3x5x6xf32>
}

// -----

// Block 1 is the identity.
// CHECK-LABEL: func.func @hadamard_block1
// CHECK-SAME: (%[[X:.*]]: tensor<3x5xf32>)
// CHECK-NOT: linalg
// CHECK: return %[[X]]
func.func @hadamard_block1(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %y = tessera.hadamard %x block 1 : tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// Rank 1 and dynamic extents: D/bs = D divui bs.
// CHECK-LABEL: func.func @hadamard_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?xf32>
// CHECK: %[[BS:.*]] = arith.constant 8 : index
// CHECK: %[[G:.*]] = arith.divui %[[D]], %[[BS]] : index
// CHECK: tensor.expand_shape %[[X]] {{\[}}[0, 1]] output_shape [%[[G]], 8] : tensor<?xf32> into tensor<?x8xf32>
// CHECK: linalg.generic
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<?x8xf32> into tensor<?xf32>
func.func @hadamard_dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = tessera.hadamard %x block 8 : tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// power_quantize: s = max|x|^a / 127, q = sat(roundeven(copysign(|x|^a, x) / s)),
// q = 0 where s == 0.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[TO0:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[S0:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @power_quantize
// CHECK-SAME: (%[[X:.*]]: tensor<5x9xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[TO0]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<5x9xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK: math.absf
// CHECK: arith.maxnumf
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[S0]], #[[S0]]], iterator_types = []}
// CHECK-SAME: ins(%[[MAX]] : tensor<f32>)
// CHECK: %[[A:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[P:.*]] = math.powf %{{.*}}, %[[A]] : f32
// CHECK: %[[QM:.*]] = arith.constant 1.270000e+02 : f32
// CHECK: arith.divf %[[P]], %[[QM]] : f32
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[TO0]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[S]] : tensor<5x9xf32>, tensor<f32>) outs(%{{.*}} : tensor<5x9xi8>)
// CHECK: ^bb0(%[[XV:.*]]: f32, %[[SV:.*]]: f32, %{{.*}}: i8):
// CHECK: %[[AB:.*]] = math.absf %[[XV]] : f32
// CHECK: %[[PW:.*]] = math.powf %[[AB]], %{{.*}} : f32
// CHECK: %[[SG:.*]] = math.copysign %[[PW]], %[[XV]] : f32
// CHECK: %[[DV:.*]] = arith.divf %[[SG]], %[[SV]] : f32
// CHECK: %[[RE:.*]] = math.roundeven %[[DV]] : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ISZ:.*]] = arith.cmpf oeq, %[[SV]], %[[ZERO]] : f32
// CHECK: %[[SEL:.*]] = arith.select %[[ISZ]], %[[ZERO]], %[[RE]] : f32
// CHECK: arith.maxnumf %[[SEL]]
// CHECK: arith.minnumf
// CHECK: arith.fptosi %{{.*}} : f32 to i8
// CHECK: return %[[Q]], %[[S]] : tensor<5x9xi8>, tensor<f32>
func.func @power_quantize(%x: tensor<5x9xf32>) -> (tensor<5x9xi8>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 0.5
      : (tensor<5x9xf32>) -> (tensor<5x9xi8>, tensor<f32>)
  return %q, %s : tensor<5x9xi8>, tensor<f32>
}

// -----

// a = 1: no pow; i4: 2^3 - 1 = 7.
// CHECK-LABEL: func.func @power_quantize_a1_i4
// CHECK-NOT: math.powf
// CHECK: arith.constant 7.000000e+00 : f32
// CHECK-NOT: math.powf
// CHECK: arith.fptosi %{{.*}} : f32 to i4
func.func @power_quantize_a1_i4(%x: tensor<16xf32>) -> (tensor<16xi4>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 1.0
      : (tensor<16xf32>) -> (tensor<16xi4>, tensor<f32>)
  return %q, %s : tensor<16xi4>, tensor<f32>
}

// -----

// power_dequantize: copysign((|q| * s)^(1/a), q).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[TO0:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @power_dequantize
// CHECK-SAME: (%[[Q:.*]]: tensor<4x8xi8>, %[[S:.*]]: tensor<f32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[TO0]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[Q]], %[[S]] : tensor<4x8xi8>, tensor<f32>)
// CHECK: ^bb0(%[[QV:.*]]: i8, %[[SV:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[F:.*]] = arith.sitofp %[[QV]] : i8 to f32
// CHECK: %[[AB:.*]] = math.absf %[[F]] : f32
// CHECK: %[[M:.*]] = arith.mulf %[[AB]], %[[SV]] : f32
// CHECK: %[[INV:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[P:.*]] = math.powf %[[M]], %[[INV]] : f32
// CHECK: %[[R:.*]] = math.copysign %[[P]], %[[F]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @power_dequantize(%q: tensor<4x8xi8>, %s: tensor<f32>) -> tensor<4x8xf32> {
  %x = tessera.power_dequantize %q, %s exponent 0.5
      : (tensor<4x8xi8>, tensor<f32>) -> tensor<4x8xf32>
  return %x : tensor<4x8xf32>
}

// -----

// a = 1 on si4: no pow; the signed storage is cast to i4 and sign-extended.
// CHECK-LABEL: func.func @power_dequantize_a1_si4
// CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %{{.*}} : si4 to i4
// CHECK: arith.sitofp %[[C]] : i4 to f32
// CHECK-NOT: math.powf
// CHECK: math.copysign
func.func @power_dequantize_a1_si4(%q: tensor<19xsi4>, %s: tensor<f32>) -> tensor<19xf32> {
  %x = tessera.power_dequantize %q, %s exponent 1.0
      : (tensor<19xsi4>, tensor<f32>) -> tensor<19xf32>
  return %x : tensor<19xf32>
}
