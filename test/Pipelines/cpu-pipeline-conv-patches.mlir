// RUN: env TESSERA_CPU_CODEGEN="vector-width=16" tessera-opt %s --tessera-cpu-pipeline | FileCheck %s

// A 3x3 convolution's input patches are copied window by window; through
// the whole pipeline each window's rows of 64 elements become one vector
// load and store (tessera-cpu-vectorize-copies), not 64 scalar ones.
// CHECK-LABEL: llvm.func @conv
// CHECK:         %[[ROW:.*]] = llvm.load %{{.*}} : !llvm.ptr -> vector<64xf32>
// CHECK:         llvm.store %[[ROW]], %{{.*}} : vector<64xf32>, !llvm.ptr
func.func @conv(%x: tensor<1x16x66x66xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x32x64x64xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x32x64x64xf32>
  %f = linalg.fill ins(%c0 : f32) outs(%e : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%x, %w : tensor<1x16x66x66xf32>, tensor<32x16x3x3xf32>) outs(%f : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  return %r : tensor<1x32x64x64xf32>
}
