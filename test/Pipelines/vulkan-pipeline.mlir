// The Vulkan pipeline: linalg on tensors becomes SPIR-V kernels (serialized
// into gpu.binary, valid for Vulkan 1.1 per spirv-val) and host code in the
// LLVM dialect that allocates host-shared GPU buffers, copies the caller's
// buffers in and out, and launches the kernels.
// RUN: tessera-opt %s --tessera-vulkan-pipeline -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: %python %S/Inputs/extract_gpu_binaries.py %t.mlir %t.spv | FileCheck %s --check-prefix=BIN
// RUN: %if spirv-val %{ spirv-val --target-env vulkan1.1 %t.spv.0 %}
// RUN: %if spirv-val %{ spirv-val --target-env vulkan1.1 %t.spv.1 %}
// RUN: %if spirv-val %{ spirv-val --target-env vulkan1.1 %t.spv.2 %}
// RUN: tessera-opt %s --pass-pipeline="builtin.module(tessera-vulkan-pipeline{block-size=32})" | FileCheck %s --check-prefix=BLOCK

// BIN: 3 binaries

// CHECK-LABEL: llvm.func @f(
// CHECK-SAME: attributes {llvm.emit_c_interface}
// Inputs and the result are copied into host-shared buffers.
// CHECK: llvm.call @mgpuMemAlloc
// CHECK: "llvm.intr.memcpy"
// The fill, the matmul and the add: one kernel each, one workgroup of 64
// threads for their 4 x 16 points, launched on one stream with no wait
// between them (the runtime submits them together).
// CHECK: %[[STREAM:.*]] = llvm.call @mgpuStreamCreate()
// CHECK-NOT: mgpuStreamSynchronize
// CHECK: gpu.launch_func <%[[STREAM]] : !llvm.ptr> @f_kernel::@f_kernel blocks in ({{.*}}) threads in ({{.*}}) : i64 args({{.*}} : !llvm.ptr)
// CHECK-NOT: mgpuStreamSynchronize
// CHECK: gpu.launch_func <%[[STREAM]] : !llvm.ptr> @f_kernel_0::@f_kernel
// CHECK-NOT: mgpuStreamSynchronize
// CHECK: gpu.launch_func <%[[STREAM]] : !llvm.ptr> @f_kernel_1::@f_kernel
// The host waits for them before it copies the result back; the buffers
// are freed.
// CHECK: llvm.call @mgpuStreamSynchronize(%[[STREAM]])
// CHECK: "llvm.intr.memcpy"
// CHECK: llvm.call @mgpuMemFree
// CHECK: gpu.binary @f_kernel [#gpu.object<#spirv.target_env<#spirv.vce<v1.3, [Shader, {{.*}}api=Vulkan

// The 4 x 16 points of each loop nest, collapsed to one dimension, take two
// workgroups of 32 threads.
// BLOCK-DAG: %[[ONE:.*]] = llvm.mlir.constant(1 : index)
// BLOCK-DAG: %[[T:.*]] = llvm.mlir.constant(32 : index)
// BLOCK-DAG: %[[G:.*]] = llvm.mlir.constant(2 : index)
// BLOCK: gpu.launch_func <%{{.*}} : !llvm.ptr> @f_kernel::@f_kernel blocks in (%[[G]], %[[ONE]], %[[ONE]]) threads in (%[[T]], %[[ONE]], %[[ONE]]) : i64

func.func @f(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %m = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%i : tensor<4x16xf32>) -> tensor<4x16xf32>
  %r = linalg.add ins(%m, %c : tensor<4x16xf32>, tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}
