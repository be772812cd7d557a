// RUN: tessera-opt %s --split-input-file --tessera-to-linalg --tessera-cpu-library-calls="ops=matmul,batch_matmul,qmatmul" | FileCheck %s
// RUN: tessera-opt %s --split-input-file --tessera-to-linalg --tessera-cpu-library-calls | FileCheck %s --check-prefix=NONE
// RUN: tessera-opt %s --split-input-file --tessera-to-linalg --tessera-cpu-library-calls="ops=qmatmul" | FileCheck %s --check-prefix=QONLY
// RUN: tessera-opt %s --split-input-file --tessera-to-linalg --tessera-cpu-library-calls="ops=all min-flops=100000" | FileCheck %s --check-prefix=BIG
// RUN: not tessera-opt %s --split-input-file --tessera-to-linalg --tessera-cpu-library-calls="ops=matmul,conv3d" 2>&1 | FileCheck %s --check-prefix=ERR

// The GEMMs a config selects become calls to libtessera_dnnl.so on tensors:
// read-only row-major views of the operands (pointer = aligned pointer +
// offset, leading dimension from the view's strides), a fresh result buffer,
// the call, and to_tensor of the result. A zero fill init is dropped
// (accumulate = 0). Without ops (the default) nothing changes.

// NONE-NOT: tessera_dnnl
// ERR: error: unknown library-calls op kind 'conv3d' (known: matmul, batch_matmul, qmatmul, conv, all, none)

// CHECK-LABEL: func.func private @tessera_dnnl_sgemm(i64, i64, i64, !llvm.ptr, i64, !llvm.ptr, i64, !llvm.ptr, i64, i32)
// CHECK-LABEL: func.func @matmul_f32(
// CHECK-SAME:      %[[A:.*]]: tensor<64x32xf32>, %[[B:.*]]: tensor<32x48xf32>)
// CHECK-NOT:     linalg.fill
// CHECK:         %[[AB:.*]] = bufferization.to_buffer %[[A]] read_only : tensor<64x32xf32> to memref<64x32xf32, strided<[?, 1], offset: ?>>
// CHECK:         %{{.*}}, %[[AOFF:.*]], %{{.*}}:2, %[[ASTR:.*]]:2 = memref.extract_strided_metadata %[[AB]]
// CHECK:         %[[AP0:.*]] = memref.extract_aligned_pointer_as_index %[[AB]]
// CHECK:         %[[AOFFB:.*]] = arith.muli %[[AOFF]], %{{.*}} : index
// CHECK:         %[[AP1:.*]] = arith.addi %[[AP0]], %[[AOFFB]] : index
// CHECK:         %[[AP2:.*]] = arith.index_cast %[[AP1]] : index to i64
// CHECK:         %[[AP:.*]] = llvm.inttoptr %[[AP2]] : i64 to !llvm.ptr
// CHECK:         %[[LDA:.*]] = arith.index_cast %[[ASTR]]#0 : index to i64
// CHECK:         bufferization.to_buffer %[[B]] read_only : tensor<32x48xf32> to memref<32x48xf32, strided<[?, 1], offset: ?>>
// CHECK:         %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64x48xf32>
// CHECK:         %[[CP0:.*]] = memref.extract_aligned_pointer_as_index %[[C]]
// CHECK-DAG:     %[[M:.*]] = arith.constant 64 : i64
// CHECK-DAG:     %[[N:.*]] = arith.constant 48 : i64
// CHECK-DAG:     %[[K:.*]] = arith.constant 32 : i64
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         call @tessera_dnnl_sgemm(%[[M]], %[[N]], %[[K]], %[[AP]], %[[LDA]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[ZERO]])
// CHECK:         %[[R:.*]] = bufferization.to_tensor %[[C]] restrict writable : memref<64x48xf32> to tensor<64x48xf32>
// CHECK:         return %[[R]]
// QONLY-LABEL: func.func @matmul_f32(
// QONLY:         linalg.matmul
// BIG-LABEL: func.func @matmul_f32(
// BIG:           call @tessera_dnnl_sgemm(
func.func @matmul_f32(%a: tensor<64x32xf32>, %b: tensor<32x48xf32>) -> tensor<64x48xf32> {
  %e = tensor.empty() : tensor<64x48xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<64x48xf32>) -> tensor<64x48xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x48xf32>) outs(%i : tensor<64x48xf32>) -> tensor<64x48xf32>
  return %r : tensor<64x48xf32>
}

// -----

