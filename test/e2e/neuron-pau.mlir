// End-to-end numerics of tessera.pau (OPERATORS.md section 5, NeuronOps.td)
// against the float64 numpy reference of golden/neuron.py (explicit powers
// x^j, no Horner), per tensor and per channel, safe / abs / unsafe.

// PAU's default coefficients (leaky ReLU), per tensor, safe.
// RUN: %check --model %s --entry pau_default_safe --golden neuron:pau_default_safe --workdir %t --aot
func.func @pau_default_safe(
    %x: tensor<4x9xf32>,
    %a: tensor<6xf32>,
    %b: tensor<4xf32>)
    -> tensor<4x9xf32> {
  %y = tessera.pau safe %x, %a, %b
      : (tensor<4x9xf32>, tensor<6xf32>, tensor<4xf32>)
      -> tensor<4x9xf32>
  return %y : tensor<4x9xf32>
}

// Default coefficients, abs.
// RUN: %check --model %s --entry pau_default_abs --golden neuron:pau_default_abs --workdir %t --aot
func.func @pau_default_abs(
    %x: tensor<4x9xf32>,
    %a: tensor<6xf32>,
    %b: tensor<4xf32>)
    -> tensor<4x9xf32> {
  %y = tessera.pau abs %x, %a, %b
      : (tensor<4x9xf32>, tensor<6xf32>, tensor<4xf32>)
      -> tensor<4x9xf32>
  return %y : tensor<4x9xf32>
}

// Default coefficients, unsafe, rank 1.
// RUN: %check --model %s --entry pau_default_unsafe --golden neuron:pau_default_unsafe --workdir %t --aot
func.func @pau_default_unsafe(
    %x: tensor<37xf32>,
    %a: tensor<6xf32>,
    %b: tensor<4xf32>)
    -> tensor<37xf32> {
  %y = tessera.pau unsafe %x, %a, %b
      : (tensor<37xf32>, tensor<6xf32>, tensor<4xf32>)
      -> tensor<37xf32>
  return %y : tensor<37xf32>
}

