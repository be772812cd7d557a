//===- TesseraDialect.h - The tessera dialect -------------------*- C++ -*-===//
//
// Declares the dialect class and its enumerations. Kept light: include
// TesseraOps.h only where operations are used.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECT_TESSERA_IR_TESSERADIALECT_H
#define TESSERA_DIALECT_TESSERA_IR_TESSERADIALECT_H

#include "mlir/IR/Dialect.h"

#include "tessera/Dialect/Tessera/IR/TesseraOpsDialect.h.inc"

#endif // TESSERA_DIALECT_TESSERA_IR_TESSERADIALECT_H
