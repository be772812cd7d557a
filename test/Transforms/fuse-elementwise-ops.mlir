// RUN: tessera-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(tessera-fuse-elementwise-ops))' | FileCheck %s

// Biases added to both operands of a contraction stay separate ops: fused,
// they would be recomputed for every multiply (each operand element is read
// once per column / row of the other) and the contraction's body would no
// longer be a multiply-accumulate.
// CHECK-LABEL: func.func @bias_then_contraction
// CHECK:         %[[A:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK:           arith.addf
// CHECK:         %[[B:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK:           arith.addf
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] :
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32):
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[Z]], %[[M]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
func.func @bias_then_contraction(%a: tensor<8x16xf32>, %ba: tensor<16xf32>,
                                 %b: tensor<16x32xf32>, %bb: tensor<32xf32>,
                                 %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %ea = tensor.empty() : tensor<8x16xf32>
  %a1 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %ba : tensor<8x16xf32>, tensor<16xf32>) outs(%ea : tensor<8x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x16xf32>
  %eb = tensor.empty() : tensor<16x32xf32>
  %b1 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%b, %bb : tensor<16x32xf32>, tensor<32xf32>) outs(%eb : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<16x32xf32>
  %r = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a1, %b1 : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %z, %m : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// A reduction that reads each element once (a softmax's sum of exps) and
// an elementwise consumer still get their producers fused.
// CHECK-LABEL: func.func @exp_then_sum
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      arith.addf
// CHECK-NOT:     linalg.generic
// CHECK:         return
#id2 = affine_map<(i, j) -> (i, j)>
#red = affine_map<(i, j) -> (i)>
func.func @exp_then_sum(%x: tensor<8x16xf32>, %acc: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8x16xf32>
  %ex = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x16xf32>) outs(%e : tensor<8x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = math.exp %v : f32
    linalg.yield %r : f32
  } -> tensor<8x16xf32>
  %s = linalg.generic {indexing_maps = [#id2, #red], iterator_types = ["parallel", "reduction"]}
      ins(%ex : tensor<8x16xf32>) outs(%acc : tensor<8xf32>) {
  ^bb0(%v: f32, %a: f32):
    %r = arith.addf %v, %a : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %s : tensor<8xf32>
}

// -----

#id3 = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @elementwise_chain
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      arith.mulf
// CHECK-NOT:     linalg.generic
// CHECK:         return
func.func @elementwise_chain(%x: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %e = tensor.empty() : tensor<8x16xf32>
  %ex = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x16xf32>) outs(%e : tensor<8x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = math.exp %v : f32
    linalg.yield %r : f32
  } -> tensor<8x16xf32>
  %sq = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel"]}
      ins(%ex : tensor<8x16xf32>) outs(%e : tensor<8x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.mulf %v, %v : f32
    linalg.yield %r : f32
  } -> tensor<8x16xf32>
  return %sq : tensor<8x16xf32>
}

// -----

// An int4 weight path: quantize to i4, transpose, widen to i8. The transpose
// becomes a generic and the three fuse into one op from f32 to i8 with a
// transposed output map, so that no i4 tensor is stored.
// CHECK-DAG:     #[[IN:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG:     #[[OUT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @quantize_transpose_widen
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<16x8xf32>) outs(%{{.*}} : tensor<8x16xi8>)
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      math.roundeven
// CHECK-NEXT:      arith.fptosi {{.*}} : f32 to i4
// CHECK-NEXT:      arith.extsi {{.*}} : i4 to i8
// CHECK-NOT:     linalg.{{generic|transpose}}
// CHECK:         return
#id4 = affine_map<(i, j) -> (i, j)>
func.func @quantize_transpose_widen(%w: tensor<16x8xf32>) -> tensor<8x16xi8> {
  %e4 = tensor.empty() : tensor<16x8xi4>
  %q = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel"]}
      ins(%w : tensor<16x8xf32>) outs(%e4 : tensor<16x8xi4>) {
  ^bb0(%v: f32, %o: i4):
    %r = math.roundeven %v : f32
    %i = arith.fptosi %r : f32 to i4
    linalg.yield %i : i4
  } -> tensor<16x8xi4>
  %et = tensor.empty() : tensor<8x16xi4>
  %t = linalg.transpose ins(%q : tensor<16x8xi4>) outs(%et : tensor<8x16xi4>) permutation = [1, 0]
  %e8 = tensor.empty() : tensor<8x16xi8>
  %w8 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<8x16xi4>) outs(%e8 : tensor<8x16xi8>) {
  ^bb0(%v: i4, %o: i8):
    %x = arith.extsi %v : i4 to i8
    linalg.yield %x : i8
  } -> tensor<8x16xi8>
  return %w8 : tensor<8x16xi8>
}

// -----

// A transpose of a function argument into a contraction has no elementwise
// op to fuse with: it stays a named op (the CPU code generator packs it).
// CHECK-LABEL: func.func @transpose_into_matmul
// CHECK:         linalg.transpose
// CHECK:         linalg.matmul
func.func @transpose_into_matmul(%a: tensor<8x16xf32>, %b: tensor<32x16xf32>,
                                 %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<16x32xf32>
  %t = linalg.transpose ins(%b : tensor<32x16xf32>) outs(%e : tensor<16x32xf32>) permutation = [1, 0]
  %r = linalg.matmul ins(%a, %t : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}
