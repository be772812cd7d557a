// RUN: tessera-opt %s --tessera-cpu-pipeline | FileCheck %s

// The CPU pipeline takes tosa and linalg on tensors to the LLVM dialect only,
// with results as caller-provided out-parameters behind a C interface.

// CHECK-NOT: tosa.
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK-LABEL: llvm.func @mlp(
// CHECK-LABEL: llvm.func @_mlir_ciface_mlp(
// CHECK-SAME: %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK: llvm.call @mlp(
func.func @mlp(%x: tensor<1x4x8xf32>, %w: tensor<1x8x3xf32>) -> tensor<1x4x3xf32> {
  %a_zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.matmul %x, %w, %a_zp, %a_zp : (tensor<1x4x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x3xf32>
  %r = tosa.tanh %y : (tensor<1x4x3xf32>) -> tensor<1x4x3xf32>
  return %r : tensor<1x4x3xf32>
}
