// RUN: tessera-opt %s --split-input-file --tessera-emulate-narrow-int --verify-diagnostics | FileCheck %s

// 4-bit buffers become rank-1 i8 buffers of ceil(n / 2) bytes, element k in
// byte k / 2 at bit (k % 2) * 4 (even indices in the low nibble). A load is
// a byte load, a shift and a truncation; a store a read-modify-write.

// CHECK-LABEL: func.func @load_store(
// CHECK-SAME: %[[SRC:.*]]: memref<18xi8>, %[[DST:.*]]: memref<18xi8>, %[[I:.*]]: index, %[[J:.*]]: index)
// Load of src[i, j]: linear index i * 5 + j.
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[ROW:.*]] = arith.muli %[[I]], %[[C5]] : index
// CHECK: %[[LIN:.*]] = arith.addi %[[ROW]], %[[J]] : index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[BYTE:.*]] = arith.divui %[[LIN]], %[[C2]] : index
// CHECK: %[[SLOT:.*]] = arith.remui %[[LIN]], %[[C2]] : index
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[BITS:.*]] = arith.muli %[[SLOT]], %[[C4]] : index
// CHECK: %[[SHIFT:.*]] = arith.index_castui %[[BITS]] : index to i8
// CHECK: %[[PACKED:.*]] = memref.load %[[SRC]][%[[BYTE]]] : memref<18xi8>
// CHECK: %[[SHIFTED:.*]] = arith.shrui %[[PACKED]], %[[SHIFT]] : i8
// CHECK: %[[V:.*]] = arith.trunci %[[SHIFTED]] : i8 to i4
// Store into dst[j, i]: read-modify-write of the byte.
// CHECK: %[[BYTE2:.*]] = arith.divui
// CHECK: %[[SHIFT2:.*]] = arith.index_castui %{{.*}} : index to i8
// CHECK: %[[WIDE:.*]] = arith.extui %[[V]] : i4 to i8
// CHECK: %[[NEW:.*]] = arith.shli %[[WIDE]], %[[SHIFT2]] : i8
// CHECK: %[[C15:.*]] = arith.constant 15 : i8
// CHECK: %[[ONES:.*]] = arith.constant -1 : i8
// CHECK: %[[NIBBLE:.*]] = arith.shli %[[C15]], %[[SHIFT2]] : i8
// CHECK: %[[KEEP:.*]] = arith.xori %[[NIBBLE]], %[[ONES]] : i8
// CHECK: %[[OLD:.*]] = memref.load %[[DST]][%[[BYTE2]]] : memref<18xi8>
// CHECK: %[[KEPT:.*]] = arith.andi %[[OLD]], %[[KEEP]] : i8
// CHECK: %[[MERGED:.*]] = arith.ori %[[KEPT]], %[[NEW]] : i8
// CHECK: memref.store %[[MERGED]], %[[DST]][%[[BYTE2]]] : memref<18xi8>
// CHECK-NOT: memref.atomic_rmw
// CHECK: return
func.func @load_store(%src: memref<7x5xi4>, %dst: memref<7x5xi4>, %i: index,
                      %j: index) {
  %v = memref.load %src[%i, %j] : memref<7x5xi4>
  memref.store %v, %dst[%j, %i] : memref<7x5xi4>
  return
}

// Other memrefs are left alone.
// CHECK-LABEL: func.func @f32_untouched(
// CHECK-SAME: memref<4xf32>
// CHECK: memref.load %{{.*}}[%{{.*}}] : memref<4xf32>
func.func @f32_untouched(%m: memref<4xf32>, %i: index) -> f32 {
  %v = memref.load %m[%i] : memref<4xf32>
  return %v : f32
}

// -----

