// RUN: tessera-opt %s --split-input-file --tessera-emulate-narrow-int="container-bits=32" | FileCheck %s

// With container-bits=32, 4-bit buffers become rank-1 i32 buffers of
// ceil(n / 8) words, element k in word k / 8 at bit (k % 8) * 4: on a
// little-endian host, the same bytes as the 8-bit packing.

// CHECK-LABEL: func.func @load_store(
// CHECK-SAME: %[[SRC:.*]]: memref<5xi32>, %[[DST:.*]]: memref<5xi32>, %[[I:.*]]: index, %[[J:.*]]: index)
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[ROW:.*]] = arith.muli %[[I]], %[[C5]] : index
// CHECK: %[[LIN:.*]] = arith.addi %[[ROW]], %[[J]] : index
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: %[[WORD:.*]] = arith.divui %[[LIN]], %[[C8]] : index
// CHECK: %[[SLOT:.*]] = arith.remui %[[LIN]], %[[C8]] : index
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[BITS:.*]] = arith.muli %[[SLOT]], %[[C4]] : index
// CHECK: %[[SHIFT:.*]] = arith.index_castui %[[BITS]] : index to i32
// CHECK: %[[PACKED:.*]] = memref.load %[[SRC]][%[[WORD]]] : memref<5xi32>
// CHECK: %[[SHIFTED:.*]] = arith.shrui %[[PACKED]], %[[SHIFT]] : i32
// CHECK: %[[V:.*]] = arith.trunci %[[SHIFTED]] : i32 to i4
// CHECK: %[[WORD2:.*]] = arith.divui
// CHECK: %[[SHIFT2:.*]] = arith.index_castui %{{.*}} : index to i32
// CHECK: %[[WIDE:.*]] = arith.extui %[[V]] : i4 to i32
// CHECK: %[[NEW:.*]] = arith.shli %[[WIDE]], %[[SHIFT2]] : i32
// CHECK: %[[C15:.*]] = arith.constant 15 : i32
// CHECK: %[[ONES:.*]] = arith.constant -1 : i32
// CHECK: %[[FIELD:.*]] = arith.shli %[[C15]], %[[SHIFT2]] : i32
// CHECK: %[[KEEP:.*]] = arith.xori %[[FIELD]], %[[ONES]] : i32
// CHECK: %[[OLD:.*]] = memref.load %[[DST]][%[[WORD2]]] : memref<5xi32>
// CHECK: %[[KEPT:.*]] = arith.andi %[[OLD]], %[[KEEP]] : i32
// CHECK: %[[MERGED:.*]] = arith.ori %[[KEPT]], %[[NEW]] : i32
// CHECK: memref.store %[[MERGED]], %[[DST]][%[[WORD2]]] : memref<5xi32>
// CHECK-NOT: memref.atomic_rmw
// CHECK: return
func.func @load_store(%src: memref<7x5xi4>, %dst: memref<7x5xi4>, %i: index,
                      %j: index) {
  %v = memref.load %src[%i, %j] : memref<7x5xi4>
  memref.store %v, %dst[%j, %i] : memref<7x5xi4>
  return
}

// -----

// The initial value is packed in words: [1, -2, 7, -8, 3, 4, 5, 6, -1, 2]
// -> 0x654387E1 (elements 0-7, element 0 in the low nibble) and 0x0000002F;
// in memory the bytes E1 87 43 65 2F 00 00 00, which the 8-bit packing
// starts with too. A constant index is a constant word and shift: element
// 9 is in word 1 at bit 4.
// CHECK: memref.global "private" constant @cst : memref<2xi32> = dense<[1698924513, 47]>
// CHECK-LABEL: func.func @global(
// CHECK: %[[G:.*]] = memref.get_global @cst : memref<2xi32>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[C4:.*]] = arith.constant 4 : i32
// CHECK: %[[W:.*]] = memref.load %[[G]][%[[C1]]] : memref<2xi32>
// CHECK: arith.shrui %[[W]], %[[C4]] : i32
memref.global "private" constant @cst : memref<10xi4> =
    dense<[1, -2, 7, -8, 3, 4, 5, 6, -1, 2]>
func.func @global() -> i4 {
  %c9 = arith.constant 9 : index
  %g = memref.get_global @cst : memref<10xi4>
  %v = memref.load %g[%c9] : memref<10xi4>
  return %v : i4
}

// -----

// What the GPU prefix hands over: allocations, copies and parallel loops on
// host functions.
// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %[[SRC:.*]]: memref<3xi32>, %[[DST:.*]]: memref<3xi32>)
// CHECK: %[[A:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3xi32>
// CHECK: memref.copy %[[SRC]], %[[A]] : memref<3xi32> to memref<3xi32>
// CHECK: scf.parallel
// CHECK: memref.load %[[A]][%{{.*}}] : memref<3xi32>
// CHECK: memref.store %{{.*}}, %[[DST]][%{{.*}}] : memref<3xi32>
// CHECK: scf.reduce
// CHECK: memref.dealloc %[[A]] : memref<3xi32>
func.func @parallel(%src: memref<4x5xi4>, %dst: memref<4x5xi4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<4x5xi4>
  memref.copy %src, %a : memref<4x5xi4> to memref<4x5xi4>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c5) step (%c1, %c1) {
    %v = memref.load %a[%i, %j] : memref<4x5xi4>
    %w = arith.addi %v, %v : i4
    memref.store %w, %dst[%i, %j] : memref<4x5xi4>
    scf.reduce
  }
  memref.dealloc %a : memref<4x5xi4>
  return
}
