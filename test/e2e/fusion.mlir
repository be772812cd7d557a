// Contractions with elementwise epilogues (and producers) that
// tessera-cpu-tile-and-vectorize fuses into the GEMM's column strips and
// thread slices, at sizes that leave partial register tiles, strips and
// packing panels: default tiles; small strips, row tiles and reduction
// blocks (the last one fused with the epilogue) on 2 threads; unfused.
// RUN: %check --model %s --entry matmul_bias_gelu --golden fusion:matmul_bias_gelu --workdir %t --aot --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="nc=64 kc=32 mc=30 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry matmul_bias_gelu --golden fusion:matmul_bias_gelu --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="fuse-elementwise=0" %check --model %s --entry matmul_bias_gelu --golden fusion:matmul_bias_gelu --workdir %t --rtol 1e-4 --atol 1e-5
// Register tiles three vectors wide (carried as 16-lane pieces, see
// cpu-lower-vectors-native-width.mlir), n = 333 leaving a remainder tile.
// RUN: env TESSERA_CPU_CODEGEN="mr=8 nr=48 nc=96" %check --model %s --entry matmul_bias_gelu --golden fusion:matmul_bias_gelu --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="mr=4 nr=48 kr=2 vector-width=8" %check --model %s --entry matmul_bias_gelu --golden fusion:matmul_bias_gelu --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: %check --model %s --entry batch_matmul_residual --golden fusion:batch_matmul_residual --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="nc=32 kc=16 mc=12 parallel-chunks=3 parallel-min-work=1" %check --model %s --entry batch_matmul_residual --golden fusion:batch_matmul_residual --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: %check --model %s --entry conv1x1_bn_relu --golden fusion:conv1x1_bn_relu --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="mr=8 nr=48" %check --model %s --entry conv1x1_bn_relu --golden fusion:conv1x1_bn_relu --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="nc=8 kc=16 mc=16 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry conv1x1_bn_relu --golden fusion:conv1x1_bn_relu --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: %check --model %s --entry dequant_matmul --golden fusion:dequant_matmul --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="nc=64 kc=32 mc=24 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry dequant_matmul --golden fusion:dequant_matmul --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: %check --model %s --entry conv_chain --golden fusion:conv_chain --workdir %t --rtol 1e-4 --atol 1e-5
// RUN: env TESSERA_CPU_CODEGEN="nc=8 kc=16 mc=16 parallel-chunks=3 parallel-min-work=1" %check --model %s --entry conv_chain --golden fusion:conv_chain --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2

#mn = affine_map<(m, n) -> (m, n)>
#n = affine_map<(m, n) -> (n)>
#bmn = affine_map<(b, m, n) -> (b, m, n)>
#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>
#chan = affine_map<(n, c, h, w) -> (c)>

// Exact GELU of (A B + bias).
func.func @matmul_bias_gelu(%a: tensor<100x70xf32>, %b: tensor<70x333xf32>,
                            %bias: tensor<333xf32>) -> tensor<100x333xf32> {
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %inv_sqrt2 = arith.constant 0.707106781186547524 : f32
  %e = tensor.empty() : tensor<100x333xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<100x333xf32>) -> tensor<100x333xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<100x70xf32>, tensor<70x333xf32>)
      outs(%c : tensor<100x333xf32>) -> tensor<100x333xf32>
  %y = linalg.generic {indexing_maps = [#mn, #n, #mn],
                       iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<100x333xf32>, tensor<333xf32>)
      outs(%e : tensor<100x333xf32>) {
  ^bb0(%x: f32, %s: f32, %out: f32):
    %v = arith.addf %x, %s : f32
    %u = arith.mulf %v, %inv_sqrt2 : f32
    %erf = math.erf %u : f32
    %p = arith.addf %erf, %one : f32
    %h = arith.mulf %v, %half : f32
    %r = arith.mulf %h, %p : f32
    linalg.yield %r : f32
  } -> tensor<100x333xf32>
  return %y : tensor<100x333xf32>
}

