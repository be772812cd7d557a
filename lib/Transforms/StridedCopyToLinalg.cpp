//===- StridedCopyToLinalg.cpp - Keep copies free of runtime helpers ------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_STRIDEDCOPYTOLINALG
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
/// A copy the LLVM lowering turns into llvm.memcpy: both sides have the
/// identity layout (so are contiguous).
bool isContiguousCopy(memref::CopyOp copy) {
  auto isIdentity = [](Type type) {
    auto memref = dyn_cast<MemRefType>(type);
    return memref && memref.getLayout().isIdentity();
  };
  return isIdentity(copy.getSource().getType()) &&
         isIdentity(copy.getTarget().getType());
}

struct StridedCopyToLinalgCopy : OpRewritePattern<memref::CopyOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(memref::CopyOp copy,
                                PatternRewriter &rewriter) const override {
    if (isContiguousCopy(copy) || !isa<MemRefType>(copy.getSource().getType()))
      return failure();
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                copy.getTarget());
    return success();
  }
};

struct StridedCopyToLinalgPass
    : public tessera::impl::StridedCopyToLinalgBase<StridedCopyToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<StridedCopyToLinalgCopy>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