// An init that is not zero is copied into the result buffer and accumulated
// into (accumulate = 1). Below min-flops (2*4*5*6 = 240 FLOPs) it stays,
// as does every GEMM below except @matmul_f32's (196608 FLOPs).
// CHECK-LABEL: func.func @matmul_accumulate(
// CHECK-SAME:      %{{.*}}: tensor<4x5xf32>, %{{.*}}: tensor<5x6xf32>, %[[INIT:.*]]: tensor<4x6xf32>)
// CHECK:         %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x6xf32>
// CHECK:         %[[IB:.*]] = bufferization.to_buffer %[[INIT]] read_only : tensor<4x6xf32> to memref<4x6xf32, strided<[?, ?], offset: ?>>
// CHECK:         memref.copy %[[IB]], %[[C]]
// CHECK:         %[[ONE:.*]] = arith.constant 1 : i32
// CHECK:         call @tessera_dnnl_sgemm({{.*}}, %[[ONE]])
// BIG-LABEL: func.func @matmul_accumulate(
// BIG:           linalg.matmul
func.func @matmul_accumulate(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %c: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<5x6xf32>) outs(%c : tensor<4x6xf32>) -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// -----

// Views: an offset slice with contiguous rows is used in place (its offset
// and leading dimension come from the metadata); a column-strided slice is
// copied into a contiguous tensor first.
// CHECK-LABEL: func.func @matmul_views(
// CHECK:         %[[AV:.*]] = tensor.extract_slice %{{.*}}[3, 5] [31, 64] [1, 1]
// CHECK:         %[[BV:.*]] = tensor.extract_slice %{{.*}}[0, 0] [64, 24] [1, 2]
// CHECK-NOT:     linalg.copy
// CHECK:         bufferization.to_buffer %[[AV]] read_only
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<64x24xf32>
// CHECK:         %[[BC:.*]] = linalg.copy ins(%[[BV]] : tensor<64x24xf32>) outs(%[[E]] : tensor<64x24xf32>)
// CHECK:         bufferization.to_buffer %[[BC]] read_only
// CHECK:         call @tessera_dnnl_sgemm(
func.func @matmul_views(%a: tensor<40x80xf32>, %b: tensor<64x48xf32>) -> tensor<31x24xf32> {
  %av = tensor.extract_slice %a[3, 5] [31, 64] [1, 1] : tensor<40x80xf32> to tensor<31x64xf32>
  %bv = tensor.extract_slice %b[0, 0] [64, 24] [1, 2] : tensor<64x48xf32> to tensor<64x24xf32>
  %e = tensor.empty() : tensor<31x24xf32>
  %r = linalg.matmul ins(%av, %bv : tensor<31x64xf32>, tensor<64x24xf32>) outs(%e : tensor<31x24xf32>) -> tensor<31x24xf32>
  return %r : tensor<31x24xf32>
}

// -----

// Batched: batch strides come from the views, the result's is M * N.
// CHECK-LABEL: func.func private @tessera_dnnl_sgemm_batched(i64, i64, i64, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i64, i32)
// CHECK-LABEL: func.func @batch_matmul(
// CHECK:         %{{.*}}, %{{.*}}, %{{.*}}:3, %[[ASTR:.*]]:3 = memref.extract_strided_metadata
// CHECK-DAG:     %[[SA:.*]] = arith.index_cast %[[ASTR]]#0 : index to i64
// CHECK-DAG:     %[[LDA:.*]] = arith.index_cast %[[ASTR]]#1 : index to i64
// CHECK-DAG:     %[[BATCH:.*]] = arith.constant 3 : i64
// CHECK-DAG:     %[[SC:.*]] = arith.constant 20 : i64
// CHECK:         call @tessera_dnnl_sgemm_batched(%[[BATCH]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[SA]], %[[LDA]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[SC]], %{{.*}}, %{{.*}})
// CHECK:         bufferization.to_tensor %{{.*}} restrict writable : memref<3x4x5xf32> to tensor<3x4x5xf32>
// QONLY-LABEL: func.func @batch_matmul(
// QONLY:         linalg.batch_matmul
func.func @batch_matmul(%a: tensor<3x4x7xf32>, %b: tensor<3x7x5xf32>) -> tensor<3x4x5xf32> {
  %e = tensor.empty() : tensor<3x4x5xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<3x4x7xf32>, tensor<3x7x5xf32>) outs(%i : tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  return %r : tensor<3x4x5xf32>
}

// -----

