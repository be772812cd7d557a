//===- InitAllTessera.h - Register tessera dialects and passes --*- C++ -*-===//
//
// One place that tools call to make everything of Tessera's known.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_INITALLTESSERA_H
#define TESSERA_INITALLTESSERA_H

#include "tessera/Conversion/Passes.h"
#include "tessera/Dialect/Tessera/IR/TesseraDialect.h"
#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessera {

/// Adds the tessera dialect to `registry`.
inline void registerAllTesseraDialects(DialectRegistry &registry) {
  registry.insert<TesseraDialect>();
}

/// Registers Tessera's passes and pipelines with the global registry.
inline void registerAllTesseraPasses() {
  registerTesseraConversionPasses();
  registerTesseraTransformsPasses();
  registerTesseraPipelines();
  registerGPUPipelines();
  registerCUDAPipeline();
  registerWebGPUPipeline();
}

} // namespace mlir::tessera

#endif // TESSERA_INITALLTESSERA_H
