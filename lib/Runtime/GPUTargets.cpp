//===- GPUTargets.cpp - Lowering and runtime libraries of GPU targets -----===//

#include "tessera/Runtime/GPUTargets.h"

#include "tessera/InitAllTessera.h"
#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Transforms/GPUTuningSpace.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

using namespace mlir;

namespace tessera::runtime {

const char *targetName(tessera_target target) {
  switch (target) {
  case TESSERA_TARGET_CPU:
    return "cpu";
  case TESSERA_TARGET_VULKAN:
    return "vulkan";
  case TESSERA_TARGET_CUDA:
    return "cuda";
  }
  return "unknown";
}

bool parseTarget(llvm::StringRef name, tessera_target &target) {
  for (tessera_target t :
       {TESSERA_TARGET_CPU, TESSERA_TARGET_VULKAN, TESSERA_TARGET_CUDA})
    if (name == targetName(t)) {
      target = t;
      return true;
    }
  return false;
}

std::string findGPURuntimeLibrary(tessera_target target, std::string &error) {
  const char *env = nullptr, *fileName = nullptr, *buildPath = nullptr;
  std::string what;
  switch (target) {
  case TESSERA_TARGET_VULKAN:
    env = "TESSERA_VULKAN_RT_LIBRARY";
    fileName = "libtessera_vulkan_rt.so";
    what = "Vulkan";
#ifdef TESSERA_VULKAN_RT_PATH
    buildPath = TESSERA_VULKAN_RT_PATH;
#endif
    break;
  case TESSERA_TARGET_CUDA:
    env = "TESSERA_CUDA_RT_LIBRARY";
    fileName = "libtessera_cuda_rt.so";
    what = "CUDA";
#ifdef TESSERA_CUDA_RT_PATH
    buildPath = TESSERA_CUDA_RT_PATH;
#endif
    break;
  default:
    error = std::string("target ") + targetName(target) +
            " has no GPU runtime library";
    return "";
  }
  if (const char *value = std::getenv(env); value && *value) {
    if (llvm::sys::fs::exists(value))
      return value;
    error = std::string(env) + " names " + value + ", which does not exist";
    return "";
  }
  // <prefix>/bin/<tool> -> <prefix>/lib/<library>
  static int anchor;
  std::string executable = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  if (!executable.empty()) {
    llvm::SmallString<256> candidate(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)));
    llvm::sys::path::append(candidate, "lib", fileName);
    if (llvm::sys::fs::exists(candidate))
      return std::string(candidate);
  }
  if (buildPath && llvm::sys::fs::exists(buildPath))
    return buildPath;
  error = buildPath ? std::string(buildPath) + " is missing (set " + env +
                          " to " + fileName + ")"
                    : "this build of Tessera has no " + what + " runtime (" +
                          fileName +
                          " was not built: its development files were not "
                          "found at configure time)";
  return "";
}

bool probeGPUTarget(tessera_target target, std::string &library, void *&handle,
                    std::string &device, std::string &error) {
  library = findGPURuntimeLibrary(target, error);
  if (library.empty())
    return false;
  // Kept loaded: the JIT resolves the mgpu* symbols in it.
  handle = dlopen(library.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!handle) {
    error = "cannot load " + library + ": " + dlerror();
    return false;
  }
  auto init = reinterpret_cast<int (*)(char *, size_t)>(
      dlsym(handle, "tessera_gpu_rt_init"));
  if (!init) {
    error = library + " has no tessera_gpu_rt_init";
    return false;
  }
  char message[1024] = "";
  if (init(message, sizeof(message)) != 0) {
    error = message;
    return false;
  }
  device = message;
  return true;
}

bool queryGPUDevice(void *handle, ::mlir::tessera::GPUDeviceLimits &limits,
                    std::string &fingerprint, std::string &error) {
  auto info = reinterpret_cast<int (*)(char *, size_t)>(
      handle ? dlsym(handle, "tessera_gpu_rt_device_info") : nullptr);
  if (!info) {
    error = "the GPU runtime library cannot describe its device "
            "(no tessera_gpu_rt_device_info)";
    return false;
  }
  char message[2048] = "";
  if (info(message, sizeof(message)) != 0) {
    error = message;
    return false;
  }
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(message).split(lines, '\n', -1, /*KeepEmpty=*/false);
  fingerprint.clear();
  for (llvm::StringRef line : lines) {
    auto [key, value] = line.split('=');
    int64_t number = 0;
    bool isNumber = !value.getAsInteger(10, number);
    if (key == "max-invocations" && isNumber)
      limits.maxInvocations = number;
    else if (key == "max-workgroup-bytes" && isNumber)
      limits.maxWorkgroupBytes = number;
    else if (key == "subgroup-size" && isNumber)
      limits.subgroupSize = number;
    fingerprint += (fingerprint.empty() ? "" : "; ") + line.str();
  }
  return true;
}

