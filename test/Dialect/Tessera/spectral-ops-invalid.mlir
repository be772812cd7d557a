// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Verifier, type-inference and ODS constraint diagnostics of
// tessera.spectral_conv and tessera.factorized_weight.

//===----------------------------------------------------------------------===//
// spectral_conv: modes and ranks
//===----------------------------------------------------------------------===//

func.func @spectral_conv_no_modes(%x: tensor<2x4x16xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{'tessera.spectral_conv' op expects 1 to 3 modes (one per spatial dim), got 0}}
  %y = tessera.spectral_conv corners %x, %w modes [] : (tensor<2x4x16xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @spectral_conv_four_modes(%x: tensor<1x1x4x4x4x4xf32>, %w: tensor<1x1x2x2x2x2xcomplex<f32>>) -> tensor<1x1x4x4x4x4xf32> {
  // expected-error @+1 {{expects 1 to 3 modes (one per spatial dim), got 4}}
  %y = tessera.spectral_conv corners %x, %w modes [1, 1, 1, 2] : (tensor<1x1x4x4x4x4xf32>, tensor<1x1x2x2x2x2xcomplex<f32>>) -> tensor<1x1x4x4x4x4xf32>
  return %y : tensor<1x1x4x4x4x4xf32>
}

// -----

func.func @spectral_conv_input_rank(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{expects input of rank 3 (batch, channels and one spatial dim per mode), got rank 4}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<2x4x16x16xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

func.func @spectral_conv_weight_rank(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{expects weight of rank 4 ([Cin, Cout, K1..Kd]), got rank 3}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] : (tensor<2x4x16x16xf32>, tensor<4x4x8xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

func.func @spectral_conv_weight_cin(%x: tensor<2x4x16xf32>, %w: tensor<3x4x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{expects weight dim 0 to be 4 (input channels), got 3}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<2x4x16xf32>, tensor<3x4x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @spectral_conv_dynamic_spatial(%x: tensor<2x4x?x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x?x16xf32> {
  // expected-error @+1 {{expects static spatial dims, input dim 2 is dynamic}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] : (tensor<2x4x?x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x?x16xf32>
  return %y : tensor<2x4x?x16xf32>
}

// -----

func.func @spectral_conv_zero_modes(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x0xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{expects positive modes, got 0 on dim 3}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 0] : (tensor<2x4x16x16xf32>, tensor<4x4x8x0xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

func.func @spectral_conv_negative_modes_centered(%x: tensor<2x4x16xf32>, %w: tensor<4x4x1xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{expects positive modes, got -2 on dim 2}}
  %y = tessera.spectral_conv centered %x, %w modes [-2] : (tensor<2x4x16xf32>, tensor<4x4x1xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

//===----------------------------------------------------------------------===//
// spectral_conv: corners limits
//===----------------------------------------------------------------------===//

// -----

func.func @spectral_conv_corners_non_last_limit(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x18x4xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{modes 9 exceeds the limit 2*modes <= N = 16 on dim 2}}
  %y = tessera.spectral_conv corners %x, %w modes [9, 4] : (tensor<2x4x16x16xf32>, tensor<4x4x18x4xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

// Odd N on a non-last dim: 2m <= 15 allows m = 7, not 8.
func.func @spectral_conv_corners_non_last_limit_odd(%x: tensor<2x4x15x16x16xf32>, %w: tensor<4x4x16x8x4xcomplex<f32>>) -> tensor<2x4x15x16x16xf32> {
  // expected-error @+1 {{modes 8 exceeds the limit 2*modes <= N = 15 on dim 2}}
  %y = tessera.spectral_conv corners %x, %w modes [8, 4, 4] : (tensor<2x4x15x16x16xf32>, tensor<4x4x16x8x4xcomplex<f32>>) -> tensor<2x4x15x16x16xf32>
  return %y : tensor<2x4x15x16x16xf32>
}

// -----

// 2m would overflow int64: the limit must still be enforced.
func.func @spectral_conv_corners_non_last_limit_overflow(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{modes 4611686018427387904 exceeds the limit 2*modes <= N = 16 on dim 2}}
  %y = tessera.spectral_conv corners %x, %w modes [4611686018427387904, 4] : (tensor<2x4x16x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

func.func @spectral_conv_corners_last_limit(%x: tensor<2x4x16xf32>, %w: tensor<4x4x10xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{modes 10 exceeds the limit modes <= N/2+1 = 9 on last dim 2}}
  %y = tessera.spectral_conv corners %x, %w modes [10] : (tensor<2x4x16xf32>, tensor<4x4x10xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

// Odd N has no Nyquist bin: N = 15 keeps at most 8 bins.
func.func @spectral_conv_corners_last_limit_odd(%x: tensor<2x4x8x15xf32>, %w: tensor<4x4x8x9xcomplex<f32>>) -> tensor<2x4x8x15xf32> {
  // expected-error @+1 {{modes 9 exceeds the limit modes <= N/2+1 = 8 on last dim 3}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 9] : (tensor<2x4x8x15xf32>, tensor<4x4x8x9xcomplex<f32>>) -> tensor<2x4x8x15xf32>
  return %y : tensor<2x4x8x15xf32>
}

//===----------------------------------------------------------------------===//
// spectral_conv: weight mode extents
//===----------------------------------------------------------------------===//

// -----

func.func @spectral_conv_corners_weight_non_last(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x4x4xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{expects weight dim 2 to be 8 (2*modes kept by the corners convention on input dim 2), got 4}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] : (tensor<2x4x16x16xf32>, tensor<4x4x4x4xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

func.func @spectral_conv_corners_weight_last(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x8xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{expects weight dim 3 to be 4 (modes kept by the corners convention on input dim 3), got 8}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] : (tensor<2x4x16x16xf32>, tensor<4x4x8x8xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

// centered keeps K = min(M, N) = 8 bins on a non-last dim, not M.
func.func @spectral_conv_centered_weight_non_last(%x: tensor<2x4x8x16xf32>, %w: tensor<4x4x12x7xcomplex<f32>>) -> tensor<2x4x8x16xf32> {
  // expected-error @+1 {{expects weight dim 2 to be 8 (modes kept by the centered convention on input dim 2), got 12}}
  %y = tessera.spectral_conv centered %x, %w modes [12, 12] : (tensor<2x4x8x16xf32>, tensor<4x4x12x7xcomplex<f32>>) -> tensor<2x4x8x16xf32>
  return %y : tensor<2x4x8x16xf32>
}

// -----

// centered keeps min(M/2+1, N/2+1) = 7 bins on the last dim.
func.func @spectral_conv_centered_weight_last(%x: tensor<2x4x8x16xf32>, %w: tensor<4x4x8x12xcomplex<f32>>) -> tensor<2x4x8x16xf32> {
  // expected-error @+1 {{expects weight dim 3 to be 7 (modes kept by the centered convention on input dim 3), got 12}}
  %y = tessera.spectral_conv centered %x, %w modes [12, 12] : (tensor<2x4x8x16xf32>, tensor<4x4x8x12xcomplex<f32>>) -> tensor<2x4x8x16xf32>
  return %y : tensor<2x4x8x16xf32>
}

// -----

// centered with M > N on the last dim: min(M/2+1, N/2+1) = 5 for N = 8.
func.func @spectral_conv_centered_weight_last_modes_exceed_n(%x: tensor<2x4x8xf32>, %w: tensor<4x4x11xcomplex<f32>>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{expects weight dim 2 to be 5 (modes kept by the centered convention on input dim 2), got 11}}
  %y = tessera.spectral_conv centered %x, %w modes [20] : (tensor<2x4x8xf32>, tensor<4x4x11xcomplex<f32>>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

//===----------------------------------------------------------------------===//
// spectral_conv: bias and out_shape
//===----------------------------------------------------------------------===//

// -----

func.func @spectral_conv_bias_rank(%x: tensor<2x4x16xf32>, %w: tensor<4x6x4xcomplex<f32>>, %b: tensor<1x6xf32>) -> tensor<2x6x16xf32> {
  // expected-error @+1 {{expects bias of rank 1 ([Cout]), got rank 2}}
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4] : (tensor<2x4x16xf32>, tensor<4x6x4xcomplex<f32>>, tensor<1x6xf32>) -> tensor<2x6x16xf32>
  return %y : tensor<2x6x16xf32>
}

// -----

func.func @spectral_conv_bias_cout(%x: tensor<2x4x16xf32>, %w: tensor<4x6x4xcomplex<f32>>, %b: tensor<4xf32>) -> tensor<2x6x16xf32> {
  // expected-error @+1 {{expects bias dim 0 to be 6 (output channels), got 4}}
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4] : (tensor<2x4x16xf32>, tensor<4x6x4xcomplex<f32>>, tensor<4xf32>) -> tensor<2x6x16xf32>
  return %y : tensor<2x6x16xf32>
}

// -----

func.func @spectral_conv_out_shape_size(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x32x32xf32> {
  // expected-error @+1 {{expects out_shape with 2 extents (one per spatial dim), got 1}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] out_shape [32] : (tensor<2x4x16x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x32x32xf32>
  return %y : tensor<2x4x32x32xf32>
}

// -----

func.func @spectral_conv_out_shape_zero(%x: tensor<2x4x16xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x0xf32> {
  // expected-error @+1 {{expects positive out_shape extents, got 0}}
  %y = tessera.spectral_conv corners %x, %w modes [4] out_shape [0] : (tensor<2x4x16xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x0xf32>
  return %y : tensor<2x4x0xf32>
}

// -----

func.func @spectral_conv_out_shape_negative(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+1 {{expects positive out_shape extents, got -16}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] out_shape [16, -16] : (tensor<2x4x16x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

//===----------------------------------------------------------------------===//
// spectral_conv: result type inference
//===----------------------------------------------------------------------===//

// -----

// The result channels are the weight's Cout.
func.func @spectral_conv_result_cout(%x: tensor<2x4x16xf32>, %w: tensor<4x6x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+2 {{'tessera.spectral_conv' op inferred type(s) 'tensor<2x6x16xf32>' are incompatible with return type(s) of operation 'tensor<2x4x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<2x4x16xf32>, tensor<4x6x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

// Without out_shape the spatial extents are those of the input.
func.func @spectral_conv_result_spatial(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x32x32xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2x4x16x16xf32>' are incompatible with return type(s) of operation 'tensor<2x4x32x32xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] : (tensor<2x4x16x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x32x32xf32>
  return %y : tensor<2x4x32x32xf32>
}

// -----

func.func @spectral_conv_result_out_shape(%x: tensor<2x4x16x16xf32>, %w: tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x16x16xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2x4x32x24xf32>' are incompatible with return type(s) of operation 'tensor<2x4x16x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.spectral_conv corners %x, %w modes [4, 4] out_shape [32, 24] : (tensor<2x4x16x16xf32>, tensor<4x4x8x4xcomplex<f32>>) -> tensor<2x4x16x16xf32>
  return %y : tensor<2x4x16x16xf32>
}

// -----

// A dynamic batch stays dynamic in the result.
func.func @spectral_conv_result_dynamic_batch(%x: tensor<?x4x16xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4x16xf32>' are incompatible with return type(s) of operation 'tensor<2x4x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<?x4x16xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

//===----------------------------------------------------------------------===//
// spectral_conv: ODS constraints
//===----------------------------------------------------------------------===//

// -----

func.func @spectral_conv_real_weight(%x: tensor<2x4x16xf32>, %w: tensor<4x4x4xf32>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{operand #1 must be ranked tensor of complex type with 32-bit float elements values}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<2x4x16xf32>, tensor<4x4x4xf32>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @spectral_conv_f16_input(%x: tensor<2x4x16xf16>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf16> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<2x4x16xf16>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf16>
  return %y : tensor<2x4x16xf16>
}

// -----

func.func @spectral_conv_complex_bias(%x: tensor<2x4x16xf32>, %w: tensor<4x4x4xcomplex<f32>>, %b: tensor<4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{operand #2 must be ranked tensor of 32-bit float values}}
  %y = tessera.spectral_conv corners %x, %w, bias %b modes [4] : (tensor<2x4x16xf32>, tensor<4x4x4xcomplex<f32>>, tensor<4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @spectral_conv_unranked_input(%x: tensor<*xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.spectral_conv corners %x, %w modes [4] : (tensor<*xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @spectral_conv_bad_convention(%x: tensor<2x4x16xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+2 {{failed to parse Tessera_SpectralConventionAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tessera::SpectralConvention to be one of: corners, centered}}
  %y = tessera.spectral_conv edges %x, %w modes [4] : (tensor<2x4x16xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @spectral_conv_bad_fft_norm(%x: tensor<2x4x16xf32>, %w: tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32> {
  // expected-error @+2 {{failed to parse Tessera_FFTNormAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tessera::FFTNorm to be one of: backward, forward, ortho}}
  %y = tessera.spectral_conv corners %x, %w modes [4] fft_norm none : (tensor<2x4x16xf32>, tensor<4x4x4xcomplex<f32>>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

//===----------------------------------------------------------------------===//
// factorized_weight: element types
//===----------------------------------------------------------------------===//

// -----

func.func @factorized_weight_mixed_factor_types(%l: tensor<4xf32>, %a: tensor<8x4xcomplex<f32>>, %b: tensor<6x4xf32>, %c: tensor<5x4xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{'tessera.factorized_weight' op expects all factors and the result to share one element type}}
  %w = tessera.factorized_weight cp %l, %a, %b, %c : (tensor<4xf32>, tensor<8x4xcomplex<f32>>, tensor<6x4xf32>, tensor<5x4xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_result_type(%a: tensor<1x8x2xf32>, %b: tensor<2x6x3xf32>, %c: tensor<3x5x1xf32>) -> tensor<8x6x5xcomplex<f32>> {
  // expected-error @+1 {{expects all factors and the result to share one element type}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<1x8x2xf32>, tensor<2x6x3xf32>, tensor<3x5x1xf32>) -> tensor<8x6x5xcomplex<f32>>
  return %w : tensor<8x6x5xcomplex<f32>>
}

// -----

func.func @factorized_weight_f16_factor(%a: tensor<1x8x2xf16>, %b: tensor<2x6x3xf16>, %c: tensor<3x5x1xf16>) -> tensor<8x6x5xf16> {
  // expected-error @+1 {{operand #0 must be variadic of ranked tensor of 32-bit float or complex type with 32-bit float elements values}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<1x8x2xf16>, tensor<2x6x3xf16>, tensor<3x5x1xf16>) -> tensor<8x6x5xf16>
  return %w : tensor<8x6x5xf16>
}

// -----

func.func @factorized_weight_complex_f64_result(%a: tensor<1x8x2xcomplex<f32>>, %b: tensor<2x6x3xcomplex<f32>>, %c: tensor<3x5x1xcomplex<f32>>) -> tensor<8x6x5xcomplex<f64>> {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit float or complex type with 32-bit float elements values}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<1x8x2xcomplex<f32>>, tensor<2x6x3xcomplex<f32>>, tensor<3x5x1xcomplex<f32>>) -> tensor<8x6x5xcomplex<f64>>
  return %w : tensor<8x6x5xcomplex<f64>>
}

//===----------------------------------------------------------------------===//
// factorized_weight: cp
//===----------------------------------------------------------------------===//

// -----

func.func @factorized_weight_cp_too_few(%l: tensor<4xf32>, %a: tensor<8x4xf32>, %b: tensor<6x4xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{cp expects weights and 3 to 5 factors, got 3 operands}}
  %w = tessera.factorized_weight cp %l, %a, %b : (tensor<4xf32>, tensor<8x4xf32>, tensor<6x4xf32>) -> tensor<8x6xf32>
  return %w : tensor<8x6xf32>
}

// -----

func.func @factorized_weight_no_factors() -> tensor<f32> {
  // expected-error @+1 {{cp expects weights and 3 to 5 factors, got 0 operands}}
  %w = tessera.factorized_weight cp : () -> tensor<f32>
  return %w : tensor<f32>
}

// -----

func.func @factorized_weight_cp_too_many(%l: tensor<4xf32>, %a: tensor<2x4xf32>) -> tensor<2x2x2x2x2x2xf32> {
  // expected-error @+1 {{cp expects weights and 3 to 5 factors, got 7 operands}}
  %w = tessera.factorized_weight cp %l, %a, %a, %a, %a, %a, %a : (tensor<4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x2x2x2x2xf32>
  return %w : tensor<2x2x2x2x2x2xf32>
}

// -----

func.func @factorized_weight_cp_weights_rank(%l: tensor<1x4xf32>, %a: tensor<8x4xf32>, %b: tensor<6x4xf32>, %c: tensor<5x4xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects factor #0 of rank 1 ([rank]), got rank 2}}
  %w = tessera.factorized_weight cp %l, %a, %b, %c : (tensor<1x4xf32>, tensor<8x4xf32>, tensor<6x4xf32>, tensor<5x4xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_cp_factor_rank(%l: tensor<4xf32>, %a: tensor<8x4xf32>, %b: tensor<6x4xf32>, %c: tensor<5x4x1xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects factor #3 of rank 2 ([extent, rank]), got rank 3}}
  %w = tessera.factorized_weight cp %l, %a, %b, %c : (tensor<4xf32>, tensor<8x4xf32>, tensor<6x4xf32>, tensor<5x4x1xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_cp_rank_mismatch(%l: tensor<4xcomplex<f32>>, %a: tensor<8x4xcomplex<f32>>, %b: tensor<6x3xcomplex<f32>>, %c: tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>> {
  // expected-error @+1 {{expects cp rank of factor #2 and weights to match: 3 vs 4}}
  %w = tessera.factorized_weight cp %l, %a, %b, %c : (tensor<4xcomplex<f32>>, tensor<8x4xcomplex<f32>>, tensor<6x3xcomplex<f32>>, tensor<5x4xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
  return %w : tensor<8x6x5xcomplex<f32>>
}

// -----

func.func @factorized_weight_cp_result_shape(%l: tensor<4xf32>, %a: tensor<8x4xf32>, %b: tensor<6x4xf32>, %c: tensor<5x4xf32>) -> tensor<8x6x4xf32> {
  // expected-error @+2 {{'tessera.factorized_weight' op inferred type(s) 'tensor<8x6x5xf32>' are incompatible with return type(s) of operation 'tensor<8x6x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %w = tessera.factorized_weight cp %l, %a, %b, %c : (tensor<4xf32>, tensor<8x4xf32>, tensor<6x4xf32>, tensor<5x4xf32>) -> tensor<8x6x4xf32>
  return %w : tensor<8x6x4xf32>
}

//===----------------------------------------------------------------------===//
// factorized_weight: tucker
//===----------------------------------------------------------------------===//

// -----

func.func @factorized_weight_tucker_too_few(%g: tensor<2x3xf32>, %a: tensor<8x2xf32>, %b: tensor<6x3xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{tucker expects a core and 3 to 5 factors, got 3 operands}}
  %w = tessera.factorized_weight tucker %g, %a, %b : (tensor<2x3xf32>, tensor<8x2xf32>, tensor<6x3xf32>) -> tensor<8x6xf32>
  return %w : tensor<8x6xf32>
}

// -----

func.func @factorized_weight_tucker_too_many(%g: tensor<2x2x2x2x2x2xf32>, %a: tensor<4x2xf32>) -> tensor<4x4x4x4x4x4xf32> {
  // expected-error @+1 {{tucker expects a core and 3 to 5 factors, got 7 operands}}
  %w = tessera.factorized_weight tucker %g, %a, %a, %a, %a, %a, %a : (tensor<2x2x2x2x2x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4x4x4x4x4xf32>
  return %w : tensor<4x4x4x4x4x4xf32>
}

// -----

func.func @factorized_weight_tucker_core_rank(%g: tensor<2x3x4x5xf32>, %a: tensor<8x2xf32>, %b: tensor<6x3xf32>, %c: tensor<5x4xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects factor #0 of rank 3 (one core dim per factor), got rank 4}}
  %w = tessera.factorized_weight tucker %g, %a, %b, %c : (tensor<2x3x4x5xf32>, tensor<8x2xf32>, tensor<6x3xf32>, tensor<5x4xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_tucker_factor_rank(%g: tensor<2x3x4xf32>, %a: tensor<8xf32>, %b: tensor<6x3xf32>, %c: tensor<5x4xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects factor #1 of rank 2 ([extent, rank]), got rank 1}}
  %w = tessera.factorized_weight tucker %g, %a, %b, %c : (tensor<2x3x4xf32>, tensor<8xf32>, tensor<6x3xf32>, tensor<5x4xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_tucker_rank_mismatch(%g: tensor<2x3x4xcomplex<f32>>, %a: tensor<8x2xcomplex<f32>>, %b: tensor<6x3xcomplex<f32>>, %c: tensor<5x2xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>> {
  // expected-error @+1 {{expects rank of factor #3 and core dim 2 to match: 2 vs 4}}
  %w = tessera.factorized_weight tucker %g, %a, %b, %c : (tensor<2x3x4xcomplex<f32>>, tensor<8x2xcomplex<f32>>, tensor<6x3xcomplex<f32>>, tensor<5x2xcomplex<f32>>) -> tensor<8x6x5xcomplex<f32>>
  return %w : tensor<8x6x5xcomplex<f32>>
}

// -----

func.func @factorized_weight_tucker_result_shape(%g: tensor<2x3x4xf32>, %a: tensor<8x2xf32>, %b: tensor<6x3xf32>, %c: tensor<5x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<8x6x5xf32>' are incompatible with return type(s) of operation 'tensor<2x3x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %w = tessera.factorized_weight tucker %g, %a, %b, %c : (tensor<2x3x4xf32>, tensor<8x2xf32>, tensor<6x3xf32>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
  return %w : tensor<2x3x4xf32>
}

//===----------------------------------------------------------------------===//
// factorized_weight: tt
//===----------------------------------------------------------------------===//

// -----

func.func @factorized_weight_tt_too_few(%a: tensor<1x8x2xf32>, %b: tensor<2x6x1xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{tt expects 3 to 5 cores, got 2}}
  %w = tessera.factorized_weight tt %a, %b : (tensor<1x8x2xf32>, tensor<2x6x1xf32>) -> tensor<8x6xf32>
  return %w : tensor<8x6xf32>
}

// -----

func.func @factorized_weight_tt_too_many(%a: tensor<1x2x1xf32>) -> tensor<2x2x2x2x2x2xf32> {
  // expected-error @+1 {{tt expects 3 to 5 cores, got 6}}
  %w = tessera.factorized_weight tt %a, %a, %a, %a, %a, %a : (tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>) -> tensor<2x2x2x2x2x2xf32>
  return %w : tensor<2x2x2x2x2x2xf32>
}

// -----

func.func @factorized_weight_tt_core_rank(%a: tensor<1x8x2xf32>, %b: tensor<6x3xf32>, %c: tensor<3x5x1xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects factor #1 of rank 3 ([rank_in, extent, rank_out]), got rank 2}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<1x8x2xf32>, tensor<6x3xf32>, tensor<3x5x1xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_tt_first_rank(%a: tensor<2x8x2xf32>, %b: tensor<2x6x3xf32>, %c: tensor<3x5x1xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects first tt rank and 1 to match: 2 vs 1}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<2x8x2xf32>, tensor<2x6x3xf32>, tensor<3x5x1xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_tt_last_rank(%a: tensor<1x8x2xf32>, %b: tensor<2x6x3xf32>, %c: tensor<3x5x3xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+1 {{expects last tt rank and 1 to match: 3 vs 1}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<1x8x2xf32>, tensor<2x6x3xf32>, tensor<3x5x3xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}

// -----

func.func @factorized_weight_tt_inner_rank(%a: tensor<1x8x2xcomplex<f32>>, %b: tensor<2x6x3xcomplex<f32>>, %c: tensor<4x5x2xcomplex<f32>>, %d: tensor<2x7x1xcomplex<f32>>) -> tensor<8x6x5x7xcomplex<f32>> {
  // expected-error @+1 {{expects tt ranks between cores #1 and #2 to match: 3 vs 4}}
  %w = tessera.factorized_weight tt %a, %b, %c, %d : (tensor<1x8x2xcomplex<f32>>, tensor<2x6x3xcomplex<f32>>, tensor<4x5x2xcomplex<f32>>, tensor<2x7x1xcomplex<f32>>) -> tensor<8x6x5x7xcomplex<f32>>
  return %w : tensor<8x6x5x7xcomplex<f32>>
}

// -----

func.func @factorized_weight_tt_result_shape(%a: tensor<1x8x2xf32>, %b: tensor<2x6x3xf32>, %c: tensor<3x5x1xf32>) -> tensor<8x6x5x1xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<8x6x5xf32>' are incompatible with return type(s) of operation 'tensor<8x6x5x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %w = tessera.factorized_weight tt %a, %b, %c : (tensor<1x8x2xf32>, tensor<2x6x3xf32>, tensor<3x5x1xf32>) -> tensor<8x6x5x1xf32>
  return %w : tensor<8x6x5x1xf32>
}

// -----

func.func @factorized_weight_bad_kind(%a: tensor<1x8x2xf32>, %b: tensor<2x6x3xf32>, %c: tensor<3x5x1xf32>) -> tensor<8x6x5xf32> {
  // expected-error @+2 {{failed to parse Tessera_FactorizationAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tessera::Factorization to be one of: cp, tucker, tt}}
  %w = tessera.factorized_weight svd %a, %b, %c : (tensor<1x8x2xf32>, tensor<2x6x3xf32>, tensor<3x5x1xf32>) -> tensor<8x6x5xf32>
  return %w : tensor<8x6x5xf32>
}
