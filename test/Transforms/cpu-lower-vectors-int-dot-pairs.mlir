// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{x86-pmaddwd-bits=512}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{x86-pmaddwd-bits=256}))' | FileCheck %s --check-prefix=AVX2
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors))' | FileCheck %s --check-prefix=OFF
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{x86-pmaddwd-bits=512 x86-vpdpbusd-bits=512}))' | FileCheck %s --check-prefix=QUADS
// RUN: not tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{x86-vpdpbusd-bits=256}))' 2>&1 | FileCheck %s --check-prefix=BADQ
// RUN: not tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-lower-vectors{x86-pmaddwd-bits=100}))' 2>&1 | FileCheck %s --check-prefix=BAD

// Register tiles of integer GEMMs in pairs of k through x86's pmaddwd:
// acc[m, n] += a[m, k] b[k, n] + a[m, k+1] b[k+1, n] as one intrinsic per
// row and vector of the accumulator. b's two rows are interleaved once
// (shared by all rows), each row's pair of a is one i32, broadcast.

// OFF-NOT: llvm.call_intrinsic
// BAD: error: tessera-cpu-lower-vectors: x86-pmaddwd-bits must be 0, 128, 256 or 512, got 100
// BADQ: error: tessera-cpu-lower-vectors: x86-vpdpbusd-bits must be 0 or 512, got 256

// The generic form, vector<M x K x N>: a (i16) broadcast along n, b (i8)
// along m. 8 rows x 2 vectors of 16 lanes: 16 pmaddwd.
// CHECK-LABEL: func.func @reduction_mkn
// CHECK-SAME:    (%[[A:.*]]: memref<8x64xi16>, %[[B:.*]]: memref<64x32xi8>, %[[ACC:.*]]: vector<8x32xi32>, %[[K:.*]]: index)
// CHECK:         %[[A0:.*]] = vector.load %[[A]][%c0, %[[K]]] : memref<8x64xi16>, vector<2xi16>
// CHECK:         vector.load %[[B]][%[[K]], %c0] : memref<64x32xi8>, vector<32xi8>
// CHECK:         %[[B16:.*]] = arith.extsi %{{.*}} : vector<2x32xi8> to vector<2x32xi16>
// CHECK:         %[[ROW0:.*]] = vector.extract %[[ACC]][0] : vector<32xi32> from vector<8x32xi32>
// CHECK:         %[[ACC00:.*]] = vector.extract_strided_slice %[[ROW0]] {offsets = [0], sizes = [16], strides = [1]}
// CHECK:         %[[B0:.*]] = vector.extract %[[B16]][0] : vector<32xi16> from vector<2x32xi16>
// CHECK:         %[[B1:.*]] = vector.extract %[[B16]][1] : vector<32xi16> from vector<2x32xi16>
// CHECK:         %[[BP:.*]] = vector.shuffle %[[B0]], %[[B1]] [0, 32, 1, 33, 2, 34, {{.*}}, 31, 63] : vector<32xi16>, vector<32xi16>
// CHECK:         %[[BP0:.*]] = vector.extract_strided_slice %[[BP]] {offsets = [0], sizes = [32], strides = [1]} : vector<64xi16> to vector<32xi16>
// CHECK:         %[[W:.*]] = vector.bitcast %[[A0]] : vector<2xi16> to vector<1xi32>
// CHECK:         %[[WS:.*]] = vector.extract %[[W]][0] : i32 from vector<1xi32>
// CHECK:         %[[SPLAT:.*]] = vector.broadcast %[[WS]] : i32 to vector<16xi32>
// CHECK:         %[[AP:.*]] = vector.bitcast %[[SPLAT]] : vector<16xi32> to vector<32xi16>
// CHECK:         %[[P:.*]] = llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"(%[[AP]], %[[BP0]]) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// CHECK:         arith.addi %[[ACC00]], %[[P]] : vector<16xi32>
// CHECK-COUNT-15: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK-NOT:     llvm.call_intrinsic
// CHECK-NOT:     arith.muli
// CHECK:         return
// AVX2-LABEL: func.func @reduction_mkn
// AVX2-COUNT-32: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"{{.*}} -> vector<8xi32>
// AVX2-NOT:     llvm.call_intrinsic
func.func @reduction_mkn(%a: memref<8x64xi16>, %b: memref<64x32xi8>,
                         %acc: vector<8x32xi32>, %k: index) -> vector<8x32xi32> {
  %c0 = arith.constant 0 : index
  %pa = arith.constant 0 : i16
  %pb = arith.constant 0 : i8
  %ra = vector.transfer_read %a[%c0, %k], %pa {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1) -> (d0, d1, 0)>} : memref<8x64xi16>, vector<8x2x32xi16>
  %rb = vector.transfer_read %b[%k, %c0], %pb {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1) -> (0, d0, d1)>} : memref<64x32xi8>, vector<8x2x32xi8>
  %ea = arith.extsi %ra : vector<8x2x32xi16> to vector<8x2x32xi32>
  %eb = arith.extsi %rb : vector<8x2x32xi8> to vector<8x2x32xi32>
  %p = arith.muli %ea, %eb : vector<8x2x32xi32>
  %r = vector.multi_reduction <add>, %p, %acc [1] : vector<8x2x32xi32> to vector<8x32xi32>
  return %r : vector<8x32xi32>
}

