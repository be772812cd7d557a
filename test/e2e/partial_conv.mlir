// End-to-end numerics of partial_conv2d (OPERATORS.md section 3,
// ConvOps.td) against the float64 loop reference of golden/partial_conv.py:
// channels [0, c_p) convolved (stride 1, zero padding k/2, no bias),
// channels [c_p, C) copied unchanged. Covers the default n_div, other n_div,
// C not divisible by n_div, explicit conv_channels (also = C), k = 1, 3, 5,
// batch 1 and 2, odd and 1x1 images.
// Outputs are O(1); --atol 1e-5 covers the f32 rounding of the tap sums where
// an output cancels to ~1e-4 (observed max abs errors <= 1e-6). The copied
// channels are identical bit for bit.

// FasterNet-T0 stage 1: C = 40, n_div 4 (default) -> c_p = 10, 3x3.
// RUN: %check --model %s --entry fasternet_c40_k3 --golden partial_conv:fasternet_c40_k3 --workdir %t --aot --atol 1e-5
func.func @fasternet_c40_k3(%x: tensor<1x40x14x14xf32>, %w: tensor<10x10x3x3xf32>)
    -> tensor<1x40x14x14xf32> {
  %y = tessera.partial_conv2d %x, %w
      : (tensor<1x40x14x14xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x14x14xf32>
  return %y : tensor<1x40x14x14xf32>
}

// C = 10 not divisible by n_div 4: c_p = 2; batch 2, odd H = 7, W = 9.
// RUN: %check --model %s --entry c10_not_divisible_batch2 --golden partial_conv:c10_not_divisible_batch2 --workdir %t --aot --atol 1e-5
func.func @c10_not_divisible_batch2(%x: tensor<2x10x7x9xf32>, %w: tensor<2x2x3x3xf32>)
    -> tensor<2x10x7x9xf32> {
  %y = tessera.partial_conv2d %x, %w
      : (tensor<2x10x7x9xf32>, tensor<2x2x3x3xf32>) -> tensor<2x10x7x9xf32>
  return %y : tensor<2x10x7x9xf32>
}

// n_div = 2 -> c_p = 3; 5x5 kernel (padding 2) on a 5x3 image narrower than it.
// RUN: %check --model %s --entry n_div2_k5_odd --golden partial_conv:n_div2_k5_odd --workdir %t --aot --atol 1e-5
func.func @n_div2_k5_odd(%x: tensor<1x6x5x3xf32>, %w: tensor<3x3x5x5xf32>)
    -> tensor<1x6x5x3xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 2 : i64}
      : (tensor<1x6x5x3xf32>, tensor<3x3x5x5xf32>) -> tensor<1x6x5x3xf32>
  return %y : tensor<1x6x5x3xf32>
}

// Explicit conv_channels = 5 of C = 8; 1x1 kernel (no padding); batch 2.
// RUN: %check --model %s --entry conv_channels_k1 --golden partial_conv:conv_channels_k1 --workdir %t --aot --atol 1e-5
func.func @conv_channels_k1(%x: tensor<2x8x3x5xf32>, %w: tensor<5x5x1x1xf32>)
    -> tensor<2x8x3x5xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 5 : i64}
      : (tensor<2x8x3x5xf32>, tensor<5x5x1x1xf32>) -> tensor<2x8x3x5xf32>
  return %y : tensor<2x8x3x5xf32>
}

// conv_channels = C: every channel convolved, nothing passes through.
// RUN: %check --model %s --entry conv_channels_all_k3 --golden partial_conv:conv_channels_all_k3 --workdir %t --aot --atol 1e-5
func.func @conv_channels_all_k3(%x: tensor<1x4x6x5xf32>, %w: tensor<4x4x3x3xf32>)
    -> tensor<1x4x6x5xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 4 : i64}
      : (tensor<1x4x6x5xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x5xf32>
  return %y : tensor<1x4x6x5xf32>
}

// H = W = 1 with n_div = 3 (c_p = 3): only the centre tap sees the image.
// RUN: %check --model %s --entry single_pixel_k3 --golden partial_conv:single_pixel_k3 --workdir %t --aot --atol 1e-5
func.func @single_pixel_k3(%x: tensor<2x9x1x1xf32>, %w: tensor<3x3x3x3xf32>)
    -> tensor<2x9x1x1xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 3 : i64}
      : (tensor<2x9x1x1xf32>, tensor<3x3x3x3xf32>) -> tensor<2x9x1x1xf32>
  return %y : tensor<2x9x1x1xf32>
}

