// RUN: tessera-translate --mlir-to-wgsl %s | FileCheck %s

// Storage buffers: binding i = argument i, read-only unless stored to.
// Multi-dimensional accesses are linearized with the layout's static strides
// and offset.

// CHECK-LABEL: // ----- kernel layouts
// CHECK: @group(0) @binding(0) var<storage, read> arg0: array<f32>;
// CHECK-NEXT: @group(0) @binding(1) var<storage, read> arg1: array<f32>;
// CHECK-NEXT: @group(0) @binding(2) var<storage, read_write> arg2: array<f32>;
// CHECK: let [[I:v[0-9]+]]: i32 = i32(lid.x);
// CHECK-NEXT: let [[J:v[0-9]+]]: i32 = i32(lid.y);
// CHECK-NEXT: let [[A:v[0-9]+]]: f32 = arg0[[[I]] * 24i + [[J]] * 6i + 5i];
// CHECK-NEXT: let [[B:v[0-9]+]]: f32 = arg1[[[I]] + [[J]] * 8i + 3i];
// CHECK-NEXT: let [[S:v[0-9]+]]: f32 = [[A]] + [[B]];
// CHECK-NEXT: arg2[[[I]] * 4i + [[J]]] = [[S]];
gpu.module @layouts {
  gpu.func @k(%a: memref<2x4x6xf32>, %b: memref<4x4xf32, strided<[1, 8], offset: 3>>, %c: memref<2x4xf32>) kernel attributes {known_block_size = array<i32: 2, 4, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c5 = arith.constant 5 : index
    %i = gpu.thread_id x
    %j = gpu.thread_id y
    %x = memref.load %a[%i, %j, %c5] : memref<2x4x6xf32>
    %y = memref.load %b[%i, %j] : memref<4x4xf32, strided<[1, 8], offset: 3>>
    %s = arith.addf %x, %y : f32
    memref.store %s, %c[%i, %j] : memref<2x4xf32>
    gpu.return
  }
}

// Atomics: the buffer becomes array<atomic<i32>>, and its loads and stores
// atomicLoad/atomicStore. Unsigned min/max make it atomic<u32>.

// CHECK-LABEL: // ----- kernel atomics
// CHECK: @group(0) @binding(0) var<storage, read_write> arg0: array<atomic<i32>>;
// CHECK-NEXT: @group(0) @binding(1) var<storage, read_write> arg1: array<atomic<u32>>;
// CHECK: let [[W:v[0-9]+]]: i32 = i32(lid.x);
// CHECK-NEXT: let [[O0:v[0-9]+]]: i32 = atomicAnd(&arg0[0i], [[W]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicOr(&arg0[0i], [[W]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicAdd(&arg0[1i], [[W]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicXor(&arg0[1i], [[W]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicMax(&arg0[2i], [[W]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicMin(&arg0[2i], [[W]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicExchange(&arg0[3i], [[W]]);
// CHECK-NEXT: let [[L:v[0-9]+]]: i32 = atomicLoad(&arg0[4i]);
// CHECK-NEXT: atomicStore(&arg0[5i], [[L]]);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = bitcast<i32>(atomicMax(&arg1[0i], bitcast<u32>([[W]])));
// CHECK-NEXT: let {{v[0-9]+}}: i32 = bitcast<i32>(atomicMin(&arg1[0i], bitcast<u32>([[W]])));
// CHECK-NEXT: let {{v[0-9]+}}: i32 = bitcast<i32>(atomicAdd(&arg1[1i], bitcast<u32>([[W]])));
// CHECK-NEXT: let [[UL:v[0-9]+]]: i32 = bitcast<i32>(atomicLoad(&arg1[1i]));
// CHECK-NEXT: atomicStore(&arg1[2i], bitcast<u32>([[UL]]));
gpu.module @atomics {
  gpu.func @k(%words: memref<8xi32>, %u: memref<4xi32>) kernel attributes {known_block_size = array<i32: 32, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c5 = arith.constant 5 : index
    %t = gpu.thread_id x
    %w = arith.index_cast %t : index to i32
    %0 = memref.atomic_rmw andi %w, %words[%c0] : (i32, memref<8xi32>) -> i32
    %1 = memref.atomic_rmw ori %w, %words[%c0] : (i32, memref<8xi32>) -> i32
    %2 = memref.atomic_rmw addi %w, %words[%c1] : (i32, memref<8xi32>) -> i32
    %3 = memref.atomic_rmw xori %w, %words[%c1] : (i32, memref<8xi32>) -> i32
    %4 = memref.atomic_rmw maxs %w, %words[%c2] : (i32, memref<8xi32>) -> i32
    %5 = memref.atomic_rmw mins %w, %words[%c2] : (i32, memref<8xi32>) -> i32
    %6 = memref.atomic_rmw assign %w, %words[%c3] : (i32, memref<8xi32>) -> i32
    %l = memref.load %words[%c4] : memref<8xi32>
    memref.store %l, %words[%c5] : memref<8xi32>
    %7 = memref.atomic_rmw maxu %w, %u[%c0] : (i32, memref<4xi32>) -> i32
    %8 = memref.atomic_rmw minu %w, %u[%c0] : (i32, memref<4xi32>) -> i32
    %9 = memref.atomic_rmw addi %w, %u[%c1] : (i32, memref<4xi32>) -> i32
    %ul = memref.load %u[%c1] : memref<4xi32>
    memref.store %ul, %u[%c2] : memref<4xi32>
    gpu.return
  }
}

