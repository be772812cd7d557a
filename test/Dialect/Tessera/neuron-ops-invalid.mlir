// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Verifier, type-inference and ODS constraint diagnostics of
// tessera.quadratic_linear, tessera.quadratic_conv2d, tessera.pau and
// tessera.pade_conv2d.

//===----------------------------------------------------------------------===//
// quadratic_linear: operand counts per variant
//===----------------------------------------------------------------------===//

func.func @qlinear_fan_two_weights(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects 3 weights for the fan variant, got 2}}
  %y = tessera.quadratic_linear fan %x weights(%w, %w) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_compact_one_weight(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 2 weights for the compact variant, got 1}}
  %y = tessera.quadratic_linear compact %x weights(%w) : (tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_square_two_weights(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 1 weight for the square variant, got 2}}
  %y = tessera.quadratic_linear square %x weights(%w, %w) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_power_no_weights(%x: tensor<8x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 1 weight for the power variant, got 0}}
  %y = tessera.quadratic_linear power %x weights() : (tensor<8x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_product_three_weights(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 2 weights for the product variant, got 3}}
  %y = tessera.quadratic_linear product %x weights(%w, %w, %w) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_fan_one_bias(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects 0 or 3 biases for the fan variant, got 1}}
  %y = tessera.quadratic_linear fan %x weights(%w, %w, %w) biases(%b) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// compact has a single bias br (the Wb (x*x) term has none).
func.func @qlinear_compact_two_biases(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 0 or 1 biases for the compact variant, got 2}}
  %y = tessera.quadratic_linear compact %x weights(%w, %w) biases(%b, %b) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_square_two_biases(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 0 or 1 biases for the square variant, got 2}}
  %y = tessera.quadratic_linear square %x weights(%w) biases(%b, %b) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_power_two_biases(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 0 or 1 biases for the power variant, got 2}}
  %y = tessera.quadratic_linear power %x weights(%w) biases(%b, %b) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_product_one_bias(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects 0 or 2 biases for the product variant, got 1}}
  %y = tessera.quadratic_linear product %x weights(%w, %w) biases(%b) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

//===----------------------------------------------------------------------===//
// quadratic_linear: shapes
//===----------------------------------------------------------------------===//

// -----

func.func @qlinear_input_rank0(%x: tensor<f32>, %w: tensor<4x1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects an input of rank >= 1 ([..., in])}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<f32>, tensor<4x1xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @qlinear_weight_rank1(%x: tensor<8x16xf32>, %w: tensor<16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects weight of rank 2 ([out, in]), got rank 1}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// Every weight is checked, not only the first.
func.func @qlinear_second_weight_rank3(%x: tensor<8x16xf32>, %wa: tensor<4x16xf32>, %wb: tensor<1x4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects weight of rank 2 ([out, in]), got rank 3}}
  %y = tessera.quadratic_linear product %x weights(%wa, %wb) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<1x4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_weights_out_mismatch(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wg: tensor<4x16xf32>, %wb: tensor<5x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects weight dim 0 to be 4 (the shape of the first weight), got 5}}
  %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<5x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_weights_in_mismatch(%x: tensor<8x16xf32>, %wr: tensor<4x16xf32>, %wb: tensor<4x8xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 16 (the shape of the first weight), got 8}}
  %y = tessera.quadratic_linear compact %x weights(%wr, %wb) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x8xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// Where the first weight is dynamic the others must still agree.
func.func @qlinear_weights_out_mismatch_dynamic_first(%x: tensor<8x16xf32>, %wr: tensor<?x16xf32>, %wg: tensor<4x16xf32>, %wb: tensor<5x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects weight dim 0 to be 4 (the shape of the other weights), got 5}}
  %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb) : (tensor<8x16xf32>, tensor<?x16xf32>, tensor<4x16xf32>, tensor<5x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_input_features(%x: tensor<8x16xf32>, %w: tensor<4x8xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects weight dim 1 to be 16 (input features), got 8}}
  %y = tessera.quadratic_linear power %x weights(%w) : (tensor<8x16xf32>, tensor<4x8xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// Every weight is checked against the input features, not only the first.
func.func @qlinear_input_features_second_weight(%x: tensor<8x16xf32>, %wa: tensor<4x?xf32>, %wb: tensor<4x8xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 16 (input features), got 8}}
  %y = tessera.quadratic_linear product %x weights(%wa, %wb) : (tensor<8x16xf32>, tensor<4x?xf32>, tensor<4x8xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_bias_rank2(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<1x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects bias of rank 1 ([out]), got rank 2}}
  %y = tessera.quadratic_linear square %x weights(%w) biases(%b) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<1x4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// Every bias is checked, not only the first.
