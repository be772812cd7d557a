// RUN: tessera-opt %s --tessera-strided-copy-to-linalg | FileCheck %s
// RUN: tessera-opt %s --tessera-cpu-pipeline | FileCheck %s --check-prefix=LLVM

// A copy into a strided subview becomes linalg.copy (then loops); a copy
// between contiguous buffers stays a memref.copy (llvm.memcpy). Nothing
// calls the C runner utilities' memrefCopy.
// CHECK-LABEL: func.func @copies
// CHECK: linalg.copy ins(%{{.*}} : memref<2x3xf32>) outs(%{{.*}} : memref<2x3xf32, strided<[5, 1], offset: 6>>)
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<2x3xf32> to memref<2x3xf32>
// LLVM-NOT: memrefCopy
// LLVM: llvm.func @copies
// LLVM-NOT: memrefCopy
func.func @copies(%src: memref<2x3xf32>, %big: memref<4x5xf32>, %dst: memref<2x3xf32>) {
  %view = memref.subview %big[1, 1] [2, 3] [1, 1] : memref<4x5xf32> to memref<2x3xf32, strided<[5, 1], offset: 6>>
  memref.copy %src, %view : memref<2x3xf32> to memref<2x3xf32, strided<[5, 1], offset: 6>>
  memref.copy %src, %dst : memref<2x3xf32> to memref<2x3xf32>
  return
}
