//===- Pipelines.h - Named compilation pipelines per target -----*- C++ -*-===//

#ifndef TESSERA_PIPELINES_PIPELINES_H
#define TESSERA_PIPELINES_PIPELINES_H

#include "tessera/Transforms/CPUCodegenConfig.h"
#include "tessera/Transforms/LibraryCallsConfig.h"

#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mlir {
class OpPassManager;

namespace tessera {

/// Knobs of the CPU pipeline.
struct CPUPipelineOptions {
  /// Tile and vectorize linalg ops (tessera-cpu-tile-and-vectorize and
  /// tessera-cpu-lower-vectors); false: every linalg op becomes scalar loops.
  bool tileAndVectorize = true;
  /// Tile sizes and vector width; zeros are the host's defaults.
  CPUCodegenConfig codegen;
  /// GEMMs handed to oneDNN instead of generated code
  /// (tessera-cpu-library-calls, before tiling); default: none.
  LibraryCallsConfig libraryCalls;

  /// The default options, overridden by the environment variable
  /// TESSERA_CPU_CODEGEN if set: "off" (or "0") turns tiling and
  /// vectorization off; anything else is taken as options of
  /// tessera-cpu-tile-and-vectorize ("mc=64 nc=256 kc=128 mr=4 ..."),
  /// fields it does not name keep their defaults. For tuners and
  /// benchmarks, without rebuilding. A value that does not parse leaves the
  /// defaults and, if `error` is given, says why there.
  static CPUPipelineOptions fromEnvironment(std::string *error = nullptr);
};

/// Textual form of the CPU pipeline: from a module of func + tessera +
/// tosa/linalg ops on tensors down to the LLVM dialect, with bufferization,
/// results turned into caller-provided out-parameters, deallocation, and a C
/// interface on every public function.
std::string getCPUPipelineText(const CPUPipelineOptions &options);

/// `getCPUPipelineText(CPUPipelineOptions::fromEnvironment())`.
std::string getCPUPipelineText();

/// Appends the CPU pipeline to `pm` (anchored on builtin.module). Every pass
/// it names must be registered (registerAllPasses, registerAllTesseraPasses);
/// errors go to `errorStream`.
llvm::LogicalResult buildCPUPipeline(OpPassManager &pm,
                                     const CPUPipelineOptions &options,
                                     llvm::raw_ostream &errorStream);

/// `buildCPUPipeline` with `CPUPipelineOptions::fromEnvironment()`.
llvm::LogicalResult buildCPUPipeline(OpPassManager &pm,
                                     llvm::raw_ostream &errorStream);

/// Registers `tessera-cpu-pipeline` (and later targets) with the global
/// pass-pipeline registry, for tessera-opt.
void registerTesseraPipelines();

} // namespace tessera
} // namespace mlir

#endif // TESSERA_PIPELINES_PIPELINES_H
