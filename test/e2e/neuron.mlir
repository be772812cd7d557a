// End-to-end numerics of tessera.quadratic_linear (OPERATORS.md section 4,
// NeuronOps.td) against the float64 numpy reference of golden/neuron.py
// (x W^T with np.einsum, the variant table written out).
// These cases use --atol 1e-5 besides the relative 1e-4: their O(1)
// outputs are sums and products of O(1) f32 terms that can cancel to
// nearly 0 at a few points, where only an absolute bound is meaningful.
// (The neuron ops' cases are split over neuron.mlir, neuron-conv.mlir,
// neuron-pau.mlir and neuron-pade.mlir so that each RUN line compiles a
// small module.)

// fan, [5, 7] -> [5, 4] with biases.
// RUN: %check --model %s --entry ql_fan --golden neuron:ql_fan --workdir %t --aot --atol 1e-5
func.func @ql_fan(
    %x: tensor<5x7xf32>,
    %w0: tensor<4x7xf32>,
    %w1: tensor<4x7xf32>,
    %w2: tensor<4x7xf32>,
    %b0: tensor<4xf32>,
    %b1: tensor<4xf32>,
    %b2: tensor<4xf32>)
    -> tensor<5x4xf32> {
  %y = tessera.quadratic_linear fan %x weights(%w0, %w1, %w2) biases(%b0, %b1, %b2)
      : (tensor<5x7xf32>, tensor<4x7xf32>, tensor<4x7xf32>, tensor<4x7xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<5x4xf32>
  return %y : tensor<5x4xf32>
}

// fan without biases on a [B, T, in] input.
// RUN: %check --model %s --entry ql_fan_nobias_rank3 --golden neuron:ql_fan_nobias_rank3 --workdir %t --aot --atol 1e-5
func.func @ql_fan_nobias_rank3(
    %x: tensor<2x3x7xf32>,
    %w0: tensor<4x7xf32>,
    %w1: tensor<4x7xf32>,
    %w2: tensor<4x7xf32>)
    -> tensor<2x3x4xf32> {
  %y = tessera.quadratic_linear fan %x weights(%w0, %w1, %w2)
      : (tensor<2x3x7xf32>, tensor<4x7xf32>, tensor<4x7xf32>, tensor<4x7xf32>)
      -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// compact with its bias.
// RUN: %check --model %s --entry ql_compact --golden neuron:ql_compact --workdir %t --aot --atol 1e-5
func.func @ql_compact(
    %x: tensor<6x5xf32>,
    %w0: tensor<3x5xf32>,
    %w1: tensor<3x5xf32>,
    %b0: tensor<3xf32>)
    -> tensor<6x3xf32> {
  %y = tessera.quadratic_linear compact %x weights(%w0, %w1) biases(%b0)
      : (tensor<6x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>, tensor<3xf32>)
      -> tensor<6x3xf32>
  return %y : tensor<6x3xf32>
}

// compact without bias, batch 1.
// RUN: %check --model %s --entry ql_compact_nobias --golden neuron:ql_compact_nobias --workdir %t --aot --atol 1e-5
func.func @ql_compact_nobias(
    %x: tensor<1x9xf32>,
    %w0: tensor<6x9xf32>,
    %w1: tensor<6x9xf32>)
    -> tensor<1x6xf32> {
  %y = tessera.quadratic_linear compact %x weights(%w0, %w1)
      : (tensor<1x9xf32>, tensor<6x9xf32>, tensor<6x9xf32>)
      -> tensor<1x6xf32>
  return %y : tensor<1x6xf32>
}

// square: W (x*x) + b.
// RUN: %check --model %s --entry ql_square --golden neuron:ql_square --workdir %t --aot --atol 1e-5
func.func @ql_square(
    %x: tensor<4x8xf32>,
    %w0: tensor<5x8xf32>,
    %b0: tensor<5xf32>)
    -> tensor<4x5xf32> {
  %y = tessera.quadratic_linear square %x weights(%w0) biases(%b0)
      : (tensor<4x8xf32>, tensor<5x8xf32>, tensor<5xf32>)
      -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// square without bias on a rank-1 [in] input.
// RUN: %check --model %s --entry ql_square_nobias_rank1 --golden neuron:ql_square_nobias_rank1 --workdir %t --aot --atol 1e-5
func.func @ql_square_nobias_rank1(
    %x: tensor<7xf32>,
    %w0: tensor<3x7xf32>)
    -> tensor<3xf32> {
  %y = tessera.quadratic_linear square %x weights(%w0)
      : (tensor<7xf32>, tensor<3x7xf32>)
      -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// power: (W x + b)^2 on [B, T, in].
// RUN: %check --model %s --entry ql_power_rank3 --golden neuron:ql_power_rank3 --workdir %t --aot --atol 1e-5
func.func @ql_power_rank3(
    %x: tensor<2x3x6xf32>,
    %w0: tensor<5x6xf32>,
    %b0: tensor<5xf32>)
    -> tensor<2x3x5xf32> {
  %y = tessera.quadratic_linear power %x weights(%w0) biases(%b0)
      : (tensor<2x3x6xf32>, tensor<5x6xf32>, tensor<5xf32>)
      -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// power without bias.
// RUN: %check --model %s --entry ql_power_nobias --golden neuron:ql_power_nobias --workdir %t --aot --atol 1e-5
func.func @ql_power_nobias(
    %x: tensor<3x5xf32>,
    %w0: tensor<2x5xf32>)
    -> tensor<3x2xf32> {
  %y = tessera.quadratic_linear power %x weights(%w0)
      : (tensor<3x5xf32>, tensor<2x5xf32>)
      -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// product with both biases.
// RUN: %check --model %s --entry ql_product --golden neuron:ql_product --workdir %t --aot --atol 1e-5
func.func @ql_product(
    %x: tensor<4x6xf32>,
    %w0: tensor<5x6xf32>,
    %w1: tensor<5x6xf32>,
    %b0: tensor<5xf32>,
    %b1: tensor<5xf32>)
    -> tensor<4x5xf32> {
  %y = tessera.quadratic_linear product %x weights(%w0, %w1) biases(%b0, %b1)
      : (tensor<4x6xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<5xf32>, tensor<5xf32>)
      -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// product without biases.
// RUN: %check --model %s --entry ql_product_nobias --golden neuron:ql_product_nobias --workdir %t --aot --atol 1e-5
func.func @ql_product_nobias(
    %x: tensor<3x5xf32>,
    %w0: tensor<4x5xf32>,
    %w1: tensor<4x5xf32>)
    -> tensor<3x4xf32> {
  %y = tessera.quadratic_linear product %x weights(%w0, %w1)
      : (tensor<3x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>)
      -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// fan on a [3, 2, 5] input seen as [?, ?, 5] (dynamic batch dims).
// RUN: %check --model %s --entry ql_fan_dynamic --golden neuron:ql_fan_dynamic --workdir %t --aot --atol 1e-5
func.func @ql_fan_dynamic(
    %x: tensor<3x2x5xf32>,
    %w0: tensor<4x5xf32>,
    %w1: tensor<4x5xf32>,
    %w2: tensor<4x5xf32>,
    %b0: tensor<4xf32>,
    %b1: tensor<4xf32>,
    %b2: tensor<4xf32>)
    -> tensor<3x2x4xf32> {
  %xd = tensor.cast %x : tensor<3x2x5xf32> to tensor<?x?x5xf32>
  %yd = tessera.quadratic_linear fan %xd weights(%w0, %w1, %w2) biases(%b0, %b1, %b2)
      : (tensor<?x?x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<?x?x4xf32>
  %y = tensor.cast %yd : tensor<?x?x4xf32> to tensor<3x2x4xf32>
  return %y : tensor<3x2x4xf32>
}
