//===- WebGPUArtifact.h - Models as WebGPU artifacts ------------*- C++ -*-===//
//
// A WebGPU artifact (docs/WebGPUArtifact.md) is a directory the JS runtime
// tessera-web loads: one WGSL module per kernel, the constants in
// weights.bin, and manifest.json, which lists the buffers, the kernels and
// the steps (uploads, dispatches, copies, downloads) that replay the
// entry function's host code.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TARGET_WEBGPU_WEBGPUARTIFACT_H
#define TESSERA_TARGET_WEBGPU_WEBGPUARTIFACT_H

#include "tessera/Target/WGSL/WGSLEmitter.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/LogicalResult.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
namespace func {
class FuncOp;
} // namespace func

namespace tessera {

/// A tensor of the entry function as the JS runtime sees it.
struct WebGPUTensor {
  std::string dtype; // float32, int32, uint32, int8, uint8, int4, bool
  std::vector<int64_t> shape;
};

/// The entry function's tensors, taken before lowering (results after
/// inputs, as the function's out-parameters are ordered after lowering).
struct WebGPUEntry {
  std::string name;
  std::vector<WebGPUTensor> inputs, outputs;
};

/// Reads the entry signature of `func` (tensor arguments and results with
/// static shapes). Errors are emitted on `func`.
llvm::LogicalResult getWebGPUEntry(func::FuncOp func, WebGPUEntry &entry);

struct WebGPUArtifactOptions {
  WGSLOptions wgsl;
  /// Written into the manifest's "generator".
  std::string generator = "tessera-compile";
};

/// Writes the artifact of `entry` into the directory `dir` (created if
/// needed) from `module`, which the WebGPU pipeline has lowered. A `dir`
/// that exists must be empty or hold an earlier artifact (a manifest.json
/// of format tessera-webgpu), whose files are replaced. `variants`: the same
/// model lowered with other workgroup sizes, whose kernels the manifest
/// ships as alternatives for tuning on the client; `variantConfigs[i]`, if
/// given, the knobs variant i was compiled with (the manifest's optional
/// `config`). Errors are emitted as diagnostics on the ops (or the module)
/// they concern.
llvm::LogicalResult
writeWebGPUArtifact(ModuleOp module, const WebGPUEntry &entry,
                    llvm::StringRef dir, const WebGPUArtifactOptions &options,
                    llvm::ArrayRef<ModuleOp> variants = {},
                    llvm::ArrayRef<std::string> variantConfigs = {});

struct WebGPUPipelineOptions;

/// tessera-compile --target=webgpu: lowers `module` with the WebGPU
/// pipeline and writes the artifact of its public function `entryName`
/// ("" for the only public function) into `dir`. `variantBlockSizes`:
/// other workgroup sizes to compile the kernels for, shipped as variants
/// the runtime may choose among. Errors are emitted as diagnostics.
llvm::LogicalResult
compileWebGPUArtifact(ModuleOp module, llvm::StringRef entryName,
                      llvm::StringRef dir,
                      const WebGPUPipelineOptions &pipelineOptions,
                      const WebGPUArtifactOptions &options,
                      llvm::ArrayRef<int64_t> variantBlockSizes = {});

/// The same with the variants' whole pipeline options: points of the GPU
/// tuning space (GPUTuningSpace.h: block size and coarsening of the loop
/// nests, the matmuls' tiling), each compiled from a copy of the module;
/// every kernel ships the variants whose WGSL differs from its default's
/// and from its earlier variants'. `variantConfigs[i]`, if given, names
/// variant i's knobs in the manifest (`config`).
llvm::LogicalResult compileWebGPUArtifactWithVariants(
    ModuleOp module, llvm::StringRef entryName, llvm::StringRef dir,
    const WebGPUPipelineOptions &pipelineOptions,
    const WebGPUArtifactOptions &options,
    llvm::ArrayRef<WebGPUPipelineOptions> variants,
    llvm::ArrayRef<std::string> variantConfigs = {});

} // namespace tessera
} // namespace mlir

#endif // TESSERA_TARGET_WEBGPU_WEBGPUARTIFACT_H
