//===- CPULowerVectors.cpp - n-D vector ops to 1-D vectors and FMAs -------===//
//
// Runs on buffers, after bufferization: lowers the vector ops that
// tessera-cpu-tile-and-vectorize creates to the 1-D vector ops that
// convert-vector-to-llvm maps onto SIMD instructions.
//
//===----------------------------------------------------------------------===//

#include "CPUIntegerDotPairs.h"
#include "tessera/Transforms/Passes.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPULOWERVECTORS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// `acc + a * b` on vectors (what generic contraction bodies vectorize to,
/// once their unit reduction dimension is gone) as `vector.fma`: one
/// rounding instead of two, and the FMA units instead of separate
/// multiplies and adds.
struct FuseMulAdd : public OpRewritePattern<arith::AddFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::AddFOp add,
                                PatternRewriter &rewriter) const override {
    if (!isa<VectorType>(add.getType()))
      return failure();
    for (unsigned i = 0; i < 2; ++i) {
      auto mul = add->getOperand(i).getDefiningOp<arith::MulFOp>();
      if (!mul || !mul->hasOneUse())
        continue;
      rewriter.replaceOpWithNewOp<vector::FMAOp>(
          add, mul.getLhs(), mul.getRhs(), add->getOperand(1 - i));
      return success();
    }
    return failure();
  }
};

/// `acc - a * b` on vectors as `vector.fma(-a, b, acc)`.
struct FuseMulSub : public OpRewritePattern<arith::SubFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::SubFOp sub,
                                PatternRewriter &rewriter) const override {
    if (!isa<VectorType>(sub.getType()))
      return failure();
    auto mul = sub.getRhs().getDefiningOp<arith::MulFOp>();
    if (!mul || !mul->hasOneUse())
      return failure();
    Value negated = arith::NegFOp::create(rewriter, sub.getLoc(), mul.getLhs());
    rewriter.replaceOpWithNewOp<vector::FMAOp>(sub, negated, mul.getRhs(),
                                               sub.getLhs());
    return success();
  }
};

/// A transfer_read that broadcasts along its innermost vector dimensions
/// (the left operand of a generic contraction, read along m and broadcast
/// along n) as a read of the non-broadcast part and a vector.broadcast:
/// `mr` scalars broadcast to rows, instead of the transpose that the
/// upstream permutation-map lowering builds (which lowers element by
/// element).
struct TransferReadTrailingBroadcast
    : public OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    if (read.getMask())
      return failure();
    VectorType type = read.getVectorType();
    if (type.isScalable())
      return failure();
    AffineMap map = read.getPermutationMap();
    SmallVector<int64_t> shape(type.getShape());
    bool changed = false;
    for (int64_t i = int64_t(map.getNumResults()) - 1; i >= 0; --i) {
      auto constant = dyn_cast<AffineConstantExpr>(map.getResult(i));
      if (!constant)
        break;
      if (shape[i] != 1) {
        shape[i] = 1;
        changed = true;
      }
    }
    // A read that is all broadcast is a scalar load + broadcast upstream.
    if (!changed || llvm::all_of(map.getResults(), [](AffineExpr e) {
          return isa<AffineConstantExpr>(e);
        }))
      return failure();
    auto narrow = VectorType::get(shape, type.getElementType());
    Value value = vector::TransferReadOp::create(
        rewriter, read.getLoc(), narrow, read.getBase(), read.getIndices(),
        read.getPadding(), read.getPermutationMapAttr(),
        read.getInBoundsAttr());
    rewriter.replaceOpWithNewOp<vector::BroadcastOp>(read, type, value);
    return success();
  }
};

/// A 1-D vector.load whose every user extracts one element at a constant
/// position, as scalar loads of those elements.
struct ScalarizeExtractedLoad : public OpRewritePattern<vector::LoadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::LoadOp load,
                                PatternRewriter &rewriter) const override {
    VectorType type = load.getVectorType();
    if (type.getRank() != 1 || type.isScalable() || load->use_empty() ||
        load.getIndices().empty())
      return failure();
    SmallVector<vector::ExtractOp> extracts;
    for (Operation *user : load->getUsers()) {
      auto extract = dyn_cast<vector::ExtractOp>(user);
      if (!extract || isa<VectorType>(extract.getType()) ||
          !extract.getDynamicPosition().empty())
        return failure();
      extracts.push_back(extract);
    }
    for (vector::ExtractOp extract : extracts) {
      rewriter.setInsertionPoint(extract);
      SmallVector<Value> indices(load.getIndices());
      int64_t offset = extract.getStaticPosition()[0];
      Location loc = extract.getLoc();
      indices.back() = arith::AddIOp::create(
          rewriter, loc, indices.back(),
          arith::ConstantIndexOp::create(rewriter, loc, offset));
      rewriter.replaceOpWithNewOp<memref::LoadOp>(extract, load.getBase(),
                                                  indices);
    }
    rewriter.eraseOp(load);
    return success();
  }
};

