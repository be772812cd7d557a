//===- CPUInnerReductions.h - Row reductions for SIMD lanes -----*- C++ -*-===//
//
// Part of tessera-cpu-tile-and-vectorize: reductions along the innermost,
// contiguous dimension of their inputs (a softmax's row maximum and sum, a
// mean over a row), which the contraction tiling cannot vectorize (its
// vector lanes run along the output's innermost dimension, which such an
// op reads with the stride of a row). Internal to the pass.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_TRANSFORMS_CPUINNERREDUCTIONS_H
#define TESSERA_LIB_TRANSFORMS_CPUINNERREDUCTIONS_H

#include "tessera/Transforms/CPUCodegenConfig.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>

namespace mlir::tessera {

/// The reduction loop of `op` if it is an inner reduction: one output, one
/// reduction loop (a `reductionLoopRun`, merged into one first), and every
/// input that the reduction reads along has it as its innermost dimension;
/// not a contraction the code generator tiles as one (`matchContraction`).
std::optional<unsigned> innerReductionLoop(linalg::LinalgOp op);

/// The reduction loops of `op`, if it has several, they are consecutive
/// and every operand indexes them contiguously and in order, or not at all:
/// they can be merged into one (a mean over an image's rows and columns
/// reduces one loop of H*W). Else empty.
ReassociationIndices reductionLoopRun(linalg::LinalgOp op);

/// Splits the inner reduction `op` (`innerReductionLoop`) for
/// `config.vectorWidth`-lane registers (`linalg::splitReduction`): partial
/// reductions, [.., lanes] = reduce over K / lanes of in[.., K / lanes,
/// lanes], a contraction-like op whose n is the lanes, tiled and vectorized
/// as one (vector accumulators, no horizontal operation in the loop); then
/// each row's lanes reduced into one value, a short row
/// (`isShortRowReduction`). A remainder of K mod lanes is split off first
/// (`linalg::splitOp`) and reduced after the rest, as a short row. Rows no
/// longer than one vector, and ops whose reduction has no known neutral
/// element, are left whole (short rows where they fit).
void splitInnerReduction(RewriterBase &rewriter, linalg::LinalgOp op,
                         const CPUCodegenConfig &config);

/// Whether `op` is an inner reduction whose row (at most `maxElements`) is
/// vectorized whole: its parallel loops tiled by 1, one vector per row and
/// one horizontal reduction.
bool isShortRowReduction(linalg::LinalgOp op, int64_t maxElements);

} // namespace mlir::tessera

#endif // TESSERA_LIB_TRANSFORMS_CPUINNERREDUCTIONS_H
