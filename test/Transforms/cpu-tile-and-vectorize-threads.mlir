// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 parallel-chunks=2 parallel-min-work=1000}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 parallel-chunks=1}))' | FileCheck %s --check-prefix=SERIAL
// RUN: tessera-opt %s --split-input-file --tessera-cpu-pipeline=threads=2 | FileCheck %s --check-prefix=OMP

// Thread slices: big ops are cut into parallel-chunks scf.forall slices
// along one parallel loop that divides evenly, before any other tiling.

// A matmul: the columns (n) are cut into whole panels of nr = 16; each
// slice is then tiled and vectorized like a whole op.
// CHECK-LABEL: func.func @matmul
// CHECK:         scf.forall (%[[J:.*]]) = (0) to (64) step (32) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<48x64xf32>)
// CHECK:           arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:           tensor.parallel_insert_slice %{{.*}} into %{{.*}}[0, %[[J]]] [48, 32] [1, 1]
// SERIAL-LABEL: func.func @matmul
// SERIAL-NOT:     scf.forall
// OMP-LABEL: llvm.func @matmul
// OMP:         omp.parallel num_threads
// OMP:         omp.wsloop
func.func @matmul(%a: tensor<48x40xf32>, %b: tensor<40x64xf32>, %c: tensor<48x64xf32>) -> tensor<48x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<48x40xf32>, tensor<40x64xf32>) outs(%c : tensor<48x64xf32>) -> tensor<48x64xf32>
  return %r : tensor<48x64xf32>
}

// -----

// A batch matmul: the batch loop is cut first.
// CHECK-LABEL: func.func @batch_matmul
// CHECK:         scf.forall (%[[B:.*]]) = (0) to (4) step (2)
func.func @batch_matmul(%a: tensor<4x24x40xf32>, %b: tensor<4x40x16xf32>, %c: tensor<4x24x16xf32>) -> tensor<4x24x16xf32> {
  %r = linalg.batch_matmul ins(%a, %b : tensor<4x24x40xf32>, tensor<4x40x16xf32>) outs(%c : tensor<4x24x16xf32>) -> tensor<4x24x16xf32>
  return %r : tensor<4x24x16xf32>
}

// -----

// An elementwise op: its outermost dimension that divides (3 does not).
// CHECK-LABEL: func.func @elementwise
// CHECK:         scf.forall (%[[I:.*]]) = (0) to (64) step (32)
#map = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @elementwise(%a: tensor<3x64x16xf32>, %b: tensor<3x64x16xf32>) -> tensor<3x64x16xf32> {
  %r = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel"]} ins(%a : tensor<3x64x16xf32>) outs(%b : tensor<3x64x16xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<3x64x16xf32>
  return %r : tensor<3x64x16xf32>
}

// -----

// Not cut: ops smaller than parallel-min-work, ops with no loop that
// divides, and 4-bit tensors (two elements share a byte).
// CHECK-LABEL: func.func @small
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @odd
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @int4
// CHECK-NOT:     scf.forall
// CHECK:         return
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @small(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.add ins(%a, %a : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
func.func @odd(%a: tensor<33x33xf32>, %b: tensor<33x33xf32>) -> tensor<33x33xf32> {
  %r = linalg.add ins(%a, %a : tensor<33x33xf32>, tensor<33x33xf32>) outs(%b : tensor<33x33xf32>) -> tensor<33x33xf32>
  return %r : tensor<33x33xf32>
}
func.func @int4(%a: tensor<64x64xi4>, %b: tensor<64x64xi4>) -> tensor<64x64xi4> {
  %r = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<64x64xi4>) outs(%b : tensor<64x64xi4>) {
  ^bb0(%x: i4, %y: i4):
    %s = arith.addi %x, %y : i4
    linalg.yield %s : i4
  } -> tensor<64x64xi4>
  return %r : tensor<64x64xi4>
}
