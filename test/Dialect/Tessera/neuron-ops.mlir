// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Round trip of the quadratic and Pade neurons (OPERATORS.md sections 4 and
// 5): tessera.quadratic_linear, tessera.quadratic_conv2d, tessera.pau and
// tessera.pade_conv2d.

//===----------------------------------------------------------------------===//
// quadratic_linear
//===----------------------------------------------------------------------===//

// fan: (Wr x + br) * (Wg x + bg) + Wb (x*x) + c, three weights, three biases.
// CHECK-LABEL: func.func @qlinear_fan(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<8x16xf32>
//  CHECK-SAME:     %[[WR:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//  CHECK-SAME:     %[[WG:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//  CHECK-SAME:     %[[BR:[a-zA-Z0-9_]+]]: tensor<4xf32>
//  CHECK-SAME:     %[[BG:[a-zA-Z0-9_]+]]: tensor<4xf32>
//  CHECK-SAME:     %[[C:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_linear fan %[[X]] weights(%[[WR]], %[[WG]], %[[WB]]) biases(%[[BR]], %[[BG]], %[[C]]) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
//       CHECK:   return %[[Y]] : tensor<8x4xf32>
func.func @qlinear_fan(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wg: tensor<4x16xf32>, %wb: tensor<4x16xf32>, %br: tensor<4xf32>, %bg: tensor<4xf32>, %c: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb) biases(%br, %bg, %c)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// The biases are optional as a whole; no `biases` group is printed then.
// CHECK-LABEL: func.func @qlinear_fan_no_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<8x16xf32>
//  CHECK-SAME:     %[[WR:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//  CHECK-SAME:     %[[WG:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_linear fan %[[X]] weights(%[[WR]], %[[WG]], %[[WB]]) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
//   CHECK-NOT:   biases
//       CHECK:   return %[[Y]]
func.func @qlinear_fan_no_biases(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wg: tensor<4x16xf32>, %wb: tensor<4x16xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// compact: Wr x + br + Wb (x*x) on a [B, T, in] input.
// CHECK-LABEL: func.func @qlinear_compact_rank3(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x5x16xf32>
//  CHECK-SAME:     %[[WR:[a-zA-Z0-9_]+]]: tensor<8x16xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<8x16xf32>
//  CHECK-SAME:     %[[BR:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_linear compact %[[X]] weights(%[[WR]], %[[WB]]) biases(%[[BR]]) : (tensor<2x5x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
//       CHECK:   return %[[Y]] : tensor<2x5x8xf32>
func.func @qlinear_compact_rank3(%x: tensor<2x5x16xf32>, %wr: tensor<8x16xf32>, %wb: tensor<8x16xf32>, %br: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %y = tessera.quadratic_linear compact %x weights(%wr, %wb) biases(%br)
      : (tensor<2x5x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// CHECK-LABEL: func.func @qlinear_compact_no_biases(
//       CHECK:   tessera.quadratic_linear compact %{{.+}} weights(%{{.+}}, %{{.+}}) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
func.func @qlinear_compact_no_biases(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wb: tensor<4x16xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear compact %x weights(%wr, %wb)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// square: W (x*x) + b.
// CHECK-LABEL: func.func @qlinear_square(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<8x16xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<32x16xf32>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<32xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_linear square %[[X]] weights(%[[W]]) biases(%[[B]]) : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<8x32xf32>
//       CHECK:   return %[[Y]]
func.func @qlinear_square(%x: tensor<8x16xf32>, %w: tensor<32x16xf32>, %b: tensor<32xf32>) -> tensor<8x32xf32> {
  %y = tessera.quadratic_linear square %x weights(%w) biases(%b)
      : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// power: (W x + b)^2 on a rank-1 input.
// CHECK-LABEL: func.func @qlinear_power_rank1(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<16xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_linear power %[[X]] weights(%[[W]]) : (tensor<16xf32>, tensor<4x16xf32>) -> tensor<4xf32>
//       CHECK:   return %[[Y]] : tensor<4xf32>
func.func @qlinear_power_rank1(%x: tensor<16xf32>, %w: tensor<4x16xf32>) -> tensor<4xf32> {
  %y = tessera.quadratic_linear power %x weights(%w)
      : (tensor<16xf32>, tensor<4x16xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @qlinear_power_bias(
//       CHECK:   tessera.quadratic_linear power %{{.+}} weights(%{{.+}}) biases(%{{.+}}) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
func.func @qlinear_power_bias(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear power %x weights(%w) biases(%b)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// product: (Wa x + ba) * (Wb x + bb) on a [B, T, in] input.
// CHECK-LABEL: func.func @qlinear_product_rank3(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<4x10x32xf32>
//  CHECK-SAME:     %[[WA:[a-zA-Z0-9_]+]]: tensor<64x32xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<64x32xf32>
//  CHECK-SAME:     %[[BA:[a-zA-Z0-9_]+]]: tensor<64xf32>
//  CHECK-SAME:     %[[BB:[a-zA-Z0-9_]+]]: tensor<64xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_linear product %[[X]] weights(%[[WA]], %[[WB]]) biases(%[[BA]], %[[BB]]) : (tensor<4x10x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<4x10x64xf32>
//       CHECK:   return %[[Y]] : tensor<4x10x64xf32>
func.func @qlinear_product_rank3(%x: tensor<4x10x32xf32>, %wa: tensor<64x32xf32>, %wb: tensor<64x32xf32>, %ba: tensor<64xf32>, %bb: tensor<64xf32>) -> tensor<4x10x64xf32> {
  %y = tessera.quadratic_linear product %x weights(%wa, %wb) biases(%ba, %bb)
      : (tensor<4x10x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<4x10x64xf32>
  return %y : tensor<4x10x64xf32>
}

// Dynamic leading dims are carried to the result.
// CHECK-LABEL: func.func @qlinear_dynamic_batch(
//       CHECK:   tessera.quadratic_linear product %{{.+}} weights(%{{.+}}, %{{.+}}) : (tensor<?x?x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<?x?x4xf32>
func.func @qlinear_dynamic_batch(%x: tensor<?x?x16xf32>, %wa: tensor<4x16xf32>, %wb: tensor<4x16xf32>) -> tensor<?x?x4xf32> {
  %y = tessera.quadratic_linear product %x weights(%wa, %wb)
      : (tensor<?x?x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<?x?x4xf32>
  return %y : tensor<?x?x4xf32>
}

// The output features come from the first static weight (then bias) extent.
// CHECK-LABEL: func.func @qlinear_out_from_second_weight(
//       CHECK:   tessera.quadratic_linear compact %{{.+}} weights(%{{.+}}, %{{.+}}) biases(%{{.+}}) : (tensor<8x16xf32>, tensor<?x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
func.func @qlinear_out_from_second_weight(%x: tensor<8x16xf32>, %wr: tensor<?x16xf32>, %wb: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear compact %x weights(%wr, %wb) biases(%b)
      : (tensor<8x16xf32>, tensor<?x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @qlinear_out_from_bias(
//       CHECK:   tessera.quadratic_linear square %{{.+}} weights(%{{.+}}) biases(%{{.+}}) : (tensor<8x16xf32>, tensor<?x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
func.func @qlinear_out_from_bias(%x: tensor<8x16xf32>, %w: tensor<?x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = tessera.quadratic_linear square %x weights(%w) biases(%b)
      : (tensor<8x16xf32>, tensor<?x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

//===----------------------------------------------------------------------===//
// quadratic_conv2d
//===----------------------------------------------------------------------===//

// fan with biases and the default stride, padding, dilation and groups.
// CHECK-LABEL: func.func @qconv_fan(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x8x8xf32>
//  CHECK-SAME:     %[[WR:[a-zA-Z0-9_]+]]: tensor<16x3x3x3xf32>
//  CHECK-SAME:     %[[WG:[a-zA-Z0-9_]+]]: tensor<16x3x3x3xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<16x3x3x3xf32>
//  CHECK-SAME:     %[[BR:[a-zA-Z0-9_]+]]: tensor<16xf32>
//  CHECK-SAME:     %[[BG:[a-zA-Z0-9_]+]]: tensor<16xf32>
//  CHECK-SAME:     %[[C:[a-zA-Z0-9_]+]]: tensor<16xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_conv2d fan %[[X]] weights(%[[WR]], %[[WG]], %[[WB]]) biases(%[[BR]], %[[BG]], %[[C]]) : (tensor<2x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<16x3x3x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x16x6x6xf32>
func.func @qconv_fan(%x: tensor<2x3x8x8xf32>, %wr: tensor<16x3x3x3xf32>, %wg: tensor<16x3x3x3xf32>, %wb: tensor<16x3x3x3xf32>, %br: tensor<16xf32>, %bg: tensor<16xf32>, %c: tensor<16xf32>) -> tensor<2x16x6x6xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%wr, %wg, %wb) biases(%br, %bg, %c)
      : (tensor<2x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<16x3x3x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x6x6xf32>
  return %y : tensor<2x16x6x6xf32>
}

// Attributes equal to their defaults are not printed.
// CHECK-LABEL: func.func @qconv_fan_default_attrs_elided(
//       CHECK:   tessera.quadratic_conv2d fan %{{.+}} weights(%{{.+}}, %{{.+}}, %{{.+}}) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
//   CHECK-NOT:   stride
//   CHECK-NOT:   padding
//   CHECK-NOT:   dilation
//   CHECK-NOT:   groups
//       CHECK:   return
func.func @qconv_fan_default_attrs_elided(%x: tensor<1x4x8x8xf32>, %wr: tensor<4x4x3x3xf32>, %wg: tensor<4x4x3x3xf32>, %wb: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%wr, %wg, %wb) stride [1, 1] padding [0, 0] dilation [1, 1] groups 1
      : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// compact without biases, stride 2: floor((9 - 3) / 2) + 1 = 4.
// CHECK-LABEL: func.func @qconv_compact_stride(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x4x9x9xf32>
//  CHECK-SAME:     %[[WR:[a-zA-Z0-9_]+]]: tensor<8x4x3x3xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<8x4x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_conv2d compact %[[X]] weights(%[[WR]], %[[WB]]) stride [2, 2] : (tensor<1x4x9x9xf32>, tensor<8x4x3x3xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x4x4xf32>
//       CHECK:   return %[[Y]]
func.func @qconv_compact_stride(%x: tensor<1x4x9x9xf32>, %wr: tensor<8x4x3x3xf32>, %wb: tensor<8x4x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %y = tessera.quadratic_conv2d compact %x weights(%wr, %wb) stride [2, 2]
      : (tensor<1x4x9x9xf32>, tensor<8x4x3x3xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// CHECK-LABEL: func.func @qconv_compact_bias(
//       CHECK:   tessera.quadratic_conv2d compact %{{.+}} weights(%{{.+}}, %{{.+}}) biases(%{{.+}}) padding [1, 1] : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
func.func @qconv_compact_bias(%x: tensor<1x4x8x8xf32>, %wr: tensor<8x4x3x3xf32>, %wb: tensor<8x4x3x3xf32>, %br: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %y = tessera.quadratic_conv2d compact %x weights(%wr, %wb) biases(%br) padding [1, 1]
      : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}

// square with a bias and "same" padding.
// CHECK-LABEL: func.func @qconv_square_padding(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x64x56x56xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<64x64x3x3xf32>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<64xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_conv2d square %[[X]] weights(%[[W]]) biases(%[[B]]) padding [1, 1] : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
//       CHECK:   return %[[Y]]
func.func @qconv_square_padding(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %y = tessera.quadratic_conv2d square %x weights(%w) biases(%b) padding [1, 1]
      : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// power with dilation 2: extent 2 * (3 - 1) + 1 = 5, 10 + 2*2 - 5 + 1 = 10.
// CHECK-LABEL: func.func @qconv_power_dilation(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x4x10x10xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x3x3xf32>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_conv2d power %[[X]] weights(%[[W]]) biases(%[[B]]) padding [2, 2] dilation [2, 2] : (tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x10x10xf32>
//       CHECK:   return %[[Y]]
func.func @qconv_power_dilation(%x: tensor<1x4x10x10xf32>, %w: tensor<4x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x10x10xf32> {
  %y = tessera.quadratic_conv2d power %x weights(%w) biases(%b) padding [2, 2] dilation [2, 2]
      : (tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x10x10xf32>
  return %y : tensor<1x4x10x10xf32>
}

// product with groups 2 (weights [Cout, Cin/2, kh, kw]) and per-dim stride
// and padding: H' = floor((8 + 2 - 3) / 2) + 1 = 4, W' = (8 - 1) / 1 + 1 = 8.
// CHECK-LABEL: func.func @qconv_product_groups(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x8x8xf32>
//  CHECK-SAME:     %[[WA:[a-zA-Z0-9_]+]]: tensor<6x4x3x1xf32>
//  CHECK-SAME:     %[[WB:[a-zA-Z0-9_]+]]: tensor<6x4x3x1xf32>
//  CHECK-SAME:     %[[BA:[a-zA-Z0-9_]+]]: tensor<6xf32>
//  CHECK-SAME:     %[[BB:[a-zA-Z0-9_]+]]: tensor<6xf32>
//       CHECK:   %[[Y:.+]] = tessera.quadratic_conv2d product %[[X]] weights(%[[WA]], %[[WB]]) biases(%[[BA]], %[[BB]]) stride [2, 1] padding [1, 0] groups 2 : (tensor<2x8x8x8xf32>, tensor<6x4x3x1xf32>, tensor<6x4x3x1xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4x8xf32>
//       CHECK:   return %[[Y]] : tensor<2x6x4x8xf32>
func.func @qconv_product_groups(%x: tensor<2x8x8x8xf32>, %wa: tensor<6x4x3x1xf32>, %wb: tensor<6x4x3x1xf32>, %ba: tensor<6xf32>, %bb: tensor<6xf32>) -> tensor<2x6x4x8xf32> {
  %y = tessera.quadratic_conv2d product %x weights(%wa, %wb) biases(%ba, %bb) stride [2, 1] padding [1, 0] groups 2
      : (tensor<2x8x8x8xf32>, tensor<6x4x3x1xf32>, tensor<6x4x3x1xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4x8xf32>
  return %y : tensor<2x6x4x8xf32>
}

// Depthwise (groups = Cin = Cout) with every attribute given.
// CHECK-LABEL: func.func @qconv_depthwise_all_attrs(
//       CHECK:   tessera.quadratic_conv2d square %{{.+}} weights(%{{.+}}) stride [2, 2] padding [2, 2] dilation [2, 2] groups 16 : (tensor<1x16x16x16xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x8x8xf32>
func.func @qconv_depthwise_all_attrs(%x: tensor<1x16x16x16xf32>, %w: tensor<16x1x3x3xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.quadratic_conv2d square %x weights(%w) stride [2, 2] padding [2, 2] dilation [2, 2] groups 16
      : (tensor<1x16x16x16xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// Dynamic batch and spatial dims stay dynamic.
// CHECK-LABEL: func.func @qconv_dynamic(
//       CHECK:   tessera.quadratic_conv2d power %{{.+}} weights(%{{.+}}) padding [1, 1] : (tensor<?x4x?x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x?x8xf32>
func.func @qconv_dynamic(%x: tensor<?x4x?x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<?x4x?x8xf32> {
  %y = tessera.quadratic_conv2d power %x weights(%w) padding [1, 1]
      : (tensor<?x4x?x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x?x8xf32>
  return %y : tensor<?x4x?x8xf32>
}

// Output channels and kernel extents come from the first static weight.
// CHECK-LABEL: func.func @qconv_extents_from_second_weight(
//       CHECK:   tessera.quadratic_conv2d product %{{.+}} weights(%{{.+}}, %{{.+}}) : (tensor<1x4x8x8xf32>, tensor<?x4x?x?xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
func.func @qconv_extents_from_second_weight(%x: tensor<1x4x8x8xf32>, %wa: tensor<?x4x?x?xf32>, %wb: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  %y = tessera.quadratic_conv2d product %x weights(%wa, %wb)
      : (tensor<1x4x8x8xf32>, tensor<?x4x?x?xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

//===----------------------------------------------------------------------===//
// pau
//===----------------------------------------------------------------------===//

// Per-tensor coefficients, m = 5 and n = 4 (the paper's degrees).
// CHECK-LABEL: func.func @pau_safe(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1024xf32>
//  CHECK-SAME:     %[[A:[a-zA-Z0-9_]+]]: tensor<6xf32>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[Y:.+]] = tessera.pau safe %[[X]], %[[A]], %[[B]] : (tensor<1024xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<1024xf32>
//   CHECK-NOT:   channel_axis
//       CHECK:   return %[[Y]] : tensor<1024xf32>
func.func @pau_safe(%x: tensor<1024xf32>, %a: tensor<6xf32>, %b: tensor<4xf32>) -> tensor<1024xf32> {
  %y = tessera.pau safe %x, %a, %b
      : (tensor<1024xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<1024xf32>
  return %y : tensor<1024xf32>
}

// CHECK-LABEL: func.func @pau_abs(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x5xf32>
//  CHECK-SAME:     %[[A:[a-zA-Z0-9_]+]]: tensor<4xf32>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<3xf32>
//       CHECK:   %[[Y:.+]] = tessera.pau abs %[[X]], %[[A]], %[[B]] : (tensor<2x3x5xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<2x3x5xf32>
//       CHECK:   return %[[Y]]
func.func @pau_abs(%x: tensor<2x3x5xf32>, %a: tensor<4xf32>, %b: tensor<3xf32>) -> tensor<2x3x5xf32> {
  %y = tessera.pau abs %x, %a, %b
      : (tensor<2x3x5xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// CHECK-LABEL: func.func @pau_unsafe(
//       CHECK:   tessera.pau unsafe %{{.+}}, %{{.+}}, %{{.+}} : (tensor<4x8xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<4x8xf32>
func.func @pau_unsafe(%x: tensor<4x8xf32>, %a: tensor<6xf32>, %b: tensor<4xf32>) -> tensor<4x8xf32> {
  %y = tessera.pau unsafe %x, %a, %b
      : (tensor<4x8xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// A rank-0 input with per-tensor coefficients and a constant numerator
// (m = 0).
// CHECK-LABEL: func.func @pau_scalar(
//       CHECK:   tessera.pau safe %{{.+}}, %{{.+}}, %{{.+}} : (tensor<f32>, tensor<1xf32>, tensor<2xf32>) -> tensor<f32>
func.func @pau_scalar(%x: tensor<f32>, %a: tensor<1xf32>, %b: tensor<2xf32>) -> tensor<f32> {
  %y = tessera.pau safe %x, %a, %b
      : (tensor<f32>, tensor<1xf32>, tensor<2xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// Per-channel coefficients along the C dim of an NCHW tensor.
// CHECK-LABEL: func.func @pau_safe_channel_axis(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x8x8xf32>
//  CHECK-SAME:     %[[A:[a-zA-Z0-9_]+]]: tensor<3x6xf32>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<3x4xf32>
//       CHECK:   %[[Y:.+]] = tessera.pau safe %[[X]], %[[A]], %[[B]] channel_axis 1 : (tensor<2x3x8x8xf32>, tensor<3x6xf32>, tensor<3x4xf32>) -> tensor<2x3x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<2x3x8x8xf32>
func.func @pau_safe_channel_axis(%x: tensor<2x3x8x8xf32>, %a: tensor<3x6xf32>, %b: tensor<3x4xf32>) -> tensor<2x3x8x8xf32> {
  %y = tessera.pau safe %x, %a, %b channel_axis 1
      : (tensor<2x3x8x8xf32>, tensor<3x6xf32>, tensor<3x4xf32>) -> tensor<2x3x8x8xf32>
  return %y : tensor<2x3x8x8xf32>
}

// CHECK-LABEL: func.func @pau_abs_channel_axis0(
//       CHECK:   tessera.pau abs %{{.+}}, %{{.+}}, %{{.+}} channel_axis 0 : (tensor<5x7xf32>, tensor<5x3xf32>, tensor<5x2xf32>) -> tensor<5x7xf32>
func.func @pau_abs_channel_axis0(%x: tensor<5x7xf32>, %a: tensor<5x3xf32>, %b: tensor<5x2xf32>) -> tensor<5x7xf32> {
  %y = tessera.pau abs %x, %a, %b channel_axis 0
      : (tensor<5x7xf32>, tensor<5x3xf32>, tensor<5x2xf32>) -> tensor<5x7xf32>
  return %y : tensor<5x7xf32>
}

// The channel axis may be the last dim (NHWC activations).
// CHECK-LABEL: func.func @pau_unsafe_channel_axis_last(
//       CHECK:   tessera.pau unsafe %{{.+}}, %{{.+}}, %{{.+}} channel_axis 3 : (tensor<1x4x4x16xf32>, tensor<16x6xf32>, tensor<16x4xf32>) -> tensor<1x4x4x16xf32>
func.func @pau_unsafe_channel_axis_last(%x: tensor<1x4x4x16xf32>, %a: tensor<16x6xf32>, %b: tensor<16x4xf32>) -> tensor<1x4x4x16xf32> {
  %y = tessera.pau unsafe %x, %a, %b channel_axis 3
      : (tensor<1x4x4x16xf32>, tensor<16x6xf32>, tensor<16x4xf32>) -> tensor<1x4x4x16xf32>
  return %y : tensor<1x4x4x16xf32>
}

// A dynamic channel extent is checked once it is known.
// CHECK-LABEL: func.func @pau_dynamic_channels(
//       CHECK:   tessera.pau safe %{{.+}}, %{{.+}}, %{{.+}} channel_axis 1 : (tensor<?x?xf32>, tensor<8x6xf32>, tensor<?x4xf32>) -> tensor<?x?xf32>
func.func @pau_dynamic_channels(%x: tensor<?x?xf32>, %a: tensor<8x6xf32>, %b: tensor<?x4xf32>) -> tensor<?x?xf32> {
  %y = tessera.pau safe %x, %a, %b channel_axis 1
      : (tensor<?x?xf32>, tensor<8x6xf32>, tensor<?x4xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

//===----------------------------------------------------------------------===//
// pade_conv2d
//===----------------------------------------------------------------------===//

// Paon-A with "same" padding.
// CHECK-LABEL: func.func @pade_abs_padding(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x32x64x64xf32>
//  CHECK-SAME:     %[[WP:[a-zA-Z0-9_]+]]: tensor<2x32x32x3x3xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<2x32x32x3x3xf32>
//  CHECK-SAME:     %[[W0:[a-zA-Z0-9_]+]]: tensor<32xf32>
//       CHECK:   %[[Y:.+]] = tessera.pade_conv2d abs %[[X]], %[[WP]], %[[WQ]], %[[W0]] padding [1, 1] : (tensor<1x32x64x64xf32>, tensor<2x32x32x3x3xf32>, tensor<2x32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x64x64xf32>
//       CHECK:   return %[[Y]] : tensor<1x32x64x64xf32>
func.func @pade_abs_padding(%x: tensor<1x32x64x64xf32>, %wp: tensor<2x32x32x3x3xf32>, %wq: tensor<2x32x32x3x3xf32>, %w0: tensor<32xf32>) -> tensor<1x32x64x64xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<1x32x64x64xf32>, tensor<2x32x32x3x3xf32>, tensor<2x32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x64x64xf32>
  return %y : tensor<1x32x64x64xf32>
}

// Defaults only; M = 3 and Nq = 1 differ; Cout = 8 != Cin = 4.
// CHECK-LABEL: func.func @pade_abs_defaults(
//       CHECK:   tessera.pade_conv2d abs %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<2x4x8x8xf32>, tensor<3x8x4x3x3xf32>, tensor<1x8x4x3x3xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//   CHECK-NOT:   stride
func.func @pade_abs_defaults(%x: tensor<2x4x8x8xf32>, %wp: tensor<3x8x4x3x3xf32>, %wq: tensor<1x8x4x3x3xf32>, %w0: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 stride [1, 1] padding [0, 0] dilation [1, 1]
      : (tensor<2x4x8x8xf32>, tensor<3x8x4x3x3xf32>, tensor<1x8x4x3x3xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// Paon-A, stride 2 with padding: floor((16 + 2 - 3) / 2) + 1 = 8.
// CHECK-LABEL: func.func @pade_abs_stride(
//       CHECK:   tessera.pade_conv2d abs %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} stride [2, 2] padding [1, 1] : (tensor<1x4x16x16xf32>, tensor<2x8x4x3x3xf32>, tensor<2x8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
func.func @pade_abs_stride(%x: tensor<1x4x16x16xf32>, %wp: tensor<2x8x4x3x3xf32>, %wq: tensor<2x8x4x3x3xf32>, %w0: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 stride [2, 2] padding [1, 1]
      : (tensor<1x4x16x16xf32>, tensor<2x8x4x3x3xf32>, tensor<2x8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}

// Paon-S with padding.
// CHECK-LABEL: func.func @pade_smooth_padding(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x4x8x8xf32>
//  CHECK-SAME:     %[[WP:[a-zA-Z0-9_]+]]: tensor<2x6x4x3x3xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<3x6x4x3x3xf32>
//  CHECK-SAME:     %[[W0:[a-zA-Z0-9_]+]]: tensor<6xf32>
//       CHECK:   %[[Y:.+]] = tessera.pade_conv2d smooth %[[X]], %[[WP]], %[[WQ]], %[[W0]] padding [1, 1] : (tensor<1x4x8x8xf32>, tensor<2x6x4x3x3xf32>, tensor<3x6x4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x8x8xf32>
//       CHECK:   return %[[Y]]
func.func @pade_smooth_padding(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x6x4x3x3xf32>, %wq: tensor<3x6x4x3x3xf32>, %w0: tensor<6xf32>) -> tensor<1x6x8x8xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<1x4x8x8xf32>, tensor<2x6x4x3x3xf32>, tensor<3x6x4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x8x8xf32>
  return %y : tensor<1x6x8x8xf32>
}

// Paon-S with stride, asymmetric padding and dilation:
// H' = floor((12 + 4 - 5) / 2) + 1 = 6, W' = floor((12 + 0 - 5) / 3) + 1 = 3.
// CHECK-LABEL: func.func @pade_smooth_stride_dilation(
//       CHECK:   tessera.pade_conv2d smooth %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} stride [2, 3] padding [2, 0] dilation [2, 2] : (tensor<1x4x12x12xf32>, tensor<1x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x3xf32>
func.func @pade_smooth_stride_dilation(%x: tensor<1x4x12x12xf32>, %wp: tensor<1x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x3xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 stride [2, 3] padding [2, 0] dilation [2, 2]
      : (tensor<1x4x12x12xf32>, tensor<1x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x3xf32>
  return %y : tensor<1x4x6x3xf32>
}

// Dynamic batch and spatial dims.
// CHECK-LABEL: func.func @pade_smooth_dynamic(
//       CHECK:   tessera.pade_conv2d smooth %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} padding [1, 1] : (tensor<?x4x?x?xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<?x4x?x?xf32>
func.func @pade_smooth_dynamic(%x: tensor<?x4x?x?xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<?x4x?x?xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<?x4x?x?xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<?x4x?x?xf32>
  return %y : tensor<?x4x?x?xf32>
}

// Where wp is dynamic, wq gives Cout and the kernel extents.
// CHECK-LABEL: func.func @pade_extents_from_wq(
//       CHECK:   tessera.pade_conv2d abs %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<1x4x8x8xf32>, tensor<2x?x4x?x?xf32>, tensor<1x6x4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
func.func @pade_extents_from_wq(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x?x4x?x?xf32>, %wq: tensor<1x6x4x3x3xf32>, %w0: tensor<6xf32>) -> tensor<1x6x6x6xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0
      : (tensor<1x4x8x8xf32>, tensor<2x?x4x?x?xf32>, tensor<1x6x4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// With Cout dynamic in both wp and wq, w0 gives it.
// CHECK-LABEL: func.func @pade_cout_from_w0(
//       CHECK:   tessera.pade_conv2d smooth %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<1x4x8x8xf32>, tensor<2x?x4x3x3xf32>, tensor<2x?x4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
func.func @pade_cout_from_w0(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x?x4x3x3xf32>, %wq: tensor<2x?x4x3x3xf32>, %w0: tensor<6xf32>) -> tensor<1x6x6x6xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0
      : (tensor<1x4x8x8xf32>, tensor<2x?x4x3x3xf32>, tensor<2x?x4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// The variant defaults to `fan` when omitted and is printed explicitly.
// CHECK-LABEL: func.func @qlinear_default_variant
//       CHECK:   tessera.quadratic_linear fan %{{.*}} weights(
//       CHECK:   tessera.quadratic_conv2d fan %{{.*}} weights(
func.func @qlinear_default_variant(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>,
                                   %xc: tensor<1x2x5x5xf32>, %wc: tensor<3x2x3x3xf32>)
    -> (tensor<8x4xf32>, tensor<1x3x3x3xf32>) {
  %y = tessera.quadratic_linear %x weights(%w, %w, %w)
      : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  %z = tessera.quadratic_conv2d %xc weights(%wc, %wc, %wc)
      : (tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>, tensor<3x2x3x3xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %y, %z : tensor<8x4xf32>, tensor<1x3x3x3xf32>
}