/// A multi_reduction of a whole 1-D vector (a short row reduction's, or
/// the lanes of a split reduction's partial results) as vector.reduction,
/// which LLVM lowers to a tree of shuffles (log2(lanes) steps; with
/// reassociation for floating-point sums, see the CPU pipeline). The
/// upstream lowering would extract every lane and chain them one by one.
struct WholeVectorMultiReduction
    : public OpRewritePattern<vector::MultiDimReductionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::MultiDimReductionOp reduction,
                                PatternRewriter &rewriter) const override {
    auto type = reduction.getSourceVectorType();
    if (type.getRank() != 1 || type.isScalable() ||
        isa<VectorType>(reduction.getDestType()) ||
        reduction->getParentOfType<vector::MaskOp>())
      return failure();
    rewriter.replaceOpWithNewOp<vector::ReductionOp>(
        reduction, reduction.getKind(), reduction.getSource(),
        reduction.getAcc());
    return success();
  }
};

struct CPULowerVectorsPass
    : public tessera::impl::CPULowerVectorsBase<CPULowerVectorsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();

    bool hasVectors = false;
    func.walk([&](Operation *op) {
      if (isa_and_nonnull<vector::VectorDialect>(op->getDialect()))
        hasVectors = true;
    });
    if (!hasVectors)
      return;

    // Accumulators whose transfers survived on tensors.
    linalg::hoistRedundantVectorTransfers(func);

    auto apply = [&](auto populate) {
      RewritePatternSet patterns(ctx);
      populate(patterns);
      vector::populateVectorToVectorCanonicalizationPatterns(patterns);
      (void)applyPatternsGreedily(func, std::move(patterns));
    };

    // Integer GEMM tiles in pairs or quads of k, before the generic
    // lowerings below take their reads and reductions apart.
    if (x86PmaddwdBits != 0 || x86VpdpbusdBits != 0) {
      // A width the instruction has no intrinsic for: an error, not the
      // generic lowering in silence.
      auto unsupported = [&](StringRef option, int64_t bits,
                             StringRef intrinsic, StringRef widths) {
        if (bits == 0 || !intrinsic.empty())
          return false;
        func.emitError() << "tessera-cpu-lower-vectors: " << option
                         << " must be " << widths << ", got " << bits;
        return true;
      };
      if (unsupported("x86-pmaddwd-bits", x86PmaddwdBits,
                      tessera::x86PmaddwdIntrinsic(x86PmaddwdBits),
                      "0, 128, 256 or 512") ||
          unsupported("x86-vpdpbusd-bits", x86VpdpbusdBits,
                      tessera::x86VpdpbusdIntrinsic(x86VpdpbusdBits),
                      "0 or 512"))
        return signalPassFailure();
      apply([&](RewritePatternSet &patterns) {
        tessera::populateX86IntegerDotPairsPatterns(patterns, x86PmaddwdBits,
                                                    x86VpdpbusdBits);
      });
    }
    // Contractions to outer products, then FMAs on the accumulator's rows;
    // permutation maps of transfers to transposes and broadcasts.
    apply([](RewritePatternSet &patterns) {
      patterns.add<FuseMulAdd, FuseMulSub>(patterns.getContext());
      patterns.add<WholeVectorMultiReduction>(patterns.getContext(),
                                              /*benefit=*/2);
      patterns.add<TransferReadTrailingBroadcast>(patterns.getContext(),
                                                  /*benefit=*/2);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerParallel);
    });
    // Unit dimensions away, transposes, broadcasts and shape casts down to
    // 1-D.
    apply([](RewritePatternSet &patterns) {
      vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
      vector::populateVectorTransferDropUnitDimsPatterns(patterns);
      vector::populateDropUnitDimWithShapeCastPatterns(patterns);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    });
    apply([](RewritePatternSet &patterns) {
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorMaskOpLoweringPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerParallel);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
    });
    // n-D transfers: unrolled into 1-D ones, then loads and stores.
    apply([](RewritePatternSet &patterns) {
      populateVectorToSCFConversionPatterns(
          patterns,
          VectorTransferToSCFOptions().enableFullUnroll().setTargetRank(1));
    });
    apply([](RewritePatternSet &patterns) {
      vector::populateVectorTransferLoweringPatterns(patterns,
                                                     /*maxTransferRank=*/1);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      // The single-iteration loops of unrolled 1-D transfers.
      scf::ForOp::getCanonicalizationPatterns(patterns, patterns.getContext());
    });
    // Elements extracted from a loaded vector (a packed left operand's mr
    // values, each broadcast to a row) as scalar loads, which LLVM folds
    // into broadcasts from memory; extracting them from a register instead
    // costs shuffles and registers, and the register tile then spills.
    apply([](RewritePatternSet &patterns) {
      patterns.add<ScalarizeExtractedLoad>(patterns.getContext());
    });
  }
};

} // namespace
