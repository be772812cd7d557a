// RUN: tessera-translate --mlir-to-wgsl %s | FileCheck %s

// 32-bit integer and index arithmetic: signed ops map to WGSL's operators,
// unsigned ones go through u32, floor/ceil division through helpers.

// CHECK-LABEL: // ----- kernel ints
// CHECK: fn ceildiv_i32(a: i32, b: i32) -> i32 {
// CHECK: select(q, q + 1i, (a % b != 0i) && ((a < 0i) == (b < 0i)))
// CHECK: fn floordiv_i32(a: i32, b: i32) -> i32 {
// CHECK: select(q, q - 1i, (a % b != 0i) && ((a < 0i) != (b < 0i)))
// CHECK: @compute @workgroup_size(4, 1, 1)
// CHECK: let [[A:v[0-9]+]]: i32 = arg0[0i];
// CHECK: let [[B:v[0-9]+]]: i32 = arg0[1i];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] + [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] - [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] * [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] / [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] % [[B]];
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>(bitcast<u32>([[A]]) / bitcast<u32>([[B]]));
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>(bitcast<u32>([[A]]) % 7u);
// CHECK: let {{v[0-9]+}}: i32 = floordiv_i32([[A]], [[B]]);
// CHECK: let {{v[0-9]+}}: i32 = ceildiv_i32([[A]], [[B]]);
// CHECK: let {{v[0-9]+}}: i32 = [[A]] & [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] | [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] ^ [[B]];
// CHECK: let {{v[0-9]+}}: i32 = [[A]] << u32([[B]]);
// CHECK: let {{v[0-9]+}}: i32 = [[A]] >> 3u;
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>(bitcast<u32>([[A]]) >> u32([[B]]));
// A constant shift amount >= 32 is poison in arith and an error in WGSL.
// CHECK: let {{v[0-9]+}}: i32 = [[A]] << 1u;
// CHECK: let {{v[0-9]+}}: i32 = min([[A]], [[B]]);
// CHECK: let {{v[0-9]+}}: i32 = max([[A]], [[B]]);
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>(min(bitcast<u32>([[A]]), bitcast<u32>([[B]])));
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>(max(bitcast<u32>([[A]]), bitcast<u32>([[B]])));
// CHECK: let {{v[0-9]+}}: bool = [[A]] == [[B]];
// CHECK: let {{v[0-9]+}}: bool = [[A]] != [[B]];
// CHECK: let {{v[0-9]+}}: bool = [[A]] < [[B]];
// CHECK: let {{v[0-9]+}}: bool = [[A]] <= [[B]];
// CHECK: let {{v[0-9]+}}: bool = [[A]] > [[B]];
// CHECK: let {{v[0-9]+}}: bool = [[A]] >= [[B]];
// CHECK: let {{v[0-9]+}}: bool = bitcast<u32>([[A]]) < bitcast<u32>([[B]]);
// CHECK: let {{v[0-9]+}}: bool = bitcast<u32>([[A]]) <= bitcast<u32>([[B]]);
// CHECK: let {{v[0-9]+}}: bool = bitcast<u32>([[A]]) > bitcast<u32>([[B]]);
// CHECK: let [[UGE:v[0-9]+]]: bool = bitcast<u32>([[A]]) >= 4294967295u;
// CHECK: let {{v[0-9]+}}: i32 = select([[B]], [[A]], [[UGE]]);
// CHECK: let {{v[0-9]+}}: f32 = f32([[A]]);
// CHECK: let {{v[0-9]+}}: f32 = f32(bitcast<u32>([[A]]));
// CHECK: let {{v[0-9]+}}: f32 = bitcast<f32>([[A]]);
// Division by a constant zero must not become a WGSL const-expression.
// CHECK: let [[ZERO:v[0-9]+]]: i32 = 0i;
// CHECK: let {{v[0-9]+}}: i32 = [[A]] / [[ZERO]];
// Ops on constants only are not const-expressions either (overflow).
// CHECK: let [[BIG:v[0-9]+]]: i32 = 2147483647i;
// CHECK: let {{v[0-9]+}}: i32 = [[BIG]] + 1i;
// CHECK: let {{v[0-9]+}}: i32 = [[A]] + (-2147483647i - 1i);
// CHECK: let {{v[0-9]+}}: i32 = [[A]] * (-3i);
// Casts of constants are constants too: ops on them are materialized.
// CHECK: let [[BIGX:v[0-9]+]]: i32 = 2147483647i;
// CHECK-NEXT: let {{v[0-9]+}}: i32 = [[BIGX]] + 1i;
// CHECK-NEXT: let [[C300:v[0-9]+]]: i32 = 300i;
// CHECK-NEXT: let {{v[0-9]+}}: i32 = (([[C300]]) << 24u) >> 24u;
// Poison is any value: zero.
// CHECK: let {{v[0-9]+}}: i32 = [[A]] + 0i;
// CHECK: let [[AF:v[0-9]+]]: f32 = f32([[A]]);
// CHECK: let {{v[0-9]+}}: f32 = [[AF]] + 0.0f;
gpu.module @ints {
  gpu.func @k(%buf: memref<64xi32>, %out: memref<64xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %a = memref.load %buf[%c0] : memref<64xi32>
    %b = memref.load %buf[%c1] : memref<64xi32>
    %c3 = arith.constant 3 : i32
    %c7 = arith.constant 7 : i32
    %c33 = arith.constant 33 : i32
    %cm1 = arith.constant -1 : i32
    %i0 = arith.addi %a, %b : i32
    %i1 = arith.subi %a, %b : i32
    %i2 = arith.muli %a, %b : i32
    %i3 = arith.divsi %a, %b : i32
    %i4 = arith.remsi %a, %b : i32
    %i5 = arith.divui %a, %b : i32
    %i6 = arith.remui %a, %c7 : i32
    %i7 = arith.floordivsi %a, %b : i32
    %i8 = arith.ceildivsi %a, %b : i32
    %i9 = arith.andi %a, %b : i32
    %i10 = arith.ori %a, %b : i32
    %i11 = arith.xori %a, %b : i32
    %i12 = arith.shli %a, %b : i32
    %i13 = arith.shrsi %a, %c3 : i32
    %i14 = arith.shrui %a, %b : i32
    %i15 = arith.shli %a, %c33 : i32
    %i16 = arith.minsi %a, %b : i32
    %i17 = arith.maxsi %a, %b : i32
    %i18 = arith.minui %a, %b : i32
    %i19 = arith.maxui %a, %b : i32
    %p0 = arith.cmpi eq, %a, %b : i32
    %p1 = arith.cmpi ne, %a, %b : i32
    %p2 = arith.cmpi slt, %a, %b : i32
    %p3 = arith.cmpi sle, %a, %b : i32
    %p4 = arith.cmpi sgt, %a, %b : i32
    %p5 = arith.cmpi sge, %a, %b : i32
    %p6 = arith.cmpi ult, %a, %b : i32
    %p7 = arith.cmpi ule, %a, %b : i32
    %p8 = arith.cmpi ugt, %a, %b : i32
    %p9 = arith.cmpi uge, %a, %cm1 : i32
    %s = arith.select %p9, %a, %b : i32
    %f0 = arith.sitofp %a : i32 to f32
    %f1 = arith.uitofp %a : i32 to f32
    %f2 = arith.bitcast %a : i32 to f32
    %zero = arith.constant 0 : i32
    %d0 = arith.divsi %a, %zero : i32
    %max = arith.constant 2147483647 : i32
    %one = arith.constant 1 : i32
    %ov = arith.addi %max, %one : i32
    %min = arith.constant -2147483648 : i32
    %m = arith.addi %a, %min : i32
    %cm3 = arith.constant -3 : i32
    %n = arith.muli %a, %cm3 : i32
    %bx = arith.index_cast %max : i32 to index
    %c1x = arith.constant 1 : index
    %ovx = arith.addi %bx, %c1x : index
    %c300 = arith.constant 300 : i32
    %t8 = arith.trunci %c300 : i32 to i8
    %pi = ub.poison : i32
    %q = arith.addi %a, %pi : i32
    %pf = ub.poison : f32
    %af = arith.sitofp %a : i32 to f32
    %qf = arith.addf %af, %pf : f32
    gpu.return
  }
}

