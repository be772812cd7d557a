// Standard layers written in tosa run on the CPU through the upstream
// tosa-to-linalg conversions of the pipeline.
// RUN: %check --model %s --entry mlp --golden tosa:mlp --workdir %t --aot

func.func @mlp(%x: tensor<2x5x8xf32>, %w: tensor<2x8x3xf32>, %b: tensor<1x1x3xf32>) -> tensor<2x15xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %m = tosa.matmul %x, %w, %zp, %zp : (tensor<2x5x8xf32>, tensor<2x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x5x3xf32>
  %a = tosa.add %m, %b : (tensor<2x5x3xf32>, tensor<1x1x3xf32>) -> tensor<2x5x3xf32>
  %r = tosa.clamp %a {min_val = 0.0 : f32, max_val = 3.4028235e38 : f32} : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %t = tosa.tanh %r : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %p = tosa.transpose %t {perms = array<i32: 0, 2, 1>} : (tensor<2x5x3xf32>) -> tensor<2x3x5xf32>
  %shape = tosa.const_shape {values = dense<[2, 15]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %p, %shape : (tensor<2x3x5xf32>, !tosa.shape<2>) -> tensor<2x15xf32>
  return %y : tensor<2x15xf32>
}
