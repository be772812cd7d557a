// RUN: tessera-opt %s --split-input-file --tessera-gpu-synchronous-host-shared-allocs | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(gpu-async-region,tessera-gpu-synchronous-host-shared-allocs))" | FileCheck %s --check-prefix=REGION

// An allocation in the middle of a chain: synchronous, and the launch that
// waited for it waits for what it waited for.
// CHECK-LABEL: func.func @chained
// CHECK:         %[[T0:.*]] = gpu.launch_func async [%arg1] @k::@k
// CHECK-NEXT:    %[[M:.*]] = gpu.alloc  host_shared () : memref<64xf32>
// CHECK-NEXT:    %[[T1:.*]] = gpu.launch_func async [%[[T0]]] @k::@k {{.*}} args(%[[M]] : memref<64xf32>)
// CHECK-NEXT:    gpu.wait [%[[T1]]]
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @k(%b: memref<64xf32>) kernel { gpu.return }
  }
  func.func @chained(%a: memref<64xf32>, %t: !gpu.async.token) {
    %c1 = arith.constant 1 : index
    %t0 = gpu.launch_func async [%t] @k::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<64xf32>)
    %m, %t1 = gpu.alloc async [%t0] host_shared () : memref<64xf32>
    %t2 = gpu.launch_func async [%t1] @k::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%m : memref<64xf32>)
    gpu.wait [%t2]
    return
  }
}

// -----

// Several dependencies are joined by a gpu.wait async; none leaves a fresh
// token; an unused token needs nothing. Dynamic sizes are kept, and
// device allocations stay asynchronous.
// CHECK-LABEL: func.func @joins
// CHECK:         %[[M0:.*]] = gpu.alloc  host_shared (%arg2) : memref<?xf32>
// CHECK-NEXT:    %[[M1:.*]] = gpu.alloc  host_shared () : memref<8xf32>
// CHECK-NEXT:    %[[J:.*]] = gpu.wait async [%arg0, %arg1]
// CHECK-NEXT:    %[[M2:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK-NEXT:    %[[F:.*]] = gpu.wait async{{$}}
// CHECK-NEXT:    %[[D:.*]], %[[DT:.*]] = gpu.alloc async [%[[J]]] () : memref<2xf32>
// CHECK-NEXT:    gpu.wait [%[[F]], %[[DT]]]
func.func @joins(%t0: !gpu.async.token, %t1: !gpu.async.token, %n: index) {
  %m0, %u = gpu.alloc async [%t0] host_shared (%n) : memref<?xf32>
  %m1, %j = gpu.alloc async [%t0, %t1] host_shared () : memref<8xf32>
  %m2, %f = gpu.alloc async host_shared () : memref<4xf32>
  %d, %dt = gpu.alloc async [%j] () : memref<2xf32>
  gpu.wait [%f, %dt]
  return
}

// -----

// After gpu-async-region: the launches queue up on one chain and the host
// waits once, before it reads the result; the allocations between them are
// off the chain.
// REGION-LABEL: func.func @model
// REGION:         %[[T:.*]] = gpu.wait async
// REGION-NEXT:    %[[M:.*]] = gpu.alloc  host_shared () : memref<64xf32>
// REGION-NEXT:    %[[L0:.*]] = gpu.launch_func async [%[[T]]] @k::@k {{.*}} args(%[[M]] : memref<64xf32>)
// REGION-NEXT:    %[[N:.*]] = gpu.alloc  host_shared () : memref<64xf32>
// REGION-NEXT:    %[[L1:.*]] = gpu.launch_func async [%[[L0]]] @k::@k {{.*}} args(%[[N]] : memref<64xf32>)
// REGION-NEXT:    gpu.wait [%[[L1]]]
// REGION-NEXT:    memref.load %[[N]]
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @k(%b: memref<64xf32>) kernel { gpu.return }
  }
  func.func @model() -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %m = gpu.alloc host_shared () : memref<64xf32>
    gpu.launch_func @k::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%m : memref<64xf32>)
    %n = gpu.alloc host_shared () : memref<64xf32>
    gpu.launch_func @k::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%n : memref<64xf32>)
    %v = memref.load %n[%c0] : memref<64xf32>
    return %v : f32
  }
}
