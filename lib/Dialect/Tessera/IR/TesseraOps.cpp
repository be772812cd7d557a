//===- TesseraOps.cpp - ODS-generated op definitions ----------------------===//
//
// The hand-written parts of each op (verifiers, type inference, folders)
// live in one file per op family: SpectralOps.cpp, AttentionOps.cpp, ...
//
//===----------------------------------------------------------------------===//

#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::tessera;

#define GET_OP_CLASSES
#include "tessera/Dialect/Tessera/IR/TesseraOps.cpp.inc"
