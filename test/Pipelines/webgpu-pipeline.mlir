// The WebGPU pipeline: kernels with 32-bit storage and integers only, and a
// host function that only allocates, copies and launches (what a manifest
// can replay). The PAU's coefficients, read from a tensor, are loaded in
// the kernel; the int8 quantize result is packed four per i32 word with
// atomic stores; the binary matmul packs its sign bits in i32 words.
// RUN: tessera-opt %s --tessera-webgpu-pipeline | FileCheck %s
// RUN: tessera-opt %s --pass-pipeline="builtin.module(tessera-webgpu-pipeline{block-size=128})" | FileCheck %s --check-prefix=BLOCK

// CHECK-LABEL: func.func @f(
// CHECK-SAME:    %{{.*}}: memref<8x16xf32>, %{{.*}}: memref<4xf32>, %{{.*}}: memref<3xf32>, %{{.*}}: memref<f32>, %{{.*}}: memref<4x16xf32>,
// CHECK-SAME:    %{{.*}}: memref<8x16xf32>, %{{.*}}: memref<32xi32>, %{{.*}}: memref<8x4xf32>)
// The host: allocations, copies, launches, deallocations, constants only.
// CHECK-NOT:   memref.load
// CHECK-NOT:   memref.store
// CHECK-NOT:   scf.for
// CHECK:       gpu.launch_func
// CHECK-NOT:   memref.load
// CHECK-NOT:   memref.store
// CHECK:       return
// CHECK-NOT:   i64
// CHECK-NOT:   xi8>
// CHECK:       gpu.module
// CHECK:         memref.atomic_rmw andi
// CHECK:         memref.atomic_rmw ori
// CHECK:         math.ctpop {{.*}} : i32
// CHECK-NOT:   i64
// CHECK-NOT:   xi8>

// BLOCK: known_block_size = array<i32: 128, 1, 1>

func.func @f(%x: tensor<8x16xf32>, %num: tensor<4xf32>, %den: tensor<3xf32>,
             %scale: tensor<f32>, %w: tensor<4x16xf32>)
    -> (tensor<8x16xf32>, tensor<8x16xi8>, tensor<8x4xf32>) {
  %p = tessera.pau safe %x, %num, %den : (tensor<8x16xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<8x16xf32>
  %q = tessera.quantize %p scale %scale : (tensor<8x16xf32>, tensor<f32>) -> tensor<8x16xi8>
  %b = tessera.binary_matmul %x, %w : (tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<8x4xf32>
  return %p, %q, %b : tensor<8x16xf32>, tensor<8x16xi8>, tensor<8x4xf32>
}
