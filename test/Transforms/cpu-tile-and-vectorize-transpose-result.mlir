// Contractions whose right operand is transposed (A x B^T: only packed can
// it be vectorized along n) compute their result transposed where that
// copies less (transpose-result=auto): out^T = B A^T, the vectors along m,
// B's rows broadcast where they lie and A packed; consumers read the
// transposed result through their indexing maps. Attention's P x V is the
// case: a 16 x 112 V packed instead of a 3136 x 112 P per head.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 mr=8 nr=32 parallel-chunks=1}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 mr=8 nr=32 parallel-chunks=1 transpose-result=false}))' | FileCheck %s --check-prefix=OFF
// RUN: not tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{transpose-result=maybe}))' 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: expected auto, true or false for 'transpose-result', got 'maybe'

// B (256 x 64) is 16x bigger than A (16 x 64) and the result (16 x 256)
// together: transposed. The result is a fill of a 256 x 16 tensor, A is
// packed into one panel of 16 columns, each register tile is 8 rows of B
// (broadcast) by one vector of A, and the consumer reads the result in
// tiles of 16 x 16 that it transposes.
// CHECK-LABEL: func.func @a_bt_small_m
// CHECK-DAG:     %[[T:.*]] = tensor.empty() : tensor<256x16xf32>
// CHECK-DAG:     %[[AP:.*]] = scf.for {{.*}} -> (tensor<1x64x16xf32>)
// CHECK:         tensor.expand_shape %[[T]] {{.*}} into tensor<256x1x16xf32>
// CHECK:         vector.transfer_read %[[AP]]{{.*}} : tensor<1x64x16xf32>, vector<8x16xf32>
// CHECK:         vector.transfer_read %arg1{{.*}} permutation_map = #[[BCAST:.*]]} : tensor<256x64xf32>, vector<8x16xf32>
// CHECK:         %[[RT:.*]] = tensor.collapse_shape {{.*}} into tensor<256x16xf32>
// CHECK:         vector.transfer_read %[[RT]]{{.*}} : tensor<256x16xf32>, vector<16x16xf32>
// CHECK:         arith.divf {{.*}} : vector<16x16xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return

// OFF-LABEL: func.func @a_bt_small_m
// OFF-NOT:     tensor<256x16xf32>
// OFF:         -> (tensor<4x64x64xf32>)
// OFF:         return
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @a_bt_small_m(%a: tensor<16x64xf32>, %b: tensor<256x64xf32>,
                        %s: tensor<256xf32>) -> tensor<16x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x256xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<16x256xf32>)
      -> tensor<16x256xf32>
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xf32>, tensor<256x64xf32>)
      outs(%c : tensor<16x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %q = arith.addf %acc, %p : f32
    linalg.yield %q : f32
  } -> tensor<16x256xf32>
  %d = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (j)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%r, %s : tensor<16x256xf32>, tensor<256xf32>)
      outs(%e : tensor<16x256xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %q = arith.divf %x, %y : f32
    linalg.yield %q : f32
  } -> tensor<16x256xf32>
  return %d : tensor<16x256xf32>
}

// -----

// As many rows as columns: packing B copies less than transposing would
// (B 256 x 64 against A 128 x 64 and a 128 x 256 result): not transposed.
// CHECK-LABEL: func.func @a_bt_large_m
// CHECK-NOT:     tensor<256x128xf32>
// CHECK:         -> (tensor<4x64x64xf32>)
// CHECK:         return
#mk2 = affine_map<(m, n, k) -> (m, k)>
#nk2 = affine_map<(m, n, k) -> (n, k)>
#mn2 = affine_map<(m, n, k) -> (m, n)>
func.func @a_bt_large_m(%a: tensor<128x64xf32>, %b: tensor<256x64xf32>,
                        %c: tensor<128x256xf32>) -> tensor<128x256xf32> {
  %r = linalg.generic {indexing_maps = [#mk2, #nk2, #mn2],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<128x64xf32>, tensor<256x64xf32>)
      outs(%c : tensor<128x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %q = arith.addf %acc, %p : f32
    linalg.yield %q : f32
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// Forced by the op's config (the tuner's candidates): the init, a function
// argument, is transposed into the 48 x 32 layout, and the result is
// transposed back for the return (each in tiles of 16 x 16).
// CHECK-LABEL: func.func @a_bt_forced
// CHECK:         %[[T:.*]] = tensor.empty() : tensor<48x32xf32>
// CHECK:         scf.for {{.*}} iter_args(%{{.*}} = %[[T]]) -> (tensor<48x32xf32>)
// CHECK:         vector.transfer_read %arg2{{.*}} : tensor<32x48xf32>, vector<16x16xf32>
// CHECK:         -> (tensor<2x64x16xf32>)
// CHECK:         vector<8x16xf32>
// CHECK:         %[[RT:.*]] = tensor.collapse_shape {{.*}} into tensor<48x32xf32>
// CHECK:         vector.transfer_read %[[RT]]{{.*}} : tensor<48x32xf32>, vector<16x16xf32>
// CHECK:         return
// The op's config wins over the pass's option.
// OFF-LABEL: func.func @a_bt_forced
// OFF:         tensor.empty() : tensor<48x32xf32>
// OFF:         return
#mk3 = affine_map<(m, n, k) -> (m, k)>
#nk3 = affine_map<(m, n, k) -> (n, k)>
#mn3 = affine_map<(m, n, k) -> (m, n)>
func.func @a_bt_forced(%a: tensor<32x64xf32>, %b: tensor<48x64xf32>,
                       %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %r = linalg.generic {indexing_maps = [#mk3, #nk3, #mn3],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<32x64xf32>, tensor<48x64xf32>)
      outs(%c : tensor<32x48xf32>)
      attrs = {tessera.cpu_config = "transpose-result=true"} {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %q = arith.addf %acc, %p : f32
    linalg.yield %q : f32
  } -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
