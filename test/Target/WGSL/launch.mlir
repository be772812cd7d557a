// RUN: tessera-translate --mlir-to-wgsl %s | FileCheck %s

// @workgroup_size from known_block_size; ids from the builtins; block and
// grid sizes are constants.

// CHECK-LABEL: // ----- kernel ids
// CHECK: // Dispatch (5, 3, 1) workgroups; 0 bytes of workgroup memory.
// CHECK: @compute @workgroup_size(8, 4, 2)
// CHECK-NEXT: fn main(@builtin(local_invocation_id) lid: vec3<u32>,
// CHECK-NEXT: @builtin(workgroup_id) wid: vec3<u32>,
// CHECK-NEXT: @builtin(num_workgroups) nwg: vec3<u32>) {
// CHECK-NEXT: let [[TX:v[0-9]+]]: i32 = i32(lid.x);
// CHECK-NEXT: let [[TY:v[0-9]+]]: i32 = i32(lid.y);
// CHECK-NEXT: let [[TZ:v[0-9]+]]: i32 = i32(lid.z);
// CHECK-NEXT: let [[BX:v[0-9]+]]: i32 = i32(wid.x);
// CHECK-NEXT: let [[BY:v[0-9]+]]: i32 = i32(wid.y);
// CHECK-NEXT: let [[BZ:v[0-9]+]]: i32 = i32(wid.z);
// CHECK-NEXT: let [[G:v[0-9]+]]: i32 = i32(wid.y) * 4i + i32(lid.y);
// CHECK-NEXT: let [[S0:v[0-9]+]]: i32 = [[TX]] + 8i;
// CHECK-NEXT: let [[S1:v[0-9]+]]: i32 = [[S0]] + 3i;
gpu.module @ids {
  gpu.func @k(%out: memref<16xi32>) kernel attributes {known_block_size = array<i32: 8, 4, 2>, known_grid_size = array<i32: 5, 3, 1>} {
    %tx = gpu.thread_id x
    %ty = gpu.thread_id y
    %tz = gpu.thread_id z
    %bx = gpu.block_id x
    %by = gpu.block_id y
    %bz = gpu.block_id z
    %g = gpu.global_id y
    %bd = gpu.block_dim x
    %gd = gpu.grid_dim y
    %s0 = arith.addi %tx, %bd : index
    %s1 = arith.addi %s0, %gd : index
    gpu.return
  }
}

// More workgroups in x than a dimension allows: dispatched as (x', y) with
// x' * y >= n, the linear block id rebuilt, the surplus skipped.

// CHECK-LABEL: // ----- kernel big
// CHECK: // Dispatch (35001, 2, 3) workgroups; 0 bytes of workgroup memory.
// CHECK: @compute @workgroup_size(64, 1, 1)
// CHECK: // 70001 workgroups in x, dispatched as (35001, 2): skip the surplus.
// CHECK-NEXT: if (wid.x + wid.y * nwg.x >= 70001u) { return; }
// CHECK-NEXT: let [[B:v[0-9]+]]: i32 = i32(wid.x + wid.y * nwg.x);
// CHECK-NEXT: let {{v[0-9]+}}: i32 = 0i;
// CHECK-NEXT: let {{v[0-9]+}}: i32 = i32(wid.x + wid.y * nwg.x) * 64i + i32(lid.x);
gpu.module @big {
  gpu.func @k(%out: memref<16xi32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, known_grid_size = array<i32: 70001, 1, 3>} {
    %bx = gpu.block_id x
    %by = gpu.block_id y
    %g = gpu.global_id x
    gpu.return
  }
}
