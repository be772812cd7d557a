//===- Pipelines.h - Named compilation pipelines per target -----*- C++ -*-===//

#ifndef TESSERA_PIPELINES_PIPELINES_H
#define TESSERA_PIPELINES_PIPELINES_H

#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mlir {
class OpPassManager;

namespace tessera {

/// Textual form of the CPU pipeline: from a module of func + tessera +
/// tosa/linalg ops on tensors down to the LLVM dialect, with bufferization,
/// results turned into caller-provided out-parameters, deallocation, and a C
/// interface on every public function.
std::string getCPUPipelineText();

/// Appends the CPU pipeline to `pm` (anchored on builtin.module). Every pass
/// it names must be registered (registerAllPasses, registerAllTesseraPasses);
/// errors go to `errorStream`.
llvm::LogicalResult buildCPUPipeline(OpPassManager &pm,
                                     llvm::raw_ostream &errorStream);

/// Registers `tessera-cpu-pipeline` (and later targets) with the global
/// pass-pipeline registry, for tessera-opt.
void registerTesseraPipelines();

} // namespace tessera
} // namespace mlir

#endif // TESSERA_PIPELINES_PIPELINES_H
