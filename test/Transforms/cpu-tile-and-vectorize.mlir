// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 pack-rhs=false}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 pack-rhs=false mc=12 nc=32 kc=16 mr=4 nr=8 kr=2}))' | FileCheck %s --check-prefix=OPTS
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8}))' | FileCheck %s --check-prefix=PACK
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 pack-rhs=false}),one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(tessera-cpu-lower-vectors))' | FileCheck %s --check-prefix=LOWER
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 vectorize=false pack-rhs=false}))' | FileCheck %s --check-prefix=TILEONLY
// RUN: tessera-opt %s --split-input-file --tessera-cpu-pipeline | FileCheck %s --check-prefix=LLVM

// Host-independent: every RUN line fixes vector-width (8 f32 lanes: AVX2),
// so the defaults are mr = 6, nr = 16, kr = 1, mc = 72, nc = kc = 256.

// A matmul smaller than one cache tile: register tiles of 6 x 16 (loops n,
// then m), the reduction loop innermost, the accumulator a vector<6x16>
// carried by the k loop (read before it, written after it), and one
// vector.contract of a 6x1 column of A by a 1x16 row of B per step. The
// fill is left to LLVM (a memset).
// CHECK-LABEL: func.func @matmul
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C6:.*]] = arith.constant 6 : index
// CHECK-DAG:     %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG:     %[[C24:.*]] = arith.constant 24 : index
// CHECK-DAG:     %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG:     %[[C64:.*]] = arith.constant 64 : index
// CHECK:         linalg.fill
// CHECK:         scf.for %[[N:.*]] = %[[C0]] to %[[C64]] step %[[C16]]
// CHECK:           scf.for %[[M:.*]] = %[[C0]] to %[[C24]] step %[[C6]]
// CHECK:             %[[ACC:.*]] = vector.transfer_read %{{.*}}[%[[M]], %[[N]]]{{.*}} : tensor<24x64xf32>, vector<6x16xf32>
// CHECK:             %[[RES:.*]] = scf.for %[[K:.*]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[A:.*]] = %[[ACC]]) -> (vector<6x16xf32>)
// CHECK:               %[[LHS:.*]] = vector.transfer_read %{{.*}}[%[[M]], %[[K]]]{{.*}} : tensor<24x32xf32>, vector<6x1xf32>
// CHECK:               %[[RHS:.*]] = vector.transfer_read %{{.*}}[%[[K]], %[[N]]]{{.*}} : tensor<32x64xf32>, vector<1x16xf32>
// CHECK:               %[[C:.*]] = vector.contract {{.*}} %[[LHS]], %[[RHS]], %[[A]] : vector<6x1xf32>, vector<1x16xf32> into vector<6x16xf32>
// CHECK:               scf.yield %[[C]] : vector<6x16xf32>
// CHECK:             vector.transfer_write %[[RES]], %{{.*}}[%[[M]], %[[N]]]{{.*}} : vector<6x16xf32>, tensor<24x64xf32>
// CHECK-NOT:     linalg.matmul

// The options change the tiles: cache tiles [mc, nc, kc] = [12, 32, 16]
// (loops n, k, m), then register tiles [mr, nr, kr] = [4, 8, 2] (loops n,
// m, k) and a 4x2 by 2x8 contraction.
// OPTS-LABEL: func.func @matmul
// OPTS-DAG:     %[[C0:.*]] = arith.constant 0 : index
// OPTS-DAG:     %[[C2:.*]] = arith.constant 2 : index
// OPTS-DAG:     %[[C4:.*]] = arith.constant 4 : index
// OPTS-DAG:     %[[C8:.*]] = arith.constant 8 : index
// OPTS-DAG:     %[[C12:.*]] = arith.constant 12 : index
// OPTS-DAG:     %[[C16:.*]] = arith.constant 16 : index
// OPTS-DAG:     %[[C24:.*]] = arith.constant 24 : index
// OPTS-DAG:     %[[C32:.*]] = arith.constant 32 : index
// OPTS-DAG:     %[[C64:.*]] = arith.constant 64 : index
// OPTS:         scf.for %{{.*}} = %[[C0]] to %[[C64]] step %[[C32]]
// OPTS:           scf.for %{{.*}} = %[[C0]] to %[[C32]] step %[[C16]]
// OPTS:             scf.for %{{.*}} = %[[C0]] to %[[C24]] step %[[C12]]
// OPTS:               tensor.extract_slice {{.*}} : tensor<24x64xf32> to tensor<12x32xf32>
// OPTS:               scf.for %{{.*}} = %[[C0]] to %[[C32]] step %[[C8]]
// OPTS:                 scf.for %{{.*}} = %[[C0]] to %[[C12]] step %[[C4]]
// OPTS:                   vector.transfer_read {{.*}} : tensor<12x32xf32>, vector<4x8xf32>
// OPTS:                   scf.for %{{.*}} = %[[C0]] to %[[C16]] step %[[C2]] iter_args({{.*}}) -> (vector<4x8xf32>)
// OPTS:                     vector.contract {{.*}} : vector<4x2xf32>, vector<2x8xf32> into vector<4x8xf32>

