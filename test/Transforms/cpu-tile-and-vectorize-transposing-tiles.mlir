// Elementwise ops that read an input transposed (its contiguous dimension
// is not the one their vectors run along) take tiles of vector-width x
// vector-width: each reads whole rows of the input and transposes them
// (tessera-cpu-lower-vectors makes that shuffles) instead of gathering a
// vector lane by lane. The packing copies of A x B^T's B are such ops.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 parallel-chunks=1}))' | FileCheck %s

// 40 x 48 -> 48 x 40: whole tiles of 16 x 16 and the peeled remainder of
// 8 columns (16 x 8).
// CHECK-LABEL: func.func @transpose
// CHECK:         vector.transfer_read %arg0{{.*}} permutation_map = #[[T:.*]]} : tensor<40x48xf32>, vector<16x16xf32>
// CHECK:         vector.transfer_write {{.*}} : vector<16x16xf32>, tensor<48x40xf32>
// CHECK:         vector.transfer_read %arg0{{.*}} permutation_map = #[[T]]} : tensor<40x48xf32>, vector<16x8xf32>
// CHECK:         return
func.func @transpose(%a: tensor<40x48xf32>) -> tensor<48x40xf32> {
  %e = tensor.empty() : tensor<48x40xf32>
  %t = linalg.transpose ins(%a : tensor<40x48xf32>)
      outs(%e : tensor<48x40xf32>) permutation = [1, 0]
  return %t : tensor<48x40xf32>
}

// -----

// One input read transposed, one along the vectors: tiles of 16 x 16 for
// both (the second read as 16 rows).
// CHECK-LABEL: func.func @divide_transposed
// CHECK:         vector.transfer_read %arg0{{.*}} : tensor<64x32xf32>, vector<16x16xf32>
// CHECK:         vector.transfer_read %arg1{{.*}} : tensor<32x64xf32>, vector<16x16xf32>
// CHECK:         arith.divf {{.*}} : vector<16x16xf32>
// CHECK:         return
func.func @divide_transposed(%a: tensor<64x32xf32>, %b: tensor<32x64xf32>)
    -> tensor<32x64xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %d = linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>,
                                        affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<64x32xf32>, tensor<32x64xf32>)
      outs(%e : tensor<32x64xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %q = arith.divf %x, %y : f32
    linalg.yield %q : f32
  } -> tensor<32x64xf32>
  return %d : tensor<32x64xf32>
}

// -----

// Bytes: vectors along the output only (the transposing tiles are of
// 32-bit lanes).
// CHECK-LABEL: func.func @transpose_bytes
// CHECK-NOT:     vector<16x16xi8>
// CHECK:         vector<1x16xi8>
// CHECK:         return
func.func @transpose_bytes(%a: tensor<32x64xi8>) -> tensor<64x32xi8> {
  %e = tensor.empty() : tensor<64x32xi8>
  %t = linalg.transpose ins(%a : tensor<32x64xi8>)
      outs(%e : tensor<64x32xi8>) permutation = [1, 0]
  return %t : tensor<64x32xi8>
}

// -----

// A x B^T's packing copy of B (128 x 64 into panels of 64 columns, the
// short reduction's 4 x 64 register tiles: [2, 64, 64]) transposes in
// tiles of 16 x 16.
// CHECK-LABEL: func.func @pack_copy
// CHECK:         vector.transfer_read %{{.*}} : tensor<2x64x64xf32>, vector<1x16x16xf32>
// CHECK:         vector.transfer_write {{.*}} : vector<1x16x16xf32>, tensor<2x64x64xf32>
// CHECK:         return
func.func @pack_copy(%a: tensor<128x64xf32>, %b: tensor<128x64xf32>,
                     %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (n, k)>,
                                        affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<128x64xf32>, tensor<128x64xf32>)
      outs(%c : tensor<128x128xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<128x128xf32>
  return %r : tensor<128x128xf32>
}
