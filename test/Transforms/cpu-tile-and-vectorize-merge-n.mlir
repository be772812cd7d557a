// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 parallel-chunks=1}))' | FileCheck %s

// A generic contraction whose n is split into loops that every operand
// indexes contiguously (attention's values: out[d, y, x] = sum_t P[y, x, t]
// V[d, t], n = x of 8 with y a batch of 4) gets one n of y * x = 32
// columns: P and the epilogue's operand are collapsed, the register tiles
// are 6 x 16 FMAs over t, the epilogue (the softmax's division) is fused,
// and the result is reshaped back.
// CHECK-LABEL: func.func @attention_values
// CHECK-DAG:     tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4]] : tensor<1x2x4x8x12xf32> into tensor<1x2x32x12xf32>
// CHECK-DAG:     tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<1x2x4x8xf32> into tensor<1x2x32xf32>
// CHECK:         scf.for
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : vector<6x16xf32>
// CHECK:           arith.divf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 2, 16, 4, 8] : tensor<1x2x16x32xf32> into tensor<1x2x16x4x8xf32>
// CHECK-NEXT:    return
#p = affine_map<(b, h, d, y, x, t) -> (b, h, y, x, t)>
#v = affine_map<(b, h, d, y, x, t) -> (b, h, d, t)>
#o = affine_map<(b, h, d, y, x, t) -> (b, h, d, y, x)>
#o5 = affine_map<(b, h, d, y, x) -> (b, h, d, y, x)>
#s5 = affine_map<(b, h, d, y, x) -> (b, h, y, x)>
func.func @attention_values(%p: tensor<1x2x4x8x12xf32>, %v: tensor<1x2x16x12xf32>, %sum: tensor<1x2x4x8xf32>) -> tensor<1x2x16x4x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x16x4x8xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x2x16x4x8xf32>) -> tensor<1x2x16x4x8xf32>
  %pv = linalg.generic {indexing_maps = [#p, #v, #o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%p, %v : tensor<1x2x4x8x12xf32>, tensor<1x2x16x12xf32>) outs(%f : tensor<1x2x16x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x16x4x8xf32>
  %r = linalg.generic {indexing_maps = [#o5, #s5, #o5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%pv, %sum : tensor<1x2x16x4x8xf32>, tensor<1x2x4x8xf32>) outs(%e : tensor<1x2x16x4x8xf32>) {
  ^bb0(%a: f32, %s: f32, %c: f32):
    %d = arith.divf %a, %s : f32
    linalg.yield %d : f32
  } -> tensor<1x2x16x4x8xf32>
  return %r : tensor<1x2x16x4x8xf32>
}

// -----

// Attention's scores (out[y, x, t] = sum_d Q[d, y, x] K[d, t]): the
// contiguous loops y and x are its m, not its n (t): left as they are
// (merged, the longer m measured 1.45x slower on Kronecker attention).
// CHECK-LABEL: func.func @attention_scores
// CHECK-NOT:     tensor.collapse_shape
// CHECK:         arith.mulf %{{.*}}, %{{.*}} : vector<6x16xf32>
// CHECK-NOT:     tensor.collapse_shape
// CHECK:         return
#q = affine_map<(b, h, y, x, t, d) -> (b, h, d, y, x)>
#k = affine_map<(b, h, y, x, t, d) -> (b, h, d, t)>
#s = affine_map<(b, h, y, x, t, d) -> (b, h, y, x, t)>
func.func @attention_scores(%q: tensor<1x2x12x4x8xf32>, %k: tensor<1x2x12x32xf32>) -> tensor<1x2x4x8x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x4x8x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x2x4x8x32xf32>) -> tensor<1x2x4x8x32xf32>
  %r = linalg.generic {indexing_maps = [#q, #k, #s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%q, %k : tensor<1x2x12x4x8xf32>, tensor<1x2x12x32xf32>) outs(%f : tensor<1x2x4x8x32xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x8x32xf32>
  return %r : tensor<1x2x4x8x32xf32>
}

// -----

// A body that computes with the loops' indices (XNOR's bit packing: each
// 64-bit word gathers its bits from the input with linalg.index and
// tensor.extract) keeps its loops: merged, every index would be recomputed
// from the merged loop by a division and a remainder (a 2048^3 binary
// matmul ran 4.7x slower).
// CHECK-LABEL: func.func @pack_bits
// CHECK-NOT:     arith.divsi
// CHECK-NOT:     arith.remsi
// CHECK-NOT:     tensor.expand_shape
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return
#bit = affine_map<(i, w, b) -> (b)>
#word = affine_map<(i, w, b) -> (i, w)>
func.func @pack_bits(%x: tensor<8x256xf32>, %shifts: tensor<64xi64>) -> tensor<8x4xi64> {
  %z = arith.constant 0 : i64
  %e = tensor.empty() : tensor<8x4xi64>
  %f = linalg.fill ins(%z : i64) outs(%e : tensor<8x4xi64>) -> tensor<8x4xi64>
  %r = linalg.generic {indexing_maps = [#bit, #word], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%shifts : tensor<64xi64>) outs(%f : tensor<8x4xi64>) {
  ^bb0(%shift: i64, %acc: i64):
    %i = linalg.index 0 : index
    %w = linalg.index 1 : index
    %b = linalg.index 2 : index
    %c64 = arith.constant 64 : index
    %base = arith.muli %w, %c64 : index
    %col = arith.addi %base, %b : index
    %v = tensor.extract %x[%i, %col] : tensor<8x256xf32>
    %zero = arith.constant 0.0 : f32
    %neg = arith.cmpf olt, %v, %zero : f32
    %bitv = arith.extui %neg : i1 to i64
    %shifted = arith.shli %bitv, %shift : i64
    %o = arith.ori %acc, %shifted : i64
    linalg.yield %o : i64
  } -> tensor<8x4xi64>
  return %r : tensor<8x4xi64>
}