// With pack-rhs (the default), B is read from panels of nr = 16 columns,
// [N/16, K, 16], copied by a vectorized linalg.transpose of its expanded
// form; the op becomes a linalg.generic on the expanded output whose
// register tiles read one contiguous 16-wide row of a panel per step.
// PACK-LABEL: func.func @matmul
// PACK:         %[[EB:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [32, 4, 16] : tensor<32x64xf32> into tensor<32x4x16xf32>
// PACK:         %[[PB:.*]] = scf.for {{.*}} -> (tensor<4x32x16xf32>)
// PACK:           vector.transfer_read %[[EB]]{{.*}} : tensor<32x4x16xf32>, vector<1x1x8xf32>
// PACK:         tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [24, 4, 16] : tensor<24x64xf32> into tensor<24x4x16xf32>
// PACK:         scf.for {{.*}} -> (vector<6x16xf32>)
// PACK:           vector.transfer_read %[[PB]]{{.*}} : tensor<4x32x16xf32>, vector<6x16xf32>
// PACK:           arith.mulf {{.*}} : vector<6x16xf32>
// PACK:           arith.addf {{.*}} : vector<6x16xf32>
// PACK:         tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<24x4x16xf32> into tensor<24x64xf32>
// PACK-NEXT:    return

// On buffers, tessera-cpu-lower-vectors turns each step into 6 scalar loads
// of A broadcast to rows, one 16-wide load of B and 6 FMAs on the rows of
// the accumulator.
// LOWER-LABEL: func.func @matmul
// LOWER:         scf.for {{.*}} -> (vector<6x16xf32>)
// LOWER:           %[[B:.*]] = vector.load {{.*}} : memref<32x64xf32>, vector<16xf32>
// LOWER-COUNT-6:   vector.fma %{{.*}}, %[[B]], %{{.*}} : vector<16xf32>
// LOWER-NOT:     vector.contract
// LOWER-NOT:     vector.transfer_read

// The CPU pipeline runs both passes by default (with the host's vector
// width): the matmul becomes FMAs on SIMD vectors.
// LLVM-LABEL: llvm.func @matmul
// LLVM:         llvm.intr.fmuladd({{.*}}) : (vector<{{[0-9]+}}xf32>, vector<{{[0-9]+}}xf32>, vector<{{[0-9]+}}xf32>) -> vector<{{[0-9]+}}xf32>

// vectorize=false: tiled, not vectorized.
// TILEONLY-LABEL: func.func @matmul
// TILEONLY:         scf.for
// TILEONLY:           linalg.matmul ins({{.*}} : tensor<6x1xf32>, tensor<1x16xf32>) outs({{.*}} : tensor<6x16xf32>)
// TILEONLY-NOT:     vector.
func.func @matmul(%a: tensor<24x32xf32>, %b: tensor<32x64xf32>) -> tensor<24x64xf32> {
  %e = tensor.empty() : tensor<24x64xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<24x64xf32>) -> tensor<24x64xf32>
  %r = linalg.matmul ins(%a, %b : tensor<24x32xf32>, tensor<32x64xf32>) outs(%i : tensor<24x64xf32>) -> tensor<24x64xf32>
  return %r : tensor<24x64xf32>
}

// -----

// Elementwise ops: one 8-lane vector per step along the innermost loop; the
// remainder (20 = 2 x 8 + 4) is peeled into a 4-lane step. (The loops are
// not collapsed: %b is broadcast along the outer one.)
// CHECK-LABEL: func.func @add
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             arith.addf {{.*}} : vector<8xf32>
// CHECK:           arith.addf {{.*}} : vector<4xf32>
// CHECK-NOT:     linalg.generic
func.func @add(%a: tensor<4x20xf32>, %b: tensor<20xf32>) -> tensor<4x20xf32> {
  %e = tensor.empty() : tensor<4x20xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x20xf32>, tensor<20xf32>) outs(%e : tensor<4x20xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x20xf32>
  return %r : tensor<4x20xf32>
}

// -----

// Contiguous elementwise ops are collapsed to one loop first: [6, 10] is
// 60 = 7 x 8 + 4 elements.
// CHECK-LABEL: func.func @relu
// CHECK:         tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<6x10xf32> into tensor<60xf32>
// CHECK:         scf.for
// CHECK:           arith.maximumf {{.*}} : vector<8xf32>
// CHECK:         arith.maximumf {{.*}} : vector<4xf32>
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [6, 10] : tensor<60xf32> into tensor<6x10xf32>
func.func @relu(%a: tensor<6x10xf32>) -> tensor<6x10xf32> {
  %e = tensor.empty() : tensor<6x10xf32>
  %z = arith.constant 0.0 : f32
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<6x10xf32>) outs(%e : tensor<6x10xf32>) {
  ^bb0(%x: f32, %o: f32):
    %m = arith.maximumf %x, %z : f32
    linalg.yield %m : f32
  } -> tensor<6x10xf32>
  return %r : tensor<6x10xf32>
}

// -----

// Element types the pass does not handle (complex, sub-byte integers) are
// left to convert-linalg-to-loops.
// CHECK-LABEL: func.func @left_alone
// CHECK:         linalg.generic
// CHECK:           complex.re
// CHECK:         linalg.generic
// CHECK:           arith.addi {{.*}} : i4
func.func @left_alone(%a: tensor<8xcomplex<f32>>, %b: tensor<8xi4>) -> (tensor<8xf32>, tensor<8xi4>) {
  %e = tensor.empty() : tensor<8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<8xcomplex<f32>>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: complex<f32>, %o: f32):
    %s = complex.re %x : complex<f32>
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %e4 = tensor.empty() : tensor<8xi4>
  %r4 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%b : tensor<8xi4>) outs(%e4 : tensor<8xi4>) {
  ^bb0(%x: i4, %o: i4):
    %s = arith.addi %x, %x : i4
    linalg.yield %s : i4
  } -> tensor<8xi4>
  return %r, %r4 : tensor<8xf32>, tensor<8xi4>
}