func.func @qlinear_bias_size(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xf32>, %c: tensor<3xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op expects bias dim 0 to be 4 (output channels of the weights), got 3}}
  %y = tessera.quadratic_linear fan %x weights(%w, %w, %w) biases(%b, %b, %c) : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// With dynamic output features in the weights the biases must agree with
// each other.
func.func @qlinear_bias_size_dynamic_weights(%x: tensor<8x16xf32>, %w: tensor<?x16xf32>, %ba: tensor<4xf32>, %bb: tensor<5xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects bias dim 0 to be 4 (the size of the other biases), got 5}}
  %y = tessera.quadratic_linear product %x weights(%w, %w) biases(%ba, %bb) : (tensor<8x16xf32>, tensor<?x16xf32>, tensor<?x16xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_result_type(%x: tensor<2x5x16xf32>, %w: tensor<4x16xf32>) -> tensor<2x5x16xf32> {
  // expected-error @+2 {{'tessera.quadratic_linear' op inferred type(s) 'tensor<2x5x4xf32>' are incompatible with return type(s) of operation 'tensor<2x5x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<2x5x16xf32>, tensor<4x16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

func.func @qlinear_result_dynamic(%x: tensor<?x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4xf32>' are incompatible with return type(s) of operation 'tensor<8x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<?x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

//===----------------------------------------------------------------------===//
// quadratic_linear: ODS constraints
//===----------------------------------------------------------------------===//

// -----

func.func @qlinear_input_f16(%x: tensor<8x16xf16>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'tessera.quadratic_linear' op operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<8x16xf16>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_weight_f64(%x: tensor<8x16xf32>, %w: tensor<4x16xf64>) -> tensor<8x4xf32> {
  // expected-error @+1 {{operand #1 must be variadic of ranked tensor of 32-bit float values}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<8x16xf32>, tensor<4x16xf64>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_unranked_input(%x: tensor<*xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<*xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @qlinear_result_i32(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xi32> {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.quadratic_linear square %x weights(%w) : (tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<8x4xi32>
  return %y : tensor<8x4xi32>
}

// -----

func.func @qlinear_unknown_variant(%x: tensor<8x16xf32>, %w: tensor<4x16xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{unknown quadratic variant 'cubic' (fan, compact, square, power, product)}}
  %y = tessera.quadratic_linear cubic %x weights(%w) : (tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

//===----------------------------------------------------------------------===//
// quadratic_conv2d: operand counts and shapes
//===----------------------------------------------------------------------===//

// -----

func.func @qconv_input_rank3(%x: tensor<4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects input of rank 4 ([N, Cin, H, W]), got rank 3}}
  %y = tessera.quadratic_conv2d square %x weights(%w) : (tensor<4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_fan_one_weight(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects 3 weights for the fan variant, got 1}}
  %y = tessera.quadratic_conv2d fan %x weights(%w) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_power_two_weights(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects 1 weight for the power variant, got 2}}
  %y = tessera.quadratic_conv2d power %x weights(%w, %w) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_product_three_biases(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects 0 or 2 biases for the product variant, got 3}}
  %y = tessera.quadratic_conv2d product %x weights(%w, %w) biases(%b, %b, %b) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_weight_rank3(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects weight of rank 4 ([Cout, Cin/groups, kh, kw]), got rank 3}}
  %y = tessera.quadratic_conv2d square %x weights(%w) : (tensor<1x4x8x8xf32>, tensor<4x4x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// All weights share one shape: here the kernel widths differ.
func.func @qconv_weights_kernel_mismatch(%x: tensor<1x4x8x8xf32>, %wr: tensor<4x4x3x3xf32>, %wb: tensor<4x4x3x1xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects weight dim 3 to be 3 (the shape of the first weight), got 1}}
  %y = tessera.quadratic_conv2d compact %x weights(%wr, %wb) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x1xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_bias_rank2(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>, %b: tensor<4x1xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects bias of rank 1 ([out]), got rank 2}}
  %y = tessera.quadratic_conv2d square %x weights(%w) biases(%b) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x1xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_bias_size(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects bias dim 0 to be 8 (output channels of the weights), got 4}}
  %y = tessera.quadratic_conv2d power %x weights(%w) biases(%b) : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

