// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 pack-rhs=false int-dot-quads=false}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 pack-rhs=false kr=3 int-dot-quads=false}))' | FileCheck %s --check-prefix=KR3
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 pack-rhs=false int-dot-pairs=false int-dot-quads=false}))' | FileCheck %s --check-prefix=OFF
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 pack-rhs=false}))' | FileCheck %s --check-prefix=QUADS
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 pack-rhs=false kr=20}))' | FileCheck %s --check-prefix=QUADS20

// Integer contractions whose operands fit i16 (int-dot-pairs, default on):
// an even kr (here the default 1 becomes 2; 3 becomes 4), and the left
// operand widened to i16 by an elementwise op first (vectorized like any),
// so that tessera-cpu-lower-vectors can read each row's pair of k as one
// 32-bit word. Host-independent: vector-width is fixed.

// CHECK-LABEL: func.func @matmul_i8
// CHECK:         %[[WIDE:.*]] = tensor.empty() : tensor<16x64xi16>
// CHECK:         arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// CHECK:         %[[A16:.*]] = tensor.expand_shape {{.*}} into tensor<16x64xi16>
// CHECK:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c2 iter_args(%{{.*}} = %{{.*}}) -> (vector<8x32xi32>)
// CHECK:           %[[A:.*]] = vector.transfer_read %[[A16]]{{.*}} : tensor<16x64xi16>, vector<8x32x2xi16>
// CHECK:           %[[B:.*]] = vector.transfer_read %arg1{{.*}} : tensor<64x32xi8>, vector<8x32x2xi8>
// CHECK:           %[[AE:.*]] = arith.extsi %[[A]] : vector<8x32x2xi16> to vector<8x32x2xi32>
// CHECK:           %[[BE:.*]] = arith.extsi %[[B]] : vector<8x32x2xi8> to vector<8x32x2xi32>
// CHECK:           %[[P:.*]] = arith.muli %[[AE]], %[[BE]] : vector<8x32x2xi32>
// CHECK:           vector.multi_reduction <add>, %[[P]], %{{.*}} [2] : vector<8x32x2xi32> to vector<8x32xi32>

// KR3-LABEL: func.func @matmul_i8
// KR3:         scf.for %{{.*}} step %c4 iter_args
// KR3:           vector.multi_reduction <add>, %{{.*}}, %{{.*}} [2] : vector<8x32x4xi32> to vector<8x32xi32>

// Quads (int-dot-quads, default): operands that fit i8 keep A in bytes and
// step k by a multiple of 4, at least 16 (20 stays 20).
// QUADS-LABEL: func.func @matmul_i8
// QUADS-NOT:     i16
// QUADS:         scf.for %{{.*}} step %c16 iter_args
// QUADS:           vector.contract {{.*}} : vector<8x16xi8>, vector<16x32xi8> into vector<8x32xi32>
// QUADS-LABEL: func.func @generic_u8_i8
// QUADS20-LABEL: func.func @matmul_i8
// QUADS20:       scf.for %{{.*}} step %c20 iter_args

// Off: kr stays 1, A stays i8, one product per step.
// OFF-LABEL: func.func @matmul_i8
// OFF-NOT:     i16
// OFF:         scf.for %{{.*}} step %c1 iter_args
// OFF:           vector.contract {{.*}} : vector<8x1xi8>, vector<1x32xi8> into vector<8x32xi32>
// OFF-LABEL: func.func @generic_u8_i8
func.func @matmul_i8(%a: tensor<16x64xi8>, %b: tensor<64x32xi8>,
                     %c: tensor<16x32xi32>) -> tensor<16x32xi32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xi8>, tensor<64x32xi8>)
                     outs(%c : tensor<16x32xi32>) -> tensor<16x32xi32>
  return %0 : tensor<16x32xi32>
}

// -----

// A zero-extended operand (ui8 data as i8, zero-extended in the body)
// is widened by zero-extension; the body then extends the i16 by sign
// (the value is non-negative).
// CHECK-LABEL: func.func @generic_u8_i8
// CHECK:         arith.extui %{{.*}} : vector<16xi8> to vector<16xi16>
// CHECK:         scf.for %{{.*}} step %c2 iter_args
// CHECK:           arith.extsi %{{.*}} : vector<8x32x2xi16> to vector<8x32x2xi32>
// CHECK:           arith.extsi %{{.*}} : vector<8x32x2xi8> to vector<8x32x2xi32>
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @generic_u8_i8(%a: tensor<16x64xi8>, %b: tensor<64x32xi8>,
                         %c: tensor<16x32xi32>) -> tensor<16x32xi32> {
  %0 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xi8>, tensor<64x32xi8>)
      outs(%c : tensor<16x32xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<16x32xi32>
  return %0 : tensor<16x32xi32>
}

