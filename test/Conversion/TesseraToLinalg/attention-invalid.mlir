// RUN: tessera-opt %s --tessera-to-linalg --split-input-file -verify-diagnostics

// kronecker_attention needs static channels, height and width (the H + W
// summary tokens and the split of the outputs).
func.func @dynamic_height(%x: tensor<1x3x?x5xf32>, %wq: tensor<8x3xf32>,
                          %wk: tensor<8x3xf32>, %wv: tensor<8x3xf32>,
                          %wo: tensor<3x8xf32>) -> tensor<1x3x?x5xf32> {
  // expected-error @+2 {{'tessera.kronecker_attention' op cannot be lowered: the input channels, height and width must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.kronecker_attention'}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2
      : (tensor<1x3x?x5xf32>, tensor<8x3xf32>, tensor<8x3xf32>,
         tensor<8x3xf32>, tensor<3x8xf32>) -> tensor<1x3x?x5xf32>
  return %y : tensor<1x3x?x5xf32>
}

// -----

func.func @dynamic_channels(%x: tensor<1x?x4x5xf32>, %wq: tensor<8x3xf32>,
                            %wk: tensor<8x3xf32>, %wv: tensor<8x3xf32>,
                            %wo: tensor<3x8xf32>) -> tensor<1x?x4x5xf32> {
  // expected-error @+2 {{cannot be lowered: the input channels, height and width must be static}}
  // expected-error @+1 {{failed to legalize operation 'tessera.kronecker_attention'}}
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 2
      : (tensor<1x?x4x5xf32>, tensor<8x3xf32>, tensor<8x3xf32>,
         tensor<8x3xf32>, tensor<3x8xf32>) -> tensor<1x?x4x5xf32>
  return %y : tensor<1x?x4x5xf32>
}

// -----

// The projection width heads*dh (dim 0 of wq) must be static to split the
// heads.
func.func @dynamic_width(%x: tensor<1x3x4x5xf32>, %wq: tensor<?x3xf32>,
                         %wk: tensor<8x3xf32>, %wv: tensor<8x3xf32>,
                         %wo: tensor<3x8xf32>) -> tensor<1x3x4x5xf32> {
  // expected-error @+2 {{'tessera.kronecker_attention' op cannot be lowered: the projection width heads*dh must be static to split the heads}}
  // expected-error @+1 {{failed to legalize operation 'tessera.kronecker_attention'}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2
      : (tensor<1x3x4x5xf32>, tensor<?x3xf32>, tensor<8x3xf32>,
         tensor<8x3xf32>, tensor<3x8xf32>) -> tensor<1x3x4x5xf32>
  return %y : tensor<1x3x4x5xf32>
}
