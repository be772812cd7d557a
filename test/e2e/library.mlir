// The library path: the same GEMMs as generated code and as calls to oneDNN
// (libtessera_dnnl.so, selected by --library-calls), JIT and AOT, against
// the numpy references of golden/library.py. int8 results must match
// exactly, also on rows and columns of extreme values.
// REQUIRES: dnnl

// The library calls are really there (and only where selected).
// RUN: tessera-opt %s --tessera-cpu-pipeline="library-calls=all" | FileCheck %s
// CHECK-COUNT-3: llvm.call @tessera_dnnl_sgemm(
// CHECK:         llvm.call @tessera_dnnl_sgemm_batched(
// CHECK:         llvm.call @tessera_dnnl_gemm_s8s8s32(
// CHECK-COUNT-2: llvm.call @tessera_dnnl_gemm_u8s8s32(
// CHECK-COUNT-3: llvm.call @tessera_dnnl_conv2d_nchw_fchw(

// RUN: %check --model %s --entry matmul --golden library:matmul --workdir %t --aot --metric l2 --rtol 1e-6
// RUN: %check --model %s --entry matmul --golden library:matmul --workdir %t --aot --metric l2 --rtol 1e-6 --extra-args=--library-calls=matmul
func.func @matmul(%a: tensor<67x45xf32>, %b: tensor<45x53xf32>) -> tensor<67x53xf32> {
  %e = tensor.empty() : tensor<67x53xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<67x53xf32>) -> tensor<67x53xf32>
  %r = linalg.matmul ins(%a, %b : tensor<67x45xf32>, tensor<45x53xf32>) outs(%i : tensor<67x53xf32>) -> tensor<67x53xf32>
  return %r : tensor<67x53xf32>
}

// RUN: %check --model %s --entry matmul_large --golden library:matmul_large --workdir %t --metric l2 --rtol 1e-6
// RUN: %check --model %s --entry matmul_large --golden library:matmul_large --workdir %t --metric l2 --rtol 1e-6 --extra-args=--library-calls=matmul
func.func @matmul_large(%a: tensor<256x192xf32>, %b: tensor<192x160xf32>) -> tensor<256x160xf32> {
  %e = tensor.empty() : tensor<256x160xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<256x160xf32>) -> tensor<256x160xf32>
  %r = linalg.matmul ins(%a, %b : tensor<256x192xf32>, tensor<192x160xf32>) outs(%i : tensor<256x160xf32>) -> tensor<256x160xf32>
  return %r : tensor<256x160xf32>
}

// Views: an offset, leading dimension 80, a column-strided operand and an
// init that is accumulated into.
// RUN: %check --model %s --entry matmul_views --golden library:matmul_views --workdir %t --aot --metric l2 --rtol 1e-6
// RUN: %check --model %s --entry matmul_views --golden library:matmul_views --workdir %t --aot --metric l2 --rtol 1e-6 --extra-args=--library-calls=matmul
func.func @matmul_views(%a: tensor<40x80xf32>, %b: tensor<64x48xf32>, %c: tensor<31x24xf32>) -> tensor<31x24xf32> {
  %av = tensor.extract_slice %a[3, 5] [31, 64] [1, 1] : tensor<40x80xf32> to tensor<31x64xf32>
  %bv = tensor.extract_slice %b[0, 0] [64, 24] [1, 2] : tensor<64x48xf32> to tensor<64x24xf32>
  %r = linalg.matmul ins(%av, %bv : tensor<31x64xf32>, tensor<64x24xf32>) outs(%c : tensor<31x24xf32>) -> tensor<31x24xf32>
  return %r : tensor<31x24xf32>
}

// RUN: %check --model %s --entry batch_matmul --golden library:batch_matmul --workdir %t --aot --metric l2 --rtol 1e-6
// RUN: %check --model %s --entry batch_matmul --golden library:batch_matmul --workdir %t --aot --metric l2 --rtol 1e-6 --extra-args=--library-calls=batch_matmul
func.func @batch_matmul(%a: tensor<4x33x29xf32>, %b: tensor<4x29x17xf32>) -> tensor<4x33x17xf32> {
  %e = tensor.empty() : tensor<4x33x17xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<4x33x17xf32>) -> tensor<4x33x17xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<4x33x29xf32>, tensor<4x29x17xf32>) outs(%i : tensor<4x33x17xf32>) -> tensor<4x33x17xf32>
  return %r : tensor<4x33x17xf32>
}

// RUN: %check --model %s --entry qmatmul_s8 --golden library:qmatmul_s8 --workdir %t --aot
// RUN: %check --model %s --entry qmatmul_s8 --golden library:qmatmul_s8 --workdir %t --aot --extra-args=--library-calls=qmatmul
func.func @qmatmul_s8(%a: tensor<37x300xi8>, %b: tensor<300x29xi8>) -> tensor<37x29xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = -7 : i64}
      : (tensor<37x300xi8>, tensor<300x29xi8>) -> tensor<37x29xi32>
  return %c : tensor<37x29xi32>
}

