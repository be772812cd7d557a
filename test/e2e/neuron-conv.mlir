// End-to-end numerics of tessera.quadratic_conv2d (OPERATORS.md section 4,
// NeuronOps.td) against the float64 numpy reference of golden/neuron.py
// (explicit patch-by-patch convolutions of the zero-padded input, PyTorch's
// stride / padding / dilation / groups; every padded case also checks that
// a wrong padding value would change the result).
// These cases use --atol 1e-5 besides the relative 1e-4: their O(1)
// outputs are sums and products of O(1) f32 terms that can cancel to
// nearly 0 at a few points, where only an absolute bound is meaningful.
// (The neuron ops' cases are split over neuron.mlir, neuron-conv.mlir,
// neuron-pau.mlir and neuron-pade.mlir so that each RUN line compiles a
// small module.)

// fan, 3x3, padding 1 (x and x*x zero padded).
// RUN: %check --model %s --entry qc_fan_pad1 --golden neuron:qc_fan_pad1 --workdir %t --aot --atol 1e-5
func.func @qc_fan_pad1(
    %x: tensor<1x3x6x6xf32>,
    %w0: tensor<4x3x3x3xf32>,
    %w1: tensor<4x3x3x3xf32>,
    %w2: tensor<4x3x3x3xf32>,
    %b0: tensor<4xf32>,
    %b1: tensor<4xf32>,
    %b2: tensor<4xf32>)
    -> tensor<1x4x6x6xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%w0, %w1, %w2) biases(%b0, %b1, %b2) padding [1, 1]
      : (tensor<1x3x6x6xf32>, tensor<4x3x3x3xf32>, tensor<4x3x3x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// fan without biases, stride 2, batch 2.
// RUN: %check --model %s --entry qc_fan_nobias_stride2 --golden neuron:qc_fan_nobias_stride2 --workdir %t --aot --atol 1e-5
func.func @qc_fan_nobias_stride2(
    %x: tensor<2x2x7x7xf32>,
    %w0: tensor<3x2x3x3xf32>,
    %w1: tensor<3x2x3x3xf32>,
    %w2: tensor<3x2x3x3xf32>)
    -> tensor<2x3x3x3xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%w0, %w1, %w2) stride [2, 2]
      : (tensor<2x2x7x7xf32>, tensor<3x2x3x3xf32>, tensor<3x2x3x3xf32>, tensor<3x2x3x3xf32>)
      -> tensor<2x3x3x3xf32>
  return %y : tensor<2x3x3x3xf32>
}

// fan, groups 2, padding 1.
// RUN: %check --model %s --entry qc_fan_groups2 --golden neuron:qc_fan_groups2 --workdir %t --aot --atol 1e-5
func.func @qc_fan_groups2(
    %x: tensor<1x4x5x5xf32>,
    %w0: tensor<6x2x3x3xf32>,
    %w1: tensor<6x2x3x3xf32>,
    %w2: tensor<6x2x3x3xf32>,
    %b0: tensor<6xf32>,
    %b1: tensor<6xf32>,
    %b2: tensor<6xf32>)
    -> tensor<1x6x5x5xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%w0, %w1, %w2) biases(%b0, %b1, %b2) padding [1, 1] groups 2
      : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>, tensor<6x2x3x3xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>)
      -> tensor<1x6x5x5xf32>
  return %y : tensor<1x6x5x5xf32>
}

// compact, dilation 2, odd width.
// RUN: %check --model %s --entry qc_compact_dil2 --golden neuron:qc_compact_dil2 --workdir %t --aot --atol 1e-5
func.func @qc_compact_dil2(
    %x: tensor<1x3x8x7xf32>,
    %w0: tensor<2x3x3x3xf32>,
    %w1: tensor<2x3x3x3xf32>,
    %b0: tensor<2xf32>)
    -> tensor<1x2x4x3xf32> {
  %y = tessera.quadratic_conv2d compact %x weights(%w0, %w1) biases(%b0) dilation [2, 2]
      : (tensor<1x3x8x7xf32>, tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>)
      -> tensor<1x2x4x3xf32>
  return %y : tensor<1x2x4x3xf32>
}

// compact without bias, 3x2 kernel, padding 1.
// RUN: %check --model %s --entry qc_compact_nobias_pad1 --golden neuron:qc_compact_nobias_pad1 --workdir %t --aot --atol 1e-5
func.func @qc_compact_nobias_pad1(
    %x: tensor<2x2x5x6xf32>,
    %w0: tensor<3x2x3x2xf32>,
    %w1: tensor<3x2x3x2xf32>)
    -> tensor<2x3x5x7xf32> {
  %y = tessera.quadratic_conv2d compact %x weights(%w0, %w1) padding [1, 1]
      : (tensor<2x2x5x6xf32>, tensor<3x2x3x2xf32>, tensor<3x2x3x2xf32>)
      -> tensor<2x3x5x7xf32>
  return %y : tensor<2x3x5x7xf32>
}

// square, groups 2.
// RUN: %check --model %s --entry qc_square_groups2 --golden neuron:qc_square_groups2 --workdir %t --aot --atol 1e-5
func.func @qc_square_groups2(
    %x: tensor<1x4x6x5xf32>,
    %w0: tensor<4x2x3x3xf32>,
    %b0: tensor<4xf32>)
    -> tensor<1x4x4x3xf32> {
  %y = tessera.quadratic_conv2d square %x weights(%w0) biases(%b0) groups 2
      : (tensor<1x4x6x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>)
      -> tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}

