// RUN: tessera-translate --mlir-to-wgsl %s | FileCheck %s

// i8/i4/i16 values live in i32 registers, sign-extended. Ops that can carry
// bits past the width re-canonicalize (shift left, arithmetic shift right);
// unsigned ops work on the zero-extended value.

// CHECK-LABEL: // ----- kernel narrow
// CHECK: let [[W:v[0-9]+]]: i32 = arg0[0i];
// CHECK: let [[A:v[0-9]+]]: i32 = (([[W]]) << 24u) >> 24u;
// CHECK: let [[W8:v[0-9]+]]: i32 = [[W]] >> 8u;
// CHECK: let [[B:v[0-9]+]]: i32 = (([[W8]]) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = (([[A]] + [[B]]) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = (([[A]] - [[B]]) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = (([[A]] * [[B]]) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = (([[A]] << 3u) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = [[A]] >> 3u;
// CHECK: let {{v[0-9]+}}: i32 = ((([[A]] & 255i) >> 3u) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = ((([[A]] & 255i) / ([[B]] & 255i)) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = ((([[A]] & 255i) % ([[B]] & 255i)) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = (([[A]] / [[B]]) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = [[A]] & [[B]];
// CHECK: let {{v[0-9]+}}: i32 = select([[B]], [[A]], ([[A]] & 255i) < ([[B]] & 255i));
// CHECK: let {{v[0-9]+}}: i32 = select([[B]], [[A]], ([[A]] & 255i) > ([[B]] & 255i));
// CHECK: let {{v[0-9]+}}: bool = ([[A]] & 255i) < ([[B]] & 255i);
// CHECK: let {{v[0-9]+}}: bool = [[A]] < [[B]];
// sext is the identity; zext masks; trunc re-canonicalizes.
// CHECK: arg1[0i] = [[A]];
// CHECK: let [[Z:v[0-9]+]]: i32 = ([[A]] & 255i);
// CHECK: arg1[1i] = [[Z]];
// CHECK: let [[Z16:v[0-9]+]]: i32 = ([[A]] & 255i);
// CHECK: let [[T4:v[0-9]+]]: i32 = (([[Z16]]) << 28u) >> 28u;
// CHECK: let {{v[0-9]+}}: f32 = f32([[T4]]);
// CHECK: let {{v[0-9]+}}: f32 = f32(([[T4]] & 15i));
// CHECK: let {{v[0-9]+}}: i32 = ((i32({{v[0-9]+}})) << 28u) >> 28u;
// CHECK: let {{v[0-9]+}}: i32 = ((i32({{v[0-9]+}})) << 24u) >> 24u;
// CHECK: let {{v[0-9]+}}: i32 = countOneBits(([[A]] & 255i));
// CHECK: let {{v[0-9]+}}: i32 = countLeadingZeros(([[A]] & 255i)) - 24i;
// CHECK: let {{v[0-9]+}}: i32 = min(countTrailingZeros([[A]]), 8i);
// CHECK: let {{v[0-9]+}}: i32 = ((abs([[A]])) << 24u) >> 24u;
// i1 is bool.
// CHECK: let [[P:v[0-9]+]]: bool = ([[A]] & 1i) != 0i;
// CHECK: let [[Q:v[0-9]+]]: bool = [[P]] != true;
// CHECK: let {{v[0-9]+}}: i32 = select(0i, 1i, [[Q]]);
// CHECK: let {{v[0-9]+}}: i32 = select(0i, -1i, [[Q]]);
// Constants are sign-extended.
// CHECK: let {{v[0-9]+}}: i32 = (([[A]] + (-56i)) << 24u) >> 24u;
gpu.module @narrow {
  gpu.func @k(%in: memref<4xi32>, %out: memref<8xi32>, %f: memref<2xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : i32
    %w = memref.load %in[%c0] : memref<4xi32>
    %a = arith.trunci %w : i32 to i8
    %w8 = arith.shrsi %w, %c8 : i32
    %b = arith.trunci %w8 : i32 to i8
    %c3 = arith.constant 3 : i8
    %0 = arith.addi %a, %b : i8
    %1 = arith.subi %a, %b : i8
    %2 = arith.muli %a, %b : i8
    %3 = arith.shli %a, %c3 : i8
    %4 = arith.shrsi %a, %c3 : i8
    %5 = arith.shrui %a, %c3 : i8
    %6 = arith.divui %a, %b : i8
    %7 = arith.remui %a, %b : i8
    %8 = arith.divsi %a, %b : i8
    %9 = arith.andi %a, %b : i8
    %10 = arith.minui %a, %b : i8
    %11 = arith.maxui %a, %b : i8
    %12 = arith.cmpi ult, %a, %b : i8
    %13 = arith.cmpi slt, %a, %b : i8
    %s = arith.extsi %a : i8 to i32
    memref.store %s, %out[%c0] : memref<8xi32>
    %z = arith.extui %a : i8 to i32
    memref.store %z, %out[%c1] : memref<8xi32>
    %z16 = arith.extui %a : i8 to i16
    %t4 = arith.trunci %z16 : i16 to i4
    %f0 = arith.sitofp %t4 : i4 to f32
    %f1 = arith.uitofp %t4 : i4 to f32
    %x = memref.load %f[%c0] : memref<2xf32>
    %q4 = arith.fptosi %x : f32 to i4
    %q8 = arith.fptoui %x : f32 to i8
    %pc = math.ctpop %a : i8
    %lz = math.ctlz %a : i8
    %tz = math.cttz %a : i8
    %ab = math.absi %a : i8
    %p = arith.trunci %a : i8 to i1
    %true = arith.constant true
    %q = arith.xori %p, %true : i1
    %e0 = arith.extui %q : i1 to i32
    %e1 = arith.extsi %q : i1 to i32
    %c200 = arith.constant 200 : i8
    %k = arith.addi %a, %c200 : i8
    gpu.return
  }
}
