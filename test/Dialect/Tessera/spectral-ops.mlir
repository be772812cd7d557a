// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Round-trip tests of tessera.spectral_conv and tessera.factorized_weight
// (OPERATORS.md sections 1 and 1b).

// 1-D, Burgers setting (m = 16, width 64 scaled down): K = m on the last dim.
// CHECK-LABEL: func.func @spectral_conv_1d_corners(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<4x16x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x16x16xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [16] : (tensor<4x16x64xf32>, tensor<16x16x16xcomplex<f32>>) -> tensor<4x16x64xf32>
//       CHECK:   return %[[Y]] : tensor<4x16x64xf32>
func.func @spectral_conv_1d_corners(%x: tensor<4x16x64xf32>, %w: tensor<16x16x16xcomplex<f32>>) -> tensor<4x16x64xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [16] : (tensor<4x16x64xf32>, tensor<16x16x16xcomplex<f32>>) -> tensor<4x16x64xf32>
  return %y : tensor<4x16x64xf32>
}

// CHECK-LABEL: func.func @spectral_conv_1d_corners_bias(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<4x16x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x16x16xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<16xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]], bias %[[B]] modes [16] : (tensor<4x16x64xf32>, tensor<16x16x16xcomplex<f32>>, tensor<16xf32>) -> tensor<4x16x64xf32>
//       CHECK:   return %[[Y]] : tensor<4x16x64xf32>
func.func @spectral_conv_1d_corners_bias(%x: tensor<4x16x64xf32>, %w: tensor<16x16x16xcomplex<f32>>, %b: tensor<16xf32>) -> tensor<4x16x64xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [16] : (tensor<4x16x64xf32>, tensor<16x16x16xcomplex<f32>>, tensor<16xf32>) -> tensor<4x16x64xf32>
  return %y : tensor<4x16x64xf32>
}

// Last dim at its limit: m = N/2 + 1 (the Nyquist bin of an even N).
// CHECK-LABEL: func.func @spectral_conv_1d_corners_last_dim_limit(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x3x33xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [33] : (tensor<2x3x64xf32>, tensor<3x3x33xcomplex<f32>>) -> tensor<2x3x64xf32>
//       CHECK:   return %[[Y]] : tensor<2x3x64xf32>
func.func @spectral_conv_1d_corners_last_dim_limit(%x: tensor<2x3x64xf32>, %w: tensor<3x3x33xcomplex<f32>>) -> tensor<2x3x64xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [33] : (tensor<2x3x64xf32>, tensor<3x3x33xcomplex<f32>>) -> tensor<2x3x64xf32>
  return %y : tensor<2x3x64xf32>
}

// Odd N has no Nyquist bin: the limit is m = N/2 + 1 = 32 for N = 63.
// CHECK-LABEL: func.func @spectral_conv_1d_corners_odd_n(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x63xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x3x32xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [32] : (tensor<2x3x63xf32>, tensor<3x3x32xcomplex<f32>>) -> tensor<2x3x63xf32>
//       CHECK:   return %[[Y]] : tensor<2x3x63xf32>
func.func @spectral_conv_1d_corners_odd_n(%x: tensor<2x3x63xf32>, %w: tensor<3x3x32xcomplex<f32>>) -> tensor<2x3x63xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [32] : (tensor<2x3x63xf32>, tensor<3x3x32xcomplex<f32>>) -> tensor<2x3x63xf32>
  return %y : tensor<2x3x63xf32>
}

// 2-D, Darcy setting (width 32, 12 modes): K = 2m on the non-last dim.
// CHECK-LABEL: func.func @spectral_conv_2d_corners_darcy(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<8x32x64x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<32x32x24x12xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<32xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]], bias %[[B]] modes [12, 12] : (tensor<8x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>, tensor<32xf32>) -> tensor<8x32x64x64xf32>
//       CHECK:   return %[[Y]] : tensor<8x32x64x64xf32>
func.func @spectral_conv_2d_corners_darcy(%x: tensor<8x32x64x64xf32>, %w: tensor<32x32x24x12xcomplex<f32>>, %b: tensor<32xf32>) -> tensor<8x32x64x64xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [12, 12] : (tensor<8x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>, tensor<32xf32>) -> tensor<8x32x64x64xf32>
  return %y : tensor<8x32x64x64xf32>
}

