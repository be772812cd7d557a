//===- KernelBinaries.h - Write the kernels of a GPU module -----*- C++ -*-===//
//
// The GPU pipelines leave every kernel module as a `gpu.binary` op in the
// host code (PTX or cubin for CUDA, SPIR-V for Vulkan). Tools write them out
// for inspection and for offline validation (ptxas, spirv-val).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_KERNELBINARIES_H
#define TESSERA_RUNTIME_KERNELBINARIES_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace tessera::runtime {

/// Writes every object of every `gpu.binary` in `module` into `directory`
/// (created if missing) as `<binary>.<ext>`: `.ptx` for PTX, `.cubin`,
/// `.fatbin`, `.spv` for SPIR-V, `.bc` for LLVM bitcode; a binary with
/// several objects gets `<binary>.<i>.<ext>`. Appends the written paths to
/// `written`; false, with `error`, if a file cannot be written.
bool writeKernelBinaries(mlir::ModuleOp module, llvm::StringRef directory,
                         std::vector<std::string> &written, std::string &error);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_KERNELBINARIES_H
