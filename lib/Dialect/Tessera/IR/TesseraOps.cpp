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

//===----------------------------------------------------------------------===//
// Custom assembly directives
//===----------------------------------------------------------------------===//

/// `fan`, `compact`, ... or nothing: the quadratic variant defaults to `fan`
/// (OPERATORS.md) but is always printed, so printed IR names it explicitly.
static ParseResult parseQuadraticVariant(OpAsmParser &parser,
                                         QuadraticVariantAttr &variant) {
  QuadraticVariant value = QuadraticVariant::fan;
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalKeyword(&keyword))) {
    std::optional<QuadraticVariant> parsed = symbolizeQuadraticVariant(keyword);
    if (!parsed)
      return parser.emitError(loc) << "unknown quadratic variant '" << keyword
                                   << "' (fan, compact, square, power, product)";
    value = *parsed;
  }
  variant = QuadraticVariantAttr::get(parser.getContext(), value);
  return success();
}

static void printQuadraticVariant(OpAsmPrinter &printer, Operation *,
                                  QuadraticVariantAttr variant) {
  printer << stringifyQuadraticVariant(variant.getValue());
}

#define GET_OP_CLASSES
#include "tessera/Dialect/Tessera/IR/TesseraOps.cpp.inc"