bool takeGPUError(GPUTakeErrorFn takeError, std::string &error) {
  if (!takeError)
    return false;
  char message[1024] = "";
  if (takeError(message, sizeof(message)) == 0)
    return false;
  error = message;
  return true;
}

unsigned packedWordBits(tessera_target target) {
  return target == TESSERA_TARGET_CPU ? 8 : 32;
}

/// The pipelines name passes of the registry, filled once per process.
static void registerPassesOnce() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    registerAllPasses();
    ::mlir::tessera::registerAllTesseraPasses();
  });
}

bool runGPUPrefixPipeline(ModuleOp module,
                          const ::mlir::tessera::GPUPipelineOptions &options,
                          std::string &error) {
  registerPassesOnce();
  PassManager pm(module.getContext());
  llvm::raw_string_ostream pipelineStream(error);
  if (failed(
          parsePassPipeline(::mlir::tessera::getGPUPrefixPipelineText(options),
                            pm, pipelineStream)))
    return false;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    llvm::raw_string_ostream os(error);
    os << (error.empty() ? "" : "\n") << diag.getLocation() << ": " << diag;
    return success();
  });
  if (succeeded(pm.run(module)))
    return true;
  if (error.empty())
    error = "the GPU pipeline's prefix failed";
  return false;
}

bool lowerToLLVMDialectForGPU(ModuleOp module, tessera_target target,
                              std::string &error) {
  return lowerToLLVMDialectForGPU(module, target, nullptr, error);
}

bool lowerToLLVMDialectForGPU(ModuleOp module, tessera_target target,
                              const ::mlir::tessera::GPUPipelineOptions *knobs,
                              std::string &error) {
  // Diagnostics as "location: error: message" lines.
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    llvm::raw_string_ostream os(error);
    if (!error.empty())
      os << "\n";
    os << diag.getLocation() << ": "
       << (diag.getSeverity() == DiagnosticSeverity::Error ? "error: "
                                                           : "note: ")
       << diag;
    return success();
  });
  registerPassesOnce();
  PassManager pm(module.getContext());
  std::string pipelineError;
  llvm::raw_string_ostream pipelineStream(pipelineError);
  ::mlir::tessera::GPUPipelineOptions options;
  // Both targets have workgroup memory and barriers; on lavapipe a 512^3
  // matmul runs 2.5x faster. $TESSERA_GPU_SHARED_MEMORY_TILING=0/1
  // overrides this, to compare the two matmul lowerings.
  options.sharedMemoryTiling = true;
  if (const char *tiling = std::getenv("TESSERA_GPU_SHARED_MEMORY_TILING"))
    options.sharedMemoryTiling = llvm::StringRef(tiling) != "0";
  // The tuning knobs: a tuner's candidate, else $TESSERA_GPU_CONFIG
  // ("block=128 coarsening=2 tile=64x64 k=16 outputs=4x4"), for replaying
  // a configuration without rebuilding.
  if (knobs) {
    mlir::tessera::GPUTuningPoint::of(*knobs).applyTo(options);
    options.maxWorkgroupThreads = knobs->maxWorkgroupThreads;
    options.maxWorkgroupBytes = knobs->maxWorkgroupBytes;
  } else if (const char *config = std::getenv("TESSERA_GPU_CONFIG");
             config && *config) {
    std::string knobError;
    if (!options.parseKnobs(config, knobError)) {
      error = "TESSERA_GPU_CONFIG: " + knobError;
      return false;
    }
  }
  LogicalResult built = failure();
  switch (target) {
  case TESSERA_TARGET_VULKAN:
    built = ::mlir::tessera::buildVulkanPipeline(pm, options, pipelineStream);
    break;
  case TESSERA_TARGET_CUDA: {
    // sm_90 PTX (or $TESSERA_CUDA_CHIP's), compiled by the driver when the
    // module loads.
    auto cuda = ::mlir::tessera::CUDAPipelineOptions::fromEnvironment();
    cuda.gpu = options;
    built = ::mlir::tessera::buildCUDAPipeline(pm, cuda, pipelineStream);
    break;
  }
  default:
    error = std::string("the ") + targetName(target) +
            " pipeline is not available in this build";
    return false;
  }
  if (failed(built)) {
    error = "internal error: the " + std::string(targetName(target)) +
            " pipeline does not parse: " + pipelineError;
    return false;
  }
  if (succeeded(pm.run(module)))
    return true;
  if (error.empty())
    error = std::string("the ") + targetName(target) + " pipeline failed";
  return false;
}

} // namespace tessera::runtime
