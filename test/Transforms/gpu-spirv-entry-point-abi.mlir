// RUN: tessera-opt %s --split-input-file --verify-diagnostics --pass-pipeline="builtin.module(gpu.module(tessera-gpu-spirv-entry-point-abi))" | FileCheck %s

// CHECK: gpu.func @k() kernel attributes {known_block_size = array<i32: 64, 1, 1>, spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size = [64, 1, 1]>}
gpu.module @m {
  gpu.func @k() kernel attributes {known_block_size = array<i32: 64, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @m {
  // expected-error @below {{kernel 'k' has no known block size: a SPIR-V compute shader needs its workgroup size at compile time}}
  gpu.func @k() kernel {
    gpu.return
  }
}
