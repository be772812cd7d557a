// End-to-end tests of tessera.spectral_conv and tessera.factorized_weight
// against numpy (golden/spectral.py: rfftn / irfftn of the formula, einsum of
// the factors), through the JIT and the AOT path.

// Darcy-like FNO layer: 2-D corners, 8 -> 8 channels, 32x32, 6 modes.
// RUN: %check --model %s --entry darcy_corners --golden spectral:darcy_corners --workdir %t --aot --metric l2
// The DFT stages with an unrolled reduction (kr > 1): their register tiles
// are vectorized as bodies, with the output's innermost loop moved last.
// RUN: env TESSERA_CPU_CODEGEN="kr=2" %check --model %s --entry darcy_corners --golden spectral:darcy_corners --workdir %t --metric l2
// RUN: env TESSERA_CPU_CODEGEN="mr=3 kr=4 vector-width=8" %check --model %s --entry darcy_corners --golden spectral:darcy_corners --workdir %t --metric l2
func.func @darcy_corners(%x: tensor<2x8x32x32xf32>, %w: tensor<8x8x12x6xcomplex<f32>>, %b: tensor<8xf32>) -> tensor<2x8x32x32xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [6, 6]
      : (tensor<2x8x32x32xf32>, tensor<8x8x12x6xcomplex<f32>>, tensor<8xf32>) -> tensor<2x8x32x32xf32>
  return %y : tensor<2x8x32x32xf32>
}

// The same with the centered convention: -6..5 on dim 2, 7 bins on the last.
// RUN: %check --model %s --entry darcy_centered --golden spectral:darcy_centered --workdir %t --aot --metric l2
func.func @darcy_centered(%x: tensor<2x8x32x32xf32>, %w: tensor<8x8x12x7xcomplex<f32>>, %b: tensor<8xf32>) -> tensor<2x8x32x32xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [12, 12]
      : (tensor<2x8x32x32xf32>, tensor<8x8x12x7xcomplex<f32>>, tensor<8xf32>) -> tensor<2x8x32x32xf32>
  return %y : tensor<2x8x32x32xf32>
}

// Centered, odd K (-2..2) on an odd extent (15), Cin != Cout.
// RUN: %check --model %s --entry centered_odd_modes --golden spectral:centered_odd_modes --workdir %t --aot --metric l2
func.func @centered_odd_modes(%x: tensor<2x3x15x16xf32>, %w: tensor<3x4x5x4xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x15x16xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [5, 7]
      : (tensor<2x3x15x16xf32>, tensor<3x4x5x4xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x15x16xf32>
  return %y : tensor<2x4x15x16xf32>
}

// Centered with M > N: K = min(M, N) (-3..2 on 6), the last dim capped at N/2+1.
// RUN: %check --model %s --entry centered_modes_over_n --golden spectral:centered_modes_over_n --workdir %t --aot --metric l2
func.func @centered_modes_over_n(%x: tensor<2x3x6x8xf32>, %w: tensor<3x3x6x5xcomplex<f32>>, %b: tensor<3xf32>) -> tensor<2x3x6x8xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [9, 20]
      : (tensor<2x3x6x8xf32>, tensor<3x3x6x5xcomplex<f32>>, tensor<3xf32>) -> tensor<2x3x6x8xf32>
  return %y : tensor<2x3x6x8xf32>
}

// Burgers-like 1-D: N = 64, 16 modes.
// RUN: %check --model %s --entry burgers_1d --golden spectral:burgers_1d --workdir %t --aot --metric l2
func.func @burgers_1d(%x: tensor<2x16x64xf32>, %w: tensor<16x16x16xcomplex<f32>>, %b: tensor<16xf32>) -> tensor<2x16x64xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [16]
      : (tensor<2x16x64xf32>, tensor<16x16x16xcomplex<f32>>, tensor<16xf32>) -> tensor<2x16x64xf32>
  return %y : tensor<2x16x64xf32>
}

