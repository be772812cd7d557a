// Register tiles keep about mr x nr accumulators where m is short or the
// rows share nothing: the rows that a tile cannot use become columns
// (nr grows by whole multiples of itself, no wider than n, leaving no
// more than nr columns after its last whole tile).
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 mr=6 nr=16 parallel-chunks=1}))' | FileCheck %s

// m = 2 of mr = 6: rows share B's vectors, so the tile keeps both rows and
// takes 2 x 16 columns (2 x 32; 2 x 48 would not fit in 16 registers with
// the right operand's vectors).
// CHECK-LABEL: func.func @two_rows
// CHECK:         vector.contract {{.*}} into vector<2x32xf32>
// CHECK-NOT:     into vector<2x16xf32>
// CHECK:         return
func.func @two_rows(%a: tensor<2x64xf32>, %b: tensor<64x96xf32>,
                    %c: tensor<2x96xf32>) -> tensor<2x96xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<2x64xf32>, tensor<64x96xf32>)
                     outs(%c : tensor<2x96xf32>) -> tensor<2x96xf32>
  return %r : tensor<2x96xf32>
}

// -----

// A vector-matrix product (m = 1): one row of 6 x 16 columns, as wide as n
// allows (n = 40: 2 x 16 = 32 columns, then a peeled 8).
// CHECK-LABEL: func.func @one_row
// CHECK:         vector.contract {{.*}} into vector<1x32xf32>
// CHECK:         vector.contract {{.*}} into vector<1x8xf32>
// CHECK:         return
func.func @one_row(%a: tensor<1x64xf32>, %b: tensor<64x40xf32>,
                   %c: tensor<1x40xf32>) -> tensor<1x40xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<1x64xf32>, tensor<64x40xf32>)
                     outs(%c : tensor<1x40xf32>) -> tensor<1x40xf32>
  return %r : tensor<1x40xf32>
}

// -----

// m = 1 but n = 120: every wider tile (96, 80, 64, 48, 32) would leave more
// than 16 columns after its last whole tile, so nr stays 16 (7 tiles and 8).
// CHECK-LABEL: func.func @one_row_awkward_n
// CHECK:         vector.contract {{.*}} into vector<1x16xf32>
// CHECK:         vector.contract {{.*}} into vector<1x8xf32>
// CHECK:         return
func.func @one_row_awkward_n(%a: tensor<1x64xf32>, %b: tensor<64x120xf32>,
                             %c: tensor<1x120xf32>) -> tensor<1x120xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<1x64xf32>, tensor<64x120xf32>)
                     outs(%c : tensor<1x120xf32>) -> tensor<1x120xf32>
  return %r : tensor<1x120xf32>
}

// -----

// Rows that share nothing: out[b, p] += x[b, c, p] * w[c] (a 1x1
// convolution to one channel, its batch as m) reads a strip of x per row,
// so the tile takes one row of 6 x 16 = 96 columns instead of 6 rows of 16.
// CHECK-LABEL: func.func @rows_share_nothing
// CHECK:         arith.mulf {{.*}} : vector<96xf32>
// CHECK-NOT:     vector<6x16xf32>
// CHECK:         return
func.func @rows_share_nothing(%x: tensor<8x32x192xf32>, %w: tensor<32xf32>,
                              %o: tensor<8x192xf32>) -> tensor<8x192xf32> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(b, p, c) -> (b, c, p)>,
                       affine_map<(b, p, c) -> (c)>,
                       affine_map<(b, p, c) -> (b, p)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<8x32x192xf32>, tensor<32xf32>)
      outs(%o : tensor<8x192xf32>) {
  ^bb0(%xv: f32, %wv: f32, %acc: f32):
    %p = arith.mulf %xv, %wv : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x192xf32>
  return %r : tensor<8x192xf32>
}

// -----

// Rows that fill the tile and share B: unchanged (6 x 16).
// CHECK-LABEL: func.func @full_rows
// CHECK:         arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:         return
func.func @full_rows(%a: tensor<12x64xf32>, %b: tensor<64x32xf32>,
                     %c: tensor<12x32xf32>) -> tensor<12x32xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<12x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<12x32xf32>) -> tensor<12x32xf32>
  return %r : tensor<12x32xf32>
}
