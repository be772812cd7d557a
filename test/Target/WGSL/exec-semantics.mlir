// Runs emitted WGSL on a real WebGPU adapter and compares every op whose
// arith/math semantics differ from WGSL's built-ins with numpy/math
// references, bit-exactly (erf: within 2e-7): NaN-aware min/max, round half
// away from zero, unsigned and floor/ceil division, narrow integers.
//
// REQUIRES: webgpu
// RUN: rm -rf %t && mkdir -p %t/kernels
// RUN: tessera-translate --mlir-to-wgsl %s -o %t/kernels/semantics.wgsl
// RUN: %python %S/Inputs/exec-semantics.py prepare %t
// RUN: %tessera_web_run %t --input %t/x.npy --input %t/y.npy --input %t/a.npy --input %t/b.npy --output %t/f.npy --output %t/i.npy
// RUN: %python %S/Inputs/exec-semantics.py check %t | FileCheck %s
// CHECK: float ops: 9 x 256 values match
// CHECK: int ops: 22 x 256 values match

gpu.module @semantics {
  gpu.func @k(%xs: memref<256xf32>, %ys: memref<256xf32>, %as: memref<256xi32>, %bs: memref<256xi32>, %fo: memref<9x256xf32>, %io: memref<22x256xi32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, known_grid_size = array<i32: 4, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c5 = arith.constant 5 : index
    %c6 = arith.constant 6 : index
    %c7 = arith.constant 7 : index
    %c8 = arith.constant 8 : index
    %c9 = arith.constant 9 : index
    %c10 = arith.constant 10 : index
    %c11 = arith.constant 11 : index
    %c12 = arith.constant 12 : index
    %c13 = arith.constant 13 : index
    %c14 = arith.constant 14 : index
    %c15 = arith.constant 15 : index
    %c16 = arith.constant 16 : index
    %c17 = arith.constant 17 : index
    %c18 = arith.constant 18 : index
    %c19 = arith.constant 19 : index
    %c20 = arith.constant 20 : index
    %c21 = arith.constant 21 : index
    %t = gpu.global_id x
    %x = memref.load %xs[%t] : memref<256xf32>
    %y = memref.load %ys[%t] : memref<256xf32>
    %a = memref.load %as[%t] : memref<256xi32>
    %b = memref.load %bs[%t] : memref<256xi32>

    %f0 = math.erf %x : f32
    memref.store %f0, %fo[%c0, %t] : memref<9x256xf32>
    %f1 = math.round %x : f32
    memref.store %f1, %fo[%c1, %t] : memref<9x256xf32>
    %f2 = math.roundeven %x : f32
    memref.store %f2, %fo[%c2, %t] : memref<9x256xf32>
    %f3 = arith.maximumf %x, %y : f32
    memref.store %f3, %fo[%c3, %t] : memref<9x256xf32>
    %f4 = arith.minimumf %x, %y : f32
    memref.store %f4, %fo[%c4, %t] : memref<9x256xf32>
    %f5 = arith.maxnumf %x, %y : f32
    memref.store %f5, %fo[%c5, %t] : memref<9x256xf32>
    %f6 = arith.minnumf %x, %y : f32
    memref.store %f6, %fo[%c6, %t] : memref<9x256xf32>
    %f7 = arith.uitofp %a : i32 to f32
    memref.store %f7, %fo[%c7, %t] : memref<9x256xf32>
    %f8 = math.copysign %x, %y : f32
    memref.store %f8, %fo[%c8, %t] : memref<9x256xf32>

    %i0 = arith.divui %a, %b : i32
    memref.store %i0, %io[%c0, %t] : memref<22x256xi32>
    %i1 = arith.remui %a, %b : i32
    memref.store %i1, %io[%c1, %t] : memref<22x256xi32>
    %i2 = arith.floordivsi %a, %b : i32
    memref.store %i2, %io[%c2, %t] : memref<22x256xi32>
    %i3 = arith.ceildivsi %a, %b : i32
    memref.store %i3, %io[%c3, %t] : memref<22x256xi32>
    %i4 = arith.divsi %a, %b : i32
    memref.store %i4, %io[%c4, %t] : memref<22x256xi32>
    %i5 = arith.remsi %a, %b : i32
    memref.store %i5, %io[%c5, %t] : memref<22x256xi32>
    %c31 = arith.constant 31 : i32
    %sh = arith.andi %b, %c31 : i32
    %i6 = arith.shrui %a, %sh : i32
    memref.store %i6, %io[%c6, %t] : memref<22x256xi32>
    %i7 = arith.minui %a, %b : i32
    memref.store %i7, %io[%c7, %t] : memref<22x256xi32>
    %i8 = arith.maxui %a, %b : i32
    memref.store %i8, %io[%c8, %t] : memref<22x256xi32>
    %u = arith.cmpi ult, %a, %b : i32
    %i9 = arith.extui %u : i1 to i32
    memref.store %i9, %io[%c9, %t] : memref<22x256xi32>

    // i8 arithmetic wraps at 8 bits.
    %a8 = arith.trunci %a : i32 to i8
    %b8 = arith.trunci %b : i32 to i8
    %s8 = arith.addi %a8, %b8 : i8
    %i10 = arith.extsi %s8 : i8 to i32
    memref.store %i10, %io[%c10, %t] : memref<22x256xi32>
    %m8 = arith.muli %a8, %b8 : i8
    %i11 = arith.extsi %m8 : i8 to i32
    memref.store %i11, %io[%c11, %t] : memref<22x256xi32>
    %d8 = arith.divui %a8, %b8 : i8
    %i12 = arith.extui %d8 : i8 to i32
    memref.store %i12, %io[%c12, %t] : memref<22x256xi32>
    %c3i8 = arith.constant 3 : i8
    %r8 = arith.shrui %a8, %c3i8 : i8
    %i13 = arith.extsi %r8 : i8 to i32
    memref.store %i13, %io[%c13, %t] : memref<22x256xi32>
    %l8 = arith.shli %a8, %c3i8 : i8
    %i14 = arith.extsi %l8 : i8 to i32
    memref.store %i14, %io[%c14, %t] : memref<22x256xi32>
    %z8 = arith.extui %a8 : i8 to i32
    memref.store %z8, %io[%c15, %t] : memref<22x256xi32>
    %mu8 = arith.maxui %a8, %b8 : i8
    %i16 = arith.extsi %mu8 : i8 to i32
    memref.store %i16, %io[%c16, %t] : memref<22x256xi32>
    %pc = math.ctpop %a8 : i8
    %i17 = arith.extui %pc : i8 to i32
    memref.store %i17, %io[%c17, %t] : memref<22x256xi32>
    %lz = math.ctlz %a8 : i8
    %i18 = arith.extui %lz : i8 to i32
    memref.store %i18, %io[%c18, %t] : memref<22x256xi32>
    %tz = math.cttz %a8 : i8
    %i19 = arith.extui %tz : i8 to i32
    memref.store %i19, %io[%c19, %t] : memref<22x256xi32>
    // i4 from a float (in range), sign-extended back.
    %k = arith.constant 7.0 : f32
    %kk = arith.constant -8.0 : f32
    %cl = arith.minimumf %x, %k : f32
    %cl2 = arith.maximumf %cl, %kk : f32
    %q4 = arith.fptosi %cl2 : f32 to i4
    %i20 = arith.extsi %q4 : i4 to i32
    memref.store %i20, %io[%c20, %t] : memref<22x256xi32>
    %u4 = arith.extui %q4 : i4 to i32
    memref.store %u4, %io[%c21, %t] : memref<22x256xi32>
    gpu.return
  }
}
