// RUN: tessera-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{tile-m=64 tile-n=64 tile-k=64}))'
// RUN: not tessera-opt %s --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{tile-m=30 threads-y=16}))' 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not tessera-opt %s --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{tile-m=64 tile-n=64 tile-k=8 threads-x=32 threads-y=32}))' 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not tessera-opt %s --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{tile-m=32 tile-n=32 tile-k=8 max-threads=64}))' 2>&1 | FileCheck %s --check-prefix=THREADS64

// 64 x 64 x 64 tiles of f32 take 32 KiB of workgroup memory, over WebGPU's
// 16 KiB.
func.func @too_big(%a: memref<64x64xf32>, %b: memref<64x64xf32>,
                   %c: memref<64x64xf32>) {
  // expected-error @below {{tessera-gpu-shared-memory-tiling: the tiles of linalg.matmul take 32768 bytes of workgroup memory, more than max-workgroup-bytes=16384}}
  linalg.matmul ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>)
      outs(%c : memref<64x64xf32>)
  return
}

// SHAPE: error: tessera-gpu-shared-memory-tiling: tile-m must be a positive multiple of threads-y, tile-n of threads-x (got tile-m=30 tile-n=32 tile-k=32 threads-x=16 threads-y=16)
// 64 x 64 tiles with one output per thread need 1024 threads, over WebGPU's
// 256 (or a device's 64).
// THREADS: error: tessera-gpu-shared-memory-tiling: threads-x * threads-y = 1024 threads per workgroup, more than max-threads=256
// THREADS64: error: tessera-gpu-shared-memory-tiling: threads-x * threads-y = 256 threads per workgroup, more than max-threads=64