// Both dims at their limits: 2m == N on the non-last dim, m == N/2+1 on the last.
// CHECK-LABEL: func.func @spectral_conv_2d_corners_limits(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x2x64x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<2x2x64x33xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [32, 33] : (tensor<1x2x64x64xf32>, tensor<2x2x64x33xcomplex<f32>>) -> tensor<1x2x64x64xf32>
//       CHECK:   return %[[Y]] : tensor<1x2x64x64xf32>
func.func @spectral_conv_2d_corners_limits(%x: tensor<1x2x64x64xf32>, %w: tensor<2x2x64x33xcomplex<f32>>) -> tensor<1x2x64x64xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [32, 33] : (tensor<1x2x64x64xf32>, tensor<2x2x64x33xcomplex<f32>>) -> tensor<1x2x64x64xf32>
  return %y : tensor<1x2x64x64xf32>
}

// Odd extents at their limits: 2m = 8 <= 9 and m = 4 = 7/2 + 1.
// CHECK-LABEL: func.func @spectral_conv_2d_corners_odd_limits(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x2x9x7xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<2x2x8x4xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [4, 4] : (tensor<1x2x9x7xf32>, tensor<2x2x8x4xcomplex<f32>>) -> tensor<1x2x9x7xf32>
//       CHECK:   return %[[Y]] : tensor<1x2x9x7xf32>
func.func @spectral_conv_2d_corners_odd_limits(%x: tensor<1x2x9x7xf32>, %w: tensor<2x2x8x4xcomplex<f32>>) -> tensor<1x2x9x7xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] : (tensor<1x2x9x7xf32>, tensor<2x2x8x4xcomplex<f32>>) -> tensor<1x2x9x7xf32>
  return %y : tensor<1x2x9x7xf32>
}

// 3-D with Cin != Cout.
// CHECK-LABEL: func.func @spectral_conv_3d_corners(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x4x16x16x16xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x6x8x8x4xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<6xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]], bias %[[B]] modes [4, 4, 4] : (tensor<2x4x16x16x16xf32>, tensor<4x6x8x8x4xcomplex<f32>>, tensor<6xf32>) -> tensor<2x6x16x16x16xf32>
//       CHECK:   return %[[Y]] : tensor<2x6x16x16x16xf32>
func.func @spectral_conv_3d_corners(%x: tensor<2x4x16x16x16xf32>, %w: tensor<4x6x8x8x4xcomplex<f32>>, %b: tensor<6xf32>) -> tensor<2x6x16x16x16xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4, 4, 4] : (tensor<2x4x16x16x16xf32>, tensor<4x6x8x8x4xcomplex<f32>>, tensor<6xf32>) -> tensor<2x6x16x16x16xf32>
  return %y : tensor<2x6x16x16x16xf32>
}

// CHECK-LABEL: func.func @spectral_conv_3d_corners_limits(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x1x8x6x10xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<1x1x8x6x6xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [4, 3, 6] : (tensor<1x1x8x6x10xf32>, tensor<1x1x8x6x6xcomplex<f32>>) -> tensor<1x1x8x6x10xf32>
//       CHECK:   return %[[Y]] : tensor<1x1x8x6x10xf32>
func.func @spectral_conv_3d_corners_limits(%x: tensor<1x1x8x6x10xf32>, %w: tensor<1x1x8x6x6xcomplex<f32>>) -> tensor<1x1x8x6x10xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [4, 3, 6] : (tensor<1x1x8x6x10xf32>, tensor<1x1x8x6x6xcomplex<f32>>) -> tensor<1x1x8x6x10xf32>
  return %y : tensor<1x1x8x6x10xf32>
}

// Cin != Cout: the result takes its channels from the weight.
// CHECK-LABEL: func.func @spectral_conv_cin_ne_cout(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x32x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x5x8x4xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<5xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]], bias %[[B]] modes [4, 4] : (tensor<2x3x32x32xf32>, tensor<3x5x8x4xcomplex<f32>>, tensor<5xf32>) -> tensor<2x5x32x32xf32>
//       CHECK:   return %[[Y]] : tensor<2x5x32x32xf32>
func.func @spectral_conv_cin_ne_cout(%x: tensor<2x3x32x32xf32>, %w: tensor<3x5x8x4xcomplex<f32>>, %b: tensor<5xf32>) -> tensor<2x5x32x32xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4, 4] : (tensor<2x3x32x32xf32>, tensor<3x5x8x4xcomplex<f32>>, tensor<5xf32>) -> tensor<2x5x32x32xf32>
  return %y : tensor<2x5x32x32xf32>
}

