//===- Passes.h - Tessera's target-independent passes -----------*- C++ -*-===//

#ifndef TESSERA_TRANSFORMS_PASSES_H
#define TESSERA_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

/// On a `vector.load` of a sub-byte integer buffer (from
/// tessera-cpu-widen-packed-ints): its innermost index is a multiple of
/// 32 bits' worth of elements, so tessera-emulate-narrow-int may load the
/// packed words whole (it checks the buffer's offset and strides itself).
inline constexpr llvm::StringLiteral kWordAlignedAttrName =
    "tessera.word_aligned";

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "tessera/Transforms/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_PASSES_H
