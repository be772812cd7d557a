// RUN: tessera-opt %s --tessera-cpu-pipeline | FileCheck %s --implicit-check-not=memref. --implicit-check-not='!llvm.ptr -> i4' --implicit-check-not=': i4, !llvm.ptr'

// The CPU pipeline stores 4-bit tensors packed two per byte
// (tessera-emulate-narrow-int): whatever its rank, a 7x5 i4/ui4 tensor is
// passed as a rank-1 descriptor of ceil(35 / 2) = 18 bytes, and no i4 value
// is loaded from or stored to memory.

// CHECK-LABEL: llvm.func @dequant(
// CHECK: %[[BYTE:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i8
// CHECK: %[[SHIFTED:.*]] = llvm.lshr %[[BYTE]], %{{.*}} : i8
// CHECK: %[[NIBBLE:.*]] = llvm.trunc %[[SHIFTED]] : i8 to i4
// CHECK: llvm.sext %[[NIBBLE]] : i4 to i32
// CHECK-LABEL: llvm.func @_mlir_ciface_dequant(
// CHECK: llvm.load %arg0 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK: llvm.load %arg1 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
func.func @dequant(%q: tensor<7x5xi4>) -> tensor<7x5xf32> {
  %r = tessera.dequantize %q scales [0.5] zero_points [1]
      : (tensor<7x5xi4>) -> tensor<7x5xf32>
  return %r : tensor<7x5xf32>
}

// A store is a read-modify-write of the byte.
// CHECK-LABEL: llvm.func @quant(
// CHECK: %[[V:.*]] = llvm.fptoui %{{.*}} : f32 to i4
// CHECK: %[[WIDE:.*]] = llvm.zext %[[V]] : i4 to i8
// CHECK: %[[NEW:.*]] = llvm.shl %[[WIDE]], %{{.*}} : i8
// CHECK: %[[OLD:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i8
// CHECK: %[[KEPT:.*]] = llvm.and %[[OLD]], %{{.*}} : i8
// CHECK: %[[MERGED:.*]] = llvm.or %[[KEPT]], %[[NEW]] : i8
// CHECK: llvm.store %[[MERGED]], %{{.*}} : i8, !llvm.ptr
// CHECK-LABEL: llvm.func @_mlir_ciface_quant(
// CHECK: llvm.load %arg0 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: llvm.load %arg1 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
func.func @quant(%x: tensor<7x5xf32>) -> tensor<7x5xui4> {
  %q = tessera.quantize %x scales [0.5] zero_points [8]
      : (tensor<7x5xf32>) -> tensor<7x5xui4>
  return %q : tensor<7x5xui4>
}
