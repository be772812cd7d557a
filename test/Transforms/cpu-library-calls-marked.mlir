// RUN: tessera-opt %s --tessera-cpu-library-calls | FileCheck %s

// The tuner's marks (a kernel that measured faster in oneDNN): an op, or
// every GEMM or convolution of a function, calls the library whatever the
// options select.
// CHECK-LABEL: func.func @marked_op(
// CHECK:         call @tessera_dnnl_sgemm
// CHECK:         linalg.matmul
// CHECK-NOT:     call @tessera_dnnl
// CHECK:         return
func.func @marked_op(%a: tensor<64x32xf32>, %b: tensor<32x48xf32>) -> (tensor<64x48xf32>, tensor<64x48xf32>) {
  %e = tensor.empty() : tensor<64x48xf32>
  %m = linalg.matmul {tessera.library_calls} ins(%a, %b : tensor<64x32xf32>, tensor<32x48xf32>) outs(%e : tensor<64x48xf32>) -> tensor<64x48xf32>
  %u = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x48xf32>) outs(%e : tensor<64x48xf32>) -> tensor<64x48xf32>
  return %m, %u : tensor<64x48xf32>, tensor<64x48xf32>
}
// CHECK-LABEL: func.func @marked_function(
// CHECK:         call @tessera_dnnl_sgemm
// CHECK:         return
func.func @marked_function(%a: tensor<64x32xf32>, %b: tensor<32x48xf32>) -> tensor<64x48xf32>
    attributes {tessera.library_calls} {
  %e = tensor.empty() : tensor<64x48xf32>
  %m = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x48xf32>) outs(%e : tensor<64x48xf32>) -> tensor<64x48xf32>
  return %m : tensor<64x48xf32>
}

// A convolution the tuner marked, and one it did not.
// CHECK-LABEL: func.func @marked_conv(
// CHECK:         call @tessera_dnnl_conv2d_nchw_fchw
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK-NOT:     call @tessera_dnnl
// CHECK:         return
func.func @marked_conv(%x: tensor<1x8x10x10xf32>, %w: tensor<8x8x3x3xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) {
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %m = linalg.conv_2d_nchw_fchw {tessera.library_calls} ins(%x, %w : tensor<1x8x10x10xf32>, tensor<8x8x3x3xf32>) outs(%e : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %u = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x8x10x10xf32>, tensor<8x8x3x3xf32>) outs(%e : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %m, %u : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>
}
