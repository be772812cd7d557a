//===- CPUTransposeResult.h - Transposed contraction results ---*- C++ -*-===//
//
// Part of tessera-cpu-tile-and-vectorize: a contraction whose right operand
// must be packed to be vectorized computes its result transposed instead
// (CPUCodegenConfig::transposeResult). Internal to the pass.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_TRANSFORMS_CPUTRANSPOSERESULT_H
#define TESSERA_LIB_TRANSFORMS_CPUTRANSPOSERESULT_H

#include "tessera/Transforms/CPUContractionLoops.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tessera {

/// Rewrites contraction `op` (pure tensors, one output) to compute its
/// result in the layout of `transposed` (matchTransposedResult's): a
/// linalg.generic with the transposed output map, into a fill of the same
/// value (a transpose of any other init). Its generic consumers read that
/// result through their indexing maps, composed with the transposition;
/// every other use gets a linalg.transpose back. Returns the new op.
FailureOr<linalg::GenericOp>
transposeContractionResult(RewriterBase &rewriter, linalg::LinalgOp op,
                           const TransposedResult &transposed);

} // namespace mlir::tessera

#endif // TESSERA_LIB_TRANSFORMS_CPUTRANSPOSERESULT_H
