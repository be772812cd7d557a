// RUN: tessera-opt %s --pass-pipeline="builtin.module(func.func(tessera-gpu-collapse-parallel-loops))" | FileCheck %s
// RUN: tessera-opt %s --pass-pipeline="builtin.module(func.func(tessera-gpu-collapse-parallel-loops{max-points=100}))" | FileCheck %s --check-prefix=SMALL

// A 1x4x32 nest becomes one loop of 128 points; the body gets its indices
// back by division and remainder.
// CHECK-LABEL: func.func @nest
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step
// CHECK: arith.remsi
// CHECK: arith.divsi
// CHECK: memref.store
// CHECK-NOT: scf.parallel
// Over max-points: left alone.
// SMALL-LABEL: func.func @nest
// SMALL: scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) =
func.func @nest(%m: memref<1x4x32xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  scf.parallel (%i, %j, %k) = (%c0, %c0, %c0) to (%c1, %c4, %c32) step (%c1, %c1, %c1) {
    memref.store %v, %m[%i, %j, %k] : memref<1x4x32xf32>
  }
  return
}

// Dynamic bounds: left alone.
// CHECK-LABEL: func.func @dynamic
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) =
func.func @dynamic(%m: memref<?x?xf32>, %v: f32, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %n) step (%c1, %c1) {
    memref.store %v, %m[%i, %j] : memref<?x?xf32>
  }
  return
}
