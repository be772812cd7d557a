//===- CompilerContext.h - A context for the runtime's unit tests -*- C++
//-*-===//
//
// The tests that parse models themselves (to tune them, or to build their
// kernels' measuring modules) need an MLIR context with the dialects the
// compiler reads, as the runtime's own contexts have.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_UNITTESTS_RUNTIME_COMPILERCONTEXT_H
#define TESSERA_UNITTESTS_RUNTIME_COMPILERCONTEXT_H

#include "tessera/Runtime/CPUCodegen.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <memory>

namespace tessera::runtime {

/// A context with the compiler's dialects registered and loaded.
inline std::unique_ptr<mlir::MLIRContext> makeCompilerContext() {
  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

} // namespace tessera::runtime

#endif // TESSERA_UNITTESTS_RUNTIME_COMPILERCONTEXT_H
