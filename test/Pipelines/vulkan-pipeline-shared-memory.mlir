// The Vulkan pipeline computes matmuls of at least one 32 x 32 x 32 tile
// in workgroup tiles (shared-memory-tiling, on by default): the kernel has
// 16 x 16 invocations, two 1024-float Workgroup variables (the slices of A
// and B, 8 KiB) and control barriers; the SPIR-V is valid for Vulkan 1.1.
// RUN: tessera-opt %s --tessera-vulkan-pipeline -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: %python %S/Inputs/extract_gpu_binaries.py %t.mlir %t.spv | FileCheck %s --check-prefix=BIN
// RUN: %if spirv-val %{ spirv-val --target-env vulkan1.1 %t.spv.0 %}
// RUN: %if spirv-val %{ spirv-dis %t.spv.0 | FileCheck %s --check-prefix=SPV %}
// RUN: tessera-opt %s --pass-pipeline="builtin.module(tessera-vulkan-pipeline{shared-memory-tiling=0})" | FileCheck %s --check-prefix=OFF
// RUN: tessera-opt %s --pass-pipeline="builtin.module(tessera-vulkan-pipeline{tile-m=64 tile-n=64 tile-k=8 outputs-m=4 outputs-n=8})" | FileCheck %s --check-prefix=KNOBS
// RUN: tessera-opt %s --pass-pipeline="builtin.module(tessera-vulkan-pipeline{shared-memory-tiling=0 block-size=32 coarsening=4})" | FileCheck %s --check-prefix=COARSE

// BIN: 1 binaries

// A grid of 2 x 3 workgroups (N / 32, M / 32) of 16 x 16 threads.
// CHECK-LABEL: llvm.func @mm(
// CHECK-DAG: %[[C1:.*]] = llvm.mlir.constant(1 : index) : i64
// CHECK-DAG: %[[C2:.*]] = llvm.mlir.constant(2 : index) : i64
// CHECK-DAG: %[[C3:.*]] = llvm.mlir.constant(3 : index) : i64
// CHECK-DAG: %[[C16:.*]] = llvm.mlir.constant(16 : index) : i64
// CHECK: gpu.launch_func <%{{.*}} : !llvm.ptr> @mm_kernel::@mm_kernel blocks in (%[[C2]], %[[C3]], %[[C1]]) threads in (%[[C16]], %[[C16]], %[[C1]]) : i64

// SPV: OpEntryPoint GLCompute %mm_kernel "mm_kernel"
// SPV: OpExecutionMode %mm_kernel LocalSize 16 16 1
// SPV: %{{.*}} = OpVariable %{{.*}} Workgroup
// SPV: %{{.*}} = OpVariable %{{.*}} Workgroup
// SPV: OpControlBarrier
// SPV: OpControlBarrier

// Without the tiling: a one-dimensional grid, one thread per output.
// OFF: gpu.launch_func <%{{.*}} : !llvm.ptr> @mm_kernel::@mm_kernel blocks in (%{{.*}}, %[[ONE:.*]], %[[ONE]]) threads in (%{{.*}}, %[[ONE]], %[[ONE]])
// The tuning knobs: 64 x 64 C tiles (a 1 x 2 grid) of 4 x 8 outputs per
// thread (8 x 16 threads).
// KNOBS-DAG: %[[C1:.*]] = llvm.mlir.constant(1 : index) : i64
// KNOBS-DAG: %[[C2:.*]] = llvm.mlir.constant(2 : index) : i64
// KNOBS-DAG: %[[C8:.*]] = llvm.mlir.constant(8 : index) : i64
// KNOBS-DAG: %[[C16:.*]] = llvm.mlir.constant(16 : index) : i64
// KNOBS: gpu.launch_func <%{{.*}} : !llvm.ptr> @mm_kernel::@mm_kernel blocks in (%[[C1]], %[[C2]], %[[C1]]) threads in (%[[C8]], %[[C16]], %[[C1]]) : i64

// One thread per 4 outputs: 96 x 64 = 6144 outputs in chunks of 32 x 4,
// 48 workgroups of 32 threads.
// COARSE-DAG: %[[C48:.*]] = llvm.mlir.constant(48 : index) : i64
// COARSE-DAG: %[[C32:.*]] = llvm.mlir.constant(32 : index) : i64
// COARSE: gpu.launch_func <%{{.*}} : !llvm.ptr> @mm_kernel::@mm_kernel blocks in (%[[C48]], %{{.*}}, %{{.*}}) threads in (%[[C32]], %{{.*}}, %{{.*}})
func.func @mm(%a: tensor<96x40xf32>, %b: tensor<40x64xf32>,
              %c: tensor<96x64xf32>) -> tensor<96x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<96x40xf32>, tensor<40x64xf32>)
      outs(%c : tensor<96x64xf32>) -> tensor<96x64xf32>
  return %r : tensor<96x64xf32>
}
