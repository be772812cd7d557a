//===- GPUPipeline.cpp - tensors to GPU kernels, and Vulkan (SPIR-V) ------===//
//
// The GPU pipelines share a prefix: tensors to buffers, linalg to parallel
// loops, loops tiled into workgroups of threads and outlined into
// gpu.module kernels, every host buffer in host-shared GPU memory. The
// Vulkan pipeline makes launches asynchronous (the host waits only where it
// touches memory), continues with SPIR-V kernels serialized into gpu.binary
// and host code lowered to the LLVM dialect, with launches calling the
// mgpu* runtime ABI that libtessera_vulkan_rt.so implements.
//
//===----------------------------------------------------------------------===//

#include "tessera/Pipelines/Pipelines.h"

#include "GPUMappingCLOptions.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

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
  // The tuning knobs are spelled only where they differ from the passes'
  // defaults, so that the untuned pipeline reads as it always has.
  std::string tiling;
  auto knob = [](std::string &text, const char *name, int64_t value,
                 int64_t defaultValue) {
    if (value == defaultValue)
      return;
    text += (text.empty() ? "" : " ") + std::string(name) + "=" +
            std::to_string(value);
  };
  knob(tiling, "tile-m", options.matmulTileM, 32);
  knob(tiling, "tile-n", options.matmulTileN, 32);
  knob(tiling, "tile-k", options.matmulTileK, 32);
  knob(tiling, "threads-x",
       options.matmulTileN / std::max<int64_t>(1, options.matmulOutputsN), 16);
  knob(tiling, "threads-y",
       options.matmulTileM / std::max<int64_t>(1, options.matmulOutputsM), 16);
  knob(tiling, "max-threads", options.maxWorkgroupThreads, 256);
  knob(tiling, "max-workgroup-bytes", options.maxWorkgroupBytes, 16384);
  // Matmuls become gpu.launch ops of their own before the other linalg ops
  // become parallel loops.
  std::string sharedMemory =
      options.sharedMemoryTiling
          ? "func.func(tessera-gpu-shared-memory-tiling" +
                (tiling.empty() ? "" : "{" + tiling + "}") + "),"
          : "";
  std::string collapse;
  if (options.coarsening != 1)
    collapse = "{coarsening=" + std::to_string(options.coarsening) +
               " block-size=" + block + "}";
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
         "func.func(tessera-gpu-collapse-parallel-loops" + collapse +
         ",canonicalize,"
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

std::string GPUPipelineOptions::knobString() const {
  return "block=" + std::to_string(blockSize) +
         " coarsening=" + std::to_string(coarsening) +
         " tile=" + std::to_string(matmulTileM) + "x" +
         std::to_string(matmulTileN) + " k=" + std::to_string(matmulTileK) +
         " outputs=" + std::to_string(matmulOutputsM) + "x" +
         std::to_string(matmulOutputsN);
}

bool GPUPipelineOptions::parseKnobs(llvm::StringRef text, std::string &error) {
  GPUPipelineOptions parsed = *this;
  llvm::SmallVector<llvm::StringRef> words;
  text.split(words, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef word : words) {
    llvm::StringRef key = word.split('=').first;
    llvm::StringRef value = word.split('=').second;
    auto positive = [&](llvm::StringRef v, int64_t &out) {
      return !v.getAsInteger(10, out) && out > 0;
    };
    auto pair = [&](int64_t &m, int64_t &n) {
      auto [first, second] = value.split('x');
      if (second.empty())
        second = first; // "32" is 32x32
      return positive(first, m) && positive(second, n);
    };
    bool ok;
    if (key == "block")
      ok = positive(value, parsed.blockSize);
    else if (key == "coarsening")
      ok = positive(value, parsed.coarsening);
    else if (key == "tile")
      ok = pair(parsed.matmulTileM, parsed.matmulTileN);
    else if (key == "k")
      ok = positive(value, parsed.matmulTileK);
    else if (key == "outputs")
      ok = pair(parsed.matmulOutputsM, parsed.matmulOutputsN);
    else if (key == "max-threads")
      ok = positive(value, parsed.maxWorkgroupThreads);
    else if (key == "max-workgroup-bytes")
      ok = positive(value, parsed.maxWorkgroupBytes);
    else {
      error = "unknown GPU knob '" + key.str() +
              "' (known: block, coarsening, tile, k, outputs, max-threads, "
              "max-workgroup-bytes)";
      return false;
    }
    if (!ok) {
      error = "GPU knob " + key.str() + ": '" + value.str() +
              "' is not a positive integer" +
              (key == "tile" || key == "outputs" ? " or MxN" : "");
      return false;
    }
  }
  if (parsed.matmulTileM % parsed.matmulOutputsM != 0 ||
      parsed.matmulTileN % parsed.matmulOutputsN != 0) {
    error = "GPU knob outputs=" + std::to_string(parsed.matmulOutputsM) + "x" +
            std::to_string(parsed.matmulOutputsN) +
            " does not divide tile=" + std::to_string(parsed.matmulTileM) +
            "x" + std::to_string(parsed.matmulTileN);
    return false;
  }
  *this = parsed;
  return true;
}

std::string
mlir::tessera::getVulkanPipelineText(const GPUPipelineOptions &options) {
  // lavapipe and desktop drivers support 8/16/64-bit integers and f64 in
  // storage buffers; the kernels use them as the tensors are typed.
  return getGPUPrefixPipelineText(options) +
         // Launches queue up; host code waits for them only where it
         // touches memory (libtessera_vulkan_rt.so submits them then, as
         // one batch, instead of one submit and wait per launch).
         ",func.func(gpu-async-region,"
         "tessera-gpu-synchronous-host-shared-allocs),"
         "canonicalize,"
         "spirv-attach-target{ver=v1.3 client_api=Vulkan "
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
struct GPUPipelineCLOptions : GPUMappingCLOptions<GPUPipelineCLOptions> {
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
        cl.copyMappingKnobsTo(options);
        if (failed(buildVulkanPipeline(pm, options, llvm::errs())))
          llvm::report_fatal_error("tessera-vulkan-pipeline names an "
                                   "unregistered pass");
      });
}
