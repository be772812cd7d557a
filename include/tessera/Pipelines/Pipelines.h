//===- Pipelines.h - Named compilation pipelines per target -----*- C++ -*-===//

#ifndef TESSERA_PIPELINES_PIPELINES_H
#define TESSERA_PIPELINES_PIPELINES_H

#include <string>

namespace mlir {
class OpPassManager;

namespace tessera {

/// Textual form of the CPU pipeline: from a module of func + tessera +
/// tosa/linalg ops on tensors down to the LLVM dialect, with bufferization,
/// results turned into caller-provided out-parameters, deallocation, and a C
/// interface on every public function.
std::string getCPUPipelineText();

/// Appends the CPU pipeline to `pm` (anchored on builtin.module).
void buildCPUPipeline(OpPassManager &pm);

/// Registers `tessera-cpu-pipeline` (and later targets) with the global
/// pass-pipeline registry, for tessera-opt.
void registerTesseraPipelines();

} // namespace tessera
} // namespace mlir

#endif // TESSERA_PIPELINES_PIPELINES_H
