// The columns that a contraction with a transposed right operand (A x B^T)
// leaves after its whole register panels are packed as one panel of their
// width when it is whole vectors: n = 112 = 3 x 32 + 16 gives three packed
// panels of 32 and one of 16, each vectorized. Unpacked, the remainder's
// right operand would be read across rows (a gather per lane) and it ran as
// scalar loops.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 mr=8 nr=32 parallel-chunks=1}))' | FileCheck %s

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

// A remainder that is not whole vectors (120 = 3 x 32 + 24) stays
// unpacked: a 24-lane panel would not be whole vectors either.
// CHECK-LABEL: func.func @a_bt_partial_vector_remainder
// CHECK:         tensor.extract_slice %arg1[96, 0] [24, 37] [1, 1]
// CHECK-NOT:     tensor<1x37x24xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<24x37xf32>, tensor<24x37xf32>)
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