// 1-D centered: 16//2+1 = 9 bins.
// RUN: %check --model %s --entry centered_1d --golden spectral:centered_1d --workdir %t --aot --metric l2
func.func @centered_1d(%x: tensor<2x4x64xf32>, %w: tensor<4x4x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x64xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [16]
      : (tensor<2x4x64xf32>, tensor<4x4x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x64xf32>
  return %y : tensor<2x4x64xf32>
}

// 3-D corners, Cin != Cout.
// RUN: %check --model %s --entry corners_3d --golden spectral:corners_3d --workdir %t --aot --metric l2
// RUN: env TESSERA_CPU_CODEGEN="mr=5 kr=2" %check --model %s --entry corners_3d --golden spectral:corners_3d --workdir %t --metric l2
func.func @corners_3d(%x: tensor<2x3x8x8x8xf32>, %w: tensor<3x4x4x6x3xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x8x8x8xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [2, 3, 3]
      : (tensor<2x3x8x8x8xf32>, tensor<3x4x4x6x3xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x8x8x8xf32>
  return %y : tensor<2x4x8x8x8xf32>
}

// 3-D centered on odd and even extents, batch 1.
// RUN: %check --model %s --entry centered_3d --golden spectral:centered_3d --workdir %t --aot --metric l2
func.func @centered_3d(%x: tensor<1x2x7x8x9xf32>, %w: tensor<2x3x5x4x4xcomplex<f32>>, %b: tensor<3xf32>) -> tensor<1x3x7x8x9xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [5, 4, 6]
      : (tensor<1x2x7x8x9xf32>, tensor<2x3x5x4x4xcomplex<f32>>, tensor<3xf32>) -> tensor<1x3x7x8x9xf32>
  return %y : tensor<1x3x7x8x9xf32>
}

// Odd extents 15x17 at the limits 2m <= N and m <= N/2+1 (no Nyquist bin).
// RUN: %check --model %s --entry odd_n --golden spectral:odd_n --workdir %t --aot --metric l2
func.func @odd_n(%x: tensor<2x4x15x17xf32>, %w: tensor<4x4x14x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x15x17xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [7, 9]
      : (tensor<2x4x15x17xf32>, tensor<4x4x14x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x15x17xf32>
  return %y : tensor<2x4x15x17xf32>
}

// Even limits: 2m = N (keeps -N/2) and m = N/2+1 (keeps the Nyquist bin).
// RUN: %check --model %s --entry limits_even --golden spectral:limits_even --workdir %t --aot --metric l2
func.func @limits_even(%x: tensor<2x3x16x16xf32>, %w: tensor<3x3x16x9xcomplex<f32>>, %b: tensor<3xf32>) -> tensor<2x3x16x16xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9]
      : (tensor<2x3x16x16xf32>, tensor<3x3x16x9xcomplex<f32>>, tensor<3xf32>) -> tensor<2x3x16x16xf32>
  return %y : tensor<2x3x16x16xf32>
}

// Cin != Cout on a non-square grid.
// RUN: %check --model %s --entry cin_ne_cout --golden spectral:cin_ne_cout --workdir %t --aot --metric l2
func.func @cin_ne_cout(%x: tensor<2x3x16x12xf32>, %w: tensor<3x5x8x5xcomplex<f32>>, %b: tensor<5xf32>) -> tensor<2x5x16x12xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4, 5]
      : (tensor<2x3x16x12xf32>, tensor<3x5x8x5xcomplex<f32>>, tensor<5xf32>) -> tensor<2x5x16x12xf32>
  return %y : tensor<2x5x16x12xf32>
}

