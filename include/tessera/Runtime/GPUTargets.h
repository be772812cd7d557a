//===- GPUTargets.h - Lowering and runtime libraries of GPU targets -*- C++ -*-===//
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
bool lowerToLLVMDialectForGPU(mlir::ModuleOp module, tessera_target target,
                              std::string &error);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_GPUTARGETS_H
