// Packing the right operand into panels of nr columns needs two panels in
// n. Where n is too short for two, the panels narrow by whole vectors until
// it holds two (nr 16 -> 8 with 8 lanes), instead of leaving the op unpacked
// (reading B with the stride of a row, or, for a transposed B, scalar);
// where n holds two, nr stays.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 nr=16 parallel-chunks=1}))' | FileCheck %s

// n = 24: panels of 8 ([3, 64, 8]), register tiles of 8 lanes.
// CHECK-LABEL: func.func @short_n
// CHECK:         tensor.empty() : tensor<3x64x8xf32>
// CHECK:         arith.mulf {{.*}} : vector<{{[0-9]+}}x8xf32>
// CHECK-NOT:     tessera.cpu_config
// CHECK:         return
func.func @short_n(%a: tensor<16x64xf32>, %bt: tensor<24x64xf32>,
                   %c: tensor<16x24xf32>) -> tensor<16x24xf32> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (n, k)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %bt : tensor<16x64xf32>, tensor<24x64xf32>)
      outs(%c : tensor<16x24xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x24xf32>
  return %r : tensor<16x24xf32>
}

// -----

// n = 40: two panels of 16 ([2, 64, 16]) and a remainder of 8 columns.
// CHECK-LABEL: func.func @long_n
// CHECK:         tensor.empty() : tensor<2x64x16xf32>
// CHECK:         arith.mulf {{.*}} : vector<{{[0-9]+}}x16xf32>
// CHECK:         return
func.func @long_n(%a: tensor<16x64xf32>, %bt: tensor<40x64xf32>,
                  %c: tensor<16x40xf32>) -> tensor<16x40xf32> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (n, k)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %bt : tensor<16x64xf32>, tensor<40x64xf32>)
      outs(%c : tensor<16x40xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x40xf32>
  return %r : tensor<16x40xf32>
}

// -----

// A plain matmul with n = 24: panels of 8 too.
// CHECK-LABEL: func.func @short_n_matmul
// CHECK:         tensor.empty() : tensor<3x64x8xf32>
// CHECK:         arith.mulf {{.*}} : vector<{{[0-9]+}}x8xf32>
// CHECK:         return
func.func @short_n_matmul(%a: tensor<16x64xf32>, %b: tensor<64x24xf32>,
                          %c: tensor<16x24xf32>) -> tensor<16x24xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x24xf32>)
                     outs(%c : tensor<16x24xf32>) -> tensor<16x24xf32>
  return %r : tensor<16x24xf32>
}
