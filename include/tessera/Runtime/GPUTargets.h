//===- GPUTargets.h - Lowering and runtime libraries of GPU targets -*- C++
//-*-===//
//
// The Vulkan and CUDA targets lower a module with their pipeline to host
// code in the LLVM dialect that calls the mgpu* runtime ABI, implemented by
// a shared library per target (libtessera_vulkan_rt.so,
// libtessera_cuda_rt.so). Both libraries also export
//   int tessera_gpu_rt_init(char *message, size_t size);       // 0: usable
//   int tessera_gpu_rt_take_error(char *message, size_t size); // 0: none
// which the runtime uses to probe for a device and to collect the errors of
// mgpu* calls (the ABI has no error returns).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_GPUTARGETS_H
#define TESSERA_RUNTIME_GPUTARGETS_H

#include "tessera-c/runtime.h"
#include "tessera/Runtime/Signature.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
namespace tessera {
struct GPUPipelineOptions;
struct GPUDeviceLimits;
} // namespace tessera
} // namespace mlir

namespace tessera::runtime {

using GPUTakeErrorFn = int (*)(char *, size_t);

/// "cpu", "vulkan", "cuda".
const char *targetName(tessera_target target);
/// Parses a target name; false if unknown.
bool parseTarget(llvm::StringRef name, tessera_target &target);

/// The runtime library of a GPU target: $TESSERA_<T>_RT_LIBRARY if set, else
/// the one next to the running executable (<bin>/../lib), else the one of
/// this build. Empty, with `error` set, if there is none.
std::string findGPURuntimeLibrary(tessera_target target, std::string &error);

/// Loads the runtime library of `target` and probes for a device. On
/// success sets `library` (its path), `handle` (dlopen) and `device` (the
/// device's name); else `error` says why ("no Vulkan device: ...").
bool probeGPUTarget(tessera_target target, std::string &library, void *&handle,
                    std::string &device, std::string &error);

/// The identity and limits of the device of a loaded GPU runtime library
/// (`handle`, from probeGPUTarget) that tuning depends on: `limits` from
/// the device, `fingerprint` (name, vendor and device ids, driver and API
/// versions, limits) for tuning-cache keys. False with `error` if the
/// library cannot say (tessera_gpu_rt_device_info: Vulkan only for now).
bool queryGPUDevice(void *handle, mlir::tessera::GPUDeviceLimits &limits,
                    std::string &fingerprint, std::string &error);

/// The first error the runtime library recorded since the last call;
/// false if there was none.
bool takeGPUError(GPUTakeErrorFn takeError, std::string &error);

/// The words 4-bit tensors cross a target's function boundary packed in:
/// 32 on GPU targets, whose pipelines pack them in 32-bit words
/// (GPUPipelineOptions::narrowIntOptions) so that kernels can store them
/// with 32-bit atomics; 8 on the CPU.
unsigned packedWordBits(tessera_target target);

/// Runs the pipeline of a GPU target on `module` (in place): host code in
/// the LLVM dialect with the kernels embedded as gpu.binary.
/// Runs the GPU targets' shared prefix (getGPUPrefixPipelineText) on
/// `module` in place: kernels outlined into gpu.module ops, not yet
/// converted for a target. For analyses (the GPU tuner's kernel classes).
bool runGPUPrefixPipeline(mlir::ModuleOp module,
                          const mlir::tessera::GPUPipelineOptions &options,
                          std::string &error);

/// The GPU tuning knobs are $TESSERA_GPU_CONFIG's (GPUPipelineOptions::
/// parseKnobs syntax) if set, else the defaults.
bool lowerToLLVMDialectForGPU(mlir::ModuleOp module, tessera_target target,
                              std::string &error);
/// The same with the knobs of `knobs` (block size, coarsening, matmul
/// tiling) if not null: a tuner's candidate.
bool lowerToLLVMDialectForGPU(mlir::ModuleOp module, tessera_target target,
                              const mlir::tessera::GPUPipelineOptions *knobs,
                              std::string &error);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_GPUTARGETS_H
