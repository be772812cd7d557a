// RUN: tessera-translate --mlir-to-wgsl %s | FileCheck %s

// CHECK-LABEL: // ----- kernel math
// erf: WGSL has none; a piecewise polynomial (scripts/wgsl-erf-fit.py).
// CHECK: fn erf_f32(x: f32) -> f32 {
// CHECK: if (!(a >= 1.0f)) {
// CHECK: r = a * (1.12837923f + s * (-0.376126379f
// CHECK: } else if (a < 2.0f) {
// CHECK: let t = a - 1.5f;
// CHECK: } else if (a < 4.0f) {
// CHECK: return bitcast<f32>(bitcast<u32>(r) | (bitcast<u32>(x) & 0x80000000u));
// CHECK: fn isinf_f32(x: f32) -> bool {
// CHECK: fn isnan_f32(x: f32) -> bool {
// math.round rounds half away from zero, WGSL's round() half to even.
// CHECK: fn round_f32(x: f32) -> f32 {
// CHECK-NEXT: let t = trunc(x);
// CHECK-NEXT: return select(t, t + sign(x), abs(x - t) >= 0.5f);
// CHECK: let [[X:v[0-9]+]]: f32 = arg0[0i];
// CHECK: let [[Y:v[0-9]+]]: f32 = arg0[1i];
// CHECK: let {{v[0-9]+}}: f32 = exp([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = exp2([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = log([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = log2([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = sin([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = cos([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = tan([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = tanh(clamp([[X]], -10.0f, 10.0f));
// CHECK: let {{v[0-9]+}}: f32 = atan([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = atan2([[X]], [[Y]]);
// CHECK: let {{v[0-9]+}}: f32 = sqrt([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = inverseSqrt([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = abs([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = floor([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = ceil([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = trunc([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = round([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = round_f32([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = fma([[X]], [[Y]], [[X]]);
// CHECK: let {{v[0-9]+}}: f32 = pow([[X]], [[Y]]);
// CHECK: let {{v[0-9]+}}: f32 = erf_f32([[X]]);
// CHECK: let {{v[0-9]+}}: f32 = bitcast<f32>((bitcast<u32>([[X]]) & 0x7fffffffu) | (bitcast<u32>([[Y]]) & 0x80000000u));
// CHECK: let {{v[0-9]+}}: bool = isnan_f32([[X]]);
// CHECK: let {{v[0-9]+}}: bool = isinf_f32([[X]]);
// CHECK: let [[I:v[0-9]+]]: i32 = bitcast<i32>([[X]]);
// CHECK: let {{v[0-9]+}}: i32 = countOneBits([[I]]);
// CHECK: let {{v[0-9]+}}: i32 = countLeadingZeros([[I]]);
// CHECK: let {{v[0-9]+}}: i32 = countTrailingZeros([[I]]);
// CHECK: let {{v[0-9]+}}: i32 = abs([[I]]);
gpu.module @math {
  gpu.func @k(%buf: memref<2xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = memref.load %buf[%c0] : memref<2xf32>
    %y = memref.load %buf[%c1] : memref<2xf32>
    %0 = math.exp %x : f32
    %1 = math.exp2 %x : f32
    %2 = math.log %x : f32
    %3 = math.log2 %x : f32
    %4 = math.sin %x : f32
    %5 = math.cos %x : f32
    %6 = math.tan %x : f32
    %7 = math.tanh %x : f32
    %8 = math.atan %x : f32
    %9 = math.atan2 %x, %y : f32
    %10 = math.sqrt %x : f32
    %11 = math.rsqrt %x : f32
    %12 = math.absf %x : f32
    %13 = math.floor %x : f32
    %14 = math.ceil %x : f32
    %15 = math.trunc %x : f32
    %16 = math.roundeven %x : f32
    %17 = math.round %x : f32
    %18 = math.fma %x, %y, %x : f32
    %19 = math.powf %x, %y : f32
    %20 = math.erf %x : f32
    %21 = math.copysign %x, %y : f32
    %22 = math.isnan %x : f32
    %23 = math.isinf %x : f32
    %i = arith.bitcast %x : f32 to i32
    %24 = math.ctpop %i : i32
    %25 = math.ctlz %i : i32
    %26 = math.cttz %i : i32
    %27 = math.absi %i : i32
    gpu.return
  }
}
