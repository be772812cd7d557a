// RUN: not tessera-translate --mlir-to-wgsl --wgsl-max-invocations=32 --wgsl-max-storage-buffers=1 --wgsl-max-workgroup-storage=64 %s 2>&1 | FileCheck %s
// RUN: tessera-translate --mlir-to-wgsl --wgsl-max-invocations=1024 --wgsl-max-storage-buffers=2 --wgsl-max-workgroup-storage=1024 %s | FileCheck %s --check-prefix=RAISED

// The limits come from the options; every kernel is checked (all errors are
// reported, not only the first).

// CHECK: error: 'gpu.func' op @wide::@k has 64 invocations per workgroup, over the limit maxComputeInvocationsPerWorkgroup = 32
// CHECK: error: 'gpu.func' op @two_buffers::@k has 2 storage buffers, over maxStorageBuffersPerShaderStage = 1
// CHECK: error: 'gpu.func' op @shared::@k needs 256 bytes of workgroup memory, over maxComputeWorkgroupStorageSize = 64

// RAISED: // ----- kernel wide
// RAISED: @compute @workgroup_size(64, 1, 1)
// RAISED: // ----- kernel two_buffers
// RAISED: // ----- kernel shared
// RAISED: var<workgroup> wg0: array<f32, 64>;
gpu.module @wide {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}
gpu.module @two_buffers {
  gpu.func @k(%a: memref<4xf32>, %b: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}
gpu.module @shared {
  gpu.func @k(%a: memref<4xf32>) workgroup(%w: memref<64xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}
