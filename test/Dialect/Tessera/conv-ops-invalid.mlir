// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Verifier, type-inference and ODS constraint diagnostics of
// tessera.partial_conv2d.

func.func @pconv_input_rank(%x: tensor<16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<16x8x8xf32> {
  // expected-error @+1 {{'tessera.partial_conv2d' op expects input of rank 4 ([N, C, H, W]), got rank 3}}
  %y = tessera.partial_conv2d %x, %w : (tensor<16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<16x8x8xf32>
  return %y : tensor<16x8x8xf32>
}

// -----

func.func @pconv_weight_rank(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects weight of rank 4 ([c_p, c_p, k, k]), got rank 2}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_weight_rank_5(%x: tensor<1x16x8x8xf32>, %w: tensor<1x4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects weight of rank 4 ([c_p, c_p, k, k]), got rank 5}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<1x4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_stride_2(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects stride 1 (the untouched channels keep the spatial size), got 2}}
  %y = tessera.partial_conv2d %x, %w {stride = 2 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_stride_0(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects stride 1 (the untouched channels keep the spatial size), got 0}}
  %y = tessera.partial_conv2d %x, %w {stride = 0 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// A negative stride is reported as such, not as a huge unsigned value.
func.func @pconv_stride_negative(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects stride 1 (the untouched channels keep the spatial size), got -1}}
  %y = tessera.partial_conv2d %x, %w {stride = -1 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_conv_channels_zero(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects positive conv_channels, got 0}}
  %y = tessera.partial_conv2d %x, %w {conv_channels = 0 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_conv_channels_negative(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects positive conv_channels, got -4}}
  %y = tessera.partial_conv2d %x, %w {conv_channels = -4 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_conv_channels_exceed_c(%x: tensor<1x16x8x8xf32>, %w: tensor<20x20x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{conv_channels 20 exceeds the 16 input channels}}
  %y = tessera.partial_conv2d %x, %w {conv_channels = 20 : i64} : (tensor<1x16x8x8xf32>, tensor<20x20x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// c_p = floor(C / n_div) = 0 is an error.
func.func @pconv_c_p_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<0x0x3x3xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{convolves no channel: C = 3 and n_div = 4 give c_p = 0}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<0x0x3x3xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

func.func @pconv_c_p_zero_n_div(%x: tensor<1x7x8x8xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x7x8x8xf32> {
  // expected-error @+1 {{convolves no channel: C = 7 and n_div = 8 give c_p = 0}}
  %y = tessera.partial_conv2d %x, %w {n_div = 8 : i64} : (tensor<1x7x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x7x8x8xf32>
  return %y : tensor<1x7x8x8xf32>
}

// -----

func.func @pconv_weight_c_p_dim0(%x: tensor<1x16x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects weight dim 0 to be 4 (convolved channels c_p), got 8}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// The convolution maps the c_p channels onto themselves.
func.func @pconv_weight_c_p_dim1(%x: tensor<1x16x8x8xf32>, %w: tensor<4x16x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 4 (convolved channels c_p), got 16}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// c_p = floor(10 / 4) = 2 rounds down.
func.func @pconv_weight_c_not_divisible(%x: tensor<1x10x8x8xf32>, %w: tensor<3x3x3x3xf32>) -> tensor<1x10x8x8xf32> {
  // expected-error @+1 {{expects weight dim 0 to be 2 (convolved channels c_p), got 3}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x10x8x8xf32>, tensor<3x3x3x3xf32>) -> tensor<1x10x8x8xf32>
  return %y : tensor<1x10x8x8xf32>
}

// -----

func.func @pconv_weight_n_div(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects weight dim 0 to be 8 (convolved channels c_p), got 4}}
  %y = tessera.partial_conv2d %x, %w {n_div = 2 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_weight_conv_channels(%x: tensor<1x16x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 6 (convolved channels c_p), got 4}}
  %y = tessera.partial_conv2d %x, %w {conv_channels = 6 : i64} : (tensor<1x16x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// With dynamic C, c_p comes from weight dim 0 and must match dim 1.
func.func @pconv_weight_dynamic_channels(%x: tensor<1x?x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x?x8x8xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 4 (convolved channels c_p), got 2}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x?x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x?x8x8xf32>
  return %y : tensor<1x?x8x8xf32>
}

// -----

func.func @pconv_dynamic_kernel(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x?x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects a static kernel size}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x?x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_even_kernel(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x2x2xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects a square kernel of odd size (padding k/2 keeps the spatial size), got 2x2}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x2x2xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_even_kernel_4(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x4x4xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects a square kernel of odd size (padding k/2 keeps the spatial size), got 4x4}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x4x4xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_non_square_kernel(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x5xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects a square kernel of odd size (padding k/2 keeps the spatial size), got 3x5}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x3x5xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// The result has the shape of the input.
func.func @pconv_result_shape(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+2 {{'tessera.partial_conv2d' op inferred type(s) 'tensor<1x16x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @pconv_result_dynamic(%x: tensor<?x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<?x16x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x16x8x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.partial_conv2d %x, %w : (tensor<?x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_n_div_zero(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{attribute 'n_div' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.partial_conv2d %x, %w {n_div = 0 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_n_div_negative(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{attribute 'n_div' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.partial_conv2d %x, %w {n_div = -4 : i64} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_conv_channels_not_integer(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{attribute 'conv_channels' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = tessera.partial_conv2d %x, %w {conv_channels = 4.0 : f32} : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_f16_input(%x: tensor<1x16x8x8xf16>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf16> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf16>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf16>
  return %y : tensor<1x16x8x8xf16>
}

// -----

func.func @pconv_complex_weight(%x: tensor<1x16x8x8xf32>, %w: tensor<4x4x3x3xcomplex<f32>>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit float values}}
  %y = tessera.partial_conv2d %x, %w : (tensor<1x16x8x8xf32>, tensor<4x4x3x3xcomplex<f32>>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pconv_unranked_input(%x: tensor<*xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.partial_conv2d %x, %w : (tensor<*xf32>, tensor<4x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}
