//===- HostOptimizer.h - LLVM's O3 for generated CPU code -------*- C++ -*-===//
//
// The LLVM IR optimization of the JIT and of tessera-compile's artifacts.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_HOSTOPTIMIZER_H
#define TESSERA_RUNTIME_HOSTOPTIMIZER_H

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace tessera::runtime {

/// Optimizes `module` with LLVM's O3 pipeline for `tm`, except that loops
/// on whole vectors (the code generator's tiles) are unrolled only when
/// short and small. `tm` may be null (no target-specific cost models).
void optimizeForHost(llvm::Module &module, llvm::TargetMachine *tm);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_HOSTOPTIMIZER_H
