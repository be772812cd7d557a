// End-to-end numerics of binary_matmul / binary_conv2d (OPERATORS.md
// section 6, BinaryOps.td) against the float64 +-1 references of
// golden/binary.py. The lowering computes the dot products as
// XNOR-popcount over packed i64 words; the references multiply +-1 values
// (and zero-pad the binarised conv input with 0), so the comparison checks
// the packing, the masking of the last word and the exact zero padding.
// binary-words32.test runs these functions with 32-bit words on the CPU.

// ---- binary_matmul --------------------------------------------------------

// K = 64: exactly one word; exact zeros in x and W (sign(0) = +1).
// RUN: %check --model %s --entry matmul_k64 --golden binary:matmul_k64 --workdir %t --aot
func.func @matmul_k64(%x: tensor<4x64xf32>, %w: tensor<6x64xf32>)
    -> tensor<4x6xf32> {
  %y = tessera.binary_matmul %x, %w
      : (tensor<4x64xf32>, tensor<6x64xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// K = 100: one full and one partial word (the unused 28 bits are masked).
// RUN: %check --model %s --entry matmul_k100_alpha --golden binary:matmul_k100_alpha --workdir %t --aot
func.func @matmul_k100_alpha(%x: tensor<3x100xf32>, %w: tensor<5x100xf32>,
                             %a: tensor<5xf32>) -> tensor<3x5xf32> {
  %y = tessera.binary_matmul %x, %w alpha %a
      : (tensor<3x100xf32>, tensor<5x100xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// K = 7 (a single partial word), input scaling (mean |x| of each row).
// RUN: %check --model %s --entry matmul_k7_scaling --golden binary:matmul_k7_scaling --workdir %t --aot
func.func @matmul_k7_scaling(%x: tensor<5x7xf32>, %w: tensor<3x7xf32>)
    -> tensor<5x3xf32> {
  %y = tessera.binary_matmul %x, %w input_scaling
      : (tensor<5x7xf32>, tensor<3x7xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// Rank-3 [B, T, K] input with alpha and input scaling.
// RUN: %check --model %s --entry matmul_rank3_alpha_scaling --golden binary:matmul_rank3_alpha_scaling --workdir %t --aot
func.func @matmul_rank3_alpha_scaling(%x: tensor<2x3x100xf32>,
                                      %w: tensor<4x100xf32>,
                                      %a: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %y = tessera.binary_matmul %x, %w alpha %a input_scaling
      : (tensor<2x3x100xf32>, tensor<4x100xf32>, tensor<4xf32>)
      -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// A rank-1 [K] input, input scaling (one mean |x| for the whole vector).
// RUN: %check --model %s --entry matmul_rank1 --golden binary:matmul_rank1 --workdir %t --aot
func.func @matmul_rank1(%x: tensor<37xf32>, %w: tensor<4x37xf32>)
    -> tensor<4xf32> {
  %y = tessera.binary_matmul %x, %w input_scaling
      : (tensor<37xf32>, tensor<4x37xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// Dynamic batch dims: the op sees [?, ?, 70] (the cast happens before the
// lowering, so the lowering's tensor.dim paths run).
// RUN: %check --model %s --entry matmul_dynamic_batch --golden binary:matmul_dynamic_batch --workdir %t --aot
func.func @matmul_dynamic_batch(%x: tensor<3x2x70xf32>, %w: tensor<5x70xf32>)
    -> tensor<3x2x5xf32> {
  %xd = tensor.cast %x : tensor<3x2x70xf32> to tensor<?x?x70xf32>
  %y = tessera.binary_matmul %xd, %w input_scaling
      : (tensor<?x?x70xf32>, tensor<5x70xf32>) -> tensor<?x?x5xf32>
  %ys = tensor.cast %y : tensor<?x?x5xf32> to tensor<3x2x5xf32>
  return %ys : tensor<3x2x5xf32>
}

// K = 257: four whole words and one bit.
// RUN: %check --model %s --entry matmul_k257 --golden binary:matmul_k257 --workdir %t --aot
func.func @matmul_k257(%x: tensor<9x257xf32>, %w: tensor<16x257xf32>)
    -> tensor<9x16xf32> {
  %y = tessera.binary_matmul %x, %w input_scaling
      : (tensor<9x257xf32>, tensor<16x257xf32>) -> tensor<9x16xf32>
  return %y : tensor<9x16xf32>
}

// BiPer with the default omega 20; exact zeros in W (sin(0) = 0 -> +1).
// RUN: %check --model %s --entry matmul_periodic_omega20 --golden binary:matmul_periodic_omega20 --workdir %t --aot
func.func @matmul_periodic_omega20(%x: tensor<4x130xf32>,
                                   %w: tensor<8x130xf32>) -> tensor<4x8xf32> {
  %y = tessera.binary_matmul %x, %w transform periodic
      : (tensor<4x130xf32>, tensor<8x130xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// BiPer with omega 3, input scaling, alpha = mean |W| (untransformed).
// RUN: %check --model %s --entry matmul_periodic_omega3 --golden binary:matmul_periodic_omega3 --workdir %t --aot
func.func @matmul_periodic_omega3(%x: tensor<3x65xf32>, %w: tensor<5x65xf32>)
    -> tensor<3x5xf32> {
  %y = tessera.binary_matmul %x, %w input_scaling transform periodic
      {omega = 3.0 : f32}
      : (tensor<3x65xf32>, tensor<5x65xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// Constant weights (golden/binary.py CONST_W_MATMUL), with a zero weight.
// RUN: %check --model %s --entry matmul_const_weight --golden binary:matmul_const_weight --workdir %t --aot
func.func @matmul_const_weight(%x: tensor<2x5xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<[[0.5, -1.0, 0.0, 2.0, -0.25],
                             [-0.5, -1.5, 1.0, 0.75, 3.0],
                             [1.0, 1.0, 1.0, -1.0, -1.0]]> : tensor<3x5xf32>
  %y = tessera.binary_matmul %x, %w input_scaling
      : (tensor<2x5xf32>, tensor<3x5xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// ---- binary_conv2d --------------------------------------------------------
// Every padded case's golden asserts that its result differs from the
// (wrong) computation that pads the binarised input with +1.

// 3x3, padding 1: padded taps contribute 0; exact zeros in x are +1.
// RUN: %check --model %s --entry conv_3x3_pad1 --golden binary:conv_3x3_pad1 --workdir %t --aot
func.func @conv_3x3_pad1(%x: tensor<1x3x6x7xf32>, %w: tensor<4x3x3x3xf32>)
    -> tensor<1x4x6x7xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1]
      : (tensor<1x3x6x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x7xf32>
  return %y : tensor<1x4x6x7xf32>
}

// Batch 2, stride 2, padding 1, Cin 5 (45 taps).
// RUN: %check --model %s --entry conv_stride2 --golden binary:conv_stride2 --workdir %t --aot
func.func @conv_stride2(%x: tensor<2x5x9x8xf32>, %w: tensor<3x5x3x3xf32>)
    -> tensor<2x3x5x4xf32> {
  %y = tessera.binary_conv2d %x, %w stride [2, 2] padding [1, 1]
      : (tensor<2x5x9x8xf32>, tensor<3x5x3x3xf32>) -> tensor<2x3x5x4xf32>
  return %y : tensor<2x3x5x4xf32>
}

// Dilation 2, padding 2.
// RUN: %check --model %s --entry conv_dilation2 --golden binary:conv_dilation2 --workdir %t --aot
func.func @conv_dilation2(%x: tensor<1x4x9x9xf32>, %w: tensor<2x4x3x3xf32>)
    -> tensor<1x2x9x9xf32> {
  %y = tessera.binary_conv2d %x, %w padding [2, 2] dilation [2, 2]
      : (tensor<1x4x9x9xf32>, tensor<2x4x3x3xf32>) -> tensor<1x2x9x9xf32>
  return %y : tensor<1x2x9x9xf32>
}

// 1x1 kernel, Cin 70 (one full and one partial word), alpha, batch 2.
// RUN: %check --model %s --entry conv_1x1_alpha --golden binary:conv_1x1_alpha --workdir %t --aot
func.func @conv_1x1_alpha(%x: tensor<2x70x5x4xf32>, %w: tensor<6x70x1x1xf32>,
                          %a: tensor<6xf32>) -> tensor<2x6x5x4xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a
      : (tensor<2x70x5x4xf32>, tensor<6x70x1x1xf32>, tensor<6xf32>)
      -> tensor<2x6x5x4xf32>
  return %y : tensor<2x6x5x4xf32>
}

// 1x1 kernel with padding 1: the border outputs see only zero padding.
// RUN: %check --model %s --entry conv_1x1_pad1 --golden binary:conv_1x1_pad1 --workdir %t --aot
func.func @conv_1x1_pad1(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>)
    -> tensor<1x2x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1]
      : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}

// Cin 10 (90 taps: two words), padding 1, input scaling (K), zeros in x.
// RUN: %check --model %s --entry conv_cin10_scaling --golden binary:conv_cin10_scaling --workdir %t --aot
func.func @conv_cin10_scaling(%x: tensor<2x10x6x6xf32>,
                              %w: tensor<5x10x3x3xf32>) -> tensor<2x5x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      : (tensor<2x10x6x6xf32>, tensor<5x10x3x3xf32>) -> tensor<2x5x6x6xf32>
  return %y : tensor<2x5x6x6xf32>
}

// K with stride 2, padding 2, dilation 2, and alpha.
// RUN: %check --model %s --entry conv_scaling_stride_dilation --golden binary:conv_scaling_stride_dilation --workdir %t --aot
func.func @conv_scaling_stride_dilation(%x: tensor<1x3x11x10xf32>,
                                        %w: tensor<4x3x3x3xf32>,
                                        %a: tensor<4xf32>)
    -> tensor<1x4x6x5xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a stride [2, 2] padding [2, 2]
      dilation [2, 2] input_scaling
      : (tensor<1x3x11x10xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>)
      -> tensor<1x4x6x5xf32>
  return %y : tensor<1x4x6x5xf32>
}

// 3x2 kernel, stride [2, 1], padding [1, 0], dilation [1, 2], input scaling.
// RUN: %check --model %s --entry conv_asymmetric --golden binary:conv_asymmetric --workdir %t --aot
func.func @conv_asymmetric(%x: tensor<2x3x8x9xf32>, %w: tensor<3x3x3x2xf32>)
    -> tensor<2x3x4x7xf32> {
  %y = tessera.binary_conv2d %x, %w stride [2, 1] padding [1, 0]
      dilation [1, 2] input_scaling
      : (tensor<2x3x8x9xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x4x7xf32>
  return %y : tensor<2x3x4x7xf32>
}

// Cin 64, 3x3: one whole word per pixel, 9 tap words; padding 1.
// RUN: %check --model %s --entry conv_cin64 --golden binary:conv_cin64 --workdir %t --aot
func.func @conv_cin64(%x: tensor<1x64x5x5xf32>, %w: tensor<8x64x3x3xf32>)
    -> tensor<1x8x5x5xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1]
      : (tensor<1x64x5x5xf32>, tensor<8x64x3x3xf32>) -> tensor<1x8x5x5xf32>
  return %y : tensor<1x8x5x5xf32>
}

// Large enough for the GPUs' workgroup tiles (Cout 40 and 10 x 9 = 90
// output positions: 32 x 32 tiles of the XNOR-popcount contraction, with
// ragged edges; K = 9 tap words of 64 bits, 18 of 32, shallower than a
// 32-deep slice), Cin 64, padding 1 (the padding correction on every
// border position) and alpha.
// RUN: %check --model %s --entry conv_tiled --golden binary:conv_tiled --workdir %t --aot
func.func @conv_tiled(%x: tensor<1x64x10x9xf32>, %w: tensor<40x64x3x3xf32>,
                      %a: tensor<40xf32>) -> tensor<1x40x10x9xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a padding [1, 1]
      : (tensor<1x64x10x9xf32>, tensor<40x64x3x3xf32>, tensor<40xf32>)
      -> tensor<1x40x10x9xf32>
  return %y : tensor<1x40x10x9xf32>
}

// Cin 70: two words per pixel (the second with 6 channels; three with
// 32-bit words), 3x3, batch 2, stride 2, padding 1, input scaling, zeros
// in x.
// RUN: %check --model %s --entry conv_cin70_3x3 --golden binary:conv_cin70_3x3 --workdir %t --aot
func.func @conv_cin70_3x3(%x: tensor<2x70x7x6xf32>, %w: tensor<5x70x3x3xf32>)
    -> tensor<2x5x4x3xf32> {
  %y = tessera.binary_conv2d %x, %w stride [2, 2] padding [1, 1]
      input_scaling
      : (tensor<2x70x7x6xf32>, tensor<5x70x3x3xf32>) -> tensor<2x5x4x3xf32>
  return %y : tensor<2x5x4x3xf32>
}

// Cin 130: three words per pixel (a whole middle word), dilation 2,
// padding 2, alpha.
// RUN: %check --model %s --entry conv_cin130_dilation2 --golden binary:conv_cin130_dilation2 --workdir %t --aot
func.func @conv_cin130_dilation2(%x: tensor<1x130x7x7xf32>,
                                 %w: tensor<4x130x3x3xf32>, %a: tensor<4xf32>)
    -> tensor<1x4x7x7xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a padding [2, 2] dilation [2, 2]
      : (tensor<1x130x7x7xf32>, tensor<4x130x3x3xf32>, tensor<4xf32>)
      -> tensor<1x4x7x7xf32>
  return %y : tensor<1x4x7x7xf32>
}

// Cin 33 (one bit past a 32-bit word), 2x3 kernel, padding [0, 1].
// RUN: %check --model %s --entry conv_cin33_2x3 --golden binary:conv_cin33_2x3 --workdir %t --aot
func.func @conv_cin33_2x3(%x: tensor<1x33x5x5xf32>, %w: tensor<3x33x2x3xf32>)
    -> tensor<1x3x4x5xf32> {
  %y = tessera.binary_conv2d %x, %w padding [0, 1]
      : (tensor<1x33x5x5xf32>, tensor<3x33x2x3xf32>) -> tensor<1x3x4x5xf32>
  return %y : tensor<1x3x4x5xf32>
}

// BiPer, default omega 20, padding 1; zeros in W and x.
// RUN: %check --model %s --entry conv_periodic_omega20 --golden binary:conv_periodic_omega20 --workdir %t --aot
func.func @conv_periodic_omega20(%x: tensor<1x4x5x6xf32>,
                                 %w: tensor<3x4x3x3xf32>) -> tensor<1x3x5x6xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1] transform periodic
      : (tensor<1x4x5x6xf32>, tensor<3x4x3x3xf32>) -> tensor<1x3x5x6xf32>
  return %y : tensor<1x3x5x6xf32>
}

// BiPer, omega 3, input scaling, stride 2, padding 1.
// RUN: %check --model %s --entry conv_periodic_omega3 --golden binary:conv_periodic_omega3 --workdir %t --aot
func.func @conv_periodic_omega3(%x: tensor<2x3x7x7xf32>,
                                %w: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  %y = tessera.binary_conv2d %x, %w stride [2, 2] padding [1, 1] input_scaling
      transform periodic {omega = 3.0 : f32}
      : (tensor<2x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32>
  return %y : tensor<2x4x4x4xf32>
}

// Dynamic batch: the op sees [?, 2, 7, 6]; stride 2, padding 1, input
// scaling, alpha.
// RUN: %check --model %s --entry conv_dynamic_batch --golden binary:conv_dynamic_batch --workdir %t --aot
func.func @conv_dynamic_batch(%x: tensor<3x2x7x6xf32>, %w: tensor<4x2x3x3xf32>,
                              %a: tensor<4xf32>) -> tensor<3x4x4x3xf32> {
  %xd = tensor.cast %x : tensor<3x2x7x6xf32> to tensor<?x2x7x6xf32>
  %y = tessera.binary_conv2d %xd, %w alpha %a stride [2, 2] padding [1, 1]
      input_scaling
      : (tensor<?x2x7x6xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>)
      -> tensor<?x4x4x3xf32>
  %ys = tensor.cast %y : tensor<?x4x4x3xf32> to tensor<3x4x4x3xf32>
  return %ys : tensor<3x4x4x3xf32>
}

// Constant weights (golden/binary.py CONST_W_CONV), 2x2 kernel, padding 1,
// input scaling.
// RUN: %check --model %s --entry conv_const_weight --golden binary:conv_const_weight --workdir %t --aot
func.func @conv_const_weight(%x: tensor<1x1x4x5xf32>) -> tensor<1x2x5x6xf32> {
  %w = arith.constant dense<[[[[1.0, -2.0], [0.0, 0.5]]],
                             [[[-1.0, -1.0], [2.0, -0.5]]]]> : tensor<2x1x2x2xf32>
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      : (tensor<1x1x4x5xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x5x6xf32>
  return %y : tensor<1x2x5x6xf32>
}
