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

struct GPUCollapseParallelLoopsPass
    : public tessera::impl::GPUCollapseParallelLoopsBase<
          GPUCollapseParallelLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>() && loop.getNumLoops() > 1 &&
          loop.getNumReductions() == 0) {
        int64_t points = numPoints(loop);
        if (points > 0 && points <= maxPoints)
          outermost.push_back(loop);
      }
    });
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp loop : outermost) {
      std::vector<unsigned> all(loop.getNumLoops());
      for (unsigned d = 0; d < all.size(); ++d)
        all[d] = d;
      rewriter.setInsertionPoint(loop);
      collapseParallelLoops(rewriter, loop, {all});
    }
  }
};
} // namespace