// tanh(A B) + R, batched.
func.func @batch_matmul_residual(%a: tensor<3x37x50xf32>, %b: tensor<3x50x45xf32>,
                                 %res: tensor<3x37x45xf32>) -> tensor<3x37x45xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x37x45xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<3x37x45xf32>) -> tensor<3x37x45xf32>
  %mm = linalg.batch_matmul ins(%a, %b : tensor<3x37x50xf32>, tensor<3x50x45xf32>)
      outs(%c : tensor<3x37x45xf32>) -> tensor<3x37x45xf32>
  %y = linalg.generic {indexing_maps = [#bmn, #bmn, #bmn],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%mm, %res : tensor<3x37x45xf32>, tensor<3x37x45xf32>)
      outs(%e : tensor<3x37x45xf32>) {
  ^bb0(%x: f32, %r: f32, %out: f32):
    %t = math.tanh %x : f32
    %s = arith.addf %t, %r : f32
    linalg.yield %s : f32
  } -> tensor<3x37x45xf32>
  return %y : tensor<3x37x45xf32>
}

// A 1x1 convolution, BN folded to a per-channel scale and shift, ReLU.
func.func @conv1x1_bn_relu(%x: tensor<1x24x15x17xf32>, %w: tensor<40x24x1x1xf32>,
                           %scale: tensor<40xf32>, %shift: tensor<40xf32>)
    -> tensor<1x40x15x17xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x40x15x17xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x40x15x17xf32>) -> tensor<1x40x15x17xf32>
  %h = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x24x15x17xf32>, tensor<40x24x1x1xf32>)
      outs(%z : tensor<1x40x15x17xf32>) -> tensor<1x40x15x17xf32>
  %y = linalg.generic {indexing_maps = [#nchw, #chan, #chan, #nchw],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%h, %scale, %shift : tensor<1x40x15x17xf32>, tensor<40xf32>, tensor<40xf32>)
      outs(%e : tensor<1x40x15x17xf32>) {
  ^bb0(%v: f32, %s: f32, %t: f32, %out: f32):
    %m = arith.mulf %v, %s : f32
    %a = arith.addf %m, %t : f32
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x40x15x17xf32>
  return %y : tensor<1x40x15x17xf32>
}

// tanh(A) (B scaled per column) + bias: elementwise producers of both
// operands and an epilogue.
func.func @dequant_matmul(%a: tensor<50x64xf32>, %b: tensor<64x200xf32>,
                          %s: tensor<200xf32>, %bias: tensor<200xf32>) -> tensor<50x200xf32> {
  %zero = arith.constant 0.0 : f32
  %ea = tensor.empty() : tensor<50x64xf32>
  %ta = linalg.generic {indexing_maps = [#mn, #mn], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<50x64xf32>) outs(%ea : tensor<50x64xf32>) {
  ^bb0(%x: f32, %out: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<50x64xf32>
  %eb = tensor.empty() : tensor<64x200xf32>
  %sb = linalg.generic {indexing_maps = [#mn, #n, #mn], iterator_types = ["parallel", "parallel"]}
      ins(%b, %s : tensor<64x200xf32>, tensor<200xf32>) outs(%eb : tensor<64x200xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %t = arith.mulf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<64x200xf32>
  %e = tensor.empty() : tensor<50x200xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<50x200xf32>) -> tensor<50x200xf32>
  %mm = linalg.matmul ins(%ta, %sb : tensor<50x64xf32>, tensor<64x200xf32>)
      outs(%c : tensor<50x200xf32>) -> tensor<50x200xf32>
  %y = linalg.generic {indexing_maps = [#mn, #n, #mn], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<50x200xf32>, tensor<200xf32>) outs(%e : tensor<50x200xf32>) {
  ^bb0(%x: f32, %v: f32, %out: f32):
    %r = arith.addf %x, %v : f32
    linalg.yield %r : f32
  } -> tensor<50x200xf32>
  return %y : tensor<50x200xf32>
}

// 1x1 conv, tanh, 1x1 conv, residual (FasterNet's MLP): the first conv and
// its epilogue are fused into the second conv's tiles as its operand's
// producers.
func.func @conv_chain(%x: tensor<1x16x9x13xf32>, %w1: tensor<24x16x1x1xf32>,
                      %w2: tensor<16x24x1x1xf32>) -> tensor<1x16x9x13xf32> {
  %zero = arith.constant 0.0 : f32
  %e24 = tensor.empty() : tensor<1x24x9x13xf32>
  %z24 = linalg.fill ins(%zero : f32) outs(%e24 : tensor<1x24x9x13xf32>) -> tensor<1x24x9x13xf32>
  %h = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w1 : tensor<1x16x9x13xf32>, tensor<24x16x1x1xf32>)
      outs(%z24 : tensor<1x24x9x13xf32>) -> tensor<1x24x9x13xf32>
  %t = linalg.generic {indexing_maps = [#nchw, #nchw],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%h : tensor<1x24x9x13xf32>) outs(%e24 : tensor<1x24x9x13xf32>) {
  ^bb0(%v: f32, %out: f32):
    %r = math.tanh %v : f32
    linalg.yield %r : f32
  } -> tensor<1x24x9x13xf32>
  %e16 = tensor.empty() : tensor<1x16x9x13xf32>
  %z16 = linalg.fill ins(%zero : f32) outs(%e16 : tensor<1x16x9x13xf32>) -> tensor<1x16x9x13xf32>
  %o = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%t, %w2 : tensor<1x24x9x13xf32>, tensor<16x24x1x1xf32>)
      outs(%z16 : tensor<1x16x9x13xf32>) -> tensor<1x16x9x13xf32>
  %y = linalg.add ins(%x, %o : tensor<1x16x9x13xf32>, tensor<1x16x9x13xf32>)
      outs(%e16 : tensor<1x16x9x13xf32>) -> tensor<1x16x9x13xf32>
  return %y : tensor<1x16x9x13xf32>
}
