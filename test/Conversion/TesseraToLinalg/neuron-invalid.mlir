// RUN: tessera-opt %s --tessera-to-linalg --split-input-file -verify-diagnostics

// The neuron lowerings need static spatial extents for their convolutions
// (and static channel counts to split them into groups); they name the op
// and the reason.

func.func @qconv_dynamic_height(%x: tensor<1x2x?x5xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x?x3xf32> {
  // expected-error @+2 {{'tessera.quadratic_conv2d' op cannot be lowered: the input height and width must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.quadratic_conv2d'}}
  %y = tessera.quadratic_conv2d square %x weights(%w)
      : (tensor<1x2x?x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x?x3xf32>
  return %y : tensor<1x3x?x3xf32>
}

// -----

func.func @qconv_dynamic_kernel(%x: tensor<1x2x5x5xf32>, %wa: tensor<3x2x?x3xf32>, %wb: tensor<3x2x?x3xf32>) -> tensor<1x3x?x3xf32> {
  // expected-error @+2 {{'tessera.quadratic_conv2d' op cannot be lowered: the kernel size must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.quadratic_conv2d'}}
  %y = tessera.quadratic_conv2d product %x weights(%wa, %wb)
      : (tensor<1x2x5x5xf32>, tensor<3x2x?x3xf32>, tensor<3x2x?x3xf32>) -> tensor<1x3x?x3xf32>
  return %y : tensor<1x3x?x3xf32>
}

// -----

func.func @qconv_groups_dynamic_channels(%x: tensor<1x4x5x5xf32>, %w: tensor<?x2x3x3xf32>) -> tensor<1x?x3x3xf32> {
  // expected-error @+2 {{'tessera.quadratic_conv2d' op cannot be lowered: groups > 1 needs static input and output channel counts}}
  // expected-error @+1 {{failed to legalize operation 'tessera.quadratic_conv2d'}}
  %y = tessera.quadratic_conv2d power %x weights(%w) groups 2
      : (tensor<1x4x5x5xf32>, tensor<?x2x3x3xf32>) -> tensor<1x?x3x3xf32>
  return %y : tensor<1x?x3x3xf32>
}

// -----

func.func @pade_dynamic_width(%x: tensor<1x2x5x?xf32>, %wp: tensor<2x3x2x3x3xf32>, %wq: tensor<1x3x2x3x3xf32>, %w0: tensor<3xf32>) -> tensor<1x3x3x?xf32> {
  // expected-error @+2 {{'tessera.pade_conv2d' op cannot be lowered: the input height and width must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.pade_conv2d'}}
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0
      : (tensor<1x2x5x?xf32>, tensor<2x3x2x3x3xf32>, tensor<1x3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x3x?xf32>
  return %y : tensor<1x3x3x?xf32>
}

// -----

func.func @pade_dynamic_kernel(%x: tensor<1x2x5x5xf32>, %wp: tensor<2x3x2x3x?xf32>, %wq: tensor<1x3x2x3x?xf32>, %w0: tensor<3xf32>) -> tensor<1x3x3x?xf32> {
  // expected-error @+2 {{'tessera.pade_conv2d' op cannot be lowered: the kernel size must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.pade_conv2d'}}
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0
      : (tensor<1x2x5x5xf32>, tensor<2x3x2x3x?xf32>, tensor<1x3x2x3x?xf32>, tensor<3xf32>) -> tensor<1x3x3x?xf32>
  return %y : tensor<1x3x3x?xf32>
}
