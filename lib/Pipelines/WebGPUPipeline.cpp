//===- WebGPUPipeline.cpp - tensors to kernels a WebGPU runtime replays ---===//
//
// The GPU prefix, constrained to what WGSL and a manifest-driven host can
// run: no 64-bit integers in kernels (binary ops pack 32-bit words), no
// storage narrower than 32 bits (8/16/4-bit buffers packed into words with
// atomic stores), and no computation left on the host. The kernels are
// then emitted as WGSL and the host function as a manifest
// (lib/Target/WGSL).
//
//===----------------------------------------------------------------------===//

#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Transforms/GPUTuningSpace.h"

#include "GPUMappingCLOptions.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tessera;

GPUPipelineOptions
mlir::tessera::getWebGPUPrefixOptions(const WebGPUPipelineOptions &options) {
  GPUPipelineOptions gpu;
  gpu.binaryWordBits = 32;
  gpu.kernelizeHostCode = true;
  gpu.flattenComplexBuffers = true;
  // Matmuls stage A and B tiles in workgroup memory (8 KiB of the 16 KiB
  // WebGPU guarantees).
  gpu.sharedMemoryTiling = true;
  gpu.maxKernelBuffers = options.maxStorageBuffers;
  GPUTuningPoint::of(options).applyTo(gpu);
  gpu.maxWorkgroupThreads = options.maxWorkgroupThreads;
  gpu.maxWorkgroupBytes = options.maxWorkgroupBytes;
  // WGSL stores nothing narrower than 32 bits.
  gpu.narrowIntOptions = "container-bits=32 narrow-bits=4,8,16 atomic-stores";
  return gpu;
}

std::string
mlir::tessera::getWebGPUPipelineText(const WebGPUPipelineOptions &options) {
  return getGPUPrefixPipelineText(getWebGPUPrefixOptions(options));
}

LogicalResult
mlir::tessera::buildWebGPUPipeline(OpPassManager &pm,
                                   const WebGPUPipelineOptions &options,
                                   llvm::raw_ostream &errorStream) {
  return parsePassPipeline(getWebGPUPipelineText(options), pm, errorStream);
}

namespace {
/// The options of `tessera-webgpu-pipeline{...}` in tessera-opt.
struct WebGPUPipelineCLOptions : GPUMappingCLOptions<WebGPUPipelineCLOptions> {
  Option<int64_t> blockSize{
      *this, "block-size", llvm::cl::init(64),
      llvm::cl::desc("Threads per workgroup (at most 256 under WebGPU's "
                     "default limits)")};
  Option<int64_t> maxStorageBuffers{
      *this, "max-storage-buffers", llvm::cl::init(8),
      llvm::cl::desc("The device's maxStorageBuffersPerShaderStage: kernels "
                     "over it get read-only buffers packed")};
};
} // namespace

void mlir::tessera::registerWebGPUPipeline() {
  PassPipelineRegistration<WebGPUPipelineCLOptions>(
      "tessera-webgpu-pipeline",
      "Lower tessera + tosa/linalg on tensors to gpu.module kernels WGSL can "
      "express (32-bit storage and integers) and a host function that only "
      "allocates, copies and launches (tessera-compile --target=webgpu emits "
      "them as WGSL and a manifest)",
      [](OpPassManager &pm, const WebGPUPipelineCLOptions &cl) {
        WebGPUPipelineOptions options;
        options.blockSize = cl.blockSize;
        options.maxStorageBuffers = cl.maxStorageBuffers;
        cl.copyMappingKnobsTo(options);
        if (failed(buildWebGPUPipeline(pm, options, llvm::errs())))
          llvm::report_fatal_error("tessera-webgpu-pipeline names an "
                                   "unregistered pass");
      });
}