// The batch may be dynamic.
// CHECK-LABEL: func.func @spectral_conv_dynamic_batch(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<?x8x32x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<8x8x8x4xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]], bias %[[B]] modes [4, 4] : (tensor<?x8x32x32xf32>, tensor<8x8x8x4xcomplex<f32>>, tensor<8xf32>) -> tensor<?x8x32x32xf32>
//       CHECK:   return %[[Y]] : tensor<?x8x32x32xf32>
func.func @spectral_conv_dynamic_batch(%x: tensor<?x8x32x32xf32>, %w: tensor<8x8x8x4xcomplex<f32>>, %b: tensor<8xf32>) -> tensor<?x8x32x32xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4, 4] : (tensor<?x8x32x32xf32>, tensor<8x8x8x4xcomplex<f32>>, tensor<8xf32>) -> tensor<?x8x32x32xf32>
  return %y : tensor<?x8x32x32xf32>
}

// A dynamic channel count is checked once it is static.
// CHECK-LABEL: func.func @spectral_conv_dynamic_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x?x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x6x5xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [5] : (tensor<2x?x32xf32>, tensor<4x6x5xcomplex<f32>>) -> tensor<2x6x32xf32>
//       CHECK:   return %[[Y]] : tensor<2x6x32xf32>
func.func @spectral_conv_dynamic_channels(%x: tensor<2x?x32xf32>, %w: tensor<4x6x5xcomplex<f32>>) -> tensor<2x6x32xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [5] : (tensor<2x?x32xf32>, tensor<4x6x5xcomplex<f32>>) -> tensor<2x6x32xf32>
  return %y : tensor<2x6x32xf32>
}

// centered, 1-D: the last dim keeps min(M/2+1, N/2+1) = 9 bins.
// CHECK-LABEL: func.func @spectral_conv_1d_centered(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<4x16x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<16x16x9xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]] modes [16] : (tensor<4x16x64xf32>, tensor<16x16x9xcomplex<f32>>) -> tensor<4x16x64xf32>
//       CHECK:   return %[[Y]] : tensor<4x16x64xf32>
func.func @spectral_conv_1d_centered(%x: tensor<4x16x64xf32>, %w: tensor<16x16x9xcomplex<f32>>) -> tensor<4x16x64xf32> {
  %y = tessera.spectral_conv centered %x, %w modes [16] : (tensor<4x16x64xf32>, tensor<16x16x9xcomplex<f32>>) -> tensor<4x16x64xf32>
  return %y : tensor<4x16x64xf32>
}

// centered, 2-D: K = min(M, N) = 24 on the non-last dim, 24/2+1 = 13 on the last.
// CHECK-LABEL: func.func @spectral_conv_2d_centered(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<8x32x64x64xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<32x32x24x13xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<32xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]], bias %[[B]] modes [24, 24] : (tensor<8x32x64x64xf32>, tensor<32x32x24x13xcomplex<f32>>, tensor<32xf32>) -> tensor<8x32x64x64xf32>
//       CHECK:   return %[[Y]] : tensor<8x32x64x64xf32>
func.func @spectral_conv_2d_centered(%x: tensor<8x32x64x64xf32>, %w: tensor<32x32x24x13xcomplex<f32>>, %b: tensor<32xf32>) -> tensor<8x32x64x64xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [24, 24] : (tensor<8x32x64x64xf32>, tensor<32x32x24x13xcomplex<f32>>, tensor<32xf32>) -> tensor<8x32x64x64xf32>
  return %y : tensor<8x32x64x64xf32>
}

// centered with M > N: K = min(M, N) = 8 and min(30/2+1, 10/2+1) = 6.
// CHECK-LABEL: func.func @spectral_conv_2d_centered_modes_exceed_n(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x3x8x10xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x3x8x6xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]] modes [12, 30] : (tensor<1x3x8x10xf32>, tensor<3x3x8x6xcomplex<f32>>) -> tensor<1x3x8x10xf32>
//       CHECK:   return %[[Y]] : tensor<1x3x8x10xf32>
func.func @spectral_conv_2d_centered_modes_exceed_n(%x: tensor<1x3x8x10xf32>, %w: tensor<3x3x8x6xcomplex<f32>>) -> tensor<1x3x8x10xf32> {
  %y = tessera.spectral_conv centered %x, %w modes [12, 30] : (tensor<1x3x8x10xf32>, tensor<3x3x8x6xcomplex<f32>>) -> tensor<1x3x8x10xf32>
  return %y : tensor<1x3x8x10xf32>
}

