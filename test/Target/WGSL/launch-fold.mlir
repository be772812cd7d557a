// RUN: tessera-translate --mlir-to-wgsl --wgsl-max-workgroups-per-dimension=100 %s | FileCheck %s

// Folding under a small maxComputeWorkgroupsPerDimension: y is the smallest
// count that fits, x' = ceil(n / y).

// CHECK-LABEL: // ----- kernel surplus
// CHECK: // Dispatch (99, 91, 1) workgroups; 0 bytes of workgroup memory.
// CHECK: // 9001 workgroups in x, dispatched as (99, 91): skip the surplus.
// CHECK-NEXT: if (wid.x + wid.y * nwg.x >= 9001u) { return; }
gpu.module @surplus {
  gpu.func @k(%out: memref<16xi32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, known_grid_size = array<i32: 9001, 1, 1>} {
    %bx = gpu.block_id x
    gpu.return
  }
}

// An exact fold (400 = 100 x 4) needs no guard, so barriers are fine: an
// early return would put them in non-uniform control flow.

// CHECK-LABEL: // ----- kernel exact
// CHECK: // Dispatch (100, 4, 1) workgroups; 0 bytes of workgroup memory.
// CHECK-NOT: return;
// CHECK: workgroupBarrier();
// CHECK-NOT: return;
// CHECK: }
gpu.module @exact {
  gpu.func @k(%out: memref<16xi32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, known_grid_size = array<i32: 400, 1, 1>} {
    gpu.barrier
    gpu.return
  }
}
