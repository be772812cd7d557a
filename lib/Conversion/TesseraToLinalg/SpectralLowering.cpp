//===- SpectralLowering.cpp - Lowering of the spectral ops ------------------===//

#include "LoweringUtils.h"
#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::populateSpectralLoweringPatterns(RewritePatternSet &patterns) {}
