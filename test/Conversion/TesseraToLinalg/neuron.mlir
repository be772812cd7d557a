// RUN: tessera-opt %s --tessera-to-linalg --split-input-file | FileCheck %s

// Decomposition of the quadratic and Pade neurons (OPERATORS.md sections 4
// and 5): quadratic_linear, quadratic_conv2d, pau, pade_conv2d.

//===----------------------------------------------------------------------===//
// quadratic_linear
//===----------------------------------------------------------------------===//

// fan: x*x once, three contractions "bi,oi->bo" (Wr x, Wg x on x, Wb on x*x),
// then (t0 + br) * (t1 + bg) + t2 + c in one elementwise generic.
// CHECK-LABEL: func.func @qlinear_fan
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[WR:.*]]: tensor<4x16xf32>, %[[WG:.*]]: tensor<4x16xf32>, %[[WB:.*]]: tensor<4x16xf32>, %[[BR:.*]]: tensor<4xf32>, %[[BG:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<4xf32>)
// CHECK: %[[XX:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<8x16xf32>)
// CHECK: arith.mulf %[[IN:.*]], %[[IN]] : f32
// CHECK: %[[TR:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[X]], %[[WR]] : tensor<8x16xf32>, tensor<4x16xf32>)
// CHECK: %[[TG:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[WG]] : tensor<8x16xf32>, tensor<4x16xf32>)
// CHECK: %[[TB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[XX]], %[[WB]] : tensor<8x16xf32>, tensor<4x16xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[TR]], %[[TG]], %[[TB]], %[[BR]], %[[BG]], %[[C]] :
// CHECK-NEXT: ^bb0(%[[R:.*]]: f32, %[[G:.*]]: f32, %[[Q:.*]]: f32, %[[B0:.*]]: f32, %[[B1:.*]]: f32, %[[B2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[A0:.*]] = arith.addf %[[R]], %[[B0]] : f32
// CHECK-NEXT: %[[A1:.*]] = arith.addf %[[G]], %[[B1]] : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[A0]], %[[A1]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[P]], %[[Q]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[S]], %[[B2]] : f32
// CHECK-NEXT: linalg.yield %[[Y]] : f32
func.func @qlinear_fan(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wg: tensor<4x16xf32>, %wb: tensor<4x16xf32>, %br: tensor<4xf32>, %bg: tensor<4xf32>, %c: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb) biases(%br, %bg, %c)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// fan without biases: no bias additions.
// CHECK-LABEL: func.func @qlinear_fan_no_biases
// CHECK: ^bb0(%[[R:.*]]: f32, %[[G:.*]]: f32, %[[Q:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[R]], %[[G]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[P]], %[[Q]] : f32
// CHECK-NEXT: linalg.yield %[[Y]] : f32
func.func @qlinear_fan_no_biases(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wg: tensor<4x16xf32>, %wb: tensor<4x16xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// compact on a [?, T, in] input: the contractions keep the batch dims
// (tensor.dim for the dynamic one), Wb applies to x*x.
// CHECK-LABEL: func.func @qlinear_compact_rank3_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x5x16xf32>, %[[WR:.*]]: tensor<8x16xf32>, %[[WB:.*]]: tensor<8x16xf32>, %[[BR:.*]]: tensor<8xf32>)
// CHECK: tensor.dim %[[X]], %{{.*}} : tensor<?x5x16xf32>
// CHECK: %[[XX:.*]] = linalg.generic
// CHECK: %[[T0:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[X]], %[[WR]] : tensor<?x5x16xf32>, tensor<8x16xf32>)
// CHECK-SAME: outs(%{{.*}} : tensor<?x5x8xf32>)
// CHECK: %[[T1:.*]] = linalg.generic
// CHECK-SAME: ins(%[[XX]], %[[WB]] : tensor<?x5x16xf32>, tensor<8x16xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[T0]], %[[T1]], %[[BR]] :
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[BIAS]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[S]], %[[B]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @qlinear_compact_rank3_dynamic(%x: tensor<?x5x16xf32>, %wr: tensor<8x16xf32>, %wb: tensor<8x16xf32>, %br: tensor<8xf32>) -> tensor<?x5x8xf32> {
  %y = tessera.quadratic_linear compact %x weights(%wr, %wb) biases(%br)
      : (tensor<?x5x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<?x5x8xf32>
  return %y : tensor<?x5x8xf32>
}

// -----

// square: a single contraction over x*x, plus b.
// CHECK-LABEL: func.func @qlinear_square
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<32x16xf32>, %[[B:.*]]: tensor<32xf32>)
// CHECK: %[[XX:.*]] = linalg.generic
// CHECK: arith.mulf
// CHECK: %[[T:.*]] = linalg.generic
// CHECK-SAME: ins(%[[XX]], %[[W]] :
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[T]], %[[B]] :
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[A]], %[[BIAS]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @qlinear_square(%x: tensor<8x16xf32>, %w: tensor<32x16xf32>, %b: tensor<32xf32>) -> tensor<8x32xf32> {
  %y = tessera.quadratic_linear square %x weights(%w) biases(%b)
      : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// -----

// power on a rank-1 input: "i,oi->o", then (t + b)^2 as a product; no
// x*x is computed.
// CHECK-LABEL: func.func @qlinear_power_rank1
// CHECK-SAME: (%[[X:.*]]: tensor<16xf32>, %[[W:.*]]: tensor<4x16xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NOT: arith.mulf %[[IN:.*]], %[[IN]]
// CHECK: %[[T:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<16xf32>, tensor<4x16xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[T]], %[[B]] :
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[BIAS]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[S]], %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @qlinear_power_rank1(%x: tensor<16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %y = tessera.quadratic_linear power %x weights(%w) biases(%b)
      : (tensor<16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// product without biases: t0 * t1, both contractions on x.
// CHECK-LABEL: func.func @qlinear_product
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[WA:.*]]: tensor<4x16xf32>, %[[WB:.*]]: tensor<4x16xf32>)
// CHECK: %[[TA:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[WA]] :
// CHECK: %[[TB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[WB]] :
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[TA]], %[[TB]] :
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @qlinear_product(%x: tensor<8x16xf32>, %wa: tensor<4x16xf32>, %wb: tensor<4x16xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear product %x weights(%wa, %wb)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// quadratic_conv2d
//===----------------------------------------------------------------------===//

// fan with padding 1: x is zero padded by a generic (in-bounds test, read at
// a clamped position, select 0 outside), x*x is computed on the unpadded
// input and padded the same way. Wr and Wg, which both convolve x, are
// stacked along Cout into one linalg.conv_2d_nchw_fchw (its input patches
// gathered once), whose result is sliced back into the two terms; Wb
// convolves x*x alone.
// CHECK-LABEL: func.func @qconv_fan_padding
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[WR:.*]]: tensor<4x3x3x3xf32>, %[[WG:.*]]: tensor<4x3x3x3xf32>, %[[WB:.*]]: tensor<4x3x3x3xf32>, %[[BR:.*]]: tensor<4xf32>, %[[BG:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<4xf32>)
// CHECK: %[[XP:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x3x10x10xf32>)
// CHECK: linalg.index 2 : index
// CHECK: arith.subi
// CHECK: arith.cmpi ult
// CHECK: tensor.extract %[[X]]
// CHECK: arith.select
// CHECK: %[[XX:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<1x3x8x8xf32>)
// CHECK: arith.mulf
// CHECK: %[[XXP:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x3x10x10xf32>)
// CHECK: tensor.extract %[[XX]]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x3x3x3xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[WR]] into %[[E]][0, 0, 0, 0] [4, 3, 3, 3] [1, 1, 1, 1]
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[WG]] into %[[S0]][4, 0, 0, 0] [4, 3, 3, 3] [1, 1, 1, 1]
// CHECK: %[[TRG:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[XP]], %[[S1]] : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%{{.*}} : tensor<1x8x8x8xf32>)
// CHECK: %[[TR:.*]] = tensor.extract_slice %[[TRG]][0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK: %[[TG:.*]] = tensor.extract_slice %[[TRG]][0, 4, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK: %[[TB:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[XXP]], %[[WB]] : tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<1x4x8x8xf32>)
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[TR]], %[[TG]], %[[TB]], %[[BR]], %[[BG]], %[[C]] :
// CHECK: arith.mulf
// CHECK: linalg.yield
func.func @qconv_fan_padding(%x: tensor<1x3x8x8xf32>, %wr: tensor<4x3x3x3xf32>, %wg: tensor<4x3x3x3xf32>, %wb: tensor<4x3x3x3xf32>, %br: tensor<4xf32>, %bg: tensor<4xf32>, %c: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%wr, %wg, %wb) biases(%br, %bg, %c) padding [1, 1]
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4x3x3x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

