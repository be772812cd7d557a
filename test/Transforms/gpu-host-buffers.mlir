// RUN: tessera-opt %s --tessera-gpu-host-buffers | FileCheck %s

memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>

// The input is copied in (it is read), the result is copied back (it is
// written); the temporary and the constant become host-shared allocations.
// CHECK-LABEL: func.func @f(
// CHECK-SAME: %[[IN:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>)
// CHECK: %[[G:.*]] = memref.get_global @table
// CHECK: %[[GB:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK: memref.copy %[[G]], %[[GB]]
// CHECK: %[[OB:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK-NOT: memref.copy %[[OUT]]
// CHECK: %[[IB:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK: memref.copy %[[IN]], %[[IB]]
// CHECK: %[[T:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK: gpu.launch
// CHECK: memref.load %[[IB]]
// CHECK: memref.load %[[GB]]
// CHECK: memref.store {{.*}}, %[[T]]
// CHECK: memref.copy %[[T]], %[[OB]]
// CHECK: %[[S:.*]] = gpu.wait async
// CHECK: %[[D:.*]] = gpu.dealloc async [%[[S]]] %[[T]]
// CHECK: gpu.wait [%[[D]]]
// CHECK: memref.copy %[[OB]], %[[OUT]]
// CHECK: gpu.dealloc async {{.*}} %[[OB]]
// CHECK: return
func.func @f(%in: memref<4xf32>, %out: memref<4xf32>) {
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %g = memref.get_global @table : memref<4xf32>
  %t = memref.alloc() : memref<4xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c4, %b = %c1, %c = %c1) {
    %v = memref.load %in[%tx] : memref<4xf32>
    %w = memref.load %g[%tx] : memref<4xf32>
    %s = arith.addf %v, %w : f32
    memref.store %s, %t[%tx] : memref<4xf32>
    gpu.terminator
  }
  memref.copy %t, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %t : memref<4xf32>
  return
}