// Random coefficients (m = 5, n = 4), safe.
// RUN: %check --model %s --entry pau_random_safe --golden neuron:pau_random_safe --workdir %t --aot
func.func @pau_random_safe(
    %x: tensor<2x3x5xf32>,
    %a: tensor<6xf32>,
    %b: tensor<4xf32>)
    -> tensor<2x3x5xf32> {
  %y = tessera.pau safe %x, %a, %b
      : (tensor<2x3x5xf32>, tensor<6xf32>, tensor<4xf32>)
      -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// Random coefficients (m = 3, n = 2), abs.
// RUN: %check --model %s --entry pau_random_abs --golden neuron:pau_random_abs --workdir %t --aot
func.func @pau_random_abs(
    %x: tensor<2x3x5xf32>,
    %a: tensor<4xf32>,
    %b: tensor<2xf32>)
    -> tensor<2x3x5xf32> {
  %y = tessera.pau abs %x, %a, %b
      : (tensor<2x3x5xf32>, tensor<4xf32>, tensor<2xf32>)
      -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// Random coefficients, unsafe (Q kept away from 0).
// RUN: %check --model %s --entry pau_random_unsafe --golden neuron:pau_random_unsafe --workdir %t --aot
func.func @pau_random_unsafe(
    %x: tensor<3x8xf32>,
    %a: tensor<6xf32>,
    %b: tensor<4xf32>)
    -> tensor<3x8xf32> {
  %y = tessera.pau unsafe %x, %a, %b
      : (tensor<3x8xf32>, tensor<6xf32>, tensor<4xf32>)
      -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}

// unsafe at an exact root of Q = 1 - x: +-inf (P != 0) and NaN (P = 0),
// per channel along axis 0.
// RUN: %check --model %s --entry pau_unsafe_pole --golden neuron:pau_unsafe_pole --workdir %t --aot
func.func @pau_unsafe_pole(
    %x: tensor<2x4xf32>,
    %a: tensor<2x2xf32>,
    %b: tensor<2x1xf32>)
    -> tensor<2x4xf32> {
  %y = tessera.pau unsafe %x, %a, %b channel_axis 0
      : (tensor<2x4xf32>, tensor<2x2xf32>, tensor<2x1xf32>)
      -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// Per channel along axis 1 of NCHW, safe.
// RUN: %check --model %s --entry pau_axis1_nchw_safe --golden neuron:pau_axis1_nchw_safe --workdir %t --aot
func.func @pau_axis1_nchw_safe(
    %x: tensor<2x3x4x5xf32>,
    %a: tensor<3x6xf32>,
    %b: tensor<3x4xf32>)
    -> tensor<2x3x4x5xf32> {
  %y = tessera.pau safe %x, %a, %b channel_axis 1
      : (tensor<2x3x4x5xf32>, tensor<3x6xf32>, tensor<3x4xf32>)
      -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// Per channel along axis 1 of NCHW, abs.
// RUN: %check --model %s --entry pau_axis1_nchw_abs --golden neuron:pau_axis1_nchw_abs --workdir %t --aot
func.func @pau_axis1_nchw_abs(
    %x: tensor<2x3x4x5xf32>,
    %a: tensor<3x6xf32>,
    %b: tensor<3x4xf32>)
    -> tensor<2x3x4x5xf32> {
  %y = tessera.pau abs %x, %a, %b channel_axis 1
      : (tensor<2x3x4x5xf32>, tensor<3x6xf32>, tensor<3x4xf32>)
      -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// Per channel along the last axis, unsafe.
// RUN: %check --model %s --entry pau_axis_last_unsafe --golden neuron:pau_axis_last_unsafe --workdir %t --aot
func.func @pau_axis_last_unsafe(
    %x: tensor<2x5x4xf32>,
    %a: tensor<4x4xf32>,
    %b: tensor<4x3xf32>)
    -> tensor<2x5x4xf32> {
  %y = tessera.pau unsafe %x, %a, %b channel_axis 2
      : (tensor<2x5x4xf32>, tensor<4x4xf32>, tensor<4x3xf32>)
      -> tensor<2x5x4xf32>
  return %y : tensor<2x5x4xf32>
}

// Per channel along axis 0 (two default sets, one random), abs.
// RUN: %check --model %s --entry pau_axis0_default_abs --golden neuron:pau_axis0_default_abs --workdir %t --aot
func.func @pau_axis0_default_abs(
    %x: tensor<3x11xf32>,
    %a: tensor<3x6xf32>,
    %b: tensor<3x4xf32>)
    -> tensor<3x11xf32> {
  %y = tessera.pau abs %x, %a, %b channel_axis 0
      : (tensor<3x11xf32>, tensor<3x6xf32>, tensor<3x4xf32>)
      -> tensor<3x11xf32>
  return %y : tensor<3x11xf32>
}

// n = 0 (an empty denominator, here a constant): F = P.
// RUN: %check --model %s --entry pau_n0 --golden neuron:pau_n0 --workdir %t --aot
func.func @pau_n0(
    %x: tensor<3x5xf32>,
    %a: tensor<4xf32>)
    -> tensor<3x5xf32> {
  %b = arith.constant dense<> : tensor<0xf32>
  %y = tessera.pau safe %x, %a, %b
      : (tensor<3x5xf32>, tensor<4xf32>, tensor<0xf32>)
      -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// m = 0: F = a_0 / Q, abs.
// RUN: %check --model %s --entry pau_m0 --golden neuron:pau_m0 --workdir %t --aot
func.func @pau_m0(
    %x: tensor<7xf32>,
    %a: tensor<1xf32>,
    %b: tensor<2xf32>)
    -> tensor<7xf32> {
  %y = tessera.pau abs %x, %a, %b
      : (tensor<7xf32>, tensor<1xf32>, tensor<2xf32>)
      -> tensor<7xf32>
  return %y : tensor<7xf32>
}

// Per channel, safe, with dynamic input dims and a dynamic channel count
// in the numerator.
// RUN: %check --model %s --entry pau_axis1_dynamic --golden neuron:pau_axis1_dynamic --workdir %t --aot
func.func @pau_axis1_dynamic(
    %x: tensor<2x3x4xf32>,
    %a: tensor<3x3xf32>,
    %b: tensor<3x2xf32>)
    -> tensor<2x3x4xf32> {
  %xd = tensor.cast %x : tensor<2x3x4xf32> to tensor<?x3x?xf32>
  %ad = tensor.cast %a : tensor<3x3xf32> to tensor<?x3xf32>
  %yd = tessera.pau safe %xd, %ad, %b channel_axis 1
      : (tensor<?x3x?xf32>, tensor<?x3xf32>, tensor<3x2xf32>)
      -> tensor<?x3x?xf32>
  %y = tensor.cast %yd : tensor<?x3x?xf32> to tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
