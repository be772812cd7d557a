// Contractions with a transposed right operand (A x B^T) must be packed to
// be vectorized (unpacked, each lane would be a gather, and they ran as
// scalar loops), so they are packed whatever their shape: the columns left
// after the whole register panels are packed as panels of whole vectors,
// then one of the rest (n = 112 = 3 x 32 + 16; 120 = 3 x 32 + 16 + 8), and
// so are contractions with fewer rows than would amortize a packed copy
// (with their results not transposed, which most of these would be by
// default: cpu-tile-and-vectorize-transpose-result.mlir).
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 mr=8 nr=32 parallel-chunks=1 transpose-result=false}))' | FileCheck %s

// CHECK-LABEL: func.func @a_bt_remainder
// CHECK:         tensor.extract_slice %arg1[0, 0] [96, 100] [1, 1]
// CHECK:         -> (tensor<3x100x32xf32>)
// CHECK:         -> (vector<8x32xf32>)
// CHECK:         arith.mulf {{.*}} : vector<8x32xf32>
// CHECK:         %[[REM:.*]] = tensor.extract_slice %arg1[96, 0] [16, 100] [1, 1]
// CHECK:         tensor.expand_shape %[[REM]] {{.*}} into tensor<1x16x100xf32>
// CHECK:         -> (tensor<1x100x16xf32>)
// CHECK:         -> (vector<8x16xf32>)
// CHECK:         arith.mulf {{.*}} : vector<8x16xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @a_bt_remainder(%a: tensor<16x100xf32>, %b: tensor<112x100xf32>,
                          %c: tensor<16x112xf32>) -> tensor<16x112xf32> {
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x100xf32>, tensor<112x100xf32>)
      outs(%c : tensor<16x112xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x112xf32>
  return %r : tensor<16x112xf32>
}

// -----

// A remainder that is not whole vectors (120 = 3 x 32 + 24) is split into
// whole vectors and the rest: panels of 16 and 8 lanes (a panel of 24 ran 4x
// slower than the two).
// CHECK-LABEL: func.func @a_bt_partial_vector_remainder
// CHECK:         tensor.extract_slice %arg1[0, 0] [96, 37] [1, 1]
// CHECK:         -> (vector<8x32xf32>)
// CHECK:         tensor.extract_slice %arg1[96, 0] [24, 37] [1, 1]
// CHECK:         -> (tensor<1x37x16xf32>)
// CHECK:         -> (vector<8x16xf32>)
// CHECK:         -> (tensor<1x37x8xf32>)
// CHECK:         -> (vector<8x8xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return
#mk2 = affine_map<(m, n, k) -> (m, k)>
#nk2 = affine_map<(m, n, k) -> (n, k)>
#mn2 = affine_map<(m, n, k) -> (m, n)>
func.func @a_bt_partial_vector_remainder(%a: tensor<24x37xf32>,
                                         %b: tensor<120x37xf32>,
                                         %c: tensor<24x120xf32>)
    -> tensor<24x120xf32> {
  %r = linalg.generic {indexing_maps = [#mk2, #nk2, #mn2],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<24x37xf32>, tensor<120x37xf32>)
      outs(%c : tensor<24x120xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<24x120xf32>
  return %r : tensor<24x120xf32>
}

// -----

// Eight rows (m < 2 mr) would not amortize a packed copy of B for a
// contiguous B; a transposed one is packed all the same.
// CHECK-LABEL: func.func @a_bt_few_rows
// CHECK:         -> (tensor<3x128x32xf32>)
// CHECK:         -> (vector<8x32xf32>)
// CHECK:         arith.mulf {{.*}} : vector<8x32xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return
#mk3 = affine_map<(m, n, k) -> (m, k)>
#nk3 = affine_map<(m, n, k) -> (n, k)>
#mn3 = affine_map<(m, n, k) -> (m, n)>
func.func @a_bt_few_rows(%a: tensor<8x128xf32>, %b: tensor<96x128xf32>,
                         %c: tensor<8x96xf32>) -> tensor<8x96xf32> {
  %r = linalg.generic {indexing_maps = [#mk3, #nk3, #mn3],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x128xf32>, tensor<96x128xf32>)
      outs(%c : tensor<8x96xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x96xf32>
  return %r : tensor<8x96xf32>
}
