// RUN: tessera-opt %s --pass-pipeline="builtin.module(func.func(tessera-gpu-collapse-parallel-loops))" | FileCheck %s
// RUN: tessera-opt %s --pass-pipeline="builtin.module(func.func(tessera-gpu-collapse-parallel-loops{max-points=100}))" | FileCheck %s --check-prefix=SMALL
// RUN: tessera-opt %s --pass-pipeline="builtin.module(func.func(tessera-gpu-collapse-parallel-loops{coarsening=4 block-size=16},canonicalize))" | FileCheck %s --check-prefix=COARSE
// RUN: not tessera-opt %s --pass-pipeline="builtin.module(func.func(tessera-gpu-collapse-parallel-loops{coarsening=0}))" 2>&1 | FileCheck %s --check-prefix=INVALID

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
// Coarsened by 4 in workgroups of 16: 128 points are 2 chunks of 64, i.e.
// 32 threads p; thread t of workgroup w computes the points w*64 + j*16 + t.
// COARSE-LABEL: func.func @nest
// COARSE-DAG: %[[C16:.*]] = arith.constant 16 : index
// COARSE-DAG: %[[C64:.*]] = arith.constant 64 : index
// COARSE-DAG: %[[C128:.*]] = arith.constant 128 : index
// COARSE-DAG: %[[C32:.*]] = arith.constant 32 : index
// COARSE-DAG: %[[C4:.*]] = arith.constant 4 : index
// COARSE: scf.parallel (%[[P:.*]]) = (%{{.*}}) to (%[[C32]]) step
// COARSE: %[[W:.*]] = arith.divui %[[P]], %[[C16]]
// COARSE: %[[T:.*]] = arith.remui %[[P]], %[[C16]]
// COARSE: %[[WB:.*]] = arith.muli %[[W]], %[[C64]]
// COARSE: %[[BASE:.*]] = arith.addi %[[WB]], %[[T]]
// COARSE: scf.for %[[J:.*]] = %{{.*}} to %[[C4]]
// COARSE: %[[JB:.*]] = arith.muli %[[J]], %[[C16]]
// COARSE: %[[I:.*]] = arith.addi %[[BASE]], %[[JB]]
// COARSE: %[[IN:.*]] = arith.cmpi ult, %[[I]], %[[C128]]
// COARSE: scf.if %[[IN]]
// COARSE: arith.remsi %[[I]]
// COARSE: memref.store
// INVALID: error: tessera-gpu-collapse-parallel-loops: coarsening and block-size must be positive (got coarsening=0 block-size=64)
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
// COARSE-LABEL: func.func @dynamic
// COARSE: scf.parallel (%{{.*}}, %{{.*}}) =
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) =
func.func @dynamic(%m: memref<?x?xf32>, %v: f32, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %n) step (%c1, %c1) {
    memref.store %v, %m[%i, %j] : memref<?x?xf32>
  }
  return
}

// A one-dimensional loop (not collapsed) with a lower bound and a step is
// coarsened too: the body gets back 2 + 3 * i.
// COARSE-LABEL: func.func @strided
// COARSE-DAG: %[[C3:.*]] = arith.constant 3 : index
// COARSE-DAG: %[[C2:.*]] = arith.constant 2 : index
// COARSE: scf.parallel
// COARSE: scf.for
// COARSE: scf.if
// COARSE: %[[S:.*]] = arith.muli %{{.*}}, %[[C3]]
// COARSE: %[[IV:.*]] = arith.addi %[[S]], %[[C2]]
// COARSE: memref.store %{{.*}}, %{{.*}}[%[[IV]]]
func.func @strided(%m: memref<200xf32>, %v: f32) {
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c200 = arith.constant 200 : index
  scf.parallel (%i) = (%c2) to (%c200) step (%c3) {
    memref.store %v, %m[%i] : memref<200xf32>
  }
  return
}
