//===- CPUInnerReductions.cpp - Row reductions for SIMD lanes ------------===//
//
// A row reduction out[i] = reduce_k in[i, k] has its vector lanes along k,
// the input's contiguous dimension. Reduced as it stands, each vector of a
// row needs a horizontal reduction (a chain of shuffles) before the next,
// or the whole row is one vector. Split into out'[i, l] = reduce over k /
// lanes of in[i, k / lanes, l] first, the rows are reduced elementwise into
// vector accumulators, like a contraction's register tile (rows sharing
// nothing, but independent, which hides the latency of each step), and only
// the last step combines the lanes of each row horizontally.
//
//===----------------------------------------------------------------------===//

#include "CPUInnerReductions.h"

#include "tessera/Transforms/CPUContractionLoops.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;
using namespace mlir::tessera;

std::optional<unsigned> mlir::tessera::innerReductionLoop(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 1 ||
      matchContraction(op))
    return std::nullopt;
  SmallVector<unsigned> reductions;
  op.getReductionDims(reductions);
  unsigned k = reductions.front();
  bool read = false;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (!map.isFunctionOfDim(k))
      continue;
    if (map.getDimPosition(map.getNumResults() - 1) != k)
      return std::nullopt;
    read = true;
  }
  if (!read)
    return std::nullopt;
  return k;
}

ReassociationIndices mlir::tessera::reductionLoopRun(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() < 2 || !isa<linalg::GenericOp>(op))
    return {};
  SmallVector<unsigned> reductions;
  op.getReductionDims(reductions);
  ReassociationIndices run;
  for (unsigned loop : reductions) {
    if (!run.empty() && static_cast<int64_t>(loop) != run.back() + 1)
      return {};
    run.push_back(loop);
  }
  if (!linalg::areDimSequencesPreserved(op.getIndexingMapsArray(), {run}))
    return {};
  return run;
}

/// Whether the reduction of `op` is one combining op whose neutral element
/// is known (the partial results start from it).
static bool hasNeutralElement(linalg::LinalgOp op) {
  SmallVector<Operation *, 4> combiners;
  return matchReduction(op.getRegionOutputArgs(), 0, combiners) &&
         combiners.size() == 1 &&
         arith::getNeutralElement(combiners.front()).has_value();
}

void mlir::tessera::splitInnerReduction(RewriterBase &rewriter,
                                        linalg::LinalgOp op,
                                        const CPUCodegenConfig &config) {
  std::optional<unsigned> k = innerReductionLoop(op);
  if (!k)
    return;
  Type element = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  int64_t lanes = config.lanesFor(element.getIntOrFloatBitWidth());
  int64_t range = op.getStaticLoopRanges()[*k];
  if (range <= lanes || !hasNeutralElement(op))
    return;
  // Read before splitOp replaces `op`.
  unsigned outputRank =
      op.getMatchingIndexingMap(op.getDpsInitOperand(0)).getNumResults();
  // The remainder of the row that the lanes do not divide: reduced after
  // the rest, from its result.
  linalg::LinalgOp divisible = op;
  if (int64_t remainder = range % lanes) {
    rewriter.setInsertionPoint(op);
    auto [first, second] =
        linalg::splitOp(rewriter, cast<TilingInterface>(op.getOperation()), *k,
                        rewriter.getIndexAttr(range - remainder));
    if (!first || !second)
      return;
    divisible = cast<linalg::LinalgOp>(first.getOperation());
  }
  auto control = [&](linalg::LinalgOp) {
    linalg::SplitReductionOptions options;
    options.ratio = lanes;
    options.index = outputRank;
    options.innerParallel = true;
    return options;
  };
  (void)linalg::splitReduction(rewriter, divisible, control);
}

bool mlir::tessera::isShortRowReduction(linalg::LinalgOp op,
                                        int64_t maxElements) {
  std::optional<unsigned> k = innerReductionLoop(op);
  if (!k)
    return false;
  int64_t range = op.getStaticLoopRanges()[*k];
  return range >= 2 && range <= maxElements;
}
