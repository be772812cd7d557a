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
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/Interfaces/VectorInterfaces.h"
#include "mlir/Transforms/DialectConversion.h"
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

/// The lanes of the pieces a vector of `type` is split into (its innermost
/// dimension in vectors of `bits`), or 0 if it is kept whole.
int64_t splitLanes(VectorType type, int64_t bits) {
  if (type.getRank() == 0 || type.isScalable() ||
      !type.getElementType().isIntOrFloat())
    return 0;
  int64_t elementBits = type.getElementType().getIntOrFloatBitWidth();
  if (bits % elementBits != 0)
    return 0;
  int64_t lanes = bits / elementBits, length = type.getShape().back();
  if (length <= lanes || length % lanes != 0 ||
      llvm::isPowerOf2_64(length / lanes))
    return 0;
  return lanes;
}

/// The shape `op` (a vector op, after the lowerings above) is unrolled to:
/// its vector in 1-D pieces of `bits` (splitLanes). LLVM would widen a row
/// of a non-power-of-two number of vectors to the next power of two (a
/// 48-lane f32 row of 512-bit vectors to 64 lanes) and legalize its loads,
/// stores and FMAs element by element: an 8 x 48 register tile ran 16-30x
/// slower than 8 x 32 or 8 x 64 ones.
std::optional<SmallVector<int64_t>> nativeShapeOf(Operation *op, int64_t bits,
                                                  bool rows) {
  auto unrollable = dyn_cast<VectorUnrollOpInterface>(op);
  if (!unrollable)
    return std::nullopt;
  std::optional<SmallVector<int64_t>> shape = unrollable.getShapeForUnroll();
  if (!shape || shape->empty())
    return std::nullopt;
  // Ops whose unrolled shape is their vector's (elementwise ops, loads,
  // stores, broadcasts; not contractions, whose shape is their iteration
  // space): n-D ones first into rows (`rows`), which fold with the rows
  // they are made of; then rows into pieces.
  for (Type type :
       llvm::concat<Type>(op->getResultTypes(), op->getOperandTypes()))
    if (auto vector = dyn_cast<VectorType>(type))
      if (int64_t lanes = splitLanes(vector, bits);
          lanes && vector.getShape() == ArrayRef<int64_t>(*shape) &&
          (shape->size() > 1) == rows) {
        SmallVector<int64_t> native(shape->size(), 1);
        native.back() = rows ? shape->back() : lanes;
        return native;
      }
  return std::nullopt;
}

