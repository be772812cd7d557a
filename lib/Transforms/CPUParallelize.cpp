//===- CPUParallelize.cpp - Thread slices to parallel loops ---------------===//
//
// tessera-cpu-tile-and-vectorize splits big ops into one scf.forall slice
// per thread. After bufferization, this pass turns those foralls into
// scf.parallel loops (which convert-scf-to-openmp maps onto the OpenMP
// runtime) and gives every iteration its own copy of the scratch buffers
// that buffer-loop-hoisting moved out of them: a packing buffer shared by
// two threads would be a data race.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPUPARALLELIZE
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// Scratch buffers up to this size live on the stack of the thread that
/// runs the iteration (LLVM's OpenMP runtime gives its workers 4 MiB);
/// larger ones are heap allocations of the iteration.
constexpr int64_t kMaxStackBytes = 512 * 1024;

bool isViewLike(Operation *op) {
  return isa<ViewLikeOpInterface, memref::CastOp, memref::ExpandShapeOp,
             memref::CollapseShapeOp>(op);
}

/// The allocation `alloc` (outside `loop`) and the views of it that are also
/// outside, in program order, if every other use of the buffer is inside
/// `loop`: a buffer that only the iterations of `loop` touch. Empty
/// otherwise.
SmallVector<Operation *> collectScratch(Operation *alloc,
                                        scf::ParallelOp loop) {
  SmallVector<Operation *> ops{alloc};
  SmallVector<Value> worklist{alloc->getResult(0)};
  bool usedInside = false;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      if (loop->isProperAncestor(user)) {
        usedInside = true;
        continue;
      }
      if (!isViewLike(user) || user->getNumResults() != 1 ||
          user->getBlock() != alloc->getBlock())
        return {};
      ops.push_back(user);
      worklist.push_back(user->getResult(0));
    }
  }
  if (!usedInside)
    return {};
  llvm::sort(ops, [](Operation *a, Operation *b) {
    return a->isBeforeInBlock(b);
  });
  ops.erase(std::unique(ops.begin(), ops.end()), ops.end());
  return ops;
}

/// Moves every scratch buffer of `loop` (see collectScratch) to the start
/// of its body: each iteration gets its own. The views' other operands are
/// defined outside the loop, so they still dominate their uses.
void privatizeScratch(RewriterBase &rewriter, scf::ParallelOp loop) {
  auto func = loop->getParentOfType<func::FuncOp>();
  SmallVector<Operation *> allocs;
  func.walk([&](Operation *op) {
    if (isa<memref::AllocOp, memref::AllocaOp>(op) &&
        !loop->isProperAncestor(op))
      allocs.push_back(op);
  });
  Block *body = loop.getBody();
  for (Operation *alloc : allocs) {
    SmallVector<Operation *> scratch = collectScratch(alloc, loop);
    if (scratch.empty())
      continue;
    // The operands of the allocation and its views must dominate the body.
    bool movable = llvm::all_of(scratch, [&](Operation *op) {
      return llvm::all_of(op->getOperands(), [&](Value operand) {
        Operation *def = operand.getDefiningOp();
        return llvm::is_contained(scratch, def) ||
               !def || def->isBeforeInBlock(loop) ||
               def->getBlock() != loop->getBlock();
      });
    });
    if (!movable || alloc->getBlock() != loop->getBlock() ||
        !alloc->isBeforeInBlock(loop))
      continue;
    rewriter.setInsertionPointToStart(body);
    auto type = cast<MemRefType>(alloc->getResult(0).getType());
    Operation *first = alloc;
    if (auto heap = dyn_cast<memref::AllocOp>(alloc);
        heap && type.hasStaticShape() && type.getElementType().isIntOrFloat() &&
        type.getNumElements() * type.getElementTypeBitWidth() / 8 <=
            kMaxStackBytes) {
      first = memref::AllocaOp::create(rewriter, heap.getLoc(), type,
                                       heap.getDynamicSizes(),
                                       heap.getSymbolOperands(),
                                       heap.getAlignmentAttr());
      rewriter.replaceOp(heap, first->getResults());
      scratch.front() = first;
    }
    Operation *insertAfter = nullptr;
    for (Operation *op : scratch) {
      if (insertAfter)
        op->moveAfter(insertAfter);
      else
        op->moveBefore(body, body->begin());
      insertAfter = op;
    }
  }
}

struct CPUParallelizePass
    : public tessera::impl::CPUParallelizeBase<CPUParallelizePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<scf::ForallOp> foralls;
    getOperation().walk([&](scf::ForallOp op) { foralls.push_back(op); });
    for (scf::ForallOp forall : foralls) {
      if (forall.getNumResults() != 0) {
        forall.emitOpError("still has tensor results: "
                           "tessera-cpu-parallelize runs after bufferization");
        return signalPassFailure();
      }
      rewriter.setInsertionPoint(forall);
      // Nested thread slices run on the thread of their parent slice.
      if (forall->getParentOfType<scf::ParallelOp>() ||
          forall->getParentOfType<scf::ForallOp>()) {
        if (failed(scf::forallToForLoop(rewriter, forall))) {
          forall.emitOpError("could not be turned into sequential loops");
          return signalPassFailure();
        }
        continue;
      }
      scf::ParallelOp parallel;
      if (failed(scf::forallToParallelLoop(rewriter, forall, &parallel))) {
        forall.emitOpError("could not be turned into an scf.parallel loop");
        return signalPassFailure();
      }
      privatizeScratch(rewriter, parallel);
    }
  }
};

} // namespace
