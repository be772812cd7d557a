// End-to-end numerics of tessera.pade_conv2d (OPERATORS.md section 5,
// NeuronOps.td) against the float64 numpy reference of golden/neuron.py
// (np.power, explicit patch-by-patch convolutions, Paon-A / Paon-S
// written out).
// These cases use --atol 1e-5 besides the relative 1e-4: their O(1)
// outputs are sums and products of O(1) f32 terms that can cancel to
// nearly 0 at a few points, where only an absolute bound is meaningful.
// (The neuron ops' cases are split over neuron.mlir, neuron-conv.mlir,
// neuron-pau.mlir and neuron-pade.mlir so that each RUN line compiles a
// small module.)

// Paon-A, M = Nq = 2, padding 1.
// RUN: %check --model %s --entry pade_abs_m2n2 --golden neuron:pade_abs_m2n2 --workdir %t --aot --atol 1e-5
func.func @pade_abs_m2n2(
    %x: tensor<1x2x5x5xf32>,
    %wp: tensor<2x3x2x3x3xf32>,
    %wq: tensor<2x3x2x3x3xf32>,
    %w0: tensor<3xf32>)
    -> tensor<1x3x5x5xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<1x2x5x5xf32>, tensor<2x3x2x3x3xf32>, tensor<2x3x2x3x3xf32>, tensor<3xf32>)
      -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// Paon-S, M = Nq = 2, padding 1.
// RUN: %check --model %s --entry pade_smooth_m2n2 --golden neuron:pade_smooth_m2n2 --workdir %t --aot --atol 1e-5
func.func @pade_smooth_m2n2(
    %x: tensor<1x2x5x5xf32>,
    %wp: tensor<2x3x2x3x3xf32>,
    %wq: tensor<2x3x2x3x3xf32>,
    %w0: tensor<3xf32>)
    -> tensor<1x3x5x5xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<1x2x5x5xf32>, tensor<2x3x2x3x3xf32>, tensor<2x3x2x3x3xf32>, tensor<3xf32>)
      -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// Paon-A, M = Nq = 1, padding 1, batch 2.
// RUN: %check --model %s --entry pade_abs_m1n1 --golden neuron:pade_abs_m1n1 --workdir %t --aot --atol 1e-5
func.func @pade_abs_m1n1(
    %x: tensor<2x3x4x5xf32>,
    %wp: tensor<1x2x3x3x3xf32>,
    %wq: tensor<1x2x3x3x3xf32>,
    %w0: tensor<2xf32>)
    -> tensor<2x2x4x5xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<2x3x4x5xf32>, tensor<1x2x3x3x3xf32>, tensor<1x2x3x3x3xf32>, tensor<2xf32>)
      -> tensor<2x2x4x5xf32>
  return %y : tensor<2x2x4x5xf32>
}

// Paon-S, M = Nq = 1 (p_{M-1} = w0, q_{N-1} = 1), padding 1.
// RUN: %check --model %s --entry pade_smooth_m1n1 --golden neuron:pade_smooth_m1n1 --workdir %t --aot --atol 1e-5
func.func @pade_smooth_m1n1(
    %x: tensor<2x3x4x5xf32>,
    %wp: tensor<1x2x3x3x3xf32>,
    %wq: tensor<1x2x3x3x3xf32>,
    %w0: tensor<2xf32>)
    -> tensor<2x2x4x5xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 padding [1, 1]
      : (tensor<2x3x4x5xf32>, tensor<1x2x3x3x3xf32>, tensor<1x2x3x3x3xf32>, tensor<2xf32>)
      -> tensor<2x2x4x5xf32>
  return %y : tensor<2x2x4x5xf32>
}

// Paon-A, M = 3, Nq = 1, stride 2, padding [2, 1], dilation 2.
// RUN: %check --model %s --entry pade_abs_m3n1_s2_d2 --golden neuron:pade_abs_m3n1_s2_d2 --workdir %t --aot --atol 1e-5
func.func @pade_abs_m3n1_s2_d2(
    %x: tensor<1x2x9x8xf32>,
    %wp: tensor<3x2x2x3x3xf32>,
    %wq: tensor<1x2x2x3x3xf32>,
    %w0: tensor<2xf32>)
    -> tensor<1x2x5x3xf32> {
  %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 stride [2, 2] padding [2, 1] dilation [2, 2]
      : (tensor<1x2x9x8xf32>, tensor<3x2x2x3x3xf32>, tensor<1x2x2x3x3xf32>, tensor<2xf32>)
      -> tensor<1x2x5x3xf32>
  return %y : tensor<1x2x5x3xf32>
}

// Paon-S, M = 1, Nq = 3, stride [2, 1], padding 1.
// RUN: %check --model %s --entry pade_smooth_m1n3_s2 --golden neuron:pade_smooth_m1n3_s2 --workdir %t --aot --atol 1e-5
func.func @pade_smooth_m1n3_s2(
    %x: tensor<1x2x7x7xf32>,
    %wp: tensor<1x3x2x3x3xf32>,
    %wq: tensor<3x3x2x3x3xf32>,
    %w0: tensor<3xf32>)
    -> tensor<1x3x4x7xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 stride [2, 1] padding [1, 1]
      : (tensor<1x2x7x7xf32>, tensor<1x3x2x3x3xf32>, tensor<3x3x2x3x3xf32>, tensor<3xf32>)
      -> tensor<1x3x4x7xf32>
  return %y : tensor<1x3x4x7xf32>
}

// Paon-S, M = 3, Nq = 2, 2x3 kernel, dilation [2, 1], no padding.
// RUN: %check --model %s --entry pade_smooth_m3n2_dil2 --golden neuron:pade_smooth_m3n2_dil2 --workdir %t --aot --atol 1e-5
func.func @pade_smooth_m3n2_dil2(
    %x: tensor<1x2x7x6xf32>,
    %wp: tensor<3x2x2x2x3xf32>,
    %wq: tensor<2x2x2x2x3xf32>,
    %w0: tensor<2xf32>)
    -> tensor<1x2x5x4xf32> {
  %y = tessera.pade_conv2d smooth %x, %wp, %wq, %w0 dilation [2, 1]
      : (tensor<1x2x7x6xf32>, tensor<3x2x2x2x3xf32>, tensor<2x2x2x2x3xf32>, tensor<2xf32>)
      -> tensor<1x2x5x4xf32>
  return %y : tensor<1x2x5x4xf32>
}
