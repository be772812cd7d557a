// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 parallel-chunks=1}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 parallel-chunks=1}),one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(tessera-cpu-lower-vectors))' | FileCheck %s --check-prefix=LOWER
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=1" tessera-opt %s --split-input-file --tessera-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 parallel-chunks=1 vectorize-elementwise=false}))' | FileCheck %s --check-prefix=SCALAR

// Reductions along the inputs' innermost (contiguous) dimension, with
// 8 f32 lanes: each row of K elements is split into K / 8 vectors, reduced
// elementwise into one vector of partial results per row (register tiles
// of 6 rows, like a contraction's), then each row's 8 lanes into one value
// (a vector.reduction: a tree of shuffles in LLVM, reassociated for sums).

// A row maximum, 20 rows of 24: the partial maxima start from -inf (a
// vectorized fill), 3 steps of vector<6x8> maxima (and the 2 rows left),
// then one horizontal maximum per row.
// CHECK-LABEL: func.func @row_max
// CHECK-DAG:     %[[NINF:.*]] = arith.constant dense<0xFF800000> : vector<1x8xf32>
// CHECK:         %[[ROWS:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [20, 3, 8] : tensor<20x24xf32> into tensor<20x3x8xf32>
// CHECK:         vector.transfer_write %[[NINF]], %{{.*}} : vector<1x8xf32>, tensor<20x8xf32>
// CHECK:         scf.for {{.*}} -> (vector<6x8xf32>)
// CHECK:           vector.transfer_read %[[ROWS]]{{.*}} : tensor<20x3x8xf32>, vector<6x8xf32>
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : vector<6x8xf32>
// CHECK:         scf.for {{.*}} -> (vector<2x8xf32>)
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : vector<2x8xf32>
// CHECK:         scf.for
// CHECK:           vector.multi_reduction <maximumf>, %{{.*}}, %{{.*}} [0] : vector<8xf32> to f32
// CHECK-NOT:     linalg.generic
// CHECK:         return
// LOWER-LABEL: func.func @row_max
// LOWER:         vector.reduction <maximumf>, %{{.*}}, %{{.*}} : vector<8xf32> into f32
// LOWER-NOT:     vector.multi_reduction
// With vectorize-elementwise=false (the tuner's scalar candidate for the
// elementwise/reduction class), left whole for scalar loops.
// SCALAR-LABEL: func.func @row_max
// SCALAR-NOT:     tensor.expand_shape
// SCALAR:         linalg.generic
// SCALAR-NOT:     vector.
// SCALAR:         return
// LLVM-LABEL: llvm.func @row_max
// LLVM:         llvm.intr.maximum({{.*}}) : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// LLVM:         llvm.intr.vector.reduce.fmaximum({{.*}}) {{.*}}: (vector<8xf32>) -> f32
#rows2 = affine_map<(i, k) -> (i, k)>
#row2 = affine_map<(i, k) -> (i)>
func.func @row_max(%x: tensor<20x24xf32>) -> tensor<20xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<20xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<20xf32>) -> tensor<20xf32>
  %r = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<20x24xf32>) outs(%init : tensor<20xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.maximumf %acc, %a : f32
    linalg.yield %m : f32
  } -> tensor<20xf32>
  return %r : tensor<20xf32>
}

// -----

