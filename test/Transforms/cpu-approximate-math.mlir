// RUN: tessera-opt %s -split-input-file -tessera-cpu-approximate-math="ops=erf,erfc,exp,tanh" | FileCheck %s
// RUN: tessera-opt %s -split-input-file -tessera-cpu-approximate-math="ops=exp" | FileCheck %s --check-prefix=EXP
// RUN: tessera-opt %s -split-input-file -tessera-cpu-approximate-math | FileCheck %s --check-prefix=NONE
// RUN: not tessera-opt %s -tessera-cpu-approximate-math="ops=erf,sin" 2>&1 | FileCheck %s --check-prefix=BAD

// Vectors of f32 become arithmetic that stays in vector registers (FMAs,
// selects), no libm calls are left for convert-math-to-libm.
// CHECK-LABEL: func.func @vectors
// CHECK-NOT: math.erf
// CHECK-NOT: math.erfc
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: return
// EXP-LABEL: func.func @vectors
// EXP: math.erf %{{.*}} : vector<16xf32>
// EXP: math.erfc %{{.*}} : vector<16xf32>
// EXP-NOT: math.exp
// EXP: math.tanh %{{.*}} : vector<16xf32>
// NONE-LABEL: func.func @vectors
// NONE: math.erf
// NONE: math.erfc
// NONE: math.exp
// NONE: math.tanh
func.func @vectors(%a: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>,
                                           vector<16xf32>, vector<16xf32>) {
  %0 = math.erf %a : vector<16xf32>
  %1 = math.erfc %a : vector<16xf32>
  %2 = math.exp %a : vector<16xf32>
  %3 = math.tanh %a : vector<16xf32>
  return %0, %1, %2, %3 : vector<16xf32>, vector<16xf32>, vector<16xf32>,
                          vector<16xf32>
}

// -----

// Scalars are approximated too (no call); f64 keeps libm's precision.
// CHECK-LABEL: func.func @scalars
// CHECK-NOT: math.erf %{{.*}} : f32
// CHECK: math.erf %{{.*}} : f64
// CHECK: math.exp %{{.*}} : f64
// CHECK: return
func.func @scalars(%a: f32, %b: f64) -> (f32, f64, f64) {
  %0 = math.erf %a : f32
  %1 = math.erf %b : f64
  %2 = math.exp %b : f64
  return %0, %1, %2 : f32, f64, f64
}

// BAD: tessera-cpu-approximate-math: unsupported op 'sin' (supported: erf, erfc, exp, tanh)
