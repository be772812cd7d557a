// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Verifier, type-inference and ODS constraint diagnostics of
// tessera.binary_conv2d and tessera.binary_matmul.

//===----------------------------------------------------------------------===//
// binary_conv2d: shapes
//===----------------------------------------------------------------------===//

func.func @bconv_input_rank3(%x: tensor<4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects input of rank 4 ([N, Cin, H, W]), got rank 3}}
  %y = tessera.binary_conv2d %x, %w : (tensor<4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_weight_rank2(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4xf32>) -> tensor<1x6x8x8xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects weight of rank 4 ([Cout, Cin, kh, kw]), got rank 2}}
  %y = tessera.binary_conv2d %x, %w : (tensor<1x4x8x8xf32>, tensor<6x4xf32>) -> tensor<1x6x8x8xf32>
  return %y : tensor<1x6x8x8xf32>
}

// -----

func.func @bconv_input_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<6x3x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects weight dim 1 to be 4 (input channels), got 3}}
  %y = tessera.binary_conv2d %x, %w : (tensor<1x4x8x8xf32>, tensor<6x3x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_empty_output(%x: tensor<1x4x2x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x0x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op kernel extent 3 (dilation 1) does not fit input dim 2 of size 2 with padding 0}}
  %y = tessera.binary_conv2d %x, %w : (tensor<1x4x2x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x0x6xf32>
  return %y : tensor<1x6x0x6xf32>
}

// -----

// Dilation 4 stretches a 3-wide kernel over 9 columns; padding 1 gives 6 + 2.
func.func @bconv_empty_output_dilation(%x: tensor<1x4x16x6xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x10x0xf32> {
  // expected-error @+1 {{kernel extent 3 (dilation 4) does not fit input dim 3 of size 6 with padding 1}}
  %y = tessera.binary_conv2d %x, %w padding [1, 1] dilation [4, 4] : (tensor<1x4x16x6xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x10x0xf32>
  return %y : tensor<1x6x10x0xf32>
}

// -----

// The output size ignores the padding here (6x6 instead of 8x8).
func.func @bconv_result_type(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+2 {{'tessera.binary_conv2d' op inferred type(s) 'tensor<1x6x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x6x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.binary_conv2d %x, %w padding [1, 1] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_result_dynamic(%x: tensor<?x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<?x6x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x6x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.binary_conv2d %x, %w : (tensor<?x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

//===----------------------------------------------------------------------===//
// binary_conv2d: stride, padding, dilation
//===----------------------------------------------------------------------===//

// -----

func.func @bconv_zero_stride(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects positive strides, got 0}}
  %y = tessera.binary_conv2d %x, %w stride [0, 1] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_negative_padding(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects non-negative padding, got -1}}
  %y = tessera.binary_conv2d %x, %w padding [0, -1] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x4xf32>
  return %y : tensor<1x6x6x4xf32>
}

// -----

func.func @bconv_zero_dilation(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects positive dilations, got 0}}
  %y = tessera.binary_conv2d %x, %w dilation [0, 1] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_stride_three_values(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op attribute 'stride' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = tessera.binary_conv2d %x, %w stride [1, 1, 1] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_padding_one_value(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x8x8xf32> {
  // expected-error @+1 {{attribute 'padding' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = tessera.binary_conv2d %x, %w padding [1] : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x8x8xf32>
  return %y : tensor<1x6x8x8xf32>
}

//===----------------------------------------------------------------------===//
// binary_conv2d: alpha and omega
//===----------------------------------------------------------------------===//

// -----

func.func @bconv_alpha_rank2(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %a: tensor<6x1xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects alpha of rank 1 (one scale per output), got rank 2}}
  %y = tessera.binary_conv2d %x, %w alpha %a : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6x1xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_alpha_rank0(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %a: tensor<f32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{expects alpha of rank 1 (one scale per output), got rank 0}}
  %y = tessera.binary_conv2d %x, %w alpha %a : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<f32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

// alpha has one scale per output channel (Cout = 6), not per input channel.
func.func @bconv_alpha_size(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %a: tensor<4xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects alpha dim 0 to be 6 (outputs of the weight), got 4}}
  %y = tessera.binary_conv2d %x, %w alpha %a : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<4xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_periodic_zero_omega(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op expects a positive finite omega for the periodic weight transform, got 0.000000e+00}}
  %y = tessera.binary_conv2d %x, %w transform periodic {omega = 0.0 : f32} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_periodic_negative_zero_omega(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{expects a positive finite omega for the periodic weight transform, got -0.000000e+00}}
  %y = tessera.binary_conv2d %x, %w transform periodic {omega = -0.0 : f32} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_periodic_negative_omega(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{expects a positive finite omega for the periodic weight transform, got -2.000000e+01}}
  %y = tessera.binary_conv2d %x, %w transform periodic {omega = -20.0 : f32} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_periodic_inf_omega(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{expects a positive finite omega for the periodic weight transform, got INF}}
  %y = tessera.binary_conv2d %x, %w transform periodic {omega = 0x7F800000 : f32} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_periodic_nan_omega(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{expects a positive finite omega for the periodic weight transform, got nan}}
  %y = tessera.binary_conv2d %x, %w transform periodic {omega = 0x7FC00000 : f32} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

//===----------------------------------------------------------------------===//
// binary_conv2d: ODS constraints
//===----------------------------------------------------------------------===//