// No padding: the conv reads x directly; stride and dilation become the
// named op's attributes (H' = (9 - 2*2 - 1)/2 + 1 = 3, W' = (8 - 1*2 - 1)/1
// + 1 = 6).
// CHECK-LABEL: func.func @qconv_power_stride_dilation
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x9x8xf32>, %[[W:.*]]: tensor<5x3x3x3xf32>)
// CHECK-NOT: tensor.extract
// CHECK: %[[T:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%[[X]], %[[W]] : tensor<2x3x9x8xf32>, tensor<5x3x3x3xf32>) outs(%{{.*}} : tensor<2x5x3x6xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[T]] : tensor<2x5x3x6xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @qconv_power_stride_dilation(%x: tensor<2x3x9x8xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x3x6xf32> {
  %y = tessera.quadratic_conv2d power %x weights(%w) stride [2, 1] dilation [2, 1]
      : (tensor<2x3x9x8xf32>, tensor<5x3x3x3xf32>) -> tensor<2x5x3x6xf32>
  return %y : tensor<2x5x3x6xf32>
}

// -----

// groups 2 with a dynamic batch: input [N, G, Cin/G, H, W], weights
// [G, Cout/G, Cin/G, kh, kw] and accumulator [N, G, Cout/G, H', W'] by
// tensor.expand_shape, linalg.conv_2d_ngchw_gfchw, collapse back.
// CHECK-LABEL: func.func @qconv_square_groups
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x6x6xf32>, %[[W:.*]]: tensor<6x2x3x3xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[XX:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<?x4x6x6xf32>)
// CHECK: %[[XXP:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<?x4x8x8xf32>)
// CHECK: tensor.extract %[[XX]]
// CHECK: %[[N:.*]] = tensor.dim %[[XXP]], %{{.*}} : tensor<?x4x8x8xf32>
// CHECK: %[[ACC:.*]] = linalg.fill {{.*}} -> tensor<?x6x3x2xf32>
// CHECK: %[[XG:.*]] = tensor.expand_shape %[[XXP]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [%[[N]], 2, 2, 8, 8] : tensor<?x4x8x8xf32> into tensor<?x2x2x8x8xf32>
// CHECK: %[[WG:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: %[[AG:.*]] = tensor.expand_shape %[[ACC]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [%[[N]], 2, 3, 3, 2] : tensor<?x6x3x2xf32> into tensor<?x2x3x3x2xf32>
// CHECK: %[[T:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[2, 3]> : tensor<2xi64>} ins(%[[XG]], %[[WG]] : tensor<?x2x2x8x8xf32>, tensor<2x3x2x3x3xf32>) outs(%[[AG]] : tensor<?x2x3x3x2xf32>)
// CHECK: %[[TC:.*]] = tensor.collapse_shape %[[T]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<?x2x3x3x2xf32> into tensor<?x6x3x2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[TC]], %[[B]] : tensor<?x6x3x2xf32>, tensor<6xf32>)
// CHECK: arith.addf
func.func @qconv_square_groups(%x: tensor<?x4x6x6xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<?x6x3x2xf32> {
  %y = tessera.quadratic_conv2d square %x weights(%w) biases(%b) stride [2, 3] padding [1, 1] dilation [1, 2] groups 2
      : (tensor<?x4x6x6xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<?x6x3x2xf32>
  return %y : tensor<?x6x3x2xf32>
}

// -----

// fan with groups 2: a grouped convolution's output channels belong to its
// groups, so Wr and Wg are not stacked: three grouped convolutions.
// CHECK-LABEL: func.func @qconv_fan_groups
// CHECK-NOT: tensor.insert_slice
// CHECK-COUNT-3: linalg.conv_2d_ngchw_gfchw
// CHECK-NOT: linalg.conv_2d
func.func @qconv_fan_groups(%x: tensor<1x4x6x6xf32>, %wr: tensor<6x2x3x3xf32>, %wg: tensor<6x2x3x3xf32>, %wb: tensor<6x2x3x3xf32>) -> tensor<1x6x4x4xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%wr, %wg, %wb) groups 2
      : (tensor<1x4x6x6xf32>, tensor<6x2x3x3xf32>, tensor<6x2x3x3xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x4x4xf32>
  return %y : tensor<1x6x4x4xf32>
}

// -----

// Dynamic channels with groups 1: the weights are refined to their common
// static shape, the output channels come from it; both convolve x, so they
// are stacked into one convolution (a dynamic batch: the slices' sizes from
// tensor.dim).
// CHECK-LABEL: func.func @qconv_product_dynamic_channels
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x5x5xf32>, %[[WA:.*]]: tensor<?x2x3x3xf32>, %[[WB:.*]]: tensor<4x?x3x3xf32>)
// CHECK-DAG: %[[XC:.*]] = tensor.cast %[[X]] : tensor<?x?x5x5xf32> to tensor<?x2x5x5xf32>
// CHECK-DAG: %[[WAC:.*]] = tensor.cast %[[WA]] : tensor<?x2x3x3xf32> to tensor<4x2x3x3xf32>
// CHECK-DAG: %[[WBC:.*]] = tensor.cast %[[WB]] : tensor<4x?x3x3xf32> to tensor<4x2x3x3xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[WAC]] into %{{.*}}[0, 0, 0, 0] [4, 2, 3, 3]
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[WBC]] into %[[S0]][4, 0, 0, 0] [4, 2, 3, 3]
// CHECK: %[[T:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[XC]], %[[S1]] : tensor<?x2x5x5xf32>, tensor<8x2x3x3xf32>) outs(%{{.*}} : tensor<?x8x3x3xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[T]]
// CHECK: %[[TA:.*]] = tensor.extract_slice %[[T]][0, 0, 0, 0] [%[[N]], 4, 3, 3] [1, 1, 1, 1]
// CHECK: %[[TB:.*]] = tensor.extract_slice %[[T]][0, 4, 0, 0] [%[[N]], 4, 3, 3] [1, 1, 1, 1]
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[TA]], %[[TB]] :
// CHECK: arith.mulf
// CHECK: return %[[Y]] : tensor<?x4x3x3xf32>
func.func @qconv_product_dynamic_channels(%x: tensor<?x?x5x5xf32>, %wa: tensor<?x2x3x3xf32>, %wb: tensor<4x?x3x3xf32>) -> tensor<?x4x3x3xf32> {
  %y = tessera.quadratic_conv2d product %x weights(%wa, %wb)
      : (tensor<?x?x5x5xf32>, tensor<?x2x3x3xf32>, tensor<4x?x3x3xf32>) -> tensor<?x4x3x3xf32>
  return %y : tensor<?x4x3x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// pau
//===----------------------------------------------------------------------===//

// safe, per tensor: the coefficients are read once before the generic;
// P by Horner from a_2, s = (b_2 x + b_1) x, Q = 1 + |s|.
// CHECK-LABEL: func.func @pau_safe
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>, %[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<2xf32>)
// CHECK-DAG: %[[A0:.*]] = tensor.extract %[[A]][%{{.*}}] : tensor<3xf32>
// CHECK-DAG: %[[A1:.*]] = tensor.extract %[[A]][%{{.*}}] : tensor<3xf32>
// CHECK-DAG: %[[A2:.*]] = tensor.extract %[[A]][%{{.*}}] : tensor<3xf32>
// CHECK-DAG: %[[B1:.*]] = tensor.extract %[[B]][%{{.*}}] : tensor<2xf32>
// CHECK-DAG: %[[B2:.*]] = tensor.extract %[[B]][%{{.*}}] : tensor<2xf32>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK-SAME: ins(%[[X]] : tensor<8xf32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[P0:.*]] = arith.mulf %[[A2]], %[[V]] : f32
// CHECK-NEXT: %[[P1:.*]] = arith.addf %[[P0]], %[[A1]] : f32
// CHECK-NEXT: %[[P2:.*]] = arith.mulf %[[P1]], %[[V]] : f32
// CHECK-NEXT: %[[P:.*]] = arith.addf %[[P2]], %[[A0]] : f32
// CHECK-NEXT: %[[S0:.*]] = arith.mulf %[[B2]], %[[V]] : f32
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[S0]], %[[B1]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[S1]], %[[V]] : f32
// CHECK-NEXT: %[[ABS:.*]] = math.absf %[[S]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[Q:.*]] = arith.addf %[[ONE]], %[[ABS]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.divf %[[P]], %[[Q]] : f32
// CHECK-NEXT: linalg.yield %[[Y]] : f32
func.func @pau_safe(%x: tensor<8xf32>, %a: tensor<3xf32>, %b: tensor<2xf32>) -> tensor<8xf32> {
  %y = tessera.pau safe %x, %a, %b : (tensor<8xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// abs: Horner in |x| with |b_k|, Q = 1 + s.
// CHECK-LABEL: func.func @pau_abs
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: %[[P:.*]] = arith.addf
// CHECK-NEXT: %[[AX:.*]] = math.absf %[[V]] : f32
// CHECK-NEXT: %[[AB2:.*]] = math.absf %{{.*}} : f32
// CHECK-NEXT: %[[S0:.*]] = arith.mulf %[[AB2]], %[[AX]] : f32
// CHECK-NEXT: %[[AB1:.*]] = math.absf %{{.*}} : f32
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[S0]], %[[AB1]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[S1]], %[[AX]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[Q:.*]] = arith.addf %[[ONE]], %[[S]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.divf %[[P]], %[[Q]] : f32
func.func @pau_abs(%x: tensor<8xf32>, %a: tensor<3xf32>, %b: tensor<2xf32>) -> tensor<8xf32> {
  %y = tessera.pau abs %x, %a, %b : (tensor<8xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// unsafe: Q = 1 + s, no absolute value anywhere.
// CHECK-LABEL: func.func @pau_unsafe
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: %[[P:.*]] = arith.addf
// CHECK-NEXT: %[[S0:.*]] = arith.mulf %{{.*}}, %[[V]] : f32
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[S0]], %{{.*}} : f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[S1]], %[[V]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[Q:.*]] = arith.addf %[[ONE]], %[[S]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.divf %[[P]], %[[Q]] : f32
// CHECK-NEXT: linalg.yield %[[Y]] : f32
func.func @pau_unsafe(%x: tensor<8xf32>, %a: tensor<3xf32>, %b: tensor<2xf32>) -> tensor<8xf32> {
  %y = tessera.pau unsafe %x, %a, %b : (tensor<8xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// n = 0: F = P, no division.
// CHECK-LABEL: func.func @pau_no_denominator
// CHECK: linalg.generic
// CHECK-NOT: arith.divf
// CHECK: linalg.yield
func.func @pau_no_denominator(%x: tensor<8xf32>, %a: tensor<3xf32>, %b: tensor<0xf32>) -> tensor<8xf32> {
  %y = tessera.pau safe %x, %a, %b : (tensor<8xf32>, tensor<3xf32>, tensor<0xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Per channel along axis 1 of NCHW: each coefficient column [C] is a
// tensor.extract_slice, broadcast by the generic along d1.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @pau_channel_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4x4xf32>, %[[A:.*]]: tensor<3x2xf32>, %[[B:.*]]: tensor<3x1xf32>)
// CHECK: %[[A0:.*]] = tensor.extract_slice %[[A]][0, 0] [3, 1] [1, 1] : tensor<3x2xf32> to tensor<3xf32>
// CHECK: %[[A1:.*]] = tensor.extract_slice %[[A]][0, 1] [3, 1] [1, 1] : tensor<3x2xf32> to tensor<3xf32>
// CHECK: %[[B1:.*]] = tensor.extract_slice %[[B]][0, 0] [3, 1] [1, 1] : tensor<3x1xf32> to tensor<3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[A0]], %[[A1]], %[[B1]] :
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %[[VA0:.*]]: f32, %[[VA1:.*]]: f32, %[[VB1:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[P0:.*]] = arith.mulf %[[VA1]], %[[V]] : f32
// CHECK-NEXT: %[[P:.*]] = arith.addf %[[P0]], %[[VA0]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[VB1]], %[[V]] : f32
// CHECK-NEXT: math.absf %[[S]]
func.func @pau_channel_axis(%x: tensor<2x3x4x4xf32>, %a: tensor<3x2xf32>, %b: tensor<3x1xf32>) -> tensor<2x3x4x4xf32> {
  %y = tessera.pau safe %x, %a, %b channel_axis 1
      : (tensor<2x3x4x4xf32>, tensor<3x2xf32>, tensor<3x1xf32>) -> tensor<2x3x4x4xf32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

// A dynamic channel count: the columns have a dynamic size (tensor.dim).
// CHECK-LABEL: func.func @pau_channel_axis_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x5xf32>, %[[A:.*]]: tensor<?x2xf32>, %[[B:.*]]: tensor<?x2xf32>)
// CHECK: %[[C:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x2xf32>
// CHECK: tensor.extract_slice %[[A]][0, 0] [%[[C]], 1] [1, 1] : tensor<?x2xf32> to tensor<?xf32>
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<?x5xf32>)
func.func @pau_channel_axis_dynamic(%x: tensor<?x5xf32>, %a: tensor<?x2xf32>, %b: tensor<?x2xf32>) -> tensor<?x5xf32> {
  %y = tessera.pau abs %x, %a, %b channel_axis 0
      : (tensor<?x5xf32>, tensor<?x2xf32>, tensor<?x2xf32>) -> tensor<?x5xf32>
  return %y : tensor<?x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// pade_conv2d
//===----------------------------------------------------------------------===//

// abs, M = 1, Nq = 2, padding 1: x^2 = x * x, both powers zero padded;
// the kernels of x (wp_1 and wq_1, sliced out of wp / wq) stacked into one
// convolution, sliced back into p_1 and r_1; x^2's one kernel (wq_2) alone;
// then (w0 + p_1) / (1 + |r_1| + |r_2|).
// CHECK-LABEL: func.func @pade_abs
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x5x5xf32>, %[[WP:.*]]: tensor<1x3x2x3x3xf32>, %[[WQ:.*]]: tensor<2x3x2x3x3xf32>, %[[W0:.*]]: tensor<3xf32>)
// CHECK: %[[X2:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[X]] :
// CHECK: arith.mulf
// CHECK: %[[XP:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x7x7xf32>)
// CHECK: tensor.extract %[[X]]
// CHECK: %[[X2P:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x7x7xf32>)
// CHECK: tensor.extract %[[X2]]
// CHECK: %[[KP1:.*]] = tensor.extract_slice %[[WP]][0, 0, 0, 0, 0] [1, 3, 2, 3, 3] [1, 1, 1, 1, 1] : tensor<1x3x2x3x3xf32> to tensor<3x2x3x3xf32>
// CHECK: %[[KQ1:.*]] = tensor.extract_slice %[[WQ]][0, 0, 0, 0, 0] [1, 3, 2, 3, 3]
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[KP1]] into %{{.*}}[0, 0, 0, 0] [3, 2, 3, 3]
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[KQ1]] into %[[S0]][3, 0, 0, 0] [3, 2, 3, 3]
// CHECK: %[[PR1:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[XP]], %[[S1]] : tensor<1x2x7x7xf32>, tensor<6x2x3x3xf32>) outs(%{{.*}} : tensor<1x6x5x5xf32>)
// CHECK: %[[P:.*]] = tensor.extract_slice %[[PR1]][0, 0, 0, 0] [1, 3, 5, 5]
// CHECK: %[[R1:.*]] = tensor.extract_slice %[[PR1]][0, 3, 0, 0] [1, 3, 5, 5]
// CHECK: %[[KQ2:.*]] = tensor.extract_slice %[[WQ]][1, 0, 0, 0, 0] [1, 3, 2, 3, 3]
// CHECK: %[[R2:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[X2P]], %[[KQ2]] : tensor<1x2x7x7xf32>, tensor<3x2x3x3xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]], %[[R1]], %[[R2]], %[[W0]] :
// CHECK-NEXT: ^bb0(%[[VP:.*]]: f32, %[[VR1:.*]]: f32, %[[VR2:.*]]: f32, %[[VW:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[NUM:.*]] = arith.addf %[[VW]], %[[VP]] : f32
// CHECK-NEXT: %[[A1:.*]] = math.absf %[[VR1]] : f32
// CHECK-NEXT: %[[D1:.*]] = arith.addf %[[ONE]], %[[A1]] : f32
// CHECK-NEXT: %[[A2:.*]] = math.absf %[[VR2]] : f32
// CHECK-NEXT: %[[D2:.*]] = arith.addf %[[D1]], %[[A2]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.divf %[[NUM]], %[[D2]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @pade_abs(%x: tensor<1x2x5x5xf32>, %wp: tensor<1x3x2x3x3xf32>, %wq: tensor<2x3x2x3x3xf32>, %w0: tensor<3xf32>) -> tensor<1x3x5x5xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<1x2x5x5xf32>, tensor<1x3x2x3x3xf32>, tensor<2x3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// -----

// smooth, M = Nq = 2: per power k, wp_k and wq_k stacked into one
// convolution of x^k (no padding: x itself for k = 1), sliced back into
// p_k and q_k; P_1 = w0 + p_1, P_2 = P_1 + p_2 and Q_1 = 1 + q_1, Q_2 =
// Q_1 + q_2 in the final generic.
// CHECK-LABEL: func.func @pade_smooth
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x5x5xf32>, %[[WP:.*]]: tensor<2x3x2x2x2xf32>, %[[WQ:.*]]: tensor<2x3x2x2x2xf32>, %[[W0:.*]]: tensor<3xf32>)
// CHECK-NOT: tensor.extract %
// CHECK: %[[X2:.*]] = linalg.generic
// CHECK: %[[C1:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X]], %{{.*}} : tensor<1x2x5x5xf32>, tensor<6x2x2x2xf32>)
// CHECK: %[[P1:.*]] = tensor.extract_slice %[[C1]][0, 0, 0, 0] [1, 3, 3, 3]
// CHECK: %[[Q1:.*]] = tensor.extract_slice %[[C1]][0, 3, 0, 0] [1, 3, 3, 3]
// CHECK: %[[C2:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[X2]], %{{.*}} : tensor<1x2x5x5xf32>, tensor<6x2x2x2xf32>)
// CHECK: %[[P2:.*]] = tensor.extract_slice %[[C2]][0, 0, 0, 0] [1, 3, 3, 3]
// CHECK: %[[Q2:.*]] = tensor.extract_slice %[[C2]][0, 3, 0, 0] [1, 3, 3, 3]
// CHECK-NOT: linalg.conv_2d
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P1]], %[[P2]], %[[Q1]], %[[Q2]], %[[W0]] :
// CHECK-NEXT: ^bb0(%[[VP1:.*]]: f32, %[[VP2:.*]]: f32, %[[VQ1:.*]]: f32, %[[VQ2:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[PM1:.*]] = arith.addf %[[B]], %[[VP1]] : f32
// CHECK-NEXT: %[[PM:.*]] = arith.addf %[[PM1]], %[[VP2]] : f32
// CHECK-NEXT: %[[QN1:.*]] = arith.addf %[[ONE]], %[[VQ1]] : f32
// CHECK-NEXT: %[[QN:.*]] = arith.addf %[[QN1]], %[[VQ2]] : f32
// CHECK-NEXT: %[[T1:.*]] = arith.mulf %[[QN]], %[[PM]] : f32
// CHECK-NEXT: %[[T2:.*]] = arith.mulf %[[QN1]], %[[PM1]] : f32
// CHECK-NEXT: %[[NUM:.*]] = arith.addf %[[T1]], %[[T2]] : f32
// CHECK-NEXT: %[[S1:.*]] = arith.mulf %[[QN]], %[[QN]] : f32
// CHECK-NEXT: %[[S2:.*]] = arith.mulf %[[QN1]], %[[QN1]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[S1]], %[[S2]] : f32
// CHECK-NEXT: %[[Y:.*]] = arith.divf %[[NUM]], %[[DEN]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @pade_smooth(%x: tensor<1x2x5x5xf32>, %wp: tensor<2x3x2x2x2xf32>, %wq: tensor<2x3x2x2x2xf32>, %w0: tensor<3xf32>) -> tensor<1x3x3x3xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 dilation [2, 2]
      : (tensor<1x2x5x5xf32>, tensor<2x3x2x2x2xf32>, tensor<2x3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// -----

// smooth, M = Nq = 1, dynamic batch: p_{M-1} = w0 and q_{N-1} = 1; wp_1
// and wq_1 stacked into one convolution.
// CHECK-LABEL: func.func @pade_smooth_degree1
// CHECK-SAME: (%[[X:.*]]: tensor<?x2x5x5xf32>, %[[WP:.*]]: tensor<1x3x2x3x3xf32>, %[[WQ:.*]]: tensor<1x3x2x3x3xf32>, %[[W0:.*]]: tensor<3xf32>)
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {{.*}} -> tensor<?x6x3x3xf32>
// CHECK: %[[P:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 0]
// CHECK: %[[Q:.*]] = tensor.extract_slice %[[C]][0, 3, 0, 0]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]], %[[Q]], %[[W0]] :
// CHECK-NEXT: ^bb0(%[[PH:.*]]: f32, %[[QH:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[PM:.*]] = arith.addf %[[B]], %[[PH]] : f32
// CHECK-NEXT: %[[QN:.*]] = arith.addf %[[ONE]], %[[QH]] : f32
// CHECK-NEXT: %[[T1:.*]] = arith.mulf %[[QN]], %[[PM]] : f32
// CHECK-NEXT: %[[T2:.*]] = arith.mulf %[[ONE]], %[[B]] : f32
// CHECK-NEXT: %[[NUM:.*]] = arith.addf %[[T1]], %[[T2]] : f32
// CHECK-NEXT: %[[S1:.*]] = arith.mulf %[[QN]], %[[QN]] : f32
// CHECK-NEXT: %[[S2:.*]] = arith.mulf %[[ONE]], %[[ONE]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[S1]], %[[S2]] : f32
// CHECK-NEXT: arith.divf %[[NUM]], %[[DEN]] : f32
func.func @pade_smooth_degree1(%x: tensor<?x2x5x5xf32>, %wp: tensor<1x3x2x3x3xf32>, %wq: tensor<1x3x2x3x3xf32>, %w0: tensor<3xf32>) -> tensor<?x3x3x3xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0
      : (tensor<?x2x5x5xf32>, tensor<1x3x2x3x3xf32>, tensor<1x3x2x3x3xf32>, tensor<3xf32>) -> tensor<?x3x3x3xf32>
  return %y : tensor<?x3x3x3xf32>
}
