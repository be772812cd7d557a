//===- GPUCollapseParallelLoops.cpp - One dimension per parallel loop -----===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUCOLLAPSEPARALLELLOOPS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
/// The number of points of a loop with constant bounds and steps, or -1.
int64_t numPoints(scf::ParallelOp loop) {
  int64_t points = 1;
  for (auto [lb, ub, step] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    std::optional<int64_t> l = getConstantIntValue(lb),
                           u = getConstantIntValue(ub),
                           s = getConstantIntValue(step);
    if (!l || !u || !s || *s <= 0)
      return -1;
    points *= std::max<int64_t>(0, (*u - *l + *s - 1) / *s);
  }
  return points;
}

/// Lets each thread compute `coarsening` points of the one-dimensional
/// loop `loop` (`points` points): a loop over ceil(points / (block *
/// coarsening)) * block points p, tiled by `block` next (p / block: the
/// workgroup w, p % block: the thread t), runs the body at the points
/// w * block * coarsening + j * block + t below `points`, for j = 0 ..
/// coarsening-1, so that the threads of a workgroup touch consecutive
/// points at every j (coalesced accesses).
void coarsen(IRRewriter &rewriter, scf::ParallelOp loop, int64_t points,
             int64_t block, int64_t coarsening) {
  Location loc = loop.getLoc();
  std::optional<int64_t> lbValue = getConstantIntValue(loop.getLowerBound()[0]);
  std::optional<int64_t> stepValue = getConstantIntValue(loop.getStep()[0]);
  if (!lbValue || !stepValue)
    return;
  int64_t lb = *lbValue, step = *stepValue;
  int64_t chunk = block * coarsening;
  int64_t threads = (points + chunk - 1) / chunk * block;
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(rewriter, loc, value);
  };
  rewriter.setInsertionPoint(loop);
  auto coarse = scf::ParallelOp::create(rewriter, loc, ValueRange{constant(0)},
                                        ValueRange{constant(threads)},
                                        ValueRange{constant(1)});
  rewriter.setInsertionPointToStart(coarse.getBody());
  Value p = coarse.getInductionVars()[0];
  Value group = arith::DivUIOp::create(rewriter, loc, p, constant(block));
  Value thread = arith::RemUIOp::create(rewriter, loc, p, constant(block));
  Value base = arith::AddIOp::create(
      rewriter, loc,
      arith::MulIOp::create(rewriter, loc, group, constant(chunk)), thread);
  auto each = scf::ForOp::create(rewriter, loc, constant(0),
                                 constant(coarsening), constant(1));
  rewriter.setInsertionPointToStart(each.getBody());
  Value index = arith::AddIOp::create(
      rewriter, loc, base,
      arith::MulIOp::create(rewriter, loc, each.getInductionVar(),
                            constant(block)));
  Value below = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::ult,
                                      index, constant(points));
  auto inBounds =
      scf::IfOp::create(rewriter, loc, below, /*withElseRegion=*/false);
  rewriter.setInsertionPointToStart(inBounds.thenBlock());
  // The original loop's induction variable at this point.
  Value iv = arith::AddIOp::create(
      rewriter, loc, constant(lb),
      arith::MulIOp::create(rewriter, loc, index, constant(step)));
  Block &body = loop.getRegion().front();
  Operation *reduce = body.getTerminator();
  rewriter.inlineBlockBefore(&body, inBounds.thenBlock()->getTerminator(),
                             ValueRange{iv});
  rewriter.eraseOp(reduce);
  rewriter.eraseOp(loop);
}

struct GPUCollapseParallelLoopsPass
    : public tessera::impl::GPUCollapseParallelLoopsBase<
          GPUCollapseParallelLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (coarsening < 1 || blockSize < 1) {
      getOperation().emitError()
          << "tessera-gpu-collapse-parallel-loops: coarsening and block-size "
             "must be positive (got coarsening="
          << int64_t(coarsening) << " block-size=" << int64_t(blockSize) << ")";
      return signalPassFailure();
    }
    // Outermost loops without reductions, with their number of points.
    SmallVector<std::pair<scf::ParallelOp, int64_t>> outermost;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>() &&
          loop.getNumReductions() == 0) {
        int64_t points = numPoints(loop);
        if (points > 0 && points <= maxPoints)
          outermost.emplace_back(loop, points);
      }
    });
    IRRewriter rewriter(&getContext());
    for (auto &[loop, points] : outermost) {
      if (loop.getNumLoops() == 1)
        continue;
      std::vector<unsigned> all(loop.getNumLoops());
      for (unsigned d = 0; d < all.size(); ++d)
        all[d] = d;
      // The collapsed loop replaces `loop` just before the op after it.
      Operation *next = loop->getNextNode();
      rewriter.setInsertionPoint(loop);
      collapseParallelLoops(rewriter, loop, {all});
      loop = cast<scf::ParallelOp>(next->getPrevNode());
    }
    if (coarsening == 1)
      return;
    for (auto [loop, points] : outermost)
      coarsen(rewriter, loop, points, blockSize, coarsening);
  }
};
} // namespace