// -----

func.func @bconv_input_f16(%x: tensor<1x4x8x8xf16>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.binary_conv2d' op operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.binary_conv2d %x, %w : (tensor<1x4x8x8xf16>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_weight_i1(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xi1>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit float values}}
  %y = tessera.binary_conv2d %x, %w : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xi1>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_alpha_f64(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %a: tensor<6xf64>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{operand #2 must be ranked tensor of 32-bit float values}}
  %y = tessera.binary_conv2d %x, %w alpha %a : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6xf64>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_omega_f64(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{attribute 'omega' failed to satisfy constraint: 32-bit float attribute}}
  %y = tessera.binary_conv2d %x, %w transform periodic {omega = 20.0 : f64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

func.func @bconv_unknown_transform(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+2 {{expected ::mlir::tessera::WeightTransform to be one of: sign, periodic}}
  // expected-error @+1 {{failed to parse Tessera_WeightTransformAttr parameter 'value'}}
  %y = tessera.binary_conv2d %x, %w transform sine : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

//===----------------------------------------------------------------------===//
// binary_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @bmatmul_input_rank0(%x: tensor<f32>, %w: tensor<8x1xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op expects an input of rank >= 1 ([..., K])}}
  %y = tessera.binary_matmul %x, %w : (tensor<f32>, tensor<8x1xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @bmatmul_weight_rank3(%x: tensor<4x16xf32>, %w: tensor<1x8x16xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op expects weight of rank 2 ([N, K]), got rank 3}}
  %y = tessera.binary_matmul %x, %w : (tensor<4x16xf32>, tensor<1x8x16xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// The weight is [N, K] (PyTorch's Linear layout), not [K, N].
func.func @bmatmul_weight_k_mismatch(%x: tensor<4x16xf32>, %w: tensor<16x8xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op expects weight dim 1 to be 16 (input features K), got 8}}
  %y = tessera.binary_matmul %x, %w : (tensor<4x16xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @bmatmul_weight_k_mismatch_rank3(%x: tensor<2x3x32xf32>, %w: tensor<8x16xf32>) -> tensor<2x3x8xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 32 (input features K), got 16}}
  %y = tessera.binary_matmul %x, %w : (tensor<2x3x32xf32>, tensor<8x16xf32>) -> tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}

// -----

func.func @bmatmul_alpha_rank2(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>, %a: tensor<1x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op expects alpha of rank 1 (one scale per output), got rank 2}}
  %y = tessera.binary_matmul %x, %w alpha %a : (tensor<4x16xf32>, tensor<8x16xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// alpha has one scale per output N = 8, not per input feature K = 16.
func.func @bmatmul_alpha_size(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>, %a: tensor<16xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op expects alpha dim 0 to be 8 (outputs of the weight), got 16}}
  %y = tessera.binary_matmul %x, %w alpha %a : (tensor<4x16xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @bmatmul_periodic_zero_omega(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op expects a positive finite omega for the periodic weight transform, got 0.000000e+00}}
  %y = tessera.binary_matmul %x, %w transform periodic {omega = 0.0 : f32} : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @bmatmul_periodic_negative_omega(%x: tensor<2x3x16xf32>, %w: tensor<8x16xf32>) -> tensor<2x3x8xf32> {
  // expected-error @+1 {{expects a positive finite omega for the periodic weight transform, got -1.500000e+00}}
  %y = tessera.binary_matmul %x, %w input_scaling transform periodic {omega = -1.5 : f32} : (tensor<2x3x16xf32>, tensor<8x16xf32>) -> tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}

// -----

func.func @bmatmul_periodic_inf_omega(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects a positive finite omega for the periodic weight transform, got INF}}
  %y = tessera.binary_matmul %x, %w transform periodic {omega = 0x7F800000 : f32} : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @bmatmul_result_type(%x: tensor<2x3x16xf32>, %w: tensor<8x16xf32>) -> tensor<2x3x16xf32> {
  // expected-error @+2 {{'tessera.binary_matmul' op inferred type(s) 'tensor<2x3x8xf32>' are incompatible with return type(s) of operation 'tensor<2x3x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.binary_matmul %x, %w : (tensor<2x3x16xf32>, tensor<8x16xf32>) -> tensor<2x3x16xf32>
  return %y : tensor<2x3x16xf32>
}

// -----

// The result keeps every leading dim of the input.
func.func @bmatmul_result_rank(%x: tensor<2x3x16xf32>, %w: tensor<8x16xf32>) -> tensor<6x8xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3x8xf32>' are incompatible with return type(s) of operation 'tensor<6x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.binary_matmul %x, %w : (tensor<2x3x16xf32>, tensor<8x16xf32>) -> tensor<6x8xf32>
  return %y : tensor<6x8xf32>
}

// -----

func.func @bmatmul_weight_f16(%x: tensor<4x16xf32>, %w: tensor<8x16xf16>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'tessera.binary_matmul' op operand #1 must be ranked tensor of 32-bit float values}}
  %y = tessera.binary_matmul %x, %w : (tensor<4x16xf32>, tensor<8x16xf16>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @bmatmul_unranked_input(%x: tensor<*xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.binary_matmul %x, %w : (tensor<*xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @bmatmul_result_i32(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xi32> {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.binary_matmul %x, %w : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xi32>
  return %y : tensor<4x8xi32>
}
