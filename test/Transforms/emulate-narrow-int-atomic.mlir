// RUN: tessera-opt %s --split-input-file --tessera-emulate-narrow-int="container-bits=32 atomic-stores" | FileCheck %s
// RUN: tessera-opt %s --split-input-file --tessera-emulate-narrow-int="atomic-stores" | FileCheck %s --check-prefix=BYTES

// With atomic-stores, GPU threads storing neighbouring elements of a word
// do not race: the field is cleared with an atomic andi, then set with an
// atomic ori, and the word is never stored whole.

// CHECK-LABEL: func.func @store(
// CHECK-SAME: %[[M:.*]]: memref<5xi32>, %[[I:.*]]: index, %[[J:.*]]: index, %[[V:.*]]: i4)
// CHECK: %[[WORD:.*]] = arith.divui %{{.*}}, %{{.*}} : index
// CHECK: %[[SHIFT:.*]] = arith.index_castui %{{.*}} : index to i32
// CHECK: %[[WIDE:.*]] = arith.extui %[[V]] : i4 to i32
// CHECK: %[[NEW:.*]] = arith.shli %[[WIDE]], %[[SHIFT]] : i32
// CHECK: %[[C15:.*]] = arith.constant 15 : i32
// CHECK: %[[ONES:.*]] = arith.constant -1 : i32
// CHECK: %[[FIELD:.*]] = arith.shli %[[C15]], %[[SHIFT]] : i32
// CHECK: %[[KEEP:.*]] = arith.xori %[[FIELD]], %[[ONES]] : i32
// CHECK: memref.atomic_rmw andi %[[KEEP]], %[[M]][%[[WORD]]] : (i32, memref<5xi32>) -> i32
// CHECK-NEXT: memref.atomic_rmw ori %[[NEW]], %[[M]][%[[WORD]]] : (i32, memref<5xi32>) -> i32
// CHECK-NOT: memref.store
// CHECK: return
// BYTES-LABEL: func.func @store(
// BYTES: memref.atomic_rmw andi %{{.*}}, %{{.*}}[%{{.*}}] : (i8, memref<18xi8>) -> i8
// BYTES-NEXT: memref.atomic_rmw ori %{{.*}}, %{{.*}}[%{{.*}}] : (i8, memref<18xi8>) -> i8
// BYTES-NOT: memref.store
func.func @store(%m: memref<7x5xi4>, %i: index, %j: index, %v: i4) {
  memref.store %v, %m[%i, %j] : memref<7x5xi4>
  return
}

// -----

// Inside a parallel loop, the stores of each iteration are atomic; loads
// stay plain loads.
// CHECK-LABEL: func.func @parallel(
// CHECK: scf.parallel
// CHECK: memref.load %{{.*}}[%{{.*}}] : memref<2xi32>
// CHECK: memref.atomic_rmw andi
// CHECK: memref.atomic_rmw ori
// CHECK: scf.reduce
func.func @parallel(%src: memref<10xi4>, %dst: memref<10xi4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  scf.parallel (%i) = (%c0) to (%c10) step (%c1) {
    %v = memref.load %src[%i] : memref<10xi4>
    memref.store %v, %dst[%i] : memref<10xi4>
    scf.reduce
  }
  return
}