// centered, 3-D, odd extents, Cin != Cout.
// CHECK-LABEL: func.func @spectral_conv_3d_centered_odd_n(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x2x7x9x11xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<2x4x5x4x4xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]], bias %[[B]] modes [5, 4, 6] : (tensor<1x2x7x9x11xf32>, tensor<2x4x5x4x4xcomplex<f32>>, tensor<4xf32>) -> tensor<1x4x7x9x11xf32>
//       CHECK:   return %[[Y]] : tensor<1x4x7x9x11xf32>
func.func @spectral_conv_3d_centered_odd_n(%x: tensor<1x2x7x9x11xf32>, %w: tensor<2x4x5x4x4xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<1x4x7x9x11xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [5, 4, 6] : (tensor<1x2x7x9x11xf32>, tensor<2x4x5x4x4xcomplex<f32>>, tensor<4xf32>) -> tensor<1x4x7x9x11xf32>
  return %y : tensor<1x4x7x9x11xf32>
}

// CHECK-LABEL: func.func @spectral_conv_3d_centered_modes_exceed_n(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x2x4x5x6xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<2x2x4x5x4xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]] modes [9, 9, 9] : (tensor<1x2x4x5x6xf32>, tensor<2x2x4x5x4xcomplex<f32>>) -> tensor<1x2x4x5x6xf32>
//       CHECK:   return %[[Y]] : tensor<1x2x4x5x6xf32>
func.func @spectral_conv_3d_centered_modes_exceed_n(%x: tensor<1x2x4x5x6xf32>, %w: tensor<2x2x4x5x4xcomplex<f32>>) -> tensor<1x2x4x5x6xf32> {
  %y = tessera.spectral_conv centered %x, %w modes [9, 9, 9] : (tensor<1x2x4x5x6xf32>, tensor<2x2x4x5x4xcomplex<f32>>) -> tensor<1x2x4x5x6xf32>
  return %y : tensor<1x2x4x5x6xf32>
}

