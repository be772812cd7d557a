// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{native-vector-bits=512}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{native-vector-bits=256}))' | FileCheck %s --check-prefix=AVX2
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors))' | FileCheck %s --check-prefix=OFF
// RUN: not tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{native-vector-bits=384}))' 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{native-vector-bits=-512}))' 2>&1 | FileCheck %s --check-prefix=NEG

// BAD: error: tessera-cpu-lower-vectors: native-vector-bits must be 0 or a power of two of at least 64, got 384
// NEG: error: tessera-cpu-lower-vectors: native-vector-bits must be 0 or a power of two of at least 64, got -512

// A register tile whose rows are three 512-bit vectors (nr = 48 f32): LLVM
// would widen each 48-lane row to 64 lanes and legalize it element by
// element (16-30x slower than an 8 x 32 or 8 x 64 tile). With
// native-vector-bits, the k loop carries the tile as 24 vectors of 16
// lanes and every op on it works on those pieces.

// CHECK-LABEL: func.func @tile_8x48
// CHECK-NOT:     vector<48xf32>
// CHECK-NOT:     vector<8x48xf32>
// CHECK-COUNT-24: vector.load %{{.*}} : memref<8x48xf32>, vector<16xf32>
// CHECK:         scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK-COUNT-3: vector.load %{{.*}} : memref<64x48xf32>, vector<16xf32>
// CHECK-COUNT-24: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK:         scf.yield
// CHECK-COUNT-24: vector.store %{{.*}} : memref<8x48xf32>, vector<16xf32>
// CHECK-NOT:     vector<48xf32>
// CHECK:         return

// With 256-bit vectors the same rows are six vectors of 8 lanes: 48 pieces.
// AVX2-LABEL: func.func @tile_8x48
// AVX2-NOT:     vector<48xf32>
// AVX2:         scf.for
// AVX2-COUNT-48: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<8xf32>
// AVX2:         scf.yield
// AVX2-NOT:     vector<48xf32>
// AVX2:         return

// OFF-LABEL: func.func @tile_8x48
// OFF:         scf.for {{.*}} -> (vector<8x48xf32>) {
func.func @tile_8x48(%a: memref<8x64xf32>, %b: memref<64x48xf32>, %c: memref<8x48xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %p = arith.constant 0.0 : f32
  %init = vector.transfer_read %c[%c0, %c0], %p {in_bounds = [true, true]} : memref<8x48xf32>, vector<8x48xf32>
  %r = scf.for %k = %c0 to %c64 step %c1 iter_args(%acc = %init) -> (vector<8x48xf32>) {
    %av = vector.transfer_read %a[%c0, %k], %p {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (d0, 0)>} : memref<8x64xf32>, vector<8x48xf32>
    %bv = vector.transfer_read %b[%k, %c0], %p {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (0, d1)>} : memref<64x48xf32>, vector<8x48xf32>
    %m = arith.mulf %av, %bv : vector<8x48xf32>
    %s = arith.addf %acc, %m : vector<8x48xf32>
    scf.yield %s : vector<8x48xf32>
  }
  vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x48xf32>, memref<8x48xf32>
  return
}

// -----

// Rows of two or four vectors are what LLVM splits cleanly: kept whole.
// CHECK-LABEL: func.func @tile_8x32
// CHECK:         scf.for {{.*}} -> (vector<8x32xf32>) {
// AVX2-LABEL:  func.func @tile_8x32
// AVX2:          scf.for {{.*}} -> (vector<8x32xf32>) {
func.func @tile_8x32(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %p = arith.constant 0.0 : f32
  %init = vector.transfer_read %c[%c0, %c0], %p {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
  %r = scf.for %k = %c0 to %c64 step %c1 iter_args(%acc = %init) -> (vector<8x32xf32>) {
    %av = vector.transfer_read %a[%c0, %k], %p {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (d0, 0)>} : memref<8x64xf32>, vector<8x32xf32>
    %bv = vector.transfer_read %b[%k, %c0], %p {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (0, d1)>} : memref<64x32xf32>, vector<8x32xf32>
    %m = arith.mulf %av, %bv : vector<8x32xf32>
    %s = arith.addf %acc, %m : vector<8x32xf32>
    scf.yield %s : vector<8x32xf32>
  }
  vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
  return
}

// -----

// AVX2's 256-bit vectors: a row of three (24 f32) in pieces of 8; an i32
// row of 48 lanes is six 256-bit vectors (not a power of two either).
// AVX2-LABEL: func.func @rows_of_three_ymm
// AVX2-NOT:     vector<24xf32>
// AVX2-COUNT-3: vector.fma %{{.*}} : vector<8xf32>
// AVX2-NOT:     vector<24xf32>
// AVX2-COUNT-6: arith.addi %{{.*}} : vector<8xi32>
// AVX2-NOT:     vector<48xi32>
// AVX2:         return
// CHECK-LABEL: func.func @rows_of_three_ymm
// CHECK:         vector.fma %{{.*}} : vector<24xf32>
// CHECK-COUNT-3: arith.addi %{{.*}} : vector<16xi32>
func.func @rows_of_three_ymm(%x: memref<24xf32>, %y: memref<48xi32>) {
  %c0 = arith.constant 0 : index
  %v = vector.load %x[%c0] : memref<24xf32>, vector<24xf32>
  %f = vector.fma %v, %v, %v : vector<24xf32>
  vector.store %f, %x[%c0] : memref<24xf32>, vector<24xf32>
  %w = vector.load %y[%c0] : memref<48xi32>, vector<48xi32>
  %s = arith.addi %w, %w : vector<48xi32>
  vector.store %s, %y[%c0] : memref<48xi32>, vector<48xi32>
  return
}
