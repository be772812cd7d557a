// The GPU pipelines pack 4-bit tensors in 32-bit words
// (tessera-emulate-narrow-int{container-bits=32 atomic-stores} on the host
// functions, before kernel outlining): a 7x5 i4 tensor crosses the function
// boundary as a rank-1 buffer of ceil(35 / 8) = 5 words (the same bytes as
// the CPU's 18 packed bytes, plus padding), and the kernel, whose threads
// store neighbouring nibbles of a word, stores with atomic and/or.
// RUN: tessera-opt %s --tessera-vulkan-pipeline -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: %python %S/Inputs/extract_gpu_binaries.py %t.mlir %t.spv | FileCheck %s --check-prefix=BIN
// RUN: %if spirv-val %{ spirv-val --target-env vulkan1.1 %t.spv.0 %}
// RUN: %if spirv-val %{ spirv-dis %t.spv.0 | FileCheck %s --check-prefix=SPV %}

// BIN: 1 binaries

// The result's host-shared buffer: 5 i32 words.
// CHECK-LABEL: llvm.func @quant(
// CHECK: %[[WORDS:.*]] = llvm.mlir.constant(5 : index) : i64
// CHECK: %[[END:.*]] = llvm.getelementptr %{{.*}}[%[[WORDS]]] : (!llvm.ptr, i64) -> !llvm.ptr, i32
// CHECK: %[[BYTES:.*]] = llvm.ptrtoint %[[END]] : !llvm.ptr to i64
// CHECK: llvm.call @mgpuMemAlloc(%[[BYTES]],
// CHECK-LABEL: llvm.func @_mlir_ciface_quant(
// CHECK-SAME: %arg0: !llvm.ptr, %arg1: !llvm.ptr
// CHECK: llvm.load %arg0 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: llvm.load %arg1 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>

// SPV: %[[ARRAY:.*]] = OpTypeArray %uint %uint_5
// SPV: OpAtomicAnd %uint
// SPV: OpAtomicOr %uint
func.func @quant(%x: tensor<7x5xf32>) -> tensor<7x5xi4> {
  %q = tessera.quantize %x scales [0.5] zero_points [1]
      : (tensor<7x5xf32>) -> tensor<7x5xi4>
  return %q : tensor<7x5xi4>
}
