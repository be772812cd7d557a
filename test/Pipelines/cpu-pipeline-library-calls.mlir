// RUN: tessera-opt %s --tessera-cpu-pipeline="library-calls=matmul,qmatmul" | FileCheck %s
// RUN: tessera-opt %s --tessera-cpu-pipeline | FileCheck %s --check-prefix=GEN
// RUN: tessera-opt %s --tessera-cpu-pipeline="library-calls=all library-min-flops=100000000" | FileCheck %s --check-prefix=GEN
// RUN: not tessera-opt %s --tessera-cpu-pipeline="library-calls=gemm" 2>&1 | FileCheck %s --check-prefix=ERR

// The `library-calls` option of the CPU pipeline: the selected GEMMs call
// libtessera_dnnl.so with bare pointers into their buffers, the others stay
// generated code. By default (or below library-min-flops) nothing calls it.

// GEN-NOT: tessera_dnnl
// ERR: error: unknown library-calls op kind 'gemm'

// CHECK-DAG: llvm.func @tessera_dnnl_sgemm(i64, i64, i64, !llvm.ptr, i64, !llvm.ptr, i64, !llvm.ptr, i64, i32)
// CHECK-DAG: llvm.func @tessera_dnnl_gemm_s8s8s32(i64, i64, i64, !llvm.ptr, i64, i32, !llvm.ptr, i64, i32, !llvm.ptr, i64, i32)
// CHECK-NOT: llvm.func @tessera_dnnl_sgemm_batched

// CHECK-LABEL: llvm.func @matmul(
// CHECK:         llvm.inttoptr
// CHECK:         llvm.call @tessera_dnnl_sgemm(
// CHECK-NOT:     llvm.call @tessera_dnnl
// CHECK:         llvm.return
func.func @matmul(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>) -> tensor<128x96xf32> {
  %e = tensor.empty() : tensor<128x96xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
  %r = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%i : tensor<128x96xf32>) -> tensor<128x96xf32>
  return %r : tensor<128x96xf32>
}

// batch_matmul is not selected: generated code.
// CHECK-LABEL: llvm.func @batch_matmul(
// CHECK-NOT:     llvm.call @tessera_dnnl
// CHECK:         llvm.return
func.func @batch_matmul(%a: tensor<2x16x8xf32>, %b: tensor<2x8x16xf32>) -> tensor<2x16x16xf32> {
  %e = tensor.empty() : tensor<2x16x16xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<2x16x8xf32>, tensor<2x8x16xf32>) outs(%i : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  return %r : tensor<2x16x16xf32>
}

// CHECK-LABEL: llvm.func @qmatmul(
// CHECK:         llvm.call @tessera_dnnl_gemm_s8s8s32(
// CHECK:         llvm.return
func.func @qmatmul(%a: tensor<32x64xi8>, %b: tensor<64x16xi8>) -> tensor<32x16xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = -2 : i64}
      : (tensor<32x64xi8>, tensor<64x16xi8>) -> tensor<32x16xi32>
  return %c : tensor<32x16xi32>
}