/// The register tiles that loops carry (a k loop's accumulators), split
/// like the ops on them (nativeShapeOf): an 8 x 48 f32 tile as 24 vectors
/// of 16 lanes instead of 8 rows of 48, which LLVM would carry as 8 rows
/// widened to 64 lanes, legalized element by element. A 1:N conversion of
/// the loops' types; the pieces are taken out of the whole vector and put
/// back by strided slices, which fold away once the ops in the loop are
/// unrolled the same way.
LogicalResult splitLoopCarriedVectors(func::FuncOp func, int64_t bits) {
  TypeConverter converter;
  converter.addConversion([](Type type) { return type; });
  converter.addConversion(
      [bits](VectorType type,
             SmallVectorImpl<Type> &pieces) -> std::optional<LogicalResult> {
        int64_t lanes = splitLanes(type, bits);
        if (lanes == 0)
          return std::nullopt;
        int64_t count = type.getNumElements() / lanes;
        pieces.append(count, VectorType::get({lanes}, type.getElementType()));
        return success();
      });
  // Pieces, row-major, out of a whole vector.
  converter.addTargetMaterialization([](OpBuilder &builder, TypeRange pieces,
                                        ValueRange inputs,
                                        Location loc) -> SmallVector<Value> {
    SmallVector<Value> values;
    auto type = dyn_cast<VectorType>(inputs.front().getType());
    if (inputs.size() != 1 || !type)
      return values;
    int64_t lanes = cast<VectorType>(pieces.front()).getNumElements();
    int64_t length = type.getShape().back();
    SmallVector<int64_t> rowShape(type.getShape().drop_back());
    int64_t rows = type.getNumElements() / length;
    for (int64_t row = 0; row < rows; ++row) {
      Value whole = inputs.front();
      if (!rowShape.empty())
        whole = vector::ExtractOp::create(
            builder, loc, whole, delinearize(row, computeStrides(rowShape)));
      for (int64_t offset = 0; offset < length; offset += lanes)
        values.push_back(vector::ExtractStridedSliceOp::create(
            builder, loc, whole, offset, lanes, 1));
    }
    return values;
  });
  // A whole vector out of its pieces.
  converter.addSourceMaterialization([](OpBuilder &builder, VectorType type,
                                        ValueRange pieces,
                                        Location loc) -> Value {
    int64_t length = type.getShape().back();
    int64_t lanes = cast<VectorType>(pieces.front().getType()).getNumElements();
    auto rowType = VectorType::get({length}, type.getElementType());
    SmallVector<int64_t> rowShape(type.getShape().drop_back());
    Value whole = ub::PoisonOp::create(builder, loc, type);
    size_t next = 0;
    for (int64_t row = 0; row < type.getNumElements() / length; ++row) {
      Value rowValue = ub::PoisonOp::create(builder, loc, rowType);
      for (int64_t offset = 0; offset < length; offset += lanes)
        rowValue = vector::InsertStridedSliceOp::create(
            builder, loc, pieces[next++], rowValue, offset, 1);
      whole = rowShape.empty() ? rowValue
                               : vector::InsertOp::create(
                                     builder, loc, rowValue, whole,
                                     delinearize(row, computeStrides(rowShape)))
                                     .getResult();
    }
    return whole;
  });
  ConversionTarget target(*func.getContext());
  RewritePatternSet patterns(func.getContext());
  scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                       target);
  target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
  return applyPartialConversion(func, target, std::move(patterns));
}

struct CPULowerVectorsPass
    : public tessera::impl::CPULowerVectorsBase<CPULowerVectorsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();

    // A SIMD register's width: a power of two, 64 bits (MMX-sized) or more.
    if (nativeVectorBits != 0 &&
        (nativeVectorBits < 64 || !llvm::isPowerOf2_64(nativeVectorBits))) {
      func.emitError() << "tessera-cpu-lower-vectors: native-vector-bits "
                          "must be 0 or a power of two of at least 64, got "
                       << static_cast<int64_t>(nativeVectorBits);
      return signalPassFailure();
    }

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
    // Square transposes of 32-bit lanes (the transposing tiles of
    // elementwise ops: tessera-cpu-tile-and-vectorize) as shuffles:
    // unpacks and lane permutes for 16 x 16, one shuffle of the flattened
    // vector otherwise; the rest element by element.
    {
      SmallVector<Operation *> square;
      func.walk([&](vector::TransposeOp op) {
        VectorType type = op.getSourceVectorType();
        if (type.getRank() == 2 && type.getDimSize(0) == type.getDimSize(1) &&
            llvm::is_contained({4, 8, 16}, type.getDimSize(0)) &&
            type.getElementType().isIntOrFloat() &&
            type.getElementType().getIntOrFloatBitWidth() == 32)
          square.push_back(op);
      });
      RewritePatternSet patterns(&getContext());
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::Shuffle16x16);
      GreedyRewriteConfig config;
      config.setStrictness(GreedyRewriteStrictness::ExistingOps);
      (void)applyOpPatternsGreedily(square, std::move(patterns), config);
    }
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
    if (nativeVectorBits > 0) {
      int64_t bits = nativeVectorBits;
      if (failed(splitLoopCarriedVectors(func, bits)))
        return signalPassFailure();
      for (bool rows : {true, false})
        apply([&](RewritePatternSet &patterns) {
          vector::populateVectorUnrollPatterns(
              patterns,
              vector::UnrollVectorOptions().setNativeShapeFn(
                  [bits,
                   rows](Operation *op) -> std::optional<SmallVector<int64_t>> {
                    return nativeShapeOf(op, bits, rows);
                  }));
          vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
        });
    }
  }
};

} // namespace