// -----

// The generic form with k innermost, vector<M x N x K> (a named matmul
// generalized), b's operand first in the product and zero-extended: b is
// widened to i16 by zero-extension. K = 4: two pairs, two pmaddwd per
// vector of the accumulator.
// CHECK-LABEL: func.func @reduction_mnk_unsigned
// CHECK:         arith.extui %{{.*}} : vector<4x16xi8> to vector<4x16xi16>
// CHECK-COUNT-4: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK-NOT:     llvm.call_intrinsic
// CHECK:         return
// AVX2-LABEL: func.func @reduction_mnk_unsigned
// AVX2-COUNT-8: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// AVX2-NOT:     llvm.call_intrinsic
func.func @reduction_mnk_unsigned(%a: memref<4x64xi8>, %b: memref<64x16xi8>,
                                  %acc: vector<2x16xi32>, %k: index) -> vector<2x16xi32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0 : i8
  %ra = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1) -> (d0, 0, d1)>} : memref<4x64xi8>, vector<2x16x4xi8>
  %rb = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1) -> (0, d1, d0)>} : memref<64x16xi8>, vector<2x16x4xi8>
  %ea = arith.extsi %ra : vector<2x16x4xi8> to vector<2x16x4xi32>
  %eb = arith.extui %rb : vector<2x16x4xi8> to vector<2x16x4xi32>
  %p = arith.muli %eb, %ea : vector<2x16x4xi32>
  %r = vector.multi_reduction <add>, %p, %acc [2] : vector<2x16x4xi32> to vector<2x16xi32>
  return %r : vector<2x16xi32>
}

// -----

// The named form: vector.contract of i8 operands (promoted by sign).
// CHECK-LABEL: func.func @contract
// CHECK:         arith.extsi %{{.*}} : vector<4x2xi8> to vector<4x2xi16>
// CHECK:         arith.extsi %{{.*}} : vector<2x32xi8> to vector<2x32xi16>
// CHECK-COUNT-8: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK-NOT:     llvm.call_intrinsic
// CHECK:         return
// AVX2-LABEL: func.func @contract
// AVX2-COUNT-16: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// AVX2-NOT:     llvm.call_intrinsic
func.func @contract(%a: vector<4x2xi8>, %b: vector<2x32xi8>,
                    %acc: vector<4x32xi32>) -> vector<4x32xi32> {
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %a, %b, %acc
      : vector<4x2xi8>, vector<2x32xi8> into vector<4x32xi32>
  return %r : vector<4x32xi32>
}

// -----

// Left to the generic lowering: an odd number of k, rows that are not
// whole vectors (24 lanes at 512 bits; 3 vectors at 256), operands
// zero-extended from 16 bits (65535 does not fit an i16), and f32.
// CHECK-LABEL: func.func @odd_k
// CHECK-NOT:     llvm.call_intrinsic
// CHECK-LABEL: func.func @partial_vectors
// CHECK-NOT:     llvm.call_intrinsic
// CHECK-LABEL: func.func @unsigned_i16
// CHECK-NOT:     llvm.call_intrinsic
// CHECK-LABEL: func.func @f32
// CHECK-NOT:     llvm.call_intrinsic
// AVX2-LABEL: func.func @odd_k
// AVX2-NOT:     llvm.call_intrinsic
// AVX2-LABEL: func.func @partial_vectors
// AVX2-COUNT-6: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// AVX2-LABEL: func.func @unsigned_i16
// AVX2-NOT:     llvm.call_intrinsic
func.func @odd_k(%a: vector<4x3xi8>, %b: vector<3x32xi8>,
                 %acc: vector<4x32xi32>) -> vector<4x32xi32> {
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %a, %b, %acc
      : vector<4x3xi8>, vector<3x32xi8> into vector<4x32xi32>
  return %r : vector<4x32xi32>
}
func.func @partial_vectors(%a: vector<2x2xi8>, %b: vector<2x24xi8>,
                           %acc: vector<2x24xi32>) -> vector<2x24xi32> {
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %a, %b, %acc
      : vector<2x2xi8>, vector<2x24xi8> into vector<2x24xi32>
  return %r : vector<2x24xi32>
}
func.func @unsigned_i16(%a: vector<2x2xi16>, %b: vector<2x16xi16>,
                        %acc: vector<2x16xi32>) -> vector<2x16xi32> {
  %ea = arith.extui %a : vector<2x2xi16> to vector<2x2xi32>
  %eb = arith.extsi %b : vector<2x16xi16> to vector<2x16xi32>
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %ea, %eb, %acc
      : vector<2x2xi32>, vector<2x16xi32> into vector<2x16xi32>
  return %r : vector<2x16xi32>
}
func.func @f32(%a: vector<2x2xf32>, %b: vector<2x16xf32>,
               %acc: vector<2x16xf32>) -> vector<2x16xf32> {
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %a, %b, %acc
      : vector<2x2xf32>, vector<2x16xf32> into vector<2x16xf32>
  return %r : vector<2x16xf32>
}

