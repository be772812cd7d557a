//===- FuseElementwiseOps.cpp - Elementwise fusion that keeps contractions ===//
//
// Upstream's linalg-fuse-elementwise-ops fuses every single-use elementwise
// producer into its consumer. Into a contraction that is a loss on the CPU:
// `(q + bias_q) . (k + bias_k)` becomes one generic whose body adds the
// biases for every multiply (recomputed across the other operand's
// dimension), which tessera-cpu-tile-and-vectorize no longer recognizes as
// a contraction (its body is not a multiply-accumulate), so it runs as
// scalar-ish loops instead of register-tiled FMAs (the Kronecker attention
// block's P.V: 17.8 ms instead of about 1 ms). The code generator fuses such
// producers itself, into the packing of the operand's strips, computing
// each element once.
//
// A linalg.transpose between elementwise ops becomes a generic first, so that
// they fuse through it: the int4 weight path of a quantized linear layer
// (quantize to i4, transpose to [K, N], widen to i8) is then one op from f32
// to i8, and no sub-byte tensor is stored and transposed nibble by nibble.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_FUSEELEMENTWISEOPS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
/// Fuses the producer of `operand` into its consumer unless the consumer
/// reduces and reads each element of the operand more than once (its
/// indexing map leaves out some of the consumer's loops, as a contraction's
/// operands do): the producer's body would be recomputed per read.
bool shouldFuse(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (!consumer || consumer.getNumReductionLoops() == 0)
    return true;
  AffineMap map = consumer.getMatchingIndexingMap(operand);
  for (unsigned loop = 0; loop < consumer.getNumLoops(); ++loop)
    if (!map.isFunctionOfDim(loop))
      return false;
  return true;
}

bool isElementwiseGeneric(Operation *op) {
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  return generic && generic.getNumLoops() == generic.getNumParallelLoops();
}

/// Rewrites the transposes that an elementwise producer or consumer would
/// fuse with (a single use on the fused side) as generics, which the fusion
/// patterns take; other transposes stay named ops.
void generalizeFusibleTransposes(func::FuncOp func) {
  SmallVector<linalg::TransposeOp> transposes;
  func.walk([&](linalg::TransposeOp op) {
    Operation *producer = op.getInput().getDefiningOp();
    bool fromElementwise =
        isElementwiseGeneric(producer) && producer->hasOneUse();
    bool intoElementwise =
        op->hasOneUse() && isElementwiseGeneric(*op->user_begin());
    if (fromElementwise || intoElementwise)
      transposes.push_back(op);
  });
  IRRewriter rewriter(func.getContext());
  for (linalg::TransposeOp op : transposes) {
    rewriter.setInsertionPoint(op);
    (void)linalg::generalizeNamedOp(rewriter, op);
  }
}

struct FuseElementwiseOpsPass
    : public tessera::impl::FuseElementwiseOpsBase<FuseElementwiseOpsPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    getOperation()->walk(
        [](func::FuncOp func) { generalizeFusibleTransposes(func); });
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    // As upstream's pass: reshapes folded by expanding the ops around them,
    // and the canonicalizations that the fused ops need.
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, shouldFuse);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, shouldFuse);
    if (failed(applyPatternsGreedily(
            getOperation(), std::move(patterns),
            GreedyRewriteConfig().setUseTopDownTraversal(true))))
      return signalPassFailure();
  }
};
} // namespace
