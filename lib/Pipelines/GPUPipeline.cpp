//===- GPUPipeline.cpp - tensors to GPU kernels, and Vulkan (SPIR-V) ------===//
//
// The GPU pipelines share a prefix: tensors to buffers, linalg to parallel
// loops, loops tiled into workgroups of threads and outlined into
// gpu.module kernels, every host buffer in host-shared GPU memory. The
// Vulkan pipeline continues with SPIR-V kernels serialized into gpu.binary
// and host code lowered to the LLVM dialect, with launches calling the
// mgpu* runtime ABI that libtessera_vulkan_rt.so implements.
//
//===----------------------------------------------------------------------===//

#include "tessera/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tessera;

std::string
mlir::tessera::getGPUPrefixPipelineText(const GPUPipelineOptions &options) {
  std::string block = std::to_string(options.blockSize);
  // Spelled in mlir-opt syntax, so that it can be replayed with
  // tessera-opt --pass-pipeline=... .
  std::string toLinalg = "tessera-to-linalg";
  if (options.binaryWordBits != 64)
    toLinalg +=
        "{binary-word-bits=" + std::to_string(options.binaryWordBits) + "}";
  // Packs narrow integer buffers while kernels are still parallel loops in
  // host functions, so that host and kernels agree on the packing.
  std::string narrowInt =
      options.narrowIntOptions.empty()
          ? ""
          : "tessera-emulate-narrow-int{" + options.narrowIntOptions + "},";
  if (options.flattenComplexBuffers)
    narrowInt += "tessera-flatten-complex-buffers,";
  // Matmuls become gpu.launch ops of their own before the other linalg ops
  // become parallel loops.
  std::string sharedMemory =
      options.sharedMemoryTiling
          ? "func.func(tessera-gpu-shared-memory-tiling),"
          : "";
  std::string kernelize = options.kernelizeHostCode
                              ? "func.func(tessera-gpu-kernelize-host-code),"
                              : "";
  if (options.maxKernelBuffers > 0)
    kernelize += "func.func(tessera-gpu-limit-kernel-buffers{max-buffers=" +
                 std::to_string(options.maxKernelBuffers) + "}),";
  return toLinalg +
         ","
         "func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,"
         "tosa-to-tensor,convert-elementwise-to-linalg),"
         "canonicalize,"
         "func.func(linalg-fuse-elementwise-ops),"
         "tessera-runtime-abi,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "buffer-results-to-out-params{hoist-static-allocs "
         "modify-public-functions},"
         "buffer-deallocation-pipeline,"
         "tessera-strided-copy-to-linalg," +
         sharedMemory +
         "func.func(convert-linalg-to-parallel-loops),"
         // Kernels take whole buffers: views become index arithmetic.
         "func.func(fold-memref-alias-ops)," +
         narrowInt +
         // The outermost parallel loop of each nest, collapsed to one
         // dimension: tiles become workgroups, the points of a tile its
         // threads.
         "func.func(tessera-gpu-collapse-parallel-loops,canonicalize,"
         "scf-parallel-loop-tiling{parallel-loop-tile-sizes=" +
         block +
         " no-min-max-bounds},"
         "gpu-map-parallel-loops,convert-parallel-loops-to-gpu),"
         "canonicalize," +
         kernelize +
         "tessera-gpu-host-buffers,"
         "gpu-launch-sink-index-computations,"
         "gpu-kernel-outlining,"
         "lower-affine,"
         "convert-complex-to-standard,"
         "canonicalize";
}

std::string
mlir::tessera::getVulkanPipelineText(const GPUPipelineOptions &options) {
  // lavapipe and desktop drivers support 8/16/64-bit integers and f64 in
  // storage buffers; the kernels use them as the tensors are typed.
  return getGPUPrefixPipelineText(options) +
         ",spirv-attach-target{ver=v1.3 client_api=Vulkan "
         "caps=Shader,Int8,Int16,Int64,Float64,StorageBuffer8BitAccess,"
         "StorageBuffer16BitAccess "
         "exts=SPV_KHR_storage_buffer_storage_class,SPV_KHR_8bit_storage,"
         "SPV_KHR_16bit_storage},"
         "gpu.module(tessera-gpu-spirv-entry-point-abi),"
         "tessera-gpu-kernels-to-spirv,"
         "gpu.module(spirv.module(spirv-lower-abi-attrs,spirv-update-vce,"
         "canonicalize)),"
         "gpu-module-to-binary,"
         // The host code, as on the CPU.
         "convert-scf-to-cf,"
         "expand-strided-metadata,"
         "lower-affine,"
         "convert-math-to-llvm,"
         "convert-math-to-libm,"
         "finalize-memref-to-llvm,"
         "convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "convert-cf-to-llvm,"
         "gpu-to-llvm{use-bare-pointers-for-kernels},"
         "convert-func-to-llvm,"
         "reconcile-unrealized-casts";
}

LogicalResult
mlir::tessera::buildVulkanPipeline(OpPassManager &pm,
                                   const GPUPipelineOptions &options,
                                   llvm::raw_ostream &errorStream) {
  return parsePassPipeline(getVulkanPipelineText(options), pm, errorStream);
}

namespace {
/// The options of `tessera-vulkan-pipeline{...}` in tessera-opt.
struct GPUPipelineCLOptions : PassPipelineOptions<GPUPipelineCLOptions> {
  Option<int64_t> blockSize{
      *this, "block-size", llvm::cl::init(64),
      llvm::cl::desc("Threads per workgroup (each parallel loop nest is "
                     "collapsed to one dimension, then tiled by this)")};
  Option<bool> sharedMemoryTiling{
      *this, "shared-memory-tiling", llvm::cl::init(true),
      llvm::cl::desc("Compute matmuls in workgroup tiles staged in workgroup "
                     "memory (tessera-gpu-shared-memory-tiling)")};
};
} // namespace

void mlir::tessera::registerGPUPipelines() {
  PassPipelineRegistration<GPUPipelineCLOptions>(
      "tessera-vulkan-pipeline",
      "Lower tessera + tosa/linalg on tensors to SPIR-V kernels (in "
      "gpu.binary) and host code in the LLVM dialect that launches them "
      "through the mgpu* runtime ABI (libtessera_vulkan_rt.so)",
      [](OpPassManager &pm, const GPUPipelineCLOptions &cl) {
        GPUPipelineOptions options;
        options.blockSize = cl.blockSize;
        options.sharedMemoryTiling = cl.sharedMemoryTiling;
        if (failed(buildVulkanPipeline(pm, options, llvm::errs())))
          llvm::report_fatal_error("tessera-vulkan-pipeline names an "
                                   "unregistered pass");
      });
}
