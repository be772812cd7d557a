// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(gpu.module(tessera-nvvm-lower-math))' --verify-diagnostics | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(gpu.module(tessera-nvvm-lower-math{libdevice=true}))' | FileCheck %s --check-prefix=LIBDEVICE

// Ops with a PTX instruction become intrinsic calls; transcendental f32 ops
// become polynomials: no math op is left for libdevice.
// CHECK-LABEL: gpu.func @native
// CHECK: llvm.call_intrinsic "llvm.fabs.f32"
// CHECK: llvm.call_intrinsic "llvm.roundeven.f32"
// CHECK: llvm.call_intrinsic "llvm.ctpop.i32"
// CHECK: llvm.call_intrinsic "llvm.ctlz.i64"(%{{.*}}, %false)
// CHECK: llvm.call_intrinsic "llvm.maxnum.f32"
// CHECK: llvm.call_intrinsic "llvm.minnum.f32"
// CHECK: llvm.call_intrinsic "llvm.fma.f32"
// CHECK-NOT: math.
// CHECK: gpu.return
gpu.module @kernels {
  gpu.func @native(%x: f32, %y: f32, %i: i32, %l: i64, %out: memref<8xf32>, %iout: memref<2xi64>) kernel {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %a = math.absf %x : f32
    %r = math.roundeven %a : f32
    %p = math.ctpop %i : i32
    %z = math.ctlz %l : i64
    %m = arith.maxnumf %r, %y : f32
    %n = arith.minnumf %m, %y : f32
    %f = math.fma %n, %x, %y : f32
    %pf = arith.uitofp %p : i32 to f32
    %s = arith.addf %f, %pf : f32
    memref.store %s, %out[%c0] : memref<8xf32>
    memref.store %z, %iout[%c1] : memref<2xi64>
    gpu.return
  }
}

// -----

// CHECK-LABEL: gpu.func @transcendental
// CHECK-NOT: math.exp
// CHECK-NOT: math.erf
// CHECK-NOT: math.sin
// CHECK-NOT: math.tanh
// CHECK-NOT: math.powf
// CHECK: gpu.return
// With libdevice, the f32 polynomials are still preferred (no call).
// LIBDEVICE-LABEL: gpu.func @transcendental
// LIBDEVICE-NOT: math.exp
gpu.module @kernels {
  gpu.func @transcendental(%x: f32, %y: f32, %out: memref<8xf32>) kernel {
    %c0 = arith.constant 0 : index
    %e = math.exp %x : f32
    %r = math.erf %e : f32
    %s = math.sin %r : f32
    %t = math.tanh %s : f32
    %p = math.powf %t, %y : f32
    memref.store %p, %out[%c0] : memref<8xf32>
    gpu.return
  }
}

// -----

// f64 transcendentals have no polynomial here, and arith.remf is fmod:
// without libdevice they are errors naming the op; with it they are left to
// convert-gpu-to-nvvm.
// LIBDEVICE-LABEL: gpu.func @double
// LIBDEVICE: math.exp %{{.*}} : f64
gpu.module @kernels {
  gpu.func @double(%x: f64, %out: memref<8xf64>) kernel {
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'math.exp' on 'f64' has no lowering for CUDA kernels without libdevice}}
    %e = math.exp %x : f64
    // expected-error @+1 {{'arith.remf' on 'f64' has no lowering for CUDA kernels without libdevice}}
    %r = arith.remf %e, %x : f64
    memref.store %r, %out[%c0] : memref<8xf64>
    gpu.return
  }
}
