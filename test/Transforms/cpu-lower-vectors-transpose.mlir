// Square transposes of 32-bit lanes, as the transposing tiles of
// elementwise ops make them (tessera-cpu-tile-and-vectorize), become
// shuffles: 16 x 16 as unpacks and 128-bit lane permutes of its 16 rows,
// 4 x 4 and 8 x 8 as one shuffle of the flattened vector. Others stay
// element by element.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors))' | FileCheck %s

// CHECK-LABEL: func.func @square16
// CHECK-NOT:     vector.transpose
// CHECK-COUNT-64: vector.shuffle {{.*}} : vector<16xf32>, vector<16xf32>
// CHECK-NOT:     vector.extract {{.*}} : f32 from
// CHECK:         return
func.func @square16(%a: vector<16x16xf32>) -> vector<16x16xf32> {
  %t = vector.transpose %a, [1, 0] : vector<16x16xf32> to vector<16x16xf32>
  return %t : vector<16x16xf32>
}

// -----

// CHECK-LABEL: func.func @square8
// CHECK:         vector.shuffle {{.*}} : vector<64xi32>, vector<64xi32>
// CHECK-NOT:     vector.extract {{.*}} : i32 from
// CHECK:         return
func.func @square8(%a: vector<8x8xi32>) -> vector<8x8xi32> {
  %t = vector.transpose %a, [1, 0] : vector<8x8xi32> to vector<8x8xi32>
  return %t : vector<8x8xi32>
}

// -----

// CHECK-LABEL: func.func @not_square
// CHECK-NOT:     vector.shuffle
// CHECK:         vector.extract {{.*}} : f32 from vector<4x8xf32>
// CHECK:         return
func.func @not_square(%a: vector<4x8xf32>) -> vector<8x4xf32> {
  %t = vector.transpose %a, [1, 0] : vector<4x8xf32> to vector<8x4xf32>
  return %t : vector<8x4xf32>
}

// -----

// Index lanes: element by element (no bit width to match).
// CHECK-LABEL: func.func @square_index
// CHECK-NOT:     vector.shuffle
// CHECK:         vector.extract {{.*}} : index from vector<16x16xindex>
// CHECK:         return
func.func @square_index(%a: vector<16x16xindex>) -> vector<16x16xindex> {
  %t = vector.transpose %a, [1, 0] : vector<16x16xindex> to vector<16x16xindex>
  return %t : vector<16x16xindex>
}