// Workgroup memory (attributions) with barriers, private memory
// (attributions and allocas), workgroup atomics.

// CHECK-LABEL: // ----- kernel shared
// 128 floats, and one atomic rounded up to 16 bytes.
// CHECK: // Dispatch (1, 1, 1) workgroups; 528 bytes of workgroup memory.
// CHECK: @group(0) @binding(0) var<storage, read> arg0: array<f32>;
// CHECK-NEXT: @group(0) @binding(1) var<storage, read_write> arg1: array<f32>;
// CHECK-NEXT: var<workgroup> wg0: array<f32, 128>;
// CHECK-NEXT: var<workgroup> wg1: array<atomic<i32>, 1>;
// CHECK: fn main(
// CHECK-NEXT: @builtin(workgroup_id) wid: vec3<u32>,
// CHECK-NEXT: @builtin(num_workgroups) nwg: vec3<u32>) {
// CHECK-NEXT: var pv0: array<f32, 4>;
// CHECK-NEXT: let [[T:v[0-9]+]]: i32 = i32(lid.x);
// CHECK-NEXT: let [[X:v[0-9]+]]: f32 = arg0[[[T]]];
// CHECK-NEXT: wg0[[[T]]] = [[X]];
// CHECK-NEXT: storageBarrier();
// CHECK-NEXT: workgroupBarrier();
// CHECK-NEXT: let [[R:v[0-9]+]]: i32 = 127i - [[T]];
// CHECK-NEXT: let [[Y:v[0-9]+]]: f32 = wg0[[[R]]];
// CHECK-NEXT: pv0[3i] = [[Y]];
// CHECK-NEXT: var [[ALLOCA:v[0-9]+]]: array<f32, 6>;
// CHECK-NEXT: [[ALLOCA]][0i] = [[Y]];
// CHECK-NEXT: let {{v[0-9]+}}: i32 = atomicAdd(&wg1[0i], 1i);
// CHECK-NEXT: let [[Z:v[0-9]+]]: f32 = pv0[3i];
// CHECK-NEXT: arg1[[[T]]] = [[Z]];
gpu.module @shared {
  gpu.func @k(%in: memref<128xf32>, %out: memref<128xf32>) workgroup(%tile: memref<128xf32, #gpu.address_space<workgroup>>, %count: memref<1xi32, #gpu.address_space<workgroup>>) private(%p: memref<4xf32, #gpu.address_space<private>>) kernel attributes {known_block_size = array<i32: 128, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c3 = arith.constant 3 : index
    %c127 = arith.constant 127 : index
    %one = arith.constant 1 : i32
    %t = gpu.thread_id x
    %x = memref.load %in[%t] : memref<128xf32>
    memref.store %x, %tile[%t] : memref<128xf32, #gpu.address_space<workgroup>>
    gpu.barrier
    %r = arith.subi %c127, %t : index
    %y = memref.load %tile[%r] : memref<128xf32, #gpu.address_space<workgroup>>
    memref.store %y, %p[%c3] : memref<4xf32, #gpu.address_space<private>>
    %a = memref.alloca() : memref<2x3xf32>
    memref.store %y, %a[%c0, %c0] : memref<2x3xf32>
    %n = memref.atomic_rmw addi %one, %count[%c0] : (i32, memref<1xi32, #gpu.address_space<workgroup>>) -> i32
    %z = memref.load %p[%c3] : memref<4xf32, #gpu.address_space<private>>
    memref.store %z, %out[%t] : memref<128xf32>
    gpu.return
  }
}