// ui4 buffers are packed like i4 ones (signless i8); the loaded value is cast
// back to ui4 (the casts fold away in reconcile-unrealized-casts).
// CHECK-LABEL: func.func @unsigned(
// CHECK-SAME: %{{.*}}: memref<2xi8>
// CHECK: %[[B:.*]] = memref.load %{{.*}}[%{{.*}}] : memref<2xi8>
// CHECK: %[[S:.*]] = arith.shrui %[[B]], %{{.*}} : i8
// CHECK: %[[T:.*]] = arith.trunci %[[S]] : i8 to i4
// CHECK: builtin.unrealized_conversion_cast %[[T]] : i4 to ui4
func.func @unsigned(%src: memref<3xui4>, %i: index) -> i32 {
  %v = memref.load %src[%i] : memref<3xui4>
  %s = builtin.unrealized_conversion_cast %v : ui4 to i4
  %r = arith.extui %s : i4 to i32
  return %r : i32
}

// CHECK-LABEL: func.func @store_si4(
// CHECK-SAME: %{{.*}}: memref<1xi8>, %[[V:.*]]: si4)
// CHECK: %[[C:.*]] = builtin.unrealized_conversion_cast %[[V]] : si4 to i4
// CHECK: arith.extui %[[C]] : i4 to i8
// CHECK: memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<1xi8>
func.func @store_si4(%m: memref<si4>, %v: si4) {
  memref.store %v, %m[] : memref<si4>
  return
}

// -----

// Allocations, copies (of the packed bytes) and deallocations.
// CHECK-LABEL: func.func @alloc_copy(
// CHECK-SAME: %[[SRC:.*]]: memref<3xi8>, %[[DST:.*]]: memref<3xi8>)
// CHECK: %[[A:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3xi8>
// CHECK: memref.copy %[[SRC]], %[[A]] : memref<3xi8> to memref<3xi8>
// CHECK: memref.copy %[[A]], %[[DST]] : memref<3xi8> to memref<3xi8>
// CHECK: memref.dealloc %[[A]] : memref<3xi8>
func.func @alloc_copy(%src: memref<2x3xi4>, %dst: memref<2x3xi4>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<2x3xi4>
  memref.copy %src, %a : memref<2x3xi4> to memref<2x3xi4>
  memref.copy %a, %dst : memref<2x3xi4> to memref<2x3xi4>
  memref.dealloc %a : memref<2x3xi4>
  return
}

// -----

// A constant is packed: [1, -2, 7, -8, 3] -> bytes 0xE1, 0x87, 0x03.
// CHECK: memref.global "private" constant @cst : memref<3xi8> = dense<[-31, -121, 3]>
// CHECK-LABEL: func.func @global(
// CHECK: memref.get_global @cst : memref<3xi8>
memref.global "private" constant @cst : memref<5xi4> = dense<[1, -2, 7, -8, 3]>
func.func @global(%i: index) -> i4 {
  %g = memref.get_global @cst : memref<5xi4>
  %v = memref.load %g[%i] : memref<5xi4>
  return %v : i4
}

// -----

// Accesses through views are folded into accesses of the root buffer, even
// with a dynamic offset (a view at an odd offset has no packed form).
// CHECK-LABEL: func.func @folded_views(
// CHECK-SAME: %[[M:.*]]: memref<12xi8>
// CHECK-NOT: memref.subview
// CHECK-NOT: memref.expand_shape
// CHECK: memref.load %[[M]][%{{.*}}] : memref<12xi8>
// CHECK: memref.store %{{.*}}, %[[M]][%{{.*}}] : memref<12xi8>
func.func @folded_views(%m: memref<4x6xi4>, %i: index, %j: index,
                        %k: index) -> i4 {
  %sub = memref.subview %m[%i, 1] [2, 3] [1, 1]
      : memref<4x6xi4> to memref<2x3xi4, strided<[6, 1], offset: ?>>
  %v = memref.load %sub[%j, %k] : memref<2x3xi4, strided<[6, 1], offset: ?>>
  %e = memref.expand_shape %m [[0], [1, 2]] output_shape [4, 2, 3]
      : memref<4x6xi4> into memref<4x2x3xi4>
  memref.store %v, %e[%i, %j, %k] : memref<4x2x3xi4>
  return %v : i4
}