// Batch 1, no bias.
// RUN: %check --model %s --entry batch1_no_bias --golden spectral:batch1_no_bias --workdir %t --aot --metric l2
func.func @batch1_no_bias(%x: tensor<1x4x16x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<1x4x16x16xf32> {
  %y = tessera.spectral_conv corners %x, %w modes [4, 4]
      : (tensor<1x4x16x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<1x4x16x16xf32>
  return %y : tensor<1x4x16x16xf32>
}

// Dynamic batch (3 at run time): the op sees tensor<?x4x16x16xf32>.
// RUN: %check --model %s --entry dynamic_batch --golden spectral:dynamic_batch --workdir %t --aot --metric l2
func.func @dynamic_batch(%x: tensor<3x4x16x16xf32>, %w: tensor<4x6x8x4xcomplex<f32>>, %b: tensor<6xf32>) -> tensor<3x6x16x16xf32> {
  %xd = tensor.cast %x : tensor<3x4x16x16xf32> to tensor<?x4x16x16xf32>
  %y = tessera.spectral_conv corners %xd, %w, bias %b modes [4, 4]
      : (tensor<?x4x16x16xf32>, tensor<4x6x8x4xcomplex<f32>>, tensor<6xf32>) -> tensor<?x6x16x16xf32>
  %ys = tensor.cast %y : tensor<?x6x16x16xf32> to tensor<3x6x16x16xf32>
  return %ys : tensor<3x6x16x16xf32>
}

// Up-sampling 16x16 -> 24x21 (zero-padded spectrum, -8 placed at 24-8), fft_norm backward.
// RUN: %check --model %s --entry up_backward --golden spectral:up_backward --workdir %t --aot --metric l2
func.func @up_backward(%x: tensor<2x3x16x16xf32>, %w: tensor<3x4x16x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x24x21xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9] out_shape [24, 21]
      : (tensor<2x3x16x16xf32>, tensor<3x4x16x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x24x21xf32>
  return %y : tensor<2x4x24x21xf32>
}

// Up-sampling 16x16 -> 24x21 (zero-padded spectrum, -8 placed at 24-8), fft_norm forward.
// RUN: %check --model %s --entry up_forward --golden spectral:up_forward --workdir %t --aot --metric l2
func.func @up_forward(%x: tensor<2x3x16x16xf32>, %w: tensor<3x4x16x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x24x21xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9] out_shape [24, 21] fft_norm forward
      : (tensor<2x3x16x16xf32>, tensor<3x4x16x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x24x21xf32>
  return %y : tensor<2x4x24x21xf32>
}

// Up-sampling 16x16 -> 24x21 (zero-padded spectrum, -8 placed at 24-8), fft_norm ortho.
// RUN: %check --model %s --entry up_ortho --golden spectral:up_ortho --workdir %t --aot --metric l2
func.func @up_ortho(%x: tensor<2x3x16x16xf32>, %w: tensor<3x4x16x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x24x21xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9] out_shape [24, 21] fft_norm ortho
      : (tensor<2x3x16x16xf32>, tensor<3x4x16x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x24x21xf32>
  return %y : tensor<2x4x24x21xf32>
}

// Down-sampling 16x16 -> 9x10 (frequencies 9 and 10 cannot hold are dropped), fft_norm backward.
// RUN: %check --model %s --entry down_backward --golden spectral:down_backward --workdir %t --aot --metric l2
func.func @down_backward(%x: tensor<2x3x16x16xf32>, %w: tensor<3x4x16x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x9x10xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9] out_shape [9, 10] fft_norm backward
      : (tensor<2x3x16x16xf32>, tensor<3x4x16x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x9x10xf32>
  return %y : tensor<2x4x9x10xf32>
}

// Down-sampling 16x16 -> 9x10 (frequencies 9 and 10 cannot hold are dropped), fft_norm forward.
// RUN: %check --model %s --entry down_forward --golden spectral:down_forward --workdir %t --aot --metric l2
func.func @down_forward(%x: tensor<2x3x16x16xf32>, %w: tensor<3x4x16x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x9x10xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9] out_shape [9, 10] fft_norm forward
      : (tensor<2x3x16x16xf32>, tensor<3x4x16x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x9x10xf32>
  return %y : tensor<2x4x9x10xf32>
}

// Down-sampling 16x16 -> 9x10 (frequencies 9 and 10 cannot hold are dropped), fft_norm ortho.
// RUN: %check --model %s --entry down_ortho --golden spectral:down_ortho --workdir %t --aot --metric l2
func.func @down_ortho(%x: tensor<2x3x16x16xf32>, %w: tensor<3x4x16x9xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x9x10xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [8, 9] out_shape [9, 10] fft_norm ortho
      : (tensor<2x3x16x16xf32>, tensor<3x4x16x9xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x9x10xf32>
  return %y : tensor<2x4x9x10xf32>
}

// Down-sampling to 8 keeps -4 and drops +4; odd 7 on the last dim.
// RUN: %check --model %s --entry down_even_nyquist --golden spectral:down_even_nyquist --workdir %t --aot --metric l2
func.func @down_even_nyquist(%x: tensor<2x2x12x12xf32>, %w: tensor<2x2x10x6xcomplex<f32>>, %b: tensor<2xf32>) -> tensor<2x2x8x7xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [5, 6] out_shape [8, 7]
      : (tensor<2x2x12x12xf32>, tensor<2x2x10x6xcomplex<f32>>, tensor<2xf32>) -> tensor<2x2x8x7xf32>
  return %y : tensor<2x2x8x7xf32>
}

// Centered, down on dim 2 (drops -3), up on the last.
// RUN: %check --model %s --entry centered_resample --golden spectral:centered_resample --workdir %t --aot --metric l2
func.func @centered_resample(%x: tensor<2x3x12x10xf32>, %w: tensor<3x3x6x5xcomplex<f32>>, %b: tensor<3xf32>) -> tensor<2x3x5x16xf32> {
  %y = tessera.spectral_conv centered %x, %w, bias %b modes [6, 8] out_shape [5, 16] fft_norm ortho
      : (tensor<2x3x12x10xf32>, tensor<3x3x6x5xcomplex<f32>>, tensor<3xf32>) -> tensor<2x3x5x16xf32>
  return %y : tensor<2x3x5x16xf32>
}

// 1-D up-sampling 64 -> 128.
// RUN: %check --model %s --entry resample_1d --golden spectral:resample_1d --workdir %t --aot --metric l2
func.func @resample_1d(%x: tensor<2x4x64xf32>, %w: tensor<4x4x16xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x4x128xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [16] out_shape [128] fft_norm forward
      : (tensor<2x4x64xf32>, tensor<4x4x16xcomplex<f32>>, tensor<4xf32>) -> tensor<2x4x128xf32>
  return %y : tensor<2x4x128xf32>
}

// 3-D resampling, up and down per dim.
// RUN: %check --model %s --entry resample_3d --golden spectral:resample_3d --workdir %t --aot --metric l2
func.func @resample_3d(%x: tensor<1x2x8x8x8xf32>, %w: tensor<2x3x6x8x5xcomplex<f32>>, %b: tensor<3xf32>) -> tensor<1x3x12x6x9xf32> {
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [3, 4, 5] out_shape [12, 6, 9]
      : (tensor<1x2x8x8x8xf32>, tensor<2x3x6x8x5xcomplex<f32>>, tensor<3xf32>) -> tensor<1x3x12x6x9xf32>
  return %y : tensor<1x3x12x6x9xf32>
}

// A constant weight is split into re/im at compile time.
// RUN: %check --model %s --entry constant_weight --golden spectral:constant_weight --workdir %t --aot --metric l2
func.func @constant_weight(%x: tensor<2x2x8x6xf32>, %b: tensor<2xf32>) -> tensor<2x2x8x6xf32> {
  %w = arith.constant dense<[[[[(0.25, 0.5), (0.25, 1.0), (0.25, 1.5)], [(0.375, 0.5), (0.375, 1.0), (0.375, 1.5)], [(0.5, 0.5), (0.5, 1.0), (0.5, 1.5)], [(0.625, 0.5), (0.625, 1.0), (0.625, 1.5)]], [[(0.0, 0.875), (0.0, 1.375), (0.0, 1.875)], [(0.125, 0.875), (0.125, 1.375), (0.125, 1.875)], [(0.25, 0.875), (0.25, 1.375), (0.25, 1.875)], [(0.375, 0.875), (0.375, 1.375), (0.375, 1.875)]]], [[[(0.5, 0.25), (0.5, 0.75), (0.5, 1.25)], [(0.625, 0.25), (0.625, 0.75), (0.625, 1.25)], [(0.75, 0.25), (0.75, 0.75), (0.75, 1.25)], [(0.875, 0.25), (0.875, 0.75), (0.875, 1.25)]], [[(0.25, 0.625), (0.25, 1.125), (0.25, 1.625)], [(0.375, 0.625), (0.375, 1.125), (0.375, 1.625)], [(0.5, 0.625), (0.5, 1.125), (0.5, 1.625)], [(0.625, 0.625), (0.625, 1.125), (0.625, 1.625)]]]]> : tensor<2x2x4x3xcomplex<f32>>
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [2, 3]
      : (tensor<2x2x8x6xf32>, tensor<2x2x4x3xcomplex<f32>>, tensor<2xf32>) -> tensor<2x2x8x6xf32>
  return %y : tensor<2x2x8x6xf32>
}

// CP, f32, 2-D modes.
// RUN: %check --model %s --entry cp_f32_2d --golden spectral:cp_f32_2d --workdir %t --aot --metric l2
func.func @cp_f32_2d(%f0: tensor<3xf32>, %f1: tensor<4x3xf32>, %f2: tensor<5x3xf32>, %f3: tensor<6x3xf32>, %f4: tensor<3x3xf32>) -> tensor<4x5x6x3xf32> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3, %f4
      : (tensor<3xf32>, tensor<4x3xf32>, tensor<5x3xf32>, tensor<6x3xf32>, tensor<3x3xf32>) -> tensor<4x5x6x3xf32>
  return %w : tensor<4x5x6x3xf32>
}

// CP, complex<f32>.
// RUN: %check --model %s --entry cp_complex_2d --golden spectral:cp_complex_2d --workdir %t --aot --metric l2
func.func @cp_complex_2d(%f0: tensor<3xcomplex<f32>>, %f1: tensor<4x3xcomplex<f32>>, %f2: tensor<5x3xcomplex<f32>>, %f3: tensor<6x3xcomplex<f32>>, %f4: tensor<3x3xcomplex<f32>>) -> tensor<4x5x6x3xcomplex<f32>> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3, %f4
      : (tensor<3xcomplex<f32>>, tensor<4x3xcomplex<f32>>, tensor<5x3xcomplex<f32>>, tensor<6x3xcomplex<f32>>, tensor<3x3xcomplex<f32>>) -> tensor<4x5x6x3xcomplex<f32>>
  return %w : tensor<4x5x6x3xcomplex<f32>>
}

