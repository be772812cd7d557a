// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Round trip of the binary (XNOR-Net / BiPer) ops of OPERATORS.md section 6:
// tessera.binary_conv2d and tessera.binary_matmul.

//===----------------------------------------------------------------------===//
// binary_conv2d
//===----------------------------------------------------------------------===//

// XNOR-Net defaults: alpha = mean |W_o| computed, sign transform, no input
// scaling, stride 1, no padding.
// CHECK-LABEL: func.func @bconv_default(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x4x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<6x4x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_conv2d %[[X]], %[[W]] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<1x6x6x6xf32>
func.func @bconv_default(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w
      : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// Attributes equal to their defaults (stride, padding, dilation, the sign
// transform and omega = 20) are not printed.
// CHECK-LABEL: func.func @bconv_default_attrs_elided(
//       CHECK:   tessera.binary_conv2d %{{.+}}, %{{.+}} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
//   CHECK-NOT:   transform
//   CHECK-NOT:   omega
//       CHECK:   return
func.func @bconv_default_attrs_elided(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w stride [1, 1] padding [0, 0] dilation [1, 1] transform sign {omega = 20.0 : f32}
      : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// A given alpha (one scale per output channel).
// CHECK-LABEL: func.func @bconv_alpha(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x4x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<6x4x3x3xf32>
//  CHECK-SAME:     %[[A:[a-zA-Z0-9_]+]]: tensor<6xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_conv2d %[[X]], %[[W]] alpha %[[A]] : (tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6xf32>) -> tensor<2x6x6x6xf32>
//       CHECK:   return %[[Y]]
func.func @bconv_alpha(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %a: tensor<6xf32>) -> tensor<2x6x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a
      : (tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6xf32>) -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// XNOR-Net's input scaling K with "same" padding.
// CHECK-LABEL: func.func @bconv_input_scaling(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x64x28x28xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<64x64x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_conv2d %[[X]], %[[W]] padding [1, 1] input_scaling : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
//       CHECK:   return %[[Y]]
func.func @bconv_input_scaling(%x: tensor<1x64x28x28xf32>, %w: tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
  return %y : tensor<1x64x28x28xf32>
}

// BiPer with the default omega (20, not printed).
// CHECK-LABEL: func.func @bconv_periodic_default_omega(
//       CHECK:   tessera.binary_conv2d %{{.+}}, %{{.+}} transform periodic : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
//   CHECK-NOT:   omega
//       CHECK:   return
func.func @bconv_periodic_default_omega(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w transform periodic
      : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// Every optional part at once: alpha, stride, padding, dilation, input
// scaling and BiPer with omega 25.
// H' = floor((16 + 2*2 - 2*(3-1) - 1) / 2) + 1 = 8, W' = floor((16 + 0 - 2 - 1) / 1) + 1 = 14.
// CHECK-LABEL: func.func @bconv_everything(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x8x16x16xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x8x3x3xf32>
//  CHECK-SAME:     %[[A:[a-zA-Z0-9_]+]]: tensor<16xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_conv2d %[[X]], %[[W]] alpha %[[A]] stride [2, 1] padding [2, 0] dilation [2, 1] input_scaling transform periodic {omega = 2.500000e+01 : f32} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>) -> tensor<1x16x8x14xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x14xf32>
func.func @bconv_everything(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>, %a: tensor<16xf32>) -> tensor<1x16x8x14xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a stride [2, 1] padding [2, 0] dilation [2, 1] input_scaling transform periodic {omega = 25.0 : f32}
      : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>) -> tensor<1x16x8x14xf32>
  return %y : tensor<1x16x8x14xf32>
}

// Stride 2 without padding: floor((9 - 3) / 2) + 1 = 4.
// CHECK-LABEL: func.func @bconv_stride(
//       CHECK:   tessera.binary_conv2d %{{.+}}, %{{.+}} stride [2, 2] : (tensor<4x3x9x9xf32>, tensor<8x3x3x3xf32>) -> tensor<4x8x4x4xf32>
func.func @bconv_stride(%x: tensor<4x3x9x9xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<4x8x4x4xf32> {
  %y = tessera.binary_conv2d %x, %w stride [2, 2]
      : (tensor<4x3x9x9xf32>, tensor<8x3x3x3xf32>) -> tensor<4x8x4x4xf32>
  return %y : tensor<4x8x4x4xf32>
}

// Dilation alone: extent 2 * (3 - 1) + 1 = 5, 8 - 5 + 1 = 4.
// CHECK-LABEL: func.func @bconv_dilation(
//       CHECK:   tessera.binary_conv2d %{{.+}}, %{{.+}} dilation [2, 2] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32>
func.func @bconv_dilation(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %y = tessera.binary_conv2d %x, %w dilation [2, 2]
      : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// Dynamic batch and spatial dims stay dynamic.
// CHECK-LABEL: func.func @bconv_dynamic(
//       CHECK:   tessera.binary_conv2d %{{.+}}, %{{.+}} padding [1, 1] input_scaling : (tensor<?x4x?x?xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x?x?xf32>
func.func @bconv_dynamic(%x: tensor<?x4x?x?xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<?x4x?x?xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      : (tensor<?x4x?x?xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x?x?xf32>
  return %y : tensor<?x4x?x?xf32>
}

//===----------------------------------------------------------------------===//
// binary_matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @bmatmul_default(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<32x512xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<256x512xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_matmul %[[X]], %[[W]] : (tensor<32x512xf32>, tensor<256x512xf32>) -> tensor<32x256xf32>
//       CHECK:   return %[[Y]] : tensor<32x256xf32>
func.func @bmatmul_default(%x: tensor<32x512xf32>, %w: tensor<256x512xf32>) -> tensor<32x256xf32> {
  %y = tessera.binary_matmul %x, %w
      : (tensor<32x512xf32>, tensor<256x512xf32>) -> tensor<32x256xf32>
  return %y : tensor<32x256xf32>
}

// CHECK-LABEL: func.func @bmatmul_default_attrs_elided(
//       CHECK:   tessera.binary_matmul %{{.+}}, %{{.+}} : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
//   CHECK-NOT:   transform
//   CHECK-NOT:   omega
//       CHECK:   return
func.func @bmatmul_default_attrs_elided(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xf32> {
  %y = tessera.binary_matmul %x, %w transform sign {omega = 20.0 : f32}
      : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// BiPer with omega 25 (the example of the op's documentation).
// CHECK-LABEL: func.func @bmatmul_periodic_omega(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<32x512xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<256x512xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_matmul %[[X]], %[[W]] transform periodic {omega = 2.500000e+01 : f32} : (tensor<32x512xf32>, tensor<256x512xf32>) -> tensor<32x256xf32>
//       CHECK:   return %[[Y]]
func.func @bmatmul_periodic_omega(%x: tensor<32x512xf32>, %w: tensor<256x512xf32>) -> tensor<32x256xf32> {
  %y = tessera.binary_matmul %x, %w transform periodic {omega = 25.0 : f32}
      : (tensor<32x512xf32>, tensor<256x512xf32>) -> tensor<32x256xf32>
  return %y : tensor<32x256xf32>
}

// A [B, T, K] input with a given alpha and XNOR-Net's beta input scaling.
// CHECK-LABEL: func.func @bmatmul_rank3_alpha_input_scaling(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x7x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x64xf32>
//  CHECK-SAME:     %[[A:[a-zA-Z0-9_]+]]: tensor<16xf32>
//       CHECK:   %[[Y:.+]] = tessera.binary_matmul %[[X]], %[[W]] alpha %[[A]] input_scaling : (tensor<2x7x64xf32>, tensor<16x64xf32>, tensor<16xf32>) -> tensor<2x7x16xf32>
//       CHECK:   return %[[Y]] : tensor<2x7x16xf32>
func.func @bmatmul_rank3_alpha_input_scaling(%x: tensor<2x7x64xf32>, %w: tensor<16x64xf32>, %a: tensor<16xf32>) -> tensor<2x7x16xf32> {
  %y = tessera.binary_matmul %x, %w alpha %a input_scaling
      : (tensor<2x7x64xf32>, tensor<16x64xf32>, tensor<16xf32>) -> tensor<2x7x16xf32>
  return %y : tensor<2x7x16xf32>
}

// Every optional part at once on a rank-3 input.
// CHECK-LABEL: func.func @bmatmul_rank3_everything(
//       CHECK:   tessera.binary_matmul %{{.+}}, %{{.+}} alpha %{{.+}} input_scaling transform periodic {omega = 5.000000e+00 : f32} : (tensor<2x7x64xf32>, tensor<16x64xf32>, tensor<16xf32>) -> tensor<2x7x16xf32>
func.func @bmatmul_rank3_everything(%x: tensor<2x7x64xf32>, %w: tensor<16x64xf32>, %a: tensor<16xf32>) -> tensor<2x7x16xf32> {
  %y = tessera.binary_matmul %x, %w alpha %a input_scaling transform periodic {omega = 5.0 : f32}
      : (tensor<2x7x64xf32>, tensor<16x64xf32>, tensor<16xf32>) -> tensor<2x7x16xf32>
  return %y : tensor<2x7x16xf32>
}

// A rank-1 input (a single row).
// CHECK-LABEL: func.func @bmatmul_rank1(
//       CHECK:   tessera.binary_matmul %{{.+}}, %{{.+}} transform periodic : (tensor<64xf32>, tensor<16x64xf32>) -> tensor<16xf32>
func.func @bmatmul_rank1(%x: tensor<64xf32>, %w: tensor<16x64xf32>) -> tensor<16xf32> {
  %y = tessera.binary_matmul %x, %w transform periodic
      : (tensor<64xf32>, tensor<16x64xf32>) -> tensor<16xf32>
  return %y : tensor<16xf32>
}

// Dynamic leading dims are carried to the result.
// CHECK-LABEL: func.func @bmatmul_dynamic(
//       CHECK:   tessera.binary_matmul %{{.+}}, %{{.+}} input_scaling : (tensor<?x?x64xf32>, tensor<16x64xf32>) -> tensor<?x?x16xf32>
func.func @bmatmul_dynamic(%x: tensor<?x?x64xf32>, %w: tensor<16x64xf32>) -> tensor<?x?x16xf32> {
  %y = tessera.binary_matmul %x, %w input_scaling
      : (tensor<?x?x64xf32>, tensor<16x64xf32>) -> tensor<?x?x16xf32>
  return %y : tensor<?x?x16xf32>
}
