// RUN: tessera-translate --mlir-to-wgsl %s | FileCheck %s

// scf.for: iter_args become vars declared before the loop, which are also
// its results; the yield assigns them as one parallel assignment.

// CHECK-LABEL: // ----- kernel loops
// CHECK: var [[SUM:v[0-9]+]]: f32 = 0.0f;
// CHECK-NEXT: var [[P:v[0-9]+]]: i32 = 0i;
// CHECK-NEXT: var [[Q:v[0-9]+]]: i32 = 1i;
// CHECK-NEXT: for (var [[I:v[0-9]+]]: i32 = 0i; [[I]] < 16i; [[I]] = [[I]] + 2i) {
// CHECK-NEXT: let [[X:v[0-9]+]]: f32 = arg0[[[I]]];
// CHECK-NEXT: let [[S:v[0-9]+]]: f32 = [[SUM]] + [[X]];
// A swap reads both values before writing either.
// CHECK-NEXT: let [[TQ:v[0-9]+]] = [[Q]];
// CHECK-NEXT: let [[TP:v[0-9]+]] = [[P]];
// CHECK-NEXT: [[SUM]] = [[S]];
// CHECK-NEXT: [[P]] = [[TQ]];
// CHECK-NEXT: [[Q]] = [[TP]];
// CHECK-NEXT: }
// CHECK-NEXT: arg1[0i] = [[SUM]];
// Unsigned loop comparison.
// CHECK: for (var [[J:v[0-9]+]]: i32 = 0i; bitcast<u32>([[J]]) < 8u; [[J]] = [[J]] + 1i) {
gpu.module @loops {
  gpu.func @k(%in: memref<16xf32>, %out: memref<2xf32>, %iout: memref<2xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c16 = arith.constant 16 : index
    %zero = arith.constant 0.0 : f32
    %i0 = arith.constant 0 : i32
    %i1 = arith.constant 1 : i32
    %r:3 = scf.for %i = %c0 to %c16 step %c2 iter_args(%sum = %zero, %p = %i0, %q = %i1) -> (f32, i32, i32) {
      %x = memref.load %in[%i] : memref<16xf32>
      %s = arith.addf %sum, %x : f32
      scf.yield %s, %q, %p : f32, i32, i32
    }
    memref.store %r#0, %out[%c0] : memref<2xf32>
    %i8 = arith.constant 8 : i32
    scf.for unsigned %j = %i0 to %i8 step %i1 : i32 {
      memref.store %j, %iout[%c0] : memref<2xi32>
    }
    gpu.return
  }
}

// scf.if with results: vars assigned in each branch.

// CHECK-LABEL: // ----- kernel ifs
// CHECK: let [[T:v[0-9]+]]: i32 = i32(lid.x);
// CHECK-NEXT: let [[C:v[0-9]+]]: bool = [[T]] < 2i;
// CHECK-NEXT: var [[R:v[0-9]+]]: f32;
// CHECK-NEXT: if ([[C]]) {
// CHECK-NEXT: let [[L:v[0-9]+]]: f32 = arg0[[[T]]];
// CHECK-NEXT: [[R]] = [[L]];
// CHECK-NEXT: } else {
// CHECK-NEXT: [[R]] = 1.0f;
// CHECK-NEXT: }
// CHECK-NEXT: arg0[[[T]]] = [[R]];
// CHECK-NEXT: if ([[C]]) {
// CHECK-NEXT: arg0[0i] = [[R]];
// CHECK-NEXT: }
gpu.module @ifs {
  gpu.func @k(%buf: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c2 = arith.constant 2 : index
    %one = arith.constant 1.0 : f32
    %t = gpu.thread_id x
    %c = arith.cmpi slt, %t, %c2 : index
    %r = scf.if %c -> f32 {
      %l = memref.load %buf[%t] : memref<4xf32>
      scf.yield %l : f32
    } else {
      scf.yield %one : f32
    }
    memref.store %r, %buf[%t] : memref<4xf32>
    scf.if %c {
      memref.store %r, %buf[%c0] : memref<4xf32>
    }
    gpu.return
  }
}

// scf.while: the before-region's arguments are vars updated by the
// after-region's yield; the condition's values are the results.

// CHECK-LABEL: // ----- kernel whiles
// CHECK: var [[N:v[0-9]+]]: i32 = 1i;
// CHECK-NEXT: var [[RES:v[0-9]+]]: i32;
// CHECK-NEXT: loop {
// CHECK-NEXT: let [[LT:v[0-9]+]]: bool = [[N]] < 100i;
// CHECK-NEXT: [[RES]] = [[N]];
// CHECK-NEXT: if (![[LT]]) { break; }
// CHECK-NEXT: let [[D:v[0-9]+]]: i32 = [[RES]] * 2i;
// CHECK-NEXT: [[N]] = [[D]];
// CHECK-NEXT: }
// CHECK-NEXT: arg0[0i] = [[RES]];
gpu.module @whiles {
  gpu.func @k(%buf: memref<1xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %one = arith.constant 1 : i32
    %two = arith.constant 2 : i32
    %hundred = arith.constant 100 : i32
    %r = scf.while (%n = %one) : (i32) -> i32 {
      %lt = arith.cmpi slt, %n, %hundred : i32
      scf.condition(%lt) %n : i32
    } do {
    ^bb0(%m: i32):
      %d = arith.muli %m, %two : i32
      scf.yield %d : i32
    }
    memref.store %r, %buf[%c0] : memref<1xi32>
    gpu.return
  }
}