// -----

// An unsigned operand (ui8, viewed as i8 through a cast: how tessera.qmatmul
// lowers ui8 x i8) is widened to i16 whether or not the products go in
// pairs: the cast would keep the contraction from being vectorized at all.
// The widening op keeps the cast (scalar loops, O(M K)).
// CHECK-LABEL: func.func @u8_i8
// CHECK:         linalg.generic {{.*}} ins(%arg0 : tensor<16x64xui8>) outs(%{{.*}} : tensor<16x64xi16>)
// CHECK:           builtin.unrealized_conversion_cast %{{.*}} : ui8 to i8
// CHECK:           arith.extui %{{.*}} : i8 to i16
// CHECK:         scf.for %{{.*}} step %c2 iter_args
// CHECK:           vector.multi_reduction <add>, %{{.*}}, %{{.*}} [2] : vector<8x32x2xi32> to vector<8x32xi32>
// QUADS-LABEL: func.func @u8_i8
// QUADS:         scf.for %{{.*}} step %c2 iter_args
// OFF-LABEL: func.func @u8_i8
// OFF:         linalg.generic {{.*}} ins(%arg0 : tensor<16x64xui8>) outs(%{{.*}} : tensor<16x64xi16>)
// OFF:         scf.for %{{.*}} step %c1 iter_args
// OFF:           %[[A:.*]] = vector.transfer_read {{.*}} : tensor<16x64xi16>, vector<8x32xi16>
// OFF:           arith.extsi %[[A]] : vector<8x32xi16> to vector<8x32xi32>
func.func @u8_i8(%a: tensor<16x64xui8>, %b: tensor<64x32xi8>,
                 %c: tensor<16x32xi32>) -> tensor<16x32xi32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (k, n)>,
                                        affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xui8>, tensor<64x32xi8>)
      outs(%c : tensor<16x32xi32>) {
  ^bb0(%x: ui8, %y: i8, %acc: i32):
    %xs = builtin.unrealized_conversion_cast %x : ui8 to i8
    %xe = arith.extui %xs : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<16x32xi32>
  return %0 : tensor<16x32xi32>
}

// -----

// Not narrow enough for pmaddwd (i32 operands; f32): kr stays 1, nothing
// is widened.
// CHECK-LABEL: func.func @matmul_i32
// CHECK-NOT:     i16
// CHECK:         scf.for %{{.*}} step %c1 iter_args
// CHECK:           vector.contract {{.*}} : vector<8x1xi32>, vector<1x32xi32> into vector<8x32xi32>
func.func @matmul_i32(%a: tensor<16x64xi32>, %b: tensor<64x32xi32>,
                      %c: tensor<16x32xi32>) -> tensor<16x32xi32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xi32>, tensor<64x32xi32>)
                     outs(%c : tensor<16x32xi32>) -> tensor<16x32xi32>
  return %0 : tensor<16x32xi32>
}

// -----

// Operands of different element types (i32 x i8), which vector.contract
// cannot take: the named op's body is vectorized as elementwise arithmetic
// (no pairs: i32 does not fit an i16).
// CHECK-LABEL: func.func @matmul_i32_by_i8
// CHECK:         scf.for %{{.*}} step %c1 iter_args
// CHECK:           %[[B:.*]] = arith.extsi %{{.*}} : vector<8x32x1xi8> to vector<8x32x1xi32>
// CHECK:           %[[P:.*]] = arith.muli %{{.*}}, %[[B]] : vector<8x32x1xi32>
// CHECK-NOT:       vector.contract
// CHECK:           scf.yield
func.func @matmul_i32_by_i8(%a: tensor<8x64xi32>, %b: tensor<64x32xi8>,
                            %c: tensor<8x32xi32>) -> tensor<8x32xi32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x64xi32>, tensor<64x32xi8>)
                     outs(%c : tensor<8x32xi32>) -> tensor<8x32xi32>
  return %0 : tensor<8x32xi32>
}

// -----

// CHECK-LABEL: func.func @generic_u16_i8
// CHECK-NOT:     tensor.empty() : tensor<16x64xi16>
// CHECK:         scf.for %{{.*}} step %c1 iter_args
func.func @generic_u16_i8(%a: tensor<16x64xi16>, %b: tensor<64x32xi8>,
                          %c: tensor<16x32xi32>) -> tensor<16x32xi32> {
  // Zero-extended from 16 bits: 65535 does not fit an i16.
  %0 = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (k, n)>,
                                        affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xi16>, tensor<64x32xi8>)
      outs(%c : tensor<16x32xi32>) {
  ^bb0(%x: i16, %y: i8, %acc: i32):
    %xe = arith.extui %x : i16 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<16x32xi32>
  return %0 : tensor<16x32xi32>
}