// int8: i8 x i8 -> i32 linalg.matmul (what tessera.qmatmul lowers signless
// operands to) and the ui8 x i8 contraction generic; the zero points stay
// around the call (here: the correction generic of the lowering).
// CHECK-LABEL: func.func private @tessera_dnnl_gemm_u8s8s32(i64, i64, i64, !llvm.ptr, i64, i32, !llvm.ptr, i64, i32, !llvm.ptr, i64, i32)
// CHECK-LABEL: func.func private @tessera_dnnl_gemm_s8s8s32(i64, i64, i64, !llvm.ptr, i64, i32, !llvm.ptr, i64, i32, !llvm.ptr, i64, i32)
// CHECK-LABEL: func.func @qmatmul_s8(
// CHECK-NOT:     linalg.matmul
// CHECK:         to_buffer %{{.*}} read_only : tensor<7x50xi8> to memref<7x50xi8, strided<[?, 1], offset: ?>>
// CHECK:         call @tessera_dnnl_gemm_s8s8s32(
// CHECK:         %[[P:.*]] = bufferization.to_tensor %{{.*}} restrict writable : memref<7x13xi32> to tensor<7x13xi32>
// CHECK:         linalg.generic {{.*}} ins(%[[P]], {{.*}}
// QONLY-LABEL: func.func @qmatmul_s8(
// QONLY:         call @tessera_dnnl_gemm_s8s8s32(
// BIG-LABEL: func.func @qmatmul_s8(
// BIG:           linalg.matmul
func.func @qmatmul_s8(%a: tensor<7x50xi8>, %b: tensor<50x13xi8>) -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = -7 : i64}
      : (tensor<7x50xi8>, tensor<50x13xi8>) -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// CHECK-LABEL: func.func @qmatmul_u8(
// CHECK-NOT:     linalg.generic {{.*}}"reduction"]} ins(%{{.*}}, %{{.*}} : tensor<7x50xui8>, tensor<50x13xi8>)
// CHECK:         to_buffer %{{.*}} read_only : tensor<7x50xui8> to memref<7x50xui8, strided<[?, 1], offset: ?>>
// CHECK:         call @tessera_dnnl_gemm_u8s8s32(
// QONLY-LABEL: func.func @qmatmul_u8(
// QONLY:         call @tessera_dnnl_gemm_u8s8s32(
func.func @qmatmul_u8(%a: tensor<7x50xui8>, %b: tensor<50x13xi8>) -> tensor<7x13xf32> {
  %sa = arith.constant dense<0.5> : tensor<f32>
  %sb = arith.constant dense<0.25> : tensor<f32>
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 128 : i64}
      : (tensor<7x50xui8>, tensor<50x13xi8>, tensor<f32>, tensor<f32>) -> tensor<7x13xf32>
  return %c : tensor<7x13xf32>
}

// -----

// Not for the library: ui8 x ui8 (oneDNN has no u8u8 GEMM), 4-bit operands,
// f64, a transposed matmul (user indexing maps), dynamic shapes.
// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     call @tessera_dnnl
// CHECK:         linalg.generic
// CHECK:         linalg.matmul
// CHECK:         linalg.matmul indexing_maps
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<8x8xf32>)
// CHECK-NOT:     call @tessera_dnnl
// CHECK:         return
func.func @left_alone(%a: tensor<6x9xui8>, %b: tensor<9x11xui8>,
                      %x: tensor<8x8xf64>, %y: tensor<8x8xf32>,
                      %d: tensor<?x8xf32>)
    -> (tensor<6x11xi32>, tensor<8x8xf64>, tensor<8x8xf32>, tensor<?x8xf32>) {
  %q = tessera.qmatmul %a, %b : (tensor<6x9xui8>, tensor<9x11xui8>) -> tensor<6x11xi32>
  %e = tensor.empty() : tensor<8x8xf64>
  %m = linalg.matmul ins(%x, %x : tensor<8x8xf64>, tensor<8x8xf64>) outs(%e : tensor<8x8xf64>) -> tensor<8x8xf64>
  %e2 = tensor.empty() : tensor<8x8xf32>
  %t = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%y, %y : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %d, %c0 : tensor<?x8xf32>
  %e3 = tensor.empty(%n) : tensor<?x8xf32>
  %dd = linalg.matmul ins(%d, %y : tensor<?x8xf32>, tensor<8x8xf32>) outs(%e3 : tensor<?x8xf32>) -> tensor<?x8xf32>
  return %q, %m, %t, %dd : tensor<6x11xi32>, tensor<8x8xf64>, tensor<8x8xf32>, tensor<?x8xf32>
}

