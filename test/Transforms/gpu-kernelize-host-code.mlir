// RUN: tessera-opt %s --split-input-file --tessera-gpu-kernelize-host-code --verify-diagnostics | FileCheck %s

// Scalars a launch reads from buffers (a PAU's coefficients) are loaded in
// the kernel; the host loads disappear.
// CHECK-LABEL: func.func @sink_loads
// CHECK-NOT:     memref.load
// CHECK:         gpu.launch
// CHECK:           %[[A:.*]] = memref.load %arg0[%{{.*}}]
// CHECK:           %[[B:.*]] = arith.mulf %[[A]], %[[A]]
// CHECK:           memref.store %[[B]], %arg1
func.func @sink_loads(%coeffs: memref<4xf32>, %out: memref<64xf32>) {
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %a = memref.load %coeffs[%c1] : memref<4xf32>
  %b = arith.mulf %a, %a : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    memref.store %b, %out[%tx] : memref<64xf32>
    gpu.terminator
  }
  return
}

// -----

// A load whose buffer a launch in between writes is not recomputed in the
// later kernel (it would read the new value): a one-thread kernel stores it
// into a one-element buffer before the write, the later kernel loads it.
// CHECK-LABEL: func.func @written_between
// CHECK:         %[[SLOT:.*]] = memref.alloc() : memref<f32>
// CHECK:         gpu.launch
// CHECK-NEXT:      %[[V:.*]] = memref.load %arg0[%c0]
// CHECK-NEXT:      memref.store %[[V]], %[[SLOT]][]
// CHECK-NEXT:      gpu.terminator
// CHECK:         gpu.launch
// CHECK:           memref.store %{{.*}}, %arg0
// CHECK:         gpu.launch
// CHECK-NEXT:      %[[R:.*]] = memref.load %[[SLOT]][]
// CHECK:           memref.store %[[R]], %arg1
// CHECK:         memref.dealloc %[[SLOT]]
func.func @written_between(%buf: memref<4xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %v = memref.load %buf[%c0] : memref<4xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %zero, %buf[%c0] : memref<4xf32>
    gpu.terminator
  }
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %out[%c0] : memref<4xf32>
    gpu.terminator
  }
  return
}

// -----

// A host reduction loop (no parallel dimension) becomes a one-thread kernel;
// the constants it needs stay in front of it.
// CHECK-LABEL: func.func @serial_loop
// CHECK:         %[[ZERO:.*]] = arith.constant 0.0
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT:    gpu.launch blocks({{.*}}) in ({{.*}} = %[[ONE]], {{.*}} = %[[ONE]], {{.*}} = %[[ONE]]) threads({{.*}}) in ({{.*}} = %[[ONE]], {{.*}} = %[[ONE]], {{.*}} = %[[ONE]])
// CHECK-NEXT:      memref.store %{{.*}}, %arg1[]
// CHECK:           scf.for
// CHECK:             memref.load %arg0
// CHECK:           gpu.terminator
// CHECK:         memref.copy
func.func @serial_loop(%in: memref<64xf32>, %acc: memref<f32>, %copy: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %acc[] : memref<f32>
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %in[%i] : memref<64xf32>
    %s = memref.load %acc[] : memref<f32>
    %t = arith.addf %s, %x : f32
    memref.store %t, %acc[] : memref<f32>
  }
  memref.copy %acc, %copy : memref<f32> to memref<f32>
  return
}

// -----

// Host computation whose result later host code needs cannot move.
func.func @used_later(%in: memref<4xi32>, %out: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{computes on the host a value that later host code uses}}
  %n = memref.load %in[%c0] : memref<4xi32>
  %i = arith.index_cast %n : i32 to index
  %a = memref.alloc(%i) : memref<?xf32>
  memref.copy %a, %out : memref<?xf32> to memref<?xf32>
  return
}