func.func @qconv_input_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects weight dim 1 to be 4 (input channels / groups), got 3}}
  %y = tessera.quadratic_conv2d square %x weights(%w) : (tensor<1x4x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

// With groups 2 the weight holds Cin / 2 = 4 input channels, not 8.
func.func @qconv_input_channels_groups(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 4 (input channels / groups), got 8}}
  %y = tessera.quadratic_conv2d square %x weights(%w) groups 2 : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

func.func @qconv_input_channels_second_weight(%x: tensor<1x4x8x8xf32>, %wa: tensor<8x?x3x3xf32>, %wb: tensor<8x2x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{expects weight dim 1 to be 4 (input channels / groups), got 2}}
  %y = tessera.quadratic_conv2d product %x weights(%wa, %wb) : (tensor<1x4x8x8xf32>, tensor<8x?x3x3xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

func.func @qconv_groups_input_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects groups 4 to divide the input channels 6}}
  %y = tessera.quadratic_conv2d square %x weights(%w) groups 4 : (tensor<1x6x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

func.func @qconv_groups_output_channels(%x: tensor<1x8x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects groups 4 to divide the output channels 6}}
  %y = tessera.quadratic_conv2d square %x weights(%w) groups 4 : (tensor<1x8x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

// The output channels come from the bias when the weight's are dynamic.
func.func @qconv_groups_output_channels_from_bias(%x: tensor<1x8x8x8xf32>, %w: tensor<?x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{expects groups 4 to divide the output channels 6}}
  %y = tessera.quadratic_conv2d square %x weights(%w) biases(%b) groups 4 : (tensor<1x8x8x8xf32>, tensor<?x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

//===----------------------------------------------------------------------===//
// quadratic_conv2d: stride, padding, dilation and output size
//===----------------------------------------------------------------------===//

// -----

func.func @qconv_zero_stride(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects positive strides, got 0}}
  %y = tessera.quadratic_conv2d square %x weights(%w) stride [1, 0] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_negative_stride(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects positive strides, got -2}}
  %y = tessera.quadratic_conv2d square %x weights(%w) stride [-2, 1] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_negative_padding(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x4x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects non-negative padding, got -1}}
  %y = tessera.quadratic_conv2d square %x weights(%w) padding [-1, 0] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x6xf32>
  return %y : tensor<1x4x4x6xf32>
}

// -----

func.func @qconv_zero_dilation(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op expects positive dilations, got 0}}
  %y = tessera.quadratic_conv2d square %x weights(%w) dilation [1, 0] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_empty_output(%x: tensor<1x4x2x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x0x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op kernel extent 3 (dilation 1) does not fit input dim 2 of size 2 with padding 0}}
  %y = tessera.quadratic_conv2d square %x weights(%w) : (tensor<1x4x2x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x0x6xf32>
  return %y : tensor<1x4x0x6xf32>
}

// -----

