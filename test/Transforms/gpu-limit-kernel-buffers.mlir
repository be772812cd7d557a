// RUN: tessera-opt %s --split-input-file --tessera-gpu-limit-kernel-buffers=max-buffers=4 | FileCheck %s
// RUN: tessera-opt %s --split-input-file --tessera-gpu-limit-kernel-buffers=max-buffers=0 | FileCheck %s --check-prefix=OFF

// Six buffers, limit 4: the three smallest read-only f32 buffers (the
// per-channel vectors) are copied into one packed buffer before the
// launch; the kernel reads them there at their offsets (0, 8, 16).
// CHECK-LABEL: func.func @pack
// CHECK:         %[[P:.*]] = memref.alloc() : memref<24xf32>
// CHECK:         %[[S0:.*]] = memref.subview %[[P]][0] [8] [1]
// CHECK:         memref.copy %arg2, %[[S0]]
// CHECK:         %[[S1:.*]] = memref.subview %[[P]][8] [8] [1]
// CHECK:         memref.copy %arg3, %[[S1]]
// CHECK:         %[[FLAT:.*]] = memref.collapse_shape %arg4 {{\[\[}}0, 1]]
// CHECK:         %[[S2:.*]] = memref.subview %[[P]][16] [8] [1]
// CHECK:         memref.copy %[[FLAT]], %[[S2]]
// CHECK:         gpu.launch
// CHECK-NOT:       memref.load %arg2
// CHECK-NOT:       memref.load %arg3
// CHECK-NOT:       memref.load %arg4
// CHECK:           memref.load %[[P]]
// CHECK:           memref.load %[[P]]
// CHECK:           memref.load %[[P]]
// CHECK:           memref.store {{.*}} %arg5
// CHECK:         memref.dealloc %[[P]]
// OFF-LABEL: func.func @pack
// OFF-NOT:     memref.alloc
func.func @pack(%x: memref<64x8xf32>, %y: memref<64x8xf32>, %a: memref<8xf32>,
                %b: memref<8xf32>, %c: memref<2x4xf32>, %out: memref<64x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c64, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
    %u = memref.load %x[%bx, %tx] : memref<64x8xf32>
    %v = memref.load %y[%bx, %tx] : memref<64x8xf32>
    %p = memref.load %a[%tx] : memref<8xf32>
    %q = memref.load %b[%tx] : memref<8xf32>
    %i = arith.divui %tx, %c4 : index
    %j = arith.remui %tx, %c4 : index
    %r = memref.load %c[%i, %j] : memref<2x4xf32>
    %s0 = arith.mulf %u, %p : f32
    %s1 = arith.mulf %v, %q : f32
    %s2 = arith.addf %s0, %s1 : f32
    %s3 = arith.addf %s2, %r : f32
    memref.store %s3, %out[%bx, %tx] : memref<64x8xf32>
    gpu.terminator
  }
  return
}

// -----

// A buffer the kernel writes is never packed; with too few read-only
// buffers the launch is left alone (the target reports it).
// CHECK-LABEL: func.func @cannot
// CHECK-NOT:     memref.alloc
// CHECK:         gpu.launch
func.func @cannot(%a: memref<8xf32>, %b: memref<8xf32>, %c: memref<8xi32>,
                  %d: memref<8xf32>, %e: memref<8xf32>) {
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
    %u = memref.load %a[%tx] : memref<8xf32>
    %k = memref.load %c[%tx] : memref<8xi32>
    %f = arith.sitofp %k : i32 to f32
    %s = arith.addf %u, %f : f32
    memref.store %s, %b[%tx] : memref<8xf32>
    memref.store %s, %d[%tx] : memref<8xf32>
    memref.store %s, %e[%tx] : memref<8xf32>
    gpu.terminator
  }
  return
}