// RUN: %check --model %s --entry qmatmul_u8 --golden library:qmatmul_u8 --workdir %t --aot
// RUN: %check --model %s --entry qmatmul_u8 --golden library:qmatmul_u8 --workdir %t --aot --extra-args=--library-calls=qmatmul
func.func @qmatmul_u8(%a: tensor<37x300xui8>, %b: tensor<300x29xi8>) -> tensor<37x29xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 128 : i64, b_zero_point = 5 : i64}
      : (tensor<37x300xui8>, tensor<300x29xi8>) -> tensor<37x29xi32>
  return %c : tensor<37x29xi32>
}

// RUN: %check --model %s --entry qmatmul_u8_f32 --golden library:qmatmul_u8_f32 --workdir %t --aot
// RUN: %check --model %s --entry qmatmul_u8_f32 --golden library:qmatmul_u8_f32 --workdir %t --aot --extra-args=--library-calls=qmatmul
func.func @qmatmul_u8_f32(%a: tensor<19x64xui8>, %b: tensor<64x21xi8>,
                          %sa: tensor<19xf32>, %sb: tensor<21xf32>) -> tensor<19x21xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 120 : i64}
      : (tensor<19x64xui8>, tensor<64x21xi8>, tensor<19xf32>, tensor<21xf32>)
      -> tensor<19x21xf32>
  return %c : tensor<19x21xf32>
}

// Convolutions (--library-calls=conv): a 3x3 with channel counts that are
// not multiples of oneDNN's blocks, read from a padded input, into a bias
// broadcast (accumulated into);
// RUN: %check --model %s --entry conv_bias --golden library:conv_bias --workdir %t --aot --metric l2 --rtol 1e-6
// RUN: %check --model %s --entry conv_bias --golden library:conv_bias --workdir %t --aot --metric l2 --rtol 1e-6 --extra-args=--library-calls=conv
func.func @conv_bias(%x: tensor<1x10x28x28xf32>, %w: tensor<20x10x3x3xf32>, %b: tensor<20xf32>) -> tensor<1x20x28x28xf32> {
  %z = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %z : f32
  } : tensor<1x10x28x28xf32> to tensor<1x10x30x30xf32>
  %e = tensor.empty() : tensor<1x20x28x28xf32>
  %bb = linalg.broadcast ins(%b : tensor<20xf32>) outs(%e : tensor<1x20x28x28xf32>) dimensions = [0, 2, 3]
  %r = linalg.conv_2d_nchw_fchw ins(%p, %w : tensor<1x10x30x30xf32>, tensor<20x10x3x3xf32>) outs(%bb : tensor<1x20x28x28xf32>) -> tensor<1x20x28x28xf32>
  return %r : tensor<1x20x28x28xf32>
}

// a batch of two with stride 2 along H and dilation 2 along W, input rows
// no window reads, from a slice of whole channels (used in place), and a
// 1x1 from a spatial window of the input (copied first).
// RUN: %check --model %s --entry conv_strided_views --golden library:conv_strided_views --workdir %t --aot --metric l2 --rtol 1e-6
// RUN: %check --model %s --entry conv_strided_views --golden library:conv_strided_views --workdir %t --aot --metric l2 --rtol 1e-6 --extra-args=--library-calls=conv
func.func @conv_strided_views(%x: tensor<2x24x21x19xf32>, %w: tensor<16x8x3x3xf32>, %w1: tensor<12x24x1x1xf32>)
    -> (tensor<2x16x10x15xf32>, tensor<2x12x9x9xf32>) {
  %z = arith.constant 0.0 : f32
  %xs = tensor.extract_slice %x[0, 8, 0, 0] [2, 8, 21, 19] [1, 1, 1, 1] : tensor<2x24x21x19xf32> to tensor<2x8x21x19xf32>
  %e = tensor.empty() : tensor<2x16x10x15xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x16x10x15xf32>) -> tensor<2x16x10x15xf32>
  %r = linalg.conv_2d_nchw_fchw {strides = dense<[2, 1]> : tensor<2xi64>, dilations = dense<[1, 2]> : tensor<2xi64>}
      ins(%xs, %w : tensor<2x8x21x19xf32>, tensor<16x8x3x3xf32>) outs(%i : tensor<2x16x10x15xf32>) -> tensor<2x16x10x15xf32>
  %xw = tensor.extract_slice %x[0, 0, 2, 3] [2, 24, 9, 9] [1, 1, 1, 1] : tensor<2x24x21x19xf32> to tensor<2x24x9x9xf32>
  %e1 = tensor.empty() : tensor<2x12x9x9xf32>
  %i1 = linalg.fill ins(%z : f32) outs(%e1 : tensor<2x12x9x9xf32>) -> tensor<2x12x9x9xf32>
  %r1 = linalg.conv_2d_nchw_fchw ins(%xw, %w1 : tensor<2x24x9x9xf32>, tensor<12x24x1x1xf32>) outs(%i1 : tensor<2x12x9x9xf32>) -> tensor<2x12x9x9xf32>
  return %r, %r1 : tensor<2x16x10x15xf32>, tensor<2x12x9x9xf32>
}