// square without bias, stride 2, padding 1.
// RUN: %check --model %s --entry qc_square_nobias_pad1_stride2 --golden neuron:qc_square_nobias_pad1_stride2 --workdir %t --aot --atol 1e-5
func.func @qc_square_nobias_pad1_stride2(
    %x: tensor<1x3x7x7xf32>,
    %w0: tensor<2x3x3x3xf32>)
    -> tensor<1x2x4x4xf32> {
  %y = tessera.quadratic_conv2d square %x weights(%w0) stride [2, 2] padding [1, 1]
      : (tensor<1x3x7x7xf32>, tensor<2x3x3x3xf32>)
      -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// power, stride 2, padding 1, groups 2, batch 2.
// RUN: %check --model %s --entry qc_power_s2_p1_g2 --golden neuron:qc_power_s2_p1_g2 --workdir %t --aot --atol 1e-5
func.func @qc_power_s2_p1_g2(
    %x: tensor<2x4x7x6xf32>,
    %w0: tensor<4x2x3x3xf32>,
    %b0: tensor<4xf32>)
    -> tensor<2x4x4x3xf32> {
  %y = tessera.quadratic_conv2d power %x weights(%w0) biases(%b0) stride [2, 2] padding [1, 1] groups 2
      : (tensor<2x4x7x6xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>)
      -> tensor<2x4x4x3xf32>
  return %y : tensor<2x4x4x3xf32>
}

// power without bias, dilation 2, padding 1.
// RUN: %check --model %s --entry qc_power_nobias_dil2_pad1 --golden neuron:qc_power_nobias_dil2_pad1 --workdir %t --aot --atol 1e-5
func.func @qc_power_nobias_dil2_pad1(
    %x: tensor<1x2x7x7xf32>,
    %w0: tensor<3x2x3x3xf32>)
    -> tensor<1x3x5x5xf32> {
  %y = tessera.quadratic_conv2d power %x weights(%w0) padding [1, 1] dilation [2, 2]
      : (tensor<1x2x7x7xf32>, tensor<3x2x3x3xf32>)
      -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// product, 2x2 kernel.
// RUN: %check --model %s --entry qc_product --golden neuron:qc_product --workdir %t --aot --atol 1e-5
func.func @qc_product(
    %x: tensor<1x3x5x5xf32>,
    %w0: tensor<4x3x2x2xf32>,
    %w1: tensor<4x3x2x2xf32>,
    %b0: tensor<4xf32>,
    %b1: tensor<4xf32>)
    -> tensor<1x4x4x4xf32> {
  %y = tessera.quadratic_conv2d product %x weights(%w0, %w1) biases(%b0, %b1)
      : (tensor<1x3x5x5xf32>, tensor<4x3x2x2xf32>, tensor<4x3x2x2xf32>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// product without biases, different stride / padding / dilation along H
// and W, 3x2 kernel, groups 3.
// RUN: %check --model %s --entry qc_product_nobias_mixed --golden neuron:qc_product_nobias_mixed --workdir %t --aot --atol 1e-5
func.func @qc_product_nobias_mixed(
    %x: tensor<1x6x9x8xf32>,
    %w0: tensor<3x2x3x2xf32>,
    %w1: tensor<3x2x3x2xf32>)
    -> tensor<1x3x5x6xf32> {
  %y = tessera.quadratic_conv2d product %x weights(%w0, %w1) stride [2, 1] padding [1, 0] dilation [1, 2] groups 3
      : (tensor<1x6x9x8xf32>, tensor<3x2x3x2xf32>, tensor<3x2x3x2xf32>)
      -> tensor<1x3x5x6xf32>
  return %y : tensor<1x3x5x6xf32>
}

// fan, 1x1 kernel, odd sizes, batch 3.
// RUN: %check --model %s --entry qc_fan_1x1 --golden neuron:qc_fan_1x1 --workdir %t --aot --atol 1e-5
func.func @qc_fan_1x1(
    %x: tensor<3x5x3x5xf32>,
    %w0: tensor<2x5x1x1xf32>,
    %w1: tensor<2x5x1x1xf32>,
    %w2: tensor<2x5x1x1xf32>,
    %b0: tensor<2xf32>,
    %b1: tensor<2xf32>,
    %b2: tensor<2xf32>)
    -> tensor<3x2x3x5xf32> {
  %y = tessera.quadratic_conv2d fan %x weights(%w0, %w1, %w2) biases(%b0, %b1, %b2)
      : (tensor<3x5x3x5xf32>, tensor<2x5x1x1xf32>, tensor<2x5x1x1xf32>, tensor<2x5x1x1xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
      -> tensor<3x2x3x5xf32>
  return %y : tensor<3x2x3x5xf32>
}

// compact on [2, 3, 5, 5] seen as [?, ?, 5, 5], padding 1.
// RUN: %check --model %s --entry qc_compact_dynamic --golden neuron:qc_compact_dynamic --workdir %t --aot --atol 1e-5
func.func @qc_compact_dynamic(
    %x: tensor<2x3x5x5xf32>,
    %w0: tensor<2x3x3x3xf32>,
    %w1: tensor<2x3x3x3xf32>,
    %b0: tensor<2xf32>)
    -> tensor<2x2x5x5xf32> {
  %xd = tensor.cast %x : tensor<2x3x5x5xf32> to tensor<?x?x5x5xf32>
  %yd = tessera.quadratic_conv2d compact %xd weights(%w0, %w1) biases(%b0) padding [1, 1]
      : (tensor<?x?x5x5xf32>, tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>)
      -> tensor<?x2x5x5xf32>
  %y = tensor.cast %yd : tensor<?x2x5x5xf32> to tensor<2x2x5x5xf32>
  return %y : tensor<2x2x5x5xf32>
}
