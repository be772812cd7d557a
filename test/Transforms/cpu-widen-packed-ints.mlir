// RUN: tessera-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(tessera-cpu-widen-packed-ints))" | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(tessera-cpu-widen-packed-ints{vector-bits=128 parallel-min-elements=100000000}))" | FileCheck %s --check-prefix=NARROW
// RUN: not tessera-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(tessera-cpu-widen-packed-ints{vector-bits=24}))" 2>&1 | FileCheck %s --check-prefix=BITS

// Widening of an int4 buffer: the rows for the threads (an scf.parallel,
// 65536 elements and more), each row in vectors of 512 bits of result.

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @signed_to_i8(
// CHECK-SAME: %[[IN:.*]]: memref<256x256xi4>, %[[OUT:.*]]: memref<256x256xi8>)
// CHECK-NOT: linalg.generic
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C256:.*]] = arith.constant 256 : index
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.for %[[J:.*]] = %[[C0]] to %[[C256]] step %[[C64]] {
// CHECK: %[[V:.*]] = vector.load %[[IN]][%[[I]], %[[J]]] {tessera.word_aligned} : memref<256x256xi4>, vector<64xi4>
// CHECK: %[[W:.*]] = arith.extsi %[[V]] : vector<64xi4> to vector<64xi8>
// CHECK: vector.store %[[W]], %[[OUT]][%[[I]], %[[J]]] : memref<256x256xi8>, vector<64xi8>
// CHECK-NOT: scf.for
// CHECK: scf.reduce

// NARROW-LABEL: func.func @signed_to_i8(
// NARROW: scf.for
// NARROW: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// NARROW: vector.load {{.*}} : memref<256x256xi4>, vector<16xi4>
// NARROW-NOT: scf.parallel
func.func @signed_to_i8(%in: memref<256x256xi4>, %out: memref<256x256xi8>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%in : memref<256x256xi4>) outs(%out : memref<256x256xi8>) {
  ^bb0(%a: i4, %b: i8):
    %e = arith.extsi %a : i4 to i8
    linalg.yield %e : i8
  }
  return
}

// BITS: tessera-cpu-widen-packed-ints: vector-bits=24 is not a power of two >= 16

// -----

// ui4 (cast to i4 in the body, as tessera-to-linalg writes it) to i32:
// 16 elements (512 bits of i32) per step, then the rest of each row in
// steps of 32 bits of input (8 elements). Small: sequential rows.

#id = affine_map<(d0, d1) -> (d0, d1)>

// NARROW-LABEL: func.func @unsigned_to_i32_with_rest(
// CHECK-LABEL: func.func @unsigned_to_i32_with_rest(
// CHECK-SAME: %[[IN:.*]]: memref<4x72xui4>, %[[OUT:.*]]: memref<4x72xi32>)
// CHECK-NOT: scf.parallel
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: %[[C16:.*]] = arith.constant 16 : index
// CHECK: scf.for %[[J:.*]] = %[[C0]] to %[[C64]] step %[[C16]] {
// CHECK: %[[V:.*]] = vector.load %[[IN]][%[[I]], %[[J]]] {tessera.word_aligned} : memref<4x72xui4>, vector<16xui4>
// CHECK: %[[S:.*]] = builtin.unrealized_conversion_cast %[[V]] : vector<16xui4> to vector<16xi4>
// CHECK: %[[W:.*]] = arith.extui %[[S]] : vector<16xi4> to vector<16xi32>
// CHECK: vector.store %[[W]], %[[OUT]][%[[I]], %[[J]]] : memref<4x72xi32>, vector<16xi32>
// CHECK: %[[C64B:.*]] = arith.constant 64 : index
// CHECK: %[[C72:.*]] = arith.constant 72 : index
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.for %[[K:.*]] = %[[C64B]] to %[[C72]] step %[[C8]] {
// CHECK: vector.load %[[IN]][%[[I]], %[[K]]] {tessera.word_aligned} : memref<4x72xui4>, vector<8xui4>
func.func @unsigned_to_i32_with_rest(%in: memref<4x72xui4>, %out: memref<4x72xi32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%in : memref<4x72xui4>) outs(%out : memref<4x72xi32>) {
  ^bb0(%a: ui4, %b: i32):
    %s = builtin.unrealized_conversion_cast %a : ui4 to i4
    %e = arith.extui %s : i4 to i32
    linalg.yield %e : i32
  }
  return
}

// -----

// Inside a parallel loop (a thread's slice): the rows stay sequential.

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @in_parallel_loop(
// CHECK: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK: vector.load {{.*}} : memref<512x512xi4>, vector<64xi4>
func.func @in_parallel_loop(%in: memref<512x512xi4>, %out: memref<512x512xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%t) = (%c0) to (%c1) step (%c1) {
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%in : memref<512x512xi4>) outs(%out : memref<512x512xi8>) {
    ^bb0(%a: i4, %b: i8):
      %e = arith.extsi %a : i4 to i8
      linalg.yield %e : i8
    }
    scf.reduce
  }
  return
}

// -----

// Left as they are: rows that do not start on 32 bits of input (a row of
// 12 values), a transposing map, a body that does more than widen, a
// byte input (tiled and vectorized before) and an i2 input (the CPU
// pipeline does not pack i2: a byte per value, which a vector<Nxi2> load
// would misread).

#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>

// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT: vector.load
// CHECK-COUNT-5: linalg.generic
// CHECK-NOT: vector.load
func.func @left_alone(%a: memref<3x12xi4>, %b: memref<3x12xi8>,
                      %c: memref<8x8xi4>, %d: memref<8x8xi8>,
                      %e: memref<8x8xi8>, %f: memref<8x8xi32>,
                      %g: memref<8x16xi2>, %h: memref<8x16xi8>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<3x12xi4>) outs(%b : memref<3x12xi8>) {
  ^bb0(%x: i4, %y: i8):
    %w = arith.extsi %x : i4 to i8
    linalg.yield %w : i8
  }
  linalg.generic {indexing_maps = [#t, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<8x8xi4>) outs(%d : memref<8x8xi8>) {
  ^bb0(%x: i4, %y: i8):
    %w = arith.extsi %x : i4 to i8
    linalg.yield %w : i8
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<8x8xi4>) outs(%d : memref<8x8xi8>) {
  ^bb0(%x: i4, %y: i8):
    %w = arith.extsi %x : i4 to i8
    %one = arith.constant 1 : i8
    %z = arith.addi %w, %one : i8
    linalg.yield %z : i8
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%e : memref<8x8xi8>) outs(%f : memref<8x8xi32>) {
  ^bb0(%x: i8, %y: i32):
    %w = arith.extsi %x : i8 to i32
    linalg.yield %w : i32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%g : memref<8x16xi2>) outs(%h : memref<8x16xi8>) {
  ^bb0(%x: i2, %y: i8):
    %w = arith.extsi %x : i2 to i8
    linalg.yield %w : i8
  }
  return
}