// The default normalisation is not printed.
// CHECK-LABEL: func.func @spectral_conv_fft_norm_backward_elided(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x4x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x8xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [8] : (tensor<2x4x32xf32>, tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x32xf32>
//       CHECK:   return %[[Y]] : tensor<2x4x32xf32>
func.func @spectral_conv_fft_norm_backward_elided(%x: tensor<2x4x32xf32>, %w: tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x32xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [8] fft_norm backward : (tensor<2x4x32xf32>, tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x32xf32>
  return %y : tensor<2x4x32xf32>
}

// CHECK-LABEL: func.func @spectral_conv_fft_norm_forward(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x4x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x8xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [8] fft_norm forward : (tensor<2x4x32xf32>, tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x32xf32>
//       CHECK:   return %[[Y]] : tensor<2x4x32xf32>
func.func @spectral_conv_fft_norm_forward(%x: tensor<2x4x32xf32>, %w: tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x32xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [8] fft_norm forward : (tensor<2x4x32xf32>, tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x32xf32>
  return %y : tensor<2x4x32xf32>
}

// CHECK-LABEL: func.func @spectral_conv_fft_norm_ortho(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x4x32x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x8x5xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]], bias %[[B]] modes [8, 8] fft_norm ortho : (tensor<2x4x32x32xf32>, tensor<4x4x8x5xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x32x32xf32>
//       CHECK:   return %[[Y]] : tensor<2x4x32x32xf32>
func.func @spectral_conv_fft_norm_ortho(%x: tensor<2x4x32x32xf32>, %w: tensor<4x4x8x5xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x32x32xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [8, 8] fft_norm ortho : (tensor<2x4x32x32xf32>, tensor<4x4x8x5xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x32x32xf32>
  return %y : tensor<2x4x32x32xf32>
}

// out_shape resamples the output (zero-padded spectrum).
// CHECK-LABEL: func.func @spectral_conv_out_shape_upsample(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x4x32x32xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<4x4x8x4xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [4, 4] out_shape [64, 48] : (tensor<2x4x32x32xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x64x48xf32>
//       CHECK:   return %[[Y]] : tensor<2x4x64x48xf32>
func.func @spectral_conv_out_shape_upsample(%x: tensor<2x4x32x32xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x64x48xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] out_shape [64, 48] : (tensor<2x4x32x32xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x64x48xf32>
  return %y : tensor<2x4x64x48xf32>
}

// Truncated spectrum, every option at once.
// CHECK-LABEL: func.func @spectral_conv_out_shape_downsample_ortho(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<?x3x16x16x16xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<3x5x8x8x5xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<5xf32>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv centered %[[X]], %[[W]], bias %[[B]] modes [8, 8, 8] out_shape [8, 12, 4] fft_norm ortho : (tensor<?x3x16x16x16xf32>, tensor<3x5x8x8x5xcomplex<f32>>, tensor<5xf32>) -> tensor<?x5x8x12x4xf32>
//       CHECK:   return %[[Y]] : tensor<?x5x8x12x4xf32>
func.func @spectral_conv_out_shape_downsample_ortho(%x: tensor<?x3x16x16x16xf32>, %w: tensor<3x5x8x8x5xcomplex<f32>>, %b: tensor<5xf32>) -> tensor<?x5x8x12x4xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [8, 8, 8] out_shape [8, 12, 4] fft_norm ortho : (tensor<?x3x16x16x16xf32>, tensor<3x5x8x8x5xcomplex<f32>>, tensor<5xf32>) -> tensor<?x5x8x12x4xf32>
  return %y : tensor<?x5x8x12x4xf32>
}

// CHECK-LABEL: func.func @spectral_conv_out_shape_1d_forward(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x1x16xf32>
//  CHECK-SAME:     %[[W:[a-zA-Z0-9_]+]]: tensor<1x1x9xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]] modes [9] out_shape [31] fft_norm forward : (tensor<1x1x16xf32>, tensor<1x1x9xcomplex<f32>>) -> tensor<1x1x31xf32>
//       CHECK:   return %[[Y]] : tensor<1x1x31xf32>
func.func @spectral_conv_out_shape_1d_forward(%x: tensor<1x1x16xf32>, %w: tensor<1x1x9xcomplex<f32>>) -> tensor<1x1x31xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [9] out_shape [31] fft_norm forward : (tensor<1x1x16xf32>, tensor<1x1x9xcomplex<f32>>) -> tensor<1x1x31xf32>
  return %y : tensor<1x1x31xf32>
}

// cp: weights [r], then [Cin, r] [Cout, r] [K1, r] .. [Kd, r].
// CHECK-LABEL: func.func @factorized_weight_cp_1d(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<4xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<8x4xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<6x4xcomplex<f32>>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<5x4xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight cp %[[F0]], %[[F1]], %[[F2]], %[[F3]] : (tensor<4xcomplex<f32>>, tensor<8x4xcomplex<f32>>, tensor<6x4xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<8x6x5xcomplex<f32>>
func.func @factorized_weight_cp_1d(%f0: tensor<4xcomplex<f32>>, %f1: tensor<8x4xcomplex<f32>>, %f2: tensor<6x4xcomplex<f32>>, %f3: tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3 : (tensor<4xcomplex<f32>>, tensor<8x4xcomplex<f32>>, tensor<6x4xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
  return %w : tensor<8x6x5xcomplex<f32>>
}

// CHECK-LABEL: func.func @factorized_weight_cp_2d(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<4xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<32x4xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<32x4xcomplex<f32>>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<24x4xcomplex<f32>>
//  CHECK-SAME:     %[[F4:[a-zA-Z0-9_]+]]: tensor<12x4xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight cp %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]] : (tensor<4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<24x4xcomplex<f32>>, tensor<12x4xcomplex<f32>>) -> tensor<32x32x24x12xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<32x32x24x12xcomplex<f32>>
func.func @factorized_weight_cp_2d(%f0: tensor<4xcomplex<f32>>, %f1: tensor<32x4xcomplex<f32>>, %f2: tensor<32x4xcomplex<f32>>, %f3: tensor<24x4xcomplex<f32>>, %f4: tensor<12x4xcomplex<f32>>) -> tensor<32x32x24x12xcomplex<f32>> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3, %f4 : (tensor<4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<24x4xcomplex<f32>>, tensor<12x4xcomplex<f32>>) -> tensor<32x32x24x12xcomplex<f32>>
  return %w : tensor<32x32x24x12xcomplex<f32>>
}

// CHECK-LABEL: func.func @factorized_weight_cp_3d_f32(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<3xf32>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<4x3xf32>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<8x3xf32>
//  CHECK-SAME:     %[[F4:[a-zA-Z0-9_]+]]: tensor<8x3xf32>
//  CHECK-SAME:     %[[F5:[a-zA-Z0-9_]+]]: tensor<4x3xf32>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight cp %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]], %[[F5]] : (tensor<3xf32>, tensor<2x3xf32>, tensor<4x3xf32>, tensor<8x3xf32>, tensor<8x3xf32>, tensor<4x3xf32>) -> tensor<2x4x8x8x4xf32>
//       CHECK:   return %[[W]] : tensor<2x4x8x8x4xf32>
func.func @factorized_weight_cp_3d_f32(%f0: tensor<3xf32>, %f1: tensor<2x3xf32>, %f2: tensor<4x3xf32>, %f3: tensor<8x3xf32>, %f4: tensor<8x3xf32>, %f5: tensor<4x3xf32>) -> tensor<2x4x8x8x4xf32> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3, %f4, %f5 : (tensor<3xf32>, tensor<2x3xf32>, tensor<4x3xf32>, tensor<8x3xf32>, tensor<8x3xf32>, tensor<4x3xf32>) -> tensor<2x4x8x8x4xf32>
  return %w : tensor<2x4x8x8x4xf32>
}

