// Register tiles vectorized as their bodies (not as vector.contract) with an
// unrolled reduction (kr > 1) keep the output's innermost loop last, behind
// the reduction: every operand indexed by it is read along it, and the
// reduction adds whole vectors instead of the lanes of a transposed one
// (the order that the panels of packed contractions already have). Without
// packing, to see the unpacked forms of the other tiles.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{mr=4 kr=2 parallel-chunks=1 pack-rhs=false}))' | FileCheck %s

// A DFT stage of the spectral convolution: two outputs (real, imaginary),
// the input read as [k][w], the DFT matrix as [k][h]. The tile is 4 (h) x 12
// (w) x 2 (k), vectorized as vector<4x2x12>: the inputs are read without a
// permutation of their last two dimensions (k, then w).
// CHECK-DAG:   #[[INPUT:.+]] = affine_map<(d0, d1, d2) -> (0, d1, d2)>
// CHECK-DAG:   #[[DFT:.+]] = affine_map<(d0, d1) -> (d1, d0, 0)>
// CHECK-LABEL: func.func @dft_two_outputs
// CHECK:         scf.for {{.*}} step %c2 iter_args({{.*}}) -> (vector<4x12xf32>, vector<4x12xf32>)
// CHECK-COUNT-2:   vector.transfer_read %arg{{[01]}}{{.*}} permutation_map = #[[INPUT]]} : tensor<2x24x12xf32>, vector<4x2x12xf32>
// CHECK-COUNT-2:   vector.transfer_read %arg{{[23]}}{{.*}} permutation_map = #[[DFT]]} : tensor<24x16xf32>, vector<4x2x12xf32>
// CHECK-COUNT-2:   vector.multi_reduction <add>, %{{.*}}, %{{.*}} [1] : vector<4x2x12xf32> to vector<4x12xf32>
// CHECK-NOT:     vector<4x12x2xf32>
#in = affine_map<(b, h, w, k) -> (b, k, w)>
#dft = affine_map<(b, h, w, k) -> (k, h)>
#out = affine_map<(b, h, w, k) -> (b, h, w)>
func.func @dft_two_outputs(%re: tensor<2x24x12xf32>, %im: tensor<2x24x12xf32>,
                           %c: tensor<24x16xf32>, %s: tensor<24x16xf32>)
    -> (tensor<2x16x12xf32>, tensor<2x16x12xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x16x12xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<2x16x12xf32>) -> tensor<2x16x12xf32>
  %e1 = tensor.empty() : tensor<2x16x12xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<2x16x12xf32>) -> tensor<2x16x12xf32>
  %r:2 = linalg.generic {indexing_maps = [#in, #in, #dft, #dft, #out, #out],
                         iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%re, %im, %c, %s : tensor<2x24x12xf32>, tensor<2x24x12xf32>, tensor<24x16xf32>, tensor<24x16xf32>)
      outs(%f0, %f1 : tensor<2x16x12xf32>, tensor<2x16x12xf32>) {
  ^bb0(%a: f32, %b: f32, %x: f32, %y: f32, %o0: f32, %o1: f32):
    %0 = arith.mulf %a, %x : f32
    %1 = arith.mulf %b, %y : f32
    %2 = arith.subf %0, %1 : f32
    %3 = arith.mulf %a, %y : f32
    %4 = arith.mulf %b, %x : f32
    %5 = arith.addf %3, %4 : f32
    %6 = arith.addf %o0, %2 : f32
    %7 = arith.addf %o1, %5 : f32
    linalg.yield %6, %7 : f32, f32
  } -> (tensor<2x16x12xf32>, tensor<2x16x12xf32>)
  return %r#0, %r#1 : tensor<2x16x12xf32>, tensor<2x16x12xf32>
}

// -----

// A plain matmul is a contraction: vector.contract with k innermost, as
// before (lhs vector<4 x 2>, rhs vector<2 x nr>).
// CHECK-LABEL: func.func @matmul
// CHECK:         vector.contract {{.*}} vector<4x2xf32>, vector<2x32xf32> into vector<4x32xf32>
// CHECK-NOT:     vector.multi_reduction
func.func @matmul(%a: tensor<8x64xf32>, %b: tensor<64x32xf32>,
                  %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<8x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// Integer products accumulated into i32 (mixed element types, a body): k
// stays innermost, where the products in pairs of tessera-cpu-lower-vectors
// look for it.
// CHECK-LABEL: func.func @mixed_int
// CHECK:         vector.multi_reduction <add>, %{{.*}}, %{{.*}} [2] : vector<4x32x2xi32>
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @mixed_int(%a: tensor<8x64xi8>, %b: tensor<64x32xi32>,
                     %c: tensor<8x32xi32>) -> tensor<8x32xi32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #c],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xi8>, tensor<64x32xi32>) outs(%c : tensor<8x32xi32>) {
  ^bb0(%x: i8, %y: i32, %o: i32):
    %0 = arith.extsi %x : i8 to i32
    %1 = arith.muli %0, %y : i32
    %2 = arith.addi %o, %1 : i32
    linalg.yield %2 : i32
  } -> tensor<8x32xi32>
  return %r : tensor<8x32xi32>
}
