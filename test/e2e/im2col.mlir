// f32 NCHW convolutions with windows larger than 1x1, which the CPU code
// generator turns into a copy of the input patches (one filter position at
// a time, rows of vectors) and a GEMM: rows longer than four vectors (100
// = 64 + 36 lanes), shorter than one (7), batch 2 and a 5x3 window, stride
// 2 and dilation 2 (windows copied as strided slices); with one thread and
// with two (the filter positions shared among them), 8 and 16 lanes.
// Against numpy.
// RUN: %check --model %s --entry long_rows --golden im2col:long_rows --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry long_rows --golden im2col:long_rows --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry short_rows_batch --golden im2col:short_rows_batch --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %s --entry short_rows_batch --golden im2col:short_rows_batch --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry strided --golden im2col:strided --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %s --entry dilated --golden im2col:dilated --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2

func.func @long_rows(%x: tensor<1x6x12x102xf32>, %w: tensor<5x6x3x3xf32>)
    -> tensor<1x5x10x100xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x5x10x100xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x5x10x100xf32>) -> tensor<1x5x10x100xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x6x12x102xf32>, tensor<5x6x3x3xf32>) outs(%z : tensor<1x5x10x100xf32>) -> tensor<1x5x10x100xf32>
  return %y : tensor<1x5x10x100xf32>
}

func.func @short_rows_batch(%x: tensor<2x4x9x9xf32>, %w: tensor<7x4x5x3xf32>)
    -> tensor<2x7x5x7xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x7x5x7xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x7x5x7xf32>) -> tensor<2x7x5x7xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x4x9x9xf32>, tensor<7x4x5x3xf32>) outs(%z : tensor<2x7x5x7xf32>) -> tensor<2x7x5x7xf32>
  return %y : tensor<2x7x5x7xf32>
}

func.func @strided(%x: tensor<1x8x17x21xf32>, %w: tensor<6x8x3x3xf32>)
    -> tensor<1x6x8x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x8x10xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x6x8x10xf32>) -> tensor<1x6x8x10xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x17x21xf32>, tensor<6x8x3x3xf32>) outs(%z : tensor<1x6x8x10xf32>) -> tensor<1x6x8x10xf32>
  return %y : tensor<1x6x8x10xf32>
}

func.func @dilated(%x: tensor<1x5x20x24xf32>, %w: tensor<4x5x3x3xf32>)
    -> tensor<1x4x16x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x16x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x16x20xf32>) -> tensor<1x4x16x20xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x5x20x24xf32>, tensor<4x5x3x3xf32>) outs(%z : tensor<1x4x16x20xf32>) -> tensor<1x4x16x20xf32>
  return %y : tensor<1x4x16x20xf32>
}
