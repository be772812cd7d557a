// RUN: tessera-translate --mlir-to-wgsl --wgsl-enable-f16 %s | FileCheck %s

// f16 behind --wgsl-enable-f16: the module enables the extension; helpers
// compute in f32 (exactly: their results are operands or rounded once).

// CHECK-LABEL: // ----- kernel half
// CHECK: enable f16;
// CHECK: @group(0) @binding(0) var<storage, read_write> arg0: array<f16>;
// CHECK: let [[X:v[0-9]+]]: f16 = arg0[0i];
// CHECK-NEXT: let [[Y:v[0-9]+]]: f16 = [[X]] * 0.1h;
// CHECK-NEXT: let [[M:v[0-9]+]]: f16 = f16(maximumf_f32(f32([[X]]), f32([[Y]])));
// CHECK-NEXT: let [[E:v[0-9]+]]: f16 = f16(erf_f32(f32([[M]])));
// CHECK-NEXT: let [[W:v[0-9]+]]: f32 = f32([[E]]);
// CHECK-NEXT: let [[N:v[0-9]+]]: f16 = f16([[W]]);
// CHECK-NEXT: let [[I:v[0-9]+]]: f16 = [[N]] + f16(f32_from_bits(0x7f800000u));
// CHECK-NEXT: arg0[1i] = [[I]];
gpu.module @half {
  gpu.func @k(%a: memref<4xf16>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %k = arith.constant 0.1 : f16
    %inf = arith.constant 0x7C00 : f16
    %x = memref.load %a[%c0] : memref<4xf16>
    %y = arith.mulf %x, %k : f16
    %m = arith.maximumf %x, %y : f16
    %e = math.erf %m : f16
    %w = arith.extf %e : f16 to f32
    %n = arith.truncf %w : f32 to f16
    %i = arith.addf %n, %inf : f16
    memref.store %i, %a[%c1] : memref<4xf16>
    gpu.return
  }
}