// -----

// A view that stays (here passed to a call) is the packed root buffer; its
// static strides and offset (7) index it.
// CHECK-LABEL: func.func private @use(
// CHECK-SAME: %[[V:.*]]: memref<?xi8>, %[[I:.*]]: index) -> i4
// CHECK: %[[C7:.*]] = arith.constant 7 : index
// CHECK: %[[LIN:.*]] = arith.addi %{{.*}}, %[[C7]] : index
// CHECK: %[[BYTE:.*]] = arith.divui %[[LIN]], %{{.*}} : index
// CHECK: memref.load %[[V]][%[[BYTE]]] : memref<?xi8>
// CHECK-LABEL: func.func @caller(
// CHECK-SAME: %[[M:.*]]: memref<12xi8>
// CHECK: %[[CAST:.*]] = memref.cast %[[M]] : memref<12xi8> to memref<?xi8>
// CHECK: call @use(%[[CAST]], %{{.*}}) : (memref<?xi8>, index) -> i4
func.func private @use(%v: memref<2x3xi4, strided<[6, 1], offset: 7>>,
                       %i: index) -> i4 {
  %x = memref.load %v[%i, %i] : memref<2x3xi4, strided<[6, 1], offset: 7>>
  return %x : i4
}
func.func @caller(%m: memref<4x6xi4>, %i: index) -> i4 {
  %sub = memref.subview %m[1, 1] [2, 3] [1, 1]
      : memref<4x6xi4> to memref<2x3xi4, strided<[6, 1], offset: 7>>
  %r = func.call @use(%sub, %i)
      : (memref<2x3xi4, strided<[6, 1], offset: 7>>, index) -> i4
  return %r : i4
}

// -----

// Structured control flow carrying a 4-bit buffer.
// CHECK-LABEL: func.func @select_buffer(
// CHECK-SAME: %[[A:.*]]: memref<3xi8>, %[[B:.*]]: memref<3xi8>
// CHECK: scf.if %{{.*}} -> (memref<3xi8>)
// CHECK: memref.load %{{.*}}[%{{.*}}] : memref<3xi8>
func.func @select_buffer(%a: memref<5xi4>, %b: memref<5xi4>, %c: i1,
                         %i: index) -> i4 {
  %m = scf.if %c -> memref<5xi4> {
    scf.yield %a : memref<5xi4>
  } else {
    scf.yield %b : memref<5xi4>
  }
  %v = memref.load %m[%i] : memref<5xi4>
  return %v : i4
}

// -----

func.func @dynamic(%m: memref<?xi4>, %i: index) -> i4 {
  // expected-error @below {{cannot store 'memref<?xi4>' packed in 8-bit words: packed buffers need a static shape, strides and offset}}
  %x = memref.load %m[%i] : memref<?xi4>
  return %x : i4
}

// -----

// A word-aligned vector load (tessera-cpu-widen-packed-ints) loads the
// bytes it covers and bitcasts them; its sign extension becomes shifts of
// the bytes and an interleave of the low and high nibbles.

