//===- QuantLowering.cpp - Lowering of the quant ops ------------------===//

#include "LoweringUtils.h"
#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::populateQuantLoweringPatterns(RewritePatternSet &patterns) {}
