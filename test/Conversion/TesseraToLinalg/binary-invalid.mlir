// RUN: tessera-opt %s --tessera-to-linalg --split-input-file -verify-diagnostics

// binary_matmul packs K into 64-bit words: K must be static (in the input
// or the weight).
func.func @matmul_dynamic_k(%x: tensor<3x?xf32>, %w: tensor<5x?xf32>)
    -> tensor<3x5xf32> {
  // expected-error @+2 {{'tessera.binary_matmul' op cannot be lowered: the reduction extent K must be static to pack it into words}}
  // expected-error @+1 {{failed to legalize operation 'tessera.binary_matmul'}}
  %y = tessera.binary_matmul %x, %w
      : (tensor<3x?xf32>, tensor<5x?xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// binary_conv2d packs Cin*kh*kw into words: Cin must be static.
func.func @conv_dynamic_cin(%x: tensor<1x?x8x8xf32>, %w: tensor<4x?x3x3xf32>)
    -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'tessera.binary_conv2d' op cannot be lowered: the input channels and the kernel size must be static to pack the Cin*kh*kw reduction into words}}
  // expected-error @+1 {{failed to legalize operation 'tessera.binary_conv2d'}}
  %y = tessera.binary_conv2d %x, %w
      : (tensor<1x?x8x8xf32>, tensor<4x?x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// The kernel size must be static.
func.func @conv_dynamic_kernel(%x: tensor<1x4x8x8xf32>,
                               %w: tensor<4x4x?x3xf32>)
    -> tensor<1x4x?x6xf32> {
  // expected-error @+2 {{'tessera.binary_conv2d' op cannot be lowered: the input channels and the kernel size must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.binary_conv2d'}}
  %y = tessera.binary_conv2d %x, %w
      : (tensor<1x4x8x8xf32>, tensor<4x4x?x3xf32>) -> tensor<1x4x?x6xf32>
  return %y : tensor<1x4x?x6xf32>
}

// -----

// The spatial extents must be static (the im2col and its zero padding are
// laid out at compile time).
func.func @conv_dynamic_spatial(%x: tensor<?x4x?x?xf32>,
                                %w: tensor<4x4x3x3xf32>)
    -> tensor<?x4x?x?xf32> {
  // expected-error @+2 {{'tessera.binary_conv2d' op cannot be lowered: the input height and width must be static (im2col with exact zero padding)}}
  // expected-error @+1 {{failed to legalize operation 'tessera.binary_conv2d'}}
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      : (tensor<?x4x?x?xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x?x?xf32>
  return %y : tensor<?x4x?x?xf32>
}