// Rows of 20: 16 split into 2 vectors, the 4 left reduced on their own
// after them (from their sums), one vector<4> per row. The sums' horizontal
// reductions are reassociated.
// CHECK-LABEL: func.func @row_sum_remainder
// CHECK:         %[[HEAD:.*]] = tensor.extract_slice %[[X:.*]][0, 0] [4, 16] [1, 1] : tensor<4x20xf32> to tensor<4x16xf32>
// CHECK:         tensor.expand_shape %[[HEAD]] {{\[}}[0], [1, 2]] output_shape [4, 2, 8]
// CHECK:         arith.addf %{{.*}}, %{{.*}} : vector<4x8xf32>
// CHECK:         %[[SUMS:.*]] = scf.for
// CHECK:           vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<8xf32> to f32
// CHECK:         scf.for {{.*}} iter_args(%{{.*}} = %[[SUMS]])
// CHECK:           vector.transfer_read %[[X]][%{{.*}}, %c16]{{.*}} : tensor<4x20xf32>, vector<4xf32>
// CHECK:           vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<4xf32> to f32
// LOWER-LABEL: func.func @row_sum_remainder
// LOWER:         vector.reduction <add>, %{{.*}}, %{{.*}} : vector<8xf32> into f32
// LOWER:         vector.reduction <add>, %{{.*}}, %{{.*}} : vector<4xf32> into f32
// LLVM-LABEL: llvm.func @row_sum_remainder
// LLVM:         "llvm.intr.vector.reduce.fadd"({{.*}}) <{fastmathFlags = #llvm.fastmath<reassoc>}> : (f32, vector<8xf32>) -> f32
// LLVM:         "llvm.intr.vector.reduce.fadd"({{.*}}) <{fastmathFlags = #llvm.fastmath<reassoc>}> : (f32, vector<4xf32>) -> f32
#rows2 = affine_map<(i, k) -> (i, k)>
#row2 = affine_map<(i, k) -> (i)>
func.func @row_sum_remainder(%x: tensor<4x20xf32>) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %r = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x20xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// Sums over NCHW images' rows and columns: the two reduction loops are
// merged into one of 4 * 6 = 24 first, then split into 3 vectors per
// image, 3 channels (its m) per register tile.
// CHECK-LABEL: func.func @image_sums
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<2x3x4x6xf32> into tensor<2x3x24xf32>
// CHECK:         tensor.expand_shape %[[FLAT]] {{\[}}[0], [1], [2, 3]] output_shape [2, 3, 3, 8]
// CHECK:         arith.addf %{{.*}}, %{{.*}} : vector<3x8xf32>
// CHECK:         vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<8xf32> to f32
func.func @image_sums(%x: tensor<2x3x4x6xf32>) -> tensor<2x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w)>, affine_map<(n, c, h, w) -> (n, c)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : tensor<2x3x4x6xf32>) outs(%z : tensor<2x3xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}

// -----

// Rows no longer than a vector are reduced whole: one vector<6> per row.
// CHECK-LABEL: func.func @short_rows
// CHECK-NOT:     tensor.expand_shape
// CHECK:         scf.for
// CHECK:           vector.transfer_read %{{.*}} : tensor<10x6xf32>, vector<6xf32>
// CHECK:           vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<6xf32> to f32
// CHECK-NOT:     linalg.generic
// CHECK:         return
#rows2 = affine_map<(i, k) -> (i, k)>
#row2 = affine_map<(i, k) -> (i)>
func.func @short_rows(%x: tensor<10x6xf32>) -> tensor<10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10xf32>) -> tensor<10xf32>
  %r = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<10x6xf32>) outs(%z : tensor<10xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<10xf32>
  return %r : tensor<10xf32>
}

// -----

// A total (rank-0 result): one vector accumulator over the 8 vectors, one
// horizontal sum at the end.
// CHECK-LABEL: func.func @total
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [8, 8] : tensor<64xf32> into tensor<8x8xf32>
// CHECK:         scf.for {{.*}} -> (vector<8xf32>)
// CHECK:           arith.addf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK:         vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<8xf32> to f32
func.func @total(%x: tensor<64xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %sum = linalg.generic {indexing_maps = [affine_map<(k) -> (k)>, affine_map<(k) -> ()>], iterator_types = ["reduction"]}
      ins(%x : tensor<64xf32>) outs(%z : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %sum : tensor<f32>
}

// -----

// Not inner reductions, left to the paths they had: a column sum (its
// lanes along the output's columns: a contraction without m or k reuse),
// and a row reduction whose body computes with its loop index.
// CHECK-LABEL: func.func @column_sum
// CHECK-NOT:     tensor.expand_shape
// CHECK:         arith.addf %{{.*}}, %{{.*}} : vector<32xf32>
// CHECK-NOT:     vector.multi_reduction
// CHECK:         return
func.func @column_sum(%x: tensor<40x32xf32>) -> tensor<32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<32xf32>) -> tensor<32xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(k, j) -> (k, j)>, affine_map<(k, j) -> (j)>], iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<40x32xf32>) outs(%z : tensor<32xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<32xf32>
  return %sum : tensor<32xf32>
}

// CHECK-LABEL: func.func @indexed_row_sum
// CHECK-NOT:     tensor.expand_shape
// CHECK:         linalg.generic
// CHECK-NOT:     vector.
// CHECK:         return
func.func @indexed_row_sum(%x: tensor<10x64xf32>) -> tensor<10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10xf32>) -> tensor<10xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<10x64xf32>) outs(%z : tensor<10xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %k = linalg.index 1 : index
    %ki = arith.index_cast %k : index to i32
    %kf = arith.sitofp %ki : i32 to f32
    %p = arith.mulf %a, %kf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<10xf32>
  return %sum : tensor<10xf32>
}