// Dynamic extents and ranks are checked once static.
// CHECK-LABEL: func.func @factorized_weight_cp_dynamic(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<?xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<?x4xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<6x?xcomplex<f32>>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<5x4xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight cp %[[F0]], %[[F1]], %[[F2]], %[[F3]] : (tensor<?xcomplex<f32>>, tensor<?x4xcomplex<f32>>, tensor<6x?xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<?x6x5xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<?x6x5xcomplex<f32>>
func.func @factorized_weight_cp_dynamic(%f0: tensor<?xcomplex<f32>>, %f1: tensor<?x4xcomplex<f32>>, %f2: tensor<6x?xcomplex<f32>>, %f3: tensor<5x4xcomplex<f32>>) -> tensor<?x6x5xcomplex<f32>> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3 : (tensor<?xcomplex<f32>>, tensor<?x4xcomplex<f32>>, tensor<6x?xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<?x6x5xcomplex<f32>>
  return %w : tensor<?x6x5xcomplex<f32>>
}

// tucker: core [ri, ro, r1..rd], then [Cin, ri] [Cout, ro] [Kj, rj].
// CHECK-LABEL: func.func @factorized_weight_tucker_1d(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<2x3x4xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<8x2xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<6x3xcomplex<f32>>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<5x4xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight tucker %[[F0]], %[[F1]], %[[F2]], %[[F3]] : (tensor<2x3x4xcomplex<f32>>, tensor<8x2xcomplex<f32>>, tensor<6x3xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<8x6x5xcomplex<f32>>
func.func @factorized_weight_tucker_1d(%f0: tensor<2x3x4xcomplex<f32>>, %f1: tensor<8x2xcomplex<f32>>, %f2: tensor<6x3xcomplex<f32>>, %f3: tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>> {
  %w = tessera.factorized_weight tucker %f0, %f1, %f2, %f3 : (tensor<2x3x4xcomplex<f32>>, tensor<8x2xcomplex<f32>>, tensor<6x3xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
  return %w : tensor<8x6x5xcomplex<f32>>
}

// CHECK-LABEL: func.func @factorized_weight_tucker_2d_f32(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<2x3x4x5xf32>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<8x2xf32>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<6x3xf32>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<10x4xf32>
//  CHECK-SAME:     %[[F4:[a-zA-Z0-9_]+]]: tensor<7x5xf32>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight tucker %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]] : (tensor<2x3x4x5xf32>, tensor<8x2xf32>, tensor<6x3xf32>, tensor<10x4xf32>, tensor<7x5xf32>) -> tensor<8x6x10x7xf32>
//       CHECK:   return %[[W]] : tensor<8x6x10x7xf32>
func.func @factorized_weight_tucker_2d_f32(%f0: tensor<2x3x4x5xf32>, %f1: tensor<8x2xf32>, %f2: tensor<6x3xf32>, %f3: tensor<10x4xf32>, %f4: tensor<7x5xf32>) -> tensor<8x6x10x7xf32> {
  %w = tessera.factorized_weight tucker %f0, %f1, %f2, %f3, %f4 : (tensor<2x3x4x5xf32>, tensor<8x2xf32>, tensor<6x3xf32>, tensor<10x4xf32>, tensor<7x5xf32>) -> tensor<8x6x10x7xf32>
  return %w : tensor<8x6x10x7xf32>
}

// CHECK-LABEL: func.func @factorized_weight_tucker_3d(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<2x2x3x3x2xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<4x2xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<4x2xcomplex<f32>>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<8x3xcomplex<f32>>
//  CHECK-SAME:     %[[F4:[a-zA-Z0-9_]+]]: tensor<8x3xcomplex<f32>>
//  CHECK-SAME:     %[[F5:[a-zA-Z0-9_]+]]: tensor<4x2xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight tucker %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]], %[[F5]] : (tensor<2x2x3x3x2xcomplex<f32>>, tensor<4x2xcomplex<f32>>, tensor<4x2xcomplex<f32>>, tensor<8x3xcomplex<f32>>, tensor<8x3xcomplex<f32>>, tensor<4x2xcomplex<f32>>) -> tensor<4x4x8x8x4xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<4x4x8x8x4xcomplex<f32>>
func.func @factorized_weight_tucker_3d(%f0: tensor<2x2x3x3x2xcomplex<f32>>, %f1: tensor<4x2xcomplex<f32>>, %f2: tensor<4x2xcomplex<f32>>, %f3: tensor<8x3xcomplex<f32>>, %f4: tensor<8x3xcomplex<f32>>, %f5: tensor<4x2xcomplex<f32>>) -> tensor<4x4x8x8x4xcomplex<f32>> {
  %w = tessera.factorized_weight tucker %f0, %f1, %f2, %f3, %f4, %f5 : (tensor<2x2x3x3x2xcomplex<f32>>, tensor<4x2xcomplex<f32>>, tensor<4x2xcomplex<f32>>, tensor<8x3xcomplex<f32>>, tensor<8x3xcomplex<f32>>, tensor<4x2xcomplex<f32>>) -> tensor<4x4x8x8x4xcomplex<f32>>
  return %w : tensor<4x4x8x8x4xcomplex<f32>>
}

// tt: cores [1, Cin, r1] [r1, Cout, r2] .. [r, Kd, 1].
// CHECK-LABEL: func.func @factorized_weight_tt_1d(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<1x8x2xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<2x6x3xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<3x5x1xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight tt %[[F0]], %[[F1]], %[[F2]] : (tensor<1x8x2xcomplex<f32>>, tensor<2x6x3xcomplex<f32>>, tensor<3x5x1xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<8x6x5xcomplex<f32>>
func.func @factorized_weight_tt_1d(%f0: tensor<1x8x2xcomplex<f32>>, %f1: tensor<2x6x3xcomplex<f32>>, %f2: tensor<3x5x1xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>> {
  %w = tessera.factorized_weight tt %f0, %f1, %f2 : (tensor<1x8x2xcomplex<f32>>, tensor<2x6x3xcomplex<f32>>, tensor<3x5x1xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
  return %w : tensor<8x6x5xcomplex<f32>>
}

// CHECK-LABEL: func.func @factorized_weight_tt_2d(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<1x8x2xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<2x6x3xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<3x10x4xcomplex<f32>>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<4x7x1xcomplex<f32>>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight tt %[[F0]], %[[F1]], %[[F2]], %[[F3]] : (tensor<1x8x2xcomplex<f32>>, tensor<2x6x3xcomplex<f32>>, tensor<3x10x4xcomplex<f32>>, tensor<4x7x1xcomplex<f32>>) -> tensor<8x6x10x7xcomplex<f32>>
//       CHECK:   return %[[W]] : tensor<8x6x10x7xcomplex<f32>>
func.func @factorized_weight_tt_2d(%f0: tensor<1x8x2xcomplex<f32>>, %f1: tensor<2x6x3xcomplex<f32>>, %f2: tensor<3x10x4xcomplex<f32>>, %f3: tensor<4x7x1xcomplex<f32>>) -> tensor<8x6x10x7xcomplex<f32>> {
  %w = tessera.factorized_weight tt %f0, %f1, %f2, %f3 : (tensor<1x8x2xcomplex<f32>>, tensor<2x6x3xcomplex<f32>>, tensor<3x10x4xcomplex<f32>>, tensor<4x7x1xcomplex<f32>>) -> tensor<8x6x10x7xcomplex<f32>>
  return %w : tensor<8x6x10x7xcomplex<f32>>
}

// CHECK-LABEL: func.func @factorized_weight_tt_3d_f32(
//  CHECK-SAME:     %[[F0:[a-zA-Z0-9_]+]]: tensor<1x4x2xf32>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<2x4x3xf32>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<3x8x3xf32>
//  CHECK-SAME:     %[[F3:[a-zA-Z0-9_]+]]: tensor<3x8x2xf32>
//  CHECK-SAME:     %[[F4:[a-zA-Z0-9_]+]]: tensor<2x4x1xf32>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight tt %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]] : (tensor<1x4x2xf32>, tensor<2x4x3xf32>, tensor<3x8x3xf32>, tensor<3x8x2xf32>, tensor<2x4x1xf32>) -> tensor<4x4x8x8x4xf32>
//       CHECK:   return %[[W]] : tensor<4x4x8x8x4xf32>
func.func @factorized_weight_tt_3d_f32(%f0: tensor<1x4x2xf32>, %f1: tensor<2x4x3xf32>, %f2: tensor<3x8x3xf32>, %f3: tensor<3x8x2xf32>, %f4: tensor<2x4x1xf32>) -> tensor<4x4x8x8x4xf32> {
  %w = tessera.factorized_weight tt %f0, %f1, %f2, %f3, %f4 : (tensor<1x4x2xf32>, tensor<2x4x3xf32>, tensor<3x8x3xf32>, tensor<3x8x2xf32>, tensor<2x4x1xf32>) -> tensor<4x4x8x8x4xf32>
  return %w : tensor<4x4x8x8x4xf32>
}

// A TFNO layer: a factorized weight feeding a spectral convolution.
// CHECK-LABEL: func.func @tfno_layer(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<8x32x64x64xf32>
//  CHECK-SAME:     %[[L:[a-zA-Z0-9_]+]]: tensor<4xcomplex<f32>>
//  CHECK-SAME:     %[[FI:[a-zA-Z0-9_]+]]: tensor<32x4xcomplex<f32>>
//  CHECK-SAME:     %[[FO:[a-zA-Z0-9_]+]]: tensor<32x4xcomplex<f32>>
//  CHECK-SAME:     %[[F1:[a-zA-Z0-9_]+]]: tensor<24x4xcomplex<f32>>
//  CHECK-SAME:     %[[F2:[a-zA-Z0-9_]+]]: tensor<12x4xcomplex<f32>>
//  CHECK-SAME:     %[[B:[a-zA-Z0-9_]+]]: tensor<32xf32>
//       CHECK:   %[[W:.+]] = tessera.factorized_weight cp %[[L]], %[[FI]], %[[FO]], %[[F1]], %[[F2]] : (tensor<4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<24x4xcomplex<f32>>, tensor<12x4xcomplex<f32>>) -> tensor<32x32x24x12xcomplex<f32>>
//       CHECK:   %[[Y:.+]] = tessera.spectral_conv corners %[[X]], %[[W]], bias %[[B]] modes [12, 12] : (tensor<8x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>, tensor<32xf32>) -> tensor<8x32x64x64xf32>
//       CHECK:   return %[[Y]] : tensor<8x32x64x64xf32>
func.func @tfno_layer(%x: tensor<8x32x64x64xf32>, %l: tensor<4xcomplex<f32>>, %fi: tensor<32x4xcomplex<f32>>, %fo: tensor<32x4xcomplex<f32>>, %f1: tensor<24x4xcomplex<f32>>, %f2: tensor<12x4xcomplex<f32>>, %b: tensor<32xf32>) -> tensor<8x32x64x64xf32> {
  %w = tessera.factorized_weight cp %l, %fi, %fo, %f1, %f2 : (tensor<4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<32x4xcomplex<f32>>, tensor<24x4xcomplex<f32>>, tensor<12x4xcomplex<f32>>) -> tensor<32x32x24x12xcomplex<f32>>
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [12, 12] : (tensor<8x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>, tensor<32xf32>) -> tensor<8x32x64x64xf32>
  return %y : tensor<8x32x64x64xf32>
}