// CHECK-LABEL: func.func @vector_load_widen(
// CHECK-SAME: %[[IN:.*]]: memref<32xi8>, %[[OUT:.*]]: memref<4x16xi8>, %[[I:.*]]: index, %[[J:.*]]: index)
// CHECK: %[[WORD:.*]] = arith.divui %{{.*}}, %{{.*}} : index
// CHECK: %[[BYTES:.*]] = vector.load %[[IN]][%[[WORD]]] : memref<32xi8>, vector<8xi8>
// CHECK: %[[C4:.*]] = arith.constant dense<4> : vector<8xi8>
// CHECK: %[[UP:.*]] = arith.shli %[[BYTES]], %[[C4]] : vector<8xi8>
// CHECK: %[[LOW:.*]] = arith.shrsi %[[UP]], %{{.*}} : vector<8xi8>
// CHECK: %[[HIGH:.*]] = arith.shrsi %[[BYTES]], %{{.*}} : vector<8xi8>
// CHECK: %[[W:.*]] = vector.interleave %[[LOW]], %[[HIGH]] : vector<8xi8> -> vector<16xi8>
// CHECK: vector.store %[[W]], %[[OUT]][%[[I]], %[[J]]] : memref<4x16xi8>, vector<16xi8>
func.func @vector_load_widen(%in: memref<4x16xi4>, %out: memref<4x16xi8>,
                             %i: index, %j: index) {
  %v = vector.load %in[%i, %j] {tessera.word_aligned} : memref<4x16xi4>, vector<16xi4>
  %w = arith.extsi %v : vector<16xi4> to vector<16xi8>
  vector.store %w, %out[%i, %j] : memref<4x16xi8>, vector<16xi8>
  return
}

// -----

// ui4: the loaded bytes are masked and shifted right logically. The casts
// between ui4 and i4 vectors, and the bitcasts around them, cancel later
// (reconcile-unrealized-casts, then LLVM).

// CHECK-LABEL: func.func @vector_load_widen_unsigned(
// CHECK: %[[LOADED:.*]] = vector.load %{{.*}}[%{{.*}}] : memref<32xi8>, vector<4xi8>
// CHECK: %[[NIBBLES:.*]] = vector.bitcast %[[LOADED]] : vector<4xi8> to vector<8xi4>
// CHECK: %[[U:.*]] = builtin.unrealized_conversion_cast %[[NIBBLES]] : vector<8xi4> to vector<8xui4>
// CHECK: %[[S:.*]] = builtin.unrealized_conversion_cast %[[U]] : vector<8xui4> to vector<8xi4>
// CHECK: %[[BYTES:.*]] = vector.bitcast %[[S]] : vector<8xi4> to vector<4xi8>
// CHECK: %[[MASK:.*]] = arith.constant dense<15> : vector<4xi8>
// CHECK: %[[LOW:.*]] = arith.andi %[[BYTES]], %[[MASK]] : vector<4xi8>
// CHECK: %[[HIGH:.*]] = arith.shrui %[[BYTES]], %{{.*}} : vector<4xi8>
// CHECK: %[[W8:.*]] = vector.interleave %[[LOW]], %[[HIGH]] : vector<4xi8> -> vector<8xi8>
// CHECK: %[[W:.*]] = arith.extui %[[W8]] : vector<8xi8> to vector<8xi32>
func.func @vector_load_widen_unsigned(%in: memref<4x16xui4>, %out: memref<4x16xi32>,
                                      %i: index, %j: index) {
  %v = vector.load %in[%i, %j] {tessera.word_aligned} : memref<4x16xui4>, vector<8xui4>
  %s = builtin.unrealized_conversion_cast %v : vector<8xui4> to vector<8xi4>
  %w = arith.extui %s : vector<8xi4> to vector<8xi32>
  vector.store %w, %out[%i, %j] : memref<4x16xi32>, vector<8xi32>
  return
}

// -----

// Other vector accesses of packed buffers are errors that say why.

func.func @vector_load_unmarked(%in: memref<4x16xi4>, %i: index) -> vector<16xi4> {
  // expected-error @below {{cannot access a buffer packed in 8-bit words with vectors, except by a 1-D vector.load marked tessera.word_aligned of whole words}}
  %v = vector.load %in[%i, %i] : memref<4x16xi4>, vector<16xi4>
  return %v : vector<16xi4>
}

// -----

func.func @vector_load_odd_rows(%in: memref<4x15xi4>, %i: index) -> vector<2xi4> {
  // expected-error @below {{cannot access a buffer packed in 8-bit words with vectors}}
  %v = vector.load %in[%i, %i] {tessera.word_aligned} : memref<4x15xi4>, vector<2xi4>
  return %v : vector<2xi4>
}