// Dilation 3 stretches a 3-wide kernel over 7 columns, wider than 6.
func.func @qconv_empty_output_dilation(%x: tensor<1x4x8x6xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x2x0xf32> {
  // expected-error @+1 {{kernel extent 3 (dilation 3) does not fit input dim 3 of size 6 with padding 0}}
  %y = tessera.quadratic_conv2d power %x weights(%w) dilation [3, 3] : (tensor<1x4x8x6xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x2x0xf32>
  return %y : tensor<1x4x2x0xf32>
}

// -----

// The kernel extent comes from the second weight when the first is dynamic.
func.func @qconv_empty_output_second_weight(%x: tensor<1x4x4x8xf32>, %wa: tensor<4x4x?x3xf32>, %wb: tensor<4x4x5x3xf32>) -> tensor<1x4x0x6xf32> {
  // expected-error @+1 {{kernel extent 5 (dilation 1) does not fit input dim 2 of size 4 with padding 0}}
  %y = tessera.quadratic_conv2d compact %x weights(%wa, %wb) : (tensor<1x4x4x8xf32>, tensor<4x4x?x3xf32>, tensor<4x4x5x3xf32>) -> tensor<1x4x0x6xf32>
  return %y : tensor<1x4x0x6xf32>
}

// -----

// The output size ignores the stride here (6x6 instead of 3x3).
func.func @qconv_result_type(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'tessera.quadratic_conv2d' op inferred type(s) 'tensor<1x4x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.quadratic_conv2d square %x weights(%w) stride [2, 2] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// The result has Cout channels, not Cin.
func.func @qconv_result_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<1x8x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.quadratic_conv2d square %x weights(%w) : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

//===----------------------------------------------------------------------===//
// quadratic_conv2d: ODS constraints
//===----------------------------------------------------------------------===//

// -----

func.func @qconv_groups_zero(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.quadratic_conv2d square %x weights(%w) groups 0 : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_stride_three_values(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.quadratic_conv2d' op attribute 'stride' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = tessera.quadratic_conv2d square %x weights(%w) stride [1, 1, 1] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_padding_one_value(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{attribute 'padding' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = tessera.quadratic_conv2d square %x weights(%w) padding [1] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @qconv_dilation_empty(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{attribute 'dilation' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = tessera.quadratic_conv2d square %x weights(%w) dilation [] : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @qconv_bias_bf16(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>, %b: tensor<4xbf16>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{operand #2 must be variadic of ranked tensor of 32-bit float values}}
  %y = tessera.quadratic_conv2d square %x weights(%w) biases(%b) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4xbf16>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

//===----------------------------------------------------------------------===//
// pau
//===----------------------------------------------------------------------===//

// -----

func.func @pau_numerator_rank2(%x: tensor<8xf32>, %a: tensor<1x6xf32>, %b: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.pau' op expects numerator of rank 1 ([m+1]), got rank 2}}
  %y = tessera.pau safe %x, %a, %b : (tensor<8xf32>, tensor<1x6xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @pau_denominator_rank0(%x: tensor<8xf32>, %a: tensor<6xf32>, %b: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.pau' op expects denominator of rank 1 ([n]), got rank 0}}
  %y = tessera.pau abs %x, %a, %b : (tensor<8xf32>, tensor<6xf32>, tensor<f32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @pau_channel_numerator_rank1(%x: tensor<2x3xf32>, %a: tensor<6xf32>, %b: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tessera.pau' op expects numerator of rank 2 ([C, m+1] with a channel_axis), got rank 1}}
  %y = tessera.pau safe %x, %a, %b channel_axis 1 : (tensor<2x3xf32>, tensor<6xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @pau_channel_denominator_rank1(%x: tensor<2x3xf32>, %a: tensor<3x6xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tessera.pau' op expects denominator of rank 2 ([C, n] with a channel_axis), got rank 1}}
  %y = tessera.pau unsafe %x, %a, %b channel_axis 1 : (tensor<2x3xf32>, tensor<3x6xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @pau_dynamic_numerator_count(%x: tensor<8xf32>, %a: tensor<?xf32>, %b: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.pau' op expects static coefficient counts (they set the polynomial degrees)}}
  %y = tessera.pau safe %x, %a, %b : (tensor<8xf32>, tensor<?xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @pau_dynamic_denominator_count(%x: tensor<2x3xf32>, %a: tensor<3x6xf32>, %b: tensor<3x?xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{expects static coefficient counts (they set the polynomial degrees)}}
  %y = tessera.pau safe %x, %a, %b channel_axis 1 : (tensor<2x3xf32>, tensor<3x6xf32>, tensor<3x?xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @pau_no_numerator_coefficients(%x: tensor<8xf32>, %a: tensor<0xf32>, %b: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.pau' op expects at least one numerator coefficient}}
  %y = tessera.pau safe %x, %a, %b : (tensor<8xf32>, tensor<0xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @pau_channel_axis_out_of_range(%x: tensor<2x3xf32>, %a: tensor<3x6xf32>, %b: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tessera.pau' op channel_axis 2 is out of range for an input of rank 2}}
  %y = tessera.pau safe %x, %a, %b channel_axis 2 : (tensor<2x3xf32>, tensor<3x6xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @pau_channel_axis_rank0(%x: tensor<f32>, %a: tensor<1x6xf32>, %b: tensor<1x4xf32>) -> tensor<f32> {
  // expected-error @+1 {{channel_axis 0 is out of range for an input of rank 0}}
  %y = tessera.pau safe %x, %a, %b channel_axis 0 : (tensor<f32>, tensor<1x6xf32>, tensor<1x4xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @pau_numerator_channels(%x: tensor<2x3x8x8xf32>, %a: tensor<4x6xf32>, %b: tensor<3x4xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'tessera.pau' op expects numerator dim 0 to be 3 (channels along channel_axis), got 4}}
  %y = tessera.pau safe %x, %a, %b channel_axis 1 : (tensor<2x3x8x8xf32>, tensor<4x6xf32>, tensor<3x4xf32>) -> tensor<2x3x8x8xf32>
  return %y : tensor<2x3x8x8xf32>
}

// -----

func.func @pau_denominator_channels(%x: tensor<2x3x8x8xf32>, %a: tensor<3x6xf32>, %b: tensor<2x4xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'tessera.pau' op expects denominator dim 0 to be 3 (channels along channel_axis), got 2}}
  %y = tessera.pau abs %x, %a, %b channel_axis 1 : (tensor<2x3x8x8xf32>, tensor<3x6xf32>, tensor<2x4xf32>) -> tensor<2x3x8x8xf32>
  return %y : tensor<2x3x8x8xf32>
}

// -----

// With a dynamic channel extent the two coefficient sets must agree.
func.func @pau_coefficient_channels_dynamic(%x: tensor<2x?xf32>, %a: tensor<8x6xf32>, %b: tensor<4x4xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'tessera.pau' op expects denominator dim 0 to be 8 (channels of the numerator), got 4}}
  %y = tessera.pau safe %x, %a, %b channel_axis 1 : (tensor<2x?xf32>, tensor<8x6xf32>, tensor<4x4xf32>) -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// -----

func.func @pau_result_type(%x: tensor<4x8xf32>, %a: tensor<6xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  // expected-error @+2 {{'tessera.pau' op inferred type(s) 'tensor<4x8xf32>' are incompatible with return type(s) of operation 'tensor<8x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.pau safe %x, %a, %b : (tensor<4x8xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

func.func @pau_negative_channel_axis(%x: tensor<2x3xf32>, %a: tensor<3x6xf32>, %b: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tessera.pau' op attribute 'channel_axis' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %y = tessera.pau safe %x, %a, %b channel_axis -1 : (tensor<2x3xf32>, tensor<3x6xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @pau_numerator_f64(%x: tensor<8xf32>, %a: tensor<6xf64>, %b: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tessera.pau' op operand #1 must be ranked tensor of 32-bit float values}}
  %y = tessera.pau safe %x, %a, %b : (tensor<8xf32>, tensor<6xf64>, tensor<4xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @pau_unknown_version(%x: tensor<8xf32>, %a: tensor<6xf32>, %b: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+2 {{expected ::mlir::tessera::PauVersion to be one of: safe, abs, unsafe}}
  // expected-error @+1 {{failed to parse Tessera_PauVersionAttr parameter 'value'}}
  %y = tessera.pau smooth %x, %a, %b : (tensor<8xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

//===----------------------------------------------------------------------===//
// pade_conv2d
//===----------------------------------------------------------------------===//

// -----

func.func @pade_input_rank3(%x: tensor<4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects input of rank 4 ([N, Cin, H, W]), got rank 3}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_wp_rank4(%x: tensor<1x4x8x8xf32>, %wp: tensor<4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects wp of rank 5 ([M, Cout, Cin, kh, kw]), got rank 4}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_wq_rank4(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects wq of rank 5 ([Nq, Cout, Cin, kh, kw]), got rank 4}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_w0_rank2(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<1x4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects w0 of rank 1 ([Cout]), got rank 2}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_zero_stride(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects positive strides, got 0}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 stride [0, 0] : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_negative_padding(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects non-negative padding, got -3}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 padding [0, -3] : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_negative_dilation(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects positive dilations, got -1}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 dilation [-1, 1] : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_numerator_degree0(%x: tensor<1x4x8x8xf32>, %wp: tensor<0x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects a static numerator degree M >= 1 (wp dim 0)}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<0x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_numerator_degree_dynamic(%x: tensor<1x4x8x8xf32>, %wp: tensor<?x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects a static numerator degree M >= 1 (wp dim 0)}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<?x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_denominator_degree0(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<0x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects a static denominator degree Nq >= 1 (wq dim 0)}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<0x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_denominator_degree_dynamic(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<?x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects a static denominator degree Nq >= 1 (wq dim 0)}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<?x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_wp_input_channels(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x3x3x3xf32>, %wq: tensor<2x4x3x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects wp dim 2 to be 4 (input channels), got 3}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x3x3x3xf32>, tensor<2x4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_wq_output_channels(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x8x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<8xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects wq dim 1 to be 8 (the same dim of wp), got 4}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x8x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

func.func @pade_wq_input_channels(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x2x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects wq dim 2 to be 4 (the same dim of wp), got 2}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// wq is checked against the input channels where wp's are dynamic.
func.func @pade_wq_input_channels_dynamic_wp(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x?x3x3xf32>, %wq: tensor<2x4x3x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects wq dim 2 to be 4 (input channels), got 3}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x?x3x3xf32>, tensor<2x4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_wq_kernel_height(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x5x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects wq dim 3 to be 3 (the same dim of wp), got 5}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x5x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_wq_kernel_width(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x1xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{expects wq dim 4 to be 3 (the same dim of wp), got 1}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x1xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_w0_size(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x8x4x3x3xf32>, %wq: tensor<2x8x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op expects w0 dim 0 to be 8 (output channels), got 4}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x8x4x3x3xf32>, tensor<2x8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

// The output channels come from wq where wp's are dynamic.
func.func @pade_w0_size_dynamic_wp(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x?x4x3x3xf32>, %wq: tensor<2x8x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{expects w0 dim 0 to be 8 (output channels), got 4}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x?x4x3x3xf32>, tensor<2x8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// -----

func.func @pade_empty_output(%x: tensor<1x4x8x2xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x0xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op kernel extent 3 (dilation 1) does not fit input dim 3 of size 2 with padding 0}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 : (tensor<1x4x8x2xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x0xf32>
  return %y : tensor<1x4x6x0xf32>
}

// -----

// The kernel extent comes from wq where wp's is dynamic.
func.func @pade_empty_output_dynamic_wp(%x: tensor<1x4x8x2xf32>, %wp: tensor<2x4x4x3x?xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x0xf32> {
  // expected-error @+1 {{kernel extent 3 (dilation 1) does not fit input dim 3 of size 2 with padding 0}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x2xf32>, tensor<2x4x4x3x?xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x0xf32>
  return %y : tensor<1x4x6x0xf32>
}

// -----

// The result size ignores the padding here (6x6 instead of 8x8).
func.func @pade_result_type(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'tessera.pade_conv2d' op inferred type(s) 'tensor<1x4x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1] : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_stride_one_value(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x3x3xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op attribute 'stride' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 stride [2] : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

func.func @pade_w0_i32(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xi32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tessera.pade_conv2d' op operand #3 must be ranked tensor of 32-bit float values}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xi32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pade_unknown_variant(%x: tensor<1x4x8x8xf32>, %wp: tensor<2x4x4x3x3xf32>, %wq: tensor<2x4x4x3x3xf32>, %w0: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{expected ::mlir::tessera::PadeVariant to be one of: abs, smooth}}
  // expected-error @+1 {{failed to parse Tessera_PadeVariantAttr parameter 'value'}}
  %y = tessera.pade_conv2d safe %x, %wp, %wq, %w0 : (tensor<1x4x8x8xf32>, tensor<2x4x4x3x3xf32>, tensor<2x4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}