// CP, complex<f32>, 1-D modes.
// RUN: %check --model %s --entry cp_complex_1d --golden spectral:cp_complex_1d --workdir %t --aot --metric l2
func.func @cp_complex_1d(%f0: tensor<4xcomplex<f32>>, %f1: tensor<3x4xcomplex<f32>>, %f2: tensor<2x4xcomplex<f32>>, %f3: tensor<8x4xcomplex<f32>>) -> tensor<3x2x8xcomplex<f32>> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3
      : (tensor<4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<8x4xcomplex<f32>>) -> tensor<3x2x8xcomplex<f32>>
  return %w : tensor<3x2x8xcomplex<f32>>
}

// CP, f32, 3-D modes.
// RUN: %check --model %s --entry cp_f32_3d --golden spectral:cp_f32_3d --workdir %t --aot --metric l2
func.func @cp_f32_3d(%f0: tensor<2xf32>, %f1: tensor<2x2xf32>, %f2: tensor<3x2xf32>, %f3: tensor<4x2xf32>, %f4: tensor<4x2xf32>, %f5: tensor<3x2xf32>) -> tensor<2x3x4x4x3xf32> {
  %w = tessera.factorized_weight cp %f0, %f1, %f2, %f3, %f4, %f5
      : (tensor<2xf32>, tensor<2x2xf32>, tensor<3x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<2x3x4x4x3xf32>
  return %w : tensor<2x3x4x4x3xf32>
}

// Tucker, f32.
// RUN: %check --model %s --entry tucker_f32_2d --golden spectral:tucker_f32_2d --workdir %t --aot --metric l2
func.func @tucker_f32_2d(%f0: tensor<2x3x2x2xf32>, %f1: tensor<4x2xf32>, %f2: tensor<5x3xf32>, %f3: tensor<6x2xf32>, %f4: tensor<3x2xf32>) -> tensor<4x5x6x3xf32> {
  %w = tessera.factorized_weight tucker %f0, %f1, %f2, %f3, %f4
      : (tensor<2x3x2x2xf32>, tensor<4x2xf32>, tensor<5x3xf32>, tensor<6x2xf32>, tensor<3x2xf32>) -> tensor<4x5x6x3xf32>
  return %w : tensor<4x5x6x3xf32>
}

// Tucker, complex<f32>.
// RUN: %check --model %s --entry tucker_complex_2d --golden spectral:tucker_complex_2d --workdir %t --aot --metric l2
func.func @tucker_complex_2d(%f0: tensor<2x3x2x2xcomplex<f32>>, %f1: tensor<4x2xcomplex<f32>>, %f2: tensor<5x3xcomplex<f32>>, %f3: tensor<6x2xcomplex<f32>>, %f4: tensor<3x2xcomplex<f32>>) -> tensor<4x5x6x3xcomplex<f32>> {
  %w = tessera.factorized_weight tucker %f0, %f1, %f2, %f3, %f4
      : (tensor<2x3x2x2xcomplex<f32>>, tensor<4x2xcomplex<f32>>, tensor<5x3xcomplex<f32>>, tensor<6x2xcomplex<f32>>, tensor<3x2xcomplex<f32>>) -> tensor<4x5x6x3xcomplex<f32>>
  return %w : tensor<4x5x6x3xcomplex<f32>>
}

// Tucker, complex<f32>, 3-D modes.
// RUN: %check --model %s --entry tucker_complex_3d --golden spectral:tucker_complex_3d --workdir %t --aot --metric l2
func.func @tucker_complex_3d(%f0: tensor<2x2x3x2x2xcomplex<f32>>, %f1: tensor<3x2xcomplex<f32>>, %f2: tensor<2x2xcomplex<f32>>, %f3: tensor<4x3xcomplex<f32>>, %f4: tensor<4x2xcomplex<f32>>, %f5: tensor<3x2xcomplex<f32>>) -> tensor<3x2x4x4x3xcomplex<f32>> {
  %w = tessera.factorized_weight tucker %f0, %f1, %f2, %f3, %f4, %f5
      : (tensor<2x2x3x2x2xcomplex<f32>>, tensor<3x2xcomplex<f32>>, tensor<2x2xcomplex<f32>>, tensor<4x3xcomplex<f32>>, tensor<4x2xcomplex<f32>>, tensor<3x2xcomplex<f32>>) -> tensor<3x2x4x4x3xcomplex<f32>>
  return %w : tensor<3x2x4x4x3xcomplex<f32>>
}

// Tensor train, f32.
// RUN: %check --model %s --entry tt_f32_2d --golden spectral:tt_f32_2d --workdir %t --aot --metric l2
func.func @tt_f32_2d(%f0: tensor<1x4x2xf32>, %f1: tensor<2x5x3xf32>, %f2: tensor<3x6x2xf32>, %f3: tensor<2x3x1xf32>) -> tensor<4x5x6x3xf32> {
  %w = tessera.factorized_weight tt %f0, %f1, %f2, %f3
      : (tensor<1x4x2xf32>, tensor<2x5x3xf32>, tensor<3x6x2xf32>, tensor<2x3x1xf32>) -> tensor<4x5x6x3xf32>
  return %w : tensor<4x5x6x3xf32>
}

// Tensor train, complex<f32>.
// RUN: %check --model %s --entry tt_complex_2d --golden spectral:tt_complex_2d --workdir %t --aot --metric l2
func.func @tt_complex_2d(%f0: tensor<1x4x2xcomplex<f32>>, %f1: tensor<2x5x3xcomplex<f32>>, %f2: tensor<3x6x2xcomplex<f32>>, %f3: tensor<2x3x1xcomplex<f32>>) -> tensor<4x5x6x3xcomplex<f32>> {
  %w = tessera.factorized_weight tt %f0, %f1, %f2, %f3
      : (tensor<1x4x2xcomplex<f32>>, tensor<2x5x3xcomplex<f32>>, tensor<3x6x2xcomplex<f32>>, tensor<2x3x1xcomplex<f32>>) -> tensor<4x5x6x3xcomplex<f32>>
  return %w : tensor<4x5x6x3xcomplex<f32>>
}

// Tensor train, complex<f32>, 3 cores.
// RUN: %check --model %s --entry tt_complex_1d --golden spectral:tt_complex_1d --workdir %t --aot --metric l2
func.func @tt_complex_1d(%f0: tensor<1x3x2xcomplex<f32>>, %f1: tensor<2x4x3xcomplex<f32>>, %f2: tensor<3x8x1xcomplex<f32>>) -> tensor<3x4x8xcomplex<f32>> {
  %w = tessera.factorized_weight tt %f0, %f1, %f2
      : (tensor<1x3x2xcomplex<f32>>, tensor<2x4x3xcomplex<f32>>, tensor<3x8x1xcomplex<f32>>) -> tensor<3x4x8xcomplex<f32>>
  return %w : tensor<3x4x8xcomplex<f32>>
}

// A CP-factorized TFNO layer: factorized_weight feeding spectral_conv.
// RUN: %check --model %s --entry cp_spectral_conv --golden spectral:cp_spectral_conv --workdir %t --aot --metric l2
func.func @cp_spectral_conv(%x: tensor<2x4x16x16xf32>, %l: tensor<3xcomplex<f32>>, %fi: tensor<4x3xcomplex<f32>>, %fo: tensor<5x3xcomplex<f32>>, %f1: tensor<8x3xcomplex<f32>>, %f2: tensor<5x3xcomplex<f32>>, %b: tensor<5xf32>) -> tensor<2x5x16x16xf32> {
  %w = tessera.factorized_weight cp %l, %fi, %fo, %f1, %f2
      : (tensor<3xcomplex<f32>>, tensor<4x3xcomplex<f32>>, tensor<5x3xcomplex<f32>>, tensor<8x3xcomplex<f32>>, tensor<5x3xcomplex<f32>>) -> tensor<4x5x8x5xcomplex<f32>>
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4, 5]
      : (tensor<2x4x16x16xf32>, tensor<4x5x8x5xcomplex<f32>>, tensor<5xf32>) -> tensor<2x5x16x16xf32>
  return %y : tensor<2x5x16x16xf32>
}