// -----

// Quads (x86-vpdpbusd-bits=512): operands that fit bytes, k a multiple of
// 4. A signed a is made unsigned (its word xor 0x80808080 = a + 128), and
// 128 x b's column sums (vpdpbusd of 128s by b, once per vector of the
// row) are taken away again: 2 rows x 1 vector + 1 correction, 2 subtractions.
// QUADS-LABEL: func.func @quads_signed
// QUADS-DAG:     %[[FLIP:.*]] = arith.constant dense<-2139062144> : vector<1xi32>
// QUADS-DAG:     %[[OFFSETS:.*]] = arith.constant dense<-128> : vector<64xi8>
// QUADS:         %[[B02:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// QUADS:         %[[B13:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// QUADS:         %[[BQ:.*]] = vector.shuffle %[[B02]], %[[B13]] [0, 32, 1, 33, {{.*}}] : vector<32xi8>, vector<32xi8>
// QUADS:         %[[W:.*]] = vector.bitcast %{{.*}} : vector<4xi8> to vector<1xi32>
// QUADS:         %[[U:.*]] = arith.xori %[[W]], %[[FLIP]] : vector<1xi32>
// QUADS:         %[[AQ:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<64xi8>
// QUADS:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%{{.*}}, %[[AQ]], %[[BQ]])
// QUADS:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// QUADS:         %[[CORR:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%{{.*}}, %[[OFFSETS]], %[[BQ]])
// QUADS-COUNT-2: arith.subi %{{.*}}, %[[CORR]] : vector<16xi32>
// QUADS-NOT:     llvm.call_intrinsic
// QUADS:         return
// Without quads: pairs.
// CHECK-LABEL: func.func @quads_signed
// AVX2-LABEL: func.func @quads_signed
// CHECK-COUNT-4: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
func.func @quads_signed(%a: vector<2x4xi8>, %b: vector<4x16xi8>,
                        %acc: vector<2x16xi32>) -> vector<2x16xi32> {
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %a, %b, %acc
      : vector<2x4xi8>, vector<4x16xi8> into vector<2x16xi32>
  return %r : vector<2x16xi32>
}

// -----

// An unsigned a (zero-extended bytes) needs neither: 2 quads x 2 rows.
// A b zero-extended from 8 bits is no signed byte: pairs instead.
// QUADS-LABEL: func.func @quads_unsigned
// QUADS-NOT:     arith.xori
// QUADS-COUNT-4: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// QUADS-NOT:     arith.subi
// QUADS-NOT:     llvm.call_intrinsic
// QUADS-LABEL: func.func @quads_unsigned_b
// AVX2-LABEL: func.func @quads_unsigned
// QUADS-NOT:     vpdpbusd
// QUADS:         llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
func.func @quads_unsigned(%a: memref<2x64xi8>, %b: memref<64x16xi8>,
                          %acc: vector<2x16xi32>, %k: index) -> vector<2x16xi32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0 : i8
  %ra = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1) -> (d0, d1, 0)>} : memref<2x64xi8>, vector<2x8x16xi8>
  %rb = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1) -> (0, d0, d1)>} : memref<64x16xi8>, vector<2x8x16xi8>
  %ea = arith.extui %ra : vector<2x8x16xi8> to vector<2x8x16xi32>
  %eb = arith.extsi %rb : vector<2x8x16xi8> to vector<2x8x16xi32>
  %p = arith.muli %ea, %eb : vector<2x8x16xi32>
  %r = vector.multi_reduction <add>, %p, %acc [1] : vector<2x8x16xi32> to vector<2x16xi32>
  return %r : vector<2x16xi32>
}
func.func @quads_unsigned_b(%a: vector<2x4xi8>, %b: vector<4x16xi8>,
                            %acc: vector<2x16xi32>) -> vector<2x16xi32> {
  %ea = arith.extsi %a : vector<2x4xi8> to vector<2x4xi32>
  %eb = arith.extui %b : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %ea, %eb, %acc
      : vector<2x4xi32>, vector<4x16xi32> into vector<2x16xi32>
  return %r : vector<2x16xi32>
}
