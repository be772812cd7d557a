// RUN: tessera-opt %s --split-input-file --tessera-emulate-narrow-int="container-bits=32 narrow-bits=1,4,8,16" | FileCheck %s

// WebGPU's packing: WGSL has no 8- or 16-bit storage, so i8 and i16 buffers
// are packed in i32 words too (i8 element k at byte k % 4 of word k / 4,
// i16 element k at half k % 2 of word k / 2), and i1 buffers one byte per
// value, as the host stores bools.

// CHECK-LABEL: func.func @i8(
// CHECK-SAME: %[[M:.*]]: memref<2xi32>, %[[I:.*]]: index, %[[V:.*]]: i8) -> i8
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[W:.*]] = arith.divui %[[I]], %[[C4]] : index
// CHECK: %[[S:.*]] = arith.remui %[[I]], %[[C4]] : index
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: arith.muli %[[S]], %[[C8]] : index
// CHECK: %[[WORD:.*]] = memref.load %[[M]][%[[W]]] : memref<2xi32>
// CHECK: %[[SH:.*]] = arith.shrui %[[WORD]], %{{.*}} : i32
// CHECK: %[[R:.*]] = arith.trunci %[[SH]] : i32 to i8
// CHECK: arith.extui %[[V]] : i8 to i32
// CHECK: arith.constant 255 : i32
// CHECK: memref.store %{{.*}}, %[[M]][%{{.*}}] : memref<2xi32>
// CHECK: return %[[R]] : i8
func.func @i8(%m: memref<6xi8>, %i: index, %v: i8) -> i8 {
  %r = memref.load %m[%i] : memref<6xi8>
  memref.store %v, %m[%i] : memref<6xi8>
  return %r : i8
}

// CHECK-LABEL: func.func @i16(
// CHECK-SAME: %[[M:.*]]: memref<2xi32>, %[[I:.*]]: index, %[[V:.*]]: i16) -> i16
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: arith.divui %[[I]], %[[C2]] : index
// CHECK: %[[C16:.*]] = arith.constant 16 : index
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: arith.extui %[[V]] : i16 to i32
// CHECK: arith.constant 65535 : i32
func.func @i16(%m: memref<3xi16>, %i: index, %v: i16) -> i16 {
  %r = memref.load %m[%i] : memref<3xi16>
  memref.store %v, %m[%i] : memref<3xi16>
  return %r : i16
}

// An i1 is the low bit of its byte.
// CHECK-LABEL: func.func @i1(
// CHECK-SAME: %[[M:.*]]: memref<2xi32>, %[[I:.*]]: index, %[[V:.*]]: i1) -> i1
// CHECK: arith.constant 4 : index
// CHECK: arith.constant 8 : index
// CHECK: arith.trunci %{{.*}} : i32 to i1
// CHECK: arith.extui %[[V]] : i1 to i32
// CHECK: arith.constant 255 : i32
func.func @i1(%m: memref<5xi1>, %i: index, %v: i1) -> i1 {
  %r = memref.load %m[%i] : memref<5xi1>
  memref.store %v, %m[%i] : memref<5xi1>
  return %r : i1
}

// Wider and float buffers are left alone.
// CHECK-LABEL: func.func @untouched(
// CHECK-SAME: memref<4xi32>, %{{.*}}: memref<4xf16>
func.func @untouched(%a: memref<4xi32>, %b: memref<4xf16>) {
  return
}

// -----

// Initial values, checked by hand (words in little-endian byte order):
//   i8  [1, 2, 3, -1, 5]              -> 0xFF030201, 0x00000005
//   i16 [1, -2, 3]                    -> 0xFFFE0001, 0x00000003
//   i1  [true, false, true, true, false] -> 0x01010001, 0x00000000
// CHECK: memref.global "private" constant @bytes : memref<2xi32> = dense<[-16580095, 5]>
// CHECK: memref.global "private" constant @halves : memref<2xi32> = dense<[-131071, 3]>
// CHECK: memref.global "private" constant @bools : memref<2xi32> = dense<[16842753, 0]>
memref.global "private" constant @bytes : memref<5xi8> = dense<[1, 2, 3, -1, 5]>
memref.global "private" constant @halves : memref<3xi16> = dense<[1, -2, 3]>
memref.global "private" constant @bools : memref<5xi1> =
    dense<[true, false, true, true, false]>
// A splat, and a global without initial value.
// CHECK: memref.global "private" constant @splat : memref<2xi32> = dense<117901063>
// CHECK: memref.global @scratch : memref<3xi32> = uninitialized
memref.global "private" constant @splat : memref<8xi8> = dense<7>
memref.global @scratch : memref<5xi16> = uninitialized
