// RUN: tessera-opt %s --tessera-to-linalg --split-input-file -verify-diagnostics

// Dynamic input channels, no conv_channels and a weight of dynamic extents:
// c_p is unknown statically.
func.func @dynamic_partial_channels(%x: tensor<1x?x6x7xf32>,
                                    %w: tensor<?x?x3x3xf32>)
    -> tensor<1x?x6x7xf32> {
  // expected-error @+2 {{'tessera.partial_conv2d' op cannot be lowered: the number of convolved channels c_p must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.partial_conv2d'}}
  %y = tessera.partial_conv2d %x, %w
      : (tensor<1x?x6x7xf32>, tensor<?x?x3x3xf32>) -> tensor<1x?x6x7xf32>
  return %y : tensor<1x?x6x7xf32>
}