// Floating point: NaN-aware min/max and comparisons through bit tests.

// CHECK-LABEL: // ----- kernel floats
// CHECK: fn isnan_f32(x: f32) -> bool {
// CHECK-NEXT: return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
// CHECK: fn maximumf_f32(a: f32, b: f32) -> f32 {
// CHECK-NEXT: if (isnan_f32(a)) { return a; }
// CHECK-NEXT: if (isnan_f32(b)) { return b; }
// CHECK: if (a == b) { return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b)); }
// CHECK-NEXT: return max(a, b);
// CHECK: fn maxnumf_f32(a: f32, b: f32) -> f32 {
// CHECK-NEXT: if (isnan_f32(a)) { return b; }
// CHECK-NEXT: if (isnan_f32(b)) { return a; }
// CHECK-NEXT: return max(a, b);
// CHECK: fn minimumf_f32(a: f32, b: f32) -> f32 {
// CHECK: if (a == b) { return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b)); }
// CHECK: return min(a, b);
// CHECK: fn minnumf_f32(a: f32, b: f32) -> f32 {
// CHECK: let [[X:v[0-9]+]]: f32 = arg0[0i];
// CHECK: let [[Y:v[0-9]+]]: f32 = arg0[1i];
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + [[Y]];
// CHECK: let {{v[0-9]+}}: f32 = [[X]] - [[Y]];
// CHECK: let {{v[0-9]+}}: f32 = [[X]] * [[Y]];
// CHECK: let {{v[0-9]+}}: f32 = [[X]] / [[Y]];
// CHECK: let {{v[0-9]+}}: f32 = [[X]] % [[Y]];
// CHECK: let {{v[0-9]+}}: f32 = -[[X]];
// CHECK: let {{v[0-9]+}}: f32 = maximumf_f32([[X]], [[Y]]);
// CHECK: let {{v[0-9]+}}: f32 = minimumf_f32([[X]], [[Y]]);
// CHECK: let {{v[0-9]+}}: f32 = maxnumf_f32([[X]], [[Y]]);
// CHECK: let {{v[0-9]+}}: f32 = minnumf_f32([[X]], [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = false;
// CHECK: let {{v[0-9]+}}: bool = ([[X]] == [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = ([[X]] > [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = ([[X]] >= [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = ([[X]] < [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = ([[X]] <= [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = !(isnan_f32([[X]]) || isnan_f32([[Y]])) && ([[X]] != [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = !(isnan_f32([[X]]) || isnan_f32([[Y]]));
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]])) || ([[X]] == [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]])) || ([[X]] > [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]])) || ([[X]] >= [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]])) || ([[X]] < [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]])) || ([[X]] <= [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]])) || ([[X]] != [[Y]]);
// CHECK: let {{v[0-9]+}}: bool = (isnan_f32([[X]]) || isnan_f32([[Y]]));
// CHECK: let {{v[0-9]+}}: bool = true;
// CHECK: let {{v[0-9]+}}: i32 = i32([[X]]);
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>(u32([[X]]));
// CHECK: let {{v[0-9]+}}: i32 = bitcast<i32>([[X]]);
// Literals round-trip exactly; infinities, NaNs and subnormals go through
// their bits, as WGSL cannot spell them as constants.
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + 0.1f;
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + (-1.5f);
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + 3.402823466e+38f;
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + 16777216.0f;
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + (-0.0f);
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + f32_from_bits(0x7f800000u);
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + f32_from_bits(0xff800000u);
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + f32_from_bits(0x7fc00000u);
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + f32_from_bits(0x1u);
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + 1.1754944e-38f;
// CHECK: let {{v[0-9]+}}: f32 = [[X]] + 0.33333334f;
gpu.module @floats {
  gpu.func @k(%buf: memref<64xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = memref.load %buf[%c0] : memref<64xf32>
    %y = memref.load %buf[%c1] : memref<64xf32>
    %0 = arith.addf %x, %y : f32
    %1 = arith.subf %x, %y : f32
    %2 = arith.mulf %x, %y : f32
    %3 = arith.divf %x, %y : f32
    %4 = arith.remf %x, %y : f32
    %5 = arith.negf %x : f32
    %6 = arith.maximumf %x, %y : f32
    %7 = arith.minimumf %x, %y : f32
    %8 = arith.maxnumf %x, %y : f32
    %9 = arith.minnumf %x, %y : f32
    %p0 = arith.cmpf false, %x, %y : f32
    %p1 = arith.cmpf oeq, %x, %y : f32
    %p2 = arith.cmpf ogt, %x, %y : f32
    %p3 = arith.cmpf oge, %x, %y : f32
    %p4 = arith.cmpf olt, %x, %y : f32
    %p5 = arith.cmpf ole, %x, %y : f32
    %p6 = arith.cmpf one, %x, %y : f32
    %p7 = arith.cmpf ord, %x, %y : f32
    %p8 = arith.cmpf ueq, %x, %y : f32
    %p9 = arith.cmpf ugt, %x, %y : f32
    %p10 = arith.cmpf uge, %x, %y : f32
    %p11 = arith.cmpf ult, %x, %y : f32
    %p12 = arith.cmpf ule, %x, %y : f32
    %p13 = arith.cmpf une, %x, %y : f32
    %p14 = arith.cmpf uno, %x, %y : f32
    %p15 = arith.cmpf true, %x, %y : f32
    %i0 = arith.fptosi %x : f32 to i32
    %i1 = arith.fptoui %x : f32 to i32
    %i2 = arith.bitcast %x : f32 to i32
    %k0 = arith.constant 0.1 : f32
    %l0 = arith.addf %x, %k0 : f32
    %k1 = arith.constant -1.5 : f32
    %l1 = arith.addf %x, %k1 : f32
    %k2 = arith.constant 3.40282347e+38 : f32
    %l2 = arith.addf %x, %k2 : f32
    %k3 = arith.constant 16777216.0 : f32
    %l3 = arith.addf %x, %k3 : f32
    %k4 = arith.constant -0.0 : f32
    %l4 = arith.addf %x, %k4 : f32
    %k5 = arith.constant 0x7F800000 : f32
    %l5 = arith.addf %x, %k5 : f32
    %k6 = arith.constant 0xFF800000 : f32
    %l6 = arith.addf %x, %k6 : f32
    %k7 = arith.constant 0x7FC00000 : f32
    %l7 = arith.addf %x, %k7 : f32
    %k8 = arith.constant 0x00000001 : f32
    %l8 = arith.addf %x, %k8 : f32
    %k9 = arith.constant 0x00800000 : f32
    %l9 = arith.addf %x, %k9 : f32
    %k10 = arith.constant 0.333333343 : f32
    %l10 = arith.addf %x, %k10 : f32
    gpu.return
  }
}
