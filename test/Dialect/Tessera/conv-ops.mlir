// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Round-trip tests of tessera.partial_conv2d (OPERATORS.md section 3).

// Default n_div = 4: c_p = 40 / 4 = 10 (FasterNet-T0 stage 1).
// CHECK-LABEL: func.func @pconv_default(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x40x56x56xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<10x10x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>
//       CHECK:   return %[[Y]] : tensor<1x40x56x56xf32>
func.func @pconv_default(%x: tensor<1x40x56x56xf32>, %w: tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>
  return %y : tensor<1x40x56x56xf32>
}

// The default n_div and stride are not printed.
// CHECK-LABEL: func.func @pconv_default_attrs_elided(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x40x56x56xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<10x10x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>
//       CHECK:   return %[[Y]] : tensor<1x40x56x56xf32>
func.func @pconv_default_attrs_elided(%x: tensor<1x40x56x56xf32>, %w: tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 4 : i64, stride = 1 : i64} : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>
  return %y : tensor<1x40x56x56xf32>
}

// CHECK-LABEL: func.func @pconv_n_div_2(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<8x8x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {n_div = 2 : i64} : (tensor<2x16x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<2x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<2x16x8x8xf32>
func.func @pconv_n_div_2(%x: tensor<2x16x8x8xf32>, %w: tensor<8x8x3x3xf32>) -> tensor<2x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 2 : i64} : (tensor<2x16x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<2x16x8x8xf32>
  return %y : tensor<2x16x8x8xf32>
}

// n_div = 1 convolves every channel.
// CHECK-LABEL: func.func @pconv_n_div_1(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x16x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {n_div = 1 : i64} : (tensor<2x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<2x16x8x8xf32>
func.func @pconv_n_div_1(%x: tensor<2x16x8x8xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<2x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 1 : i64} : (tensor<2x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x8x8xf32>
  return %y : tensor<2x16x8x8xf32>
}

// C = 10 is not a multiple of n_div = 4: c_p = floor(10 / 4) = 2.
// CHECK-LABEL: func.func @pconv_c_not_divisible(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x10x7x7xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<2x2x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x10x7x7xf32>, tensor<2x2x3x3xf32>) -> tensor<1x10x7x7xf32>
//       CHECK:   return %[[Y]] : tensor<1x10x7x7xf32>
func.func @pconv_c_not_divisible(%x: tensor<1x10x7x7xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x10x7x7xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x10x7x7xf32>, tensor<2x2x3x3xf32>) -> tensor<1x10x7x7xf32>
  return %y : tensor<1x10x7x7xf32>
}

// CHECK-LABEL: func.func @pconv_c_not_divisible_n_div_3(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x10x7x7xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x3x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {n_div = 3 : i64} : (tensor<1x10x7x7xf32>, tensor<3x3x3x3xf32>) -> tensor<1x10x7x7xf32>
//       CHECK:   return %[[Y]] : tensor<1x10x7x7xf32>
func.func @pconv_c_not_divisible_n_div_3(%x: tensor<1x10x7x7xf32>, %w: tensor<3x3x3x3xf32>) -> tensor<1x10x7x7xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 3 : i64} : (tensor<1x10x7x7xf32>, tensor<3x3x3x3xf32>) -> tensor<1x10x7x7xf32>
  return %y : tensor<1x10x7x7xf32>
}

// An explicit conv_channels replaces C / n_div.
// CHECK-LABEL: func.func @pconv_conv_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<5x5x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {conv_channels = 5 : i64} : (tensor<1x16x8x8xf32>, tensor<5x5x3x3xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @pconv_conv_channels(%x: tensor<1x16x8x8xf32>, %w: tensor<5x5x3x3xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 5 : i64} : (tensor<1x16x8x8xf32>, tensor<5x5x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// conv_channels wins over n_div.
// CHECK-LABEL: func.func @pconv_conv_channels_and_n_div(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x3x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {conv_channels = 3 : i64, n_div = 2 : i64} : (tensor<1x16x8x8xf32>, tensor<3x3x3x3xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @pconv_conv_channels_and_n_div(%x: tensor<1x16x8x8xf32>, %w: tensor<3x3x3x3xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 3 : i64, n_div = 2 : i64} : (tensor<1x16x8x8xf32>, tensor<3x3x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// conv_channels = C is a full convolution.
// CHECK-LABEL: func.func @pconv_conv_channels_all(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x16x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {conv_channels = 16 : i64} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @pconv_conv_channels_all(%x: tensor<1x16x8x8xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 16 : i64} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// Kernel sizes 1, 5 and 7 (padding k/2).
// CHECK-LABEL: func.func @pconv_k1(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x1x1xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x16x8x8xf32>, tensor<4x4x1x1xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @pconv_k1(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x1x1xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x1x1xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func.func @pconv_k5(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x5x5xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x16x8x8xf32>, tensor<4x4x5x5xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @pconv_k5(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x5x5xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x5x5xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// A kernel larger than the input is fine: zero padding keeps the size.
// CHECK-LABEL: func.func @pconv_k7_small_input(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x3x3xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x7x7xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x16x3x3xf32>, tensor<4x4x7x7xf32>) -> tensor<1x16x3x3xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x3x3xf32>
func.func @pconv_k7_small_input(%x: tensor<1x16x3x3xf32>, %w: tensor<4x4x7x7xf32>) -> tensor<1x16x3x3xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x3x3xf32>, tensor<4x4x7x7xf32>) -> tensor<1x16x3x3xf32>
  return %y : tensor<1x16x3x3xf32>
}

// Dynamic batch and spatial extents.
// CHECK-LABEL: func.func @pconv_dynamic_batch_spatial(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<?x16x?x?xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<?x16x?x?xf32>, tensor<4x4x3x3xf32>) -> tensor<?x16x?x?xf32>
//       CHECK:   return %[[Y]] : tensor<?x16x?x?xf32>
func.func @pconv_dynamic_batch_spatial(%x: tensor<?x16x?x?xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<?x16x?x?xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<?x16x?x?xf32>, tensor<4x4x3x3xf32>) -> tensor<?x16x?x?xf32>
  return %y : tensor<?x16x?x?xf32>
}

// With dynamic C, c_p is taken from the weight.
// CHECK-LABEL: func.func @pconv_dynamic_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x?x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x?x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x?x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x?x8x8xf32>
func.func @pconv_dynamic_channels(%x: tensor<1x?x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x?x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x?x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x?x8x8xf32>
  return %y : tensor<1x?x8x8xf32>
}

// CHECK-LABEL: func.func @pconv_dynamic_weight_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<?x?x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] : (tensor<1x16x8x8xf32>, tensor<?x?x3x3xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @pconv_dynamic_weight_channels(%x: tensor<1x16x8x8xf32>, %w: tensor<?x?x3x3xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<?x?x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func.func @pconv_dynamic_channels_conv_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x?x8x8xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<6x6x3x3xf32>
//       CHECK:   %[[Y:.+]] = tessera.partial_conv2d %[[X]], %[[W]] {conv_channels = 6 : i64} : (tensor<1x?x8x8xf32>, tensor<6x6x3x3xf32>) -> tensor<1x?x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x?x8x8xf32>
func.func @pconv_dynamic_channels_conv_channels(%x: tensor<1x?x8x8xf32>, %w: tensor<6x6x3x3xf32>) -> tensor<1x?x8x8xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 6 : i64} : (tensor<1x?x8x8xf32>, tensor<6x6x3x3xf32>) -> tensor<1x?x8x8xf32>
  return %y : tensor<1x?x8x8xf32>
}
