//===- CPUIntegerDotPairs.cpp - Narrow integer products in pairs ----------===//
//
// One 32-bit product per lane and instruction (vpmulld, then vpaddd) is
// what an integer GEMM's register tile becomes by default; vpmulld is two
// micro-ops on one port on Intel cores. pmaddwd multiplies 16-bit lanes and
// adds each adjacent pair of products into a 32-bit lane: two steps of k
// per instruction, fused with the accumulation (vpdpwssd) where the CPU has
// VNNI. See CPUIntegerDotPairs.h.
//
//===----------------------------------------------------------------------===//

#include "CPUIntegerDotPairs.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using mlir::tessera::x86PmaddwdIntrinsic;

llvm::StringRef mlir::tessera::x86PmaddwdIntrinsic(int64_t bits) {
  switch (bits) {
  case 128:
    return "llvm.x86.sse2.pmadd.wd";
  case 256:
    return "llvm.x86.avx2.pmadd.wd";
  case 512:
    return "llvm.x86.avx512.pmaddw.d.512";
  default:
    return "";
  }
}

namespace {

/// An integer operand before its extension to the accumulator's i32.
struct NarrowOperand {
  Value value;
  bool isSigned;
};

/// Whether integers of `type`, extended by sign or by zero, fit an i16.
bool fitsI16(Type type, bool isSigned) {
  auto integer = dyn_cast<IntegerType>(getElementTypeOrSelf(type));
  return integer && integer.getWidth() <= (isSigned ? 16u : 15u);
}

/// `value` as arith.extsi / arith.extui of narrow integers that fit an i16.
std::optional<NarrowOperand> matchExtension(Value value) {
  if (auto ext = value.getDefiningOp<arith::ExtSIOp>())
    if (fitsI16(ext.getIn().getType(), /*isSigned=*/true))
      return NarrowOperand{ext.getIn(), true};
  if (auto ext = value.getDefiningOp<arith::ExtUIOp>())
    if (fitsI16(ext.getIn().getType(), /*isSigned=*/false))
      return NarrowOperand{ext.getIn(), false};
  return std::nullopt;
}

/// `operand` extended to 16-bit lanes, the way its extension to i32 did.
Value toI16(PatternRewriter &rewriter, Location loc, NarrowOperand operand) {
  auto type = cast<VectorType>(operand.value.getType());
  if (type.getElementTypeBitWidth() == 16)
    return operand.value;
  auto wide = type.clone(rewriter.getI16Type());
  if (operand.isSigned)
    return arith::ExtSIOp::create(rewriter, loc, wide, operand.value);
  return arith::ExtUIOp::create(rewriter, loc, wide, operand.value);
}

/// acc[m, n] + sum_k a[m, k] * b[k, n], with a: vector<M x K x i16>,
/// b: vector<K x N x i16>, acc: vector<M x N x i32>, K even and N a
/// multiple of `lanes`, through `intrinsic` (pmaddwd of 2 x `lanes` i16).
Value buildPairSums(PatternRewriter &rewriter, Location loc, Value a, Value b,
                    Value acc, StringRef intrinsic, int64_t lanes) {
  auto accType = cast<VectorType>(acc.getType());
  int64_t rows = accType.getDimSize(0), columns = accType.getDimSize(1);
  int64_t depth = cast<VectorType>(a.getType()).getDimSize(1);
  int64_t chunks = columns / lanes;
  Type i32 = rewriter.getI32Type();
  auto sumType = VectorType::get({lanes}, i32);
  auto pairsType = VectorType::get({2 * lanes}, rewriter.getI16Type());
  auto wordType = VectorType::get({1}, i32);
  StringAttr name = rewriter.getStringAttr(intrinsic);

  // The accumulator as rows x chunks vectors of one register each.
  SmallVector<SmallVector<Value>> sums(rows);
  for (int64_t m = 0; m < rows; ++m) {
    Value row = vector::ExtractOp::create(rewriter, loc, acc, m);
    for (int64_t c = 0; c < chunks; ++c)
      sums[m].push_back(vector::ExtractStridedSliceOp::create(
          rewriter, loc, row, {c * lanes}, {lanes}, {1}));
  }

  // b's rows k and k + 1 interleaved: lane pairs (b[k, n], b[k + 1, n]).
  SmallVector<int64_t> interleave;
  for (int64_t n = 0; n < columns; ++n) {
    interleave.push_back(n);
    interleave.push_back(columns + n);
  }
  for (int64_t k = 0; k < depth; k += 2) {
    Value first = vector::ExtractOp::create(rewriter, loc, b, k);
    Value second = vector::ExtractOp::create(rewriter, loc, b, k + 1);
    Value bPairs =
        vector::ShuffleOp::create(rewriter, loc, first, second, interleave);
    SmallVector<Value> bChunks;
    for (int64_t c = 0; c < chunks; ++c)
      bChunks.push_back(vector::ExtractStridedSliceOp::create(
          rewriter, loc, bPairs, {2 * c * lanes}, {2 * lanes}, {1}));
    for (int64_t m = 0; m < rows; ++m) {
      // (a[m, k], a[m, k + 1]) as one i32, in every lane.
      Value aRow = vector::ExtractOp::create(rewriter, loc, a, m);
      Value aPair = vector::ExtractStridedSliceOp::create(rewriter, loc, aRow,
                                                          {k}, {2}, {1});
      Value aWord = vector::BitCastOp::create(rewriter, loc, wordType, aPair);
      Value aSplat = vector::BroadcastOp::create(rewriter, loc, sumType, aWord);
      Value aPairs =
          vector::BitCastOp::create(rewriter, loc, pairsType, aSplat);
      for (int64_t c = 0; c < chunks; ++c) {
        Value products =
            LLVM::CallIntrinsicOp::create(rewriter, loc, sumType, name,
                                          ValueRange{aPairs, bChunks[c]})
                .getResult(0);
        sums[m][c] = arith::AddIOp::create(rewriter, loc, sums[m][c], products);
      }
    }
  }

  Value result = acc;
  for (int64_t m = 0; m < rows; ++m) {
    Value row = vector::ExtractOp::create(rewriter, loc, acc, m);
    for (int64_t c = 0; c < chunks; ++c)
      row = vector::InsertStridedSliceOp::create(rewriter, loc, sums[m][c],
                                                 row, {c * lanes}, {1});
    result = vector::InsertOp::create(rewriter, loc, row, result, m);
  }
  return result;
}

/// Whether a tile of acc `accType` over `depth` steps of k has the shape
/// that buildPairSums takes.
bool hasPairShape(VectorType accType, int64_t depth, int64_t lanes) {
  return accType.getRank() == 2 && !accType.isScalable() &&
         accType.getElementType().isInteger(32) && depth > 0 &&
         depth % 2 == 0 && accType.getDimSize(1) % lanes == 0;
}

/// Whether `read` broadcasts its vector's dimension `dim` (its permutation
/// map's result there is the constant 0).
bool broadcastsAlong(vector::TransferReadOp read, unsigned dim) {
  if (!read || read.getMask() || read.getVectorType().isScalable())
    return false;
  auto constant =
      dyn_cast<AffineConstantExpr>(read.getPermutationMap().getResult(dim));
  return constant && constant.getValue() == 0;
}

/// A read of the same elements as `read`, of its vector's dimensions
/// `dims` only, in that order (the others are ones it broadcasts).
Value readDims(PatternRewriter &rewriter, vector::TransferReadOp read,
               ArrayRef<unsigned> dims) {
  VectorType type = read.getVectorType();
  AffineMap map = read.getPermutationMap();
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> results;
  SmallVector<bool> inBounds;
  for (unsigned dim : dims) {
    shape.push_back(type.getDimSize(dim));
    results.push_back(map.getResult(dim));
    inBounds.push_back(read.isDimInBounds(dim));
  }
  return vector::TransferReadOp::create(
      rewriter, read.getLoc(), VectorType::get(shape, type.getElementType()),
      read.getBase(), read.getIndices(), read.getPadding(),
      AffineMapAttr::get(AffineMap::get(map.getNumDims(), 0, results,
                                        rewriter.getContext())),
      rewriter.getBoolArrayAttr(inBounds));
}

/// The generic contraction form: acc[m, n] + reduce over k of
/// ext(a) * ext(b) on vector<M x K x N> or vector<M x N x K> (as a generic
/// op's loops were ordered), a's read broadcast along n and b's along m.
struct MultiReductionPairs
    : public OpRewritePattern<vector::MultiDimReductionOp> {
  MultiReductionPairs(MLIRContext *ctx, int64_t bits)
      : OpRewritePattern(ctx, /*benefit=*/10), bits(bits) {}

  LogicalResult matchAndRewrite(vector::MultiDimReductionOp reduction,
                                PatternRewriter &rewriter) const override {
    int64_t lanes = bits / 32;
    VectorType source = reduction.getSourceVectorType();
    auto accType = dyn_cast<VectorType>(reduction.getDestType());
    ArrayRef<int64_t> reduced = reduction.getReductionDims();
    if (reduction.getKind() != vector::CombiningKind::ADD ||
        source.getRank() != 3 || !accType || reduced.size() != 1 ||
        reduced[0] == 0 || reduction->getParentOfType<vector::MaskOp>())
      return failure();
    unsigned mDim = 0, kDim = reduced[0], nDim = 3 - kDim;
    if (!hasPairShape(accType, source.getDimSize(kDim), lanes))
      return failure();
    auto mul = reduction.getSource().getDefiningOp<arith::MulIOp>();
    if (!mul)
      return failure();
    for (auto [left, right] : {std::pair(mul.getLhs(), mul.getRhs()),
                               std::pair(mul.getRhs(), mul.getLhs())}) {
      std::optional<NarrowOperand> a = matchExtension(left);
      std::optional<NarrowOperand> b = matchExtension(right);
      if (!a || !b)
        continue;
      auto aRead = a->value.getDefiningOp<vector::TransferReadOp>();
      auto bRead = b->value.getDefiningOp<vector::TransferReadOp>();
      if (!broadcastsAlong(aRead, nDim) || !broadcastsAlong(bRead, mDim))
        continue;
      Location loc = reduction.getLoc();
      a->value = readDims(rewriter, aRead, {mDim, kDim});
      b->value = readDims(rewriter, bRead, {kDim, nDim});
      Value result = buildPairSums(
          rewriter, loc, toI16(rewriter, loc, *a), toI16(rewriter, loc, *b),
          reduction.getAcc(), x86PmaddwdIntrinsic(bits), lanes);
      rewriter.replaceOp(reduction, result);
      return success();
    }
    return failure();
  }

  int64_t bits;
};

/// An operand of an integer vector.contract: its extension to i32, or the
/// contraction's own promotion (by sign) of narrower operands.
std::optional<NarrowOperand> contractOperand(Value value) {
  if (getElementTypeOrSelf(value.getType()).isInteger(32))
    return matchExtension(value);
  if (fitsI16(value.getType(), /*isSigned=*/true))
    return NarrowOperand{value, true};
  return std::nullopt;
}

/// The named contraction form: vector.contract of a vector<M x K> by a
/// vector<K x N> into vector<M x N x i32>.
struct ContractPairs : public OpRewritePattern<vector::ContractionOp> {
  ContractPairs(MLIRContext *ctx, int64_t bits)
      : OpRewritePattern(ctx, /*benefit=*/10), bits(bits) {}

  LogicalResult matchAndRewrite(vector::ContractionOp contract,
                                PatternRewriter &rewriter) const override {
    int64_t lanes = bits / 32;
    auto accType = dyn_cast<VectorType>(contract.getAccType());
    if (contract.getKind() != vector::CombiningKind::ADD || !accType ||
        !isRowMajorMatmul(contract.getIndexingMapsAttr()) ||
        !hasPairShape(accType, contract.getLhsType().getDimSize(1), lanes) ||
        contract->getParentOfType<vector::MaskOp>())
      return failure();
    std::optional<NarrowOperand> a = contractOperand(contract.getLhs());
    std::optional<NarrowOperand> b = contractOperand(contract.getRhs());
    if (!a || !b)
      return failure();
    Location loc = contract.getLoc();
    Value result = buildPairSums(
        rewriter, loc, toI16(rewriter, loc, *a), toI16(rewriter, loc, *b),
        contract.getAcc(), x86PmaddwdIntrinsic(bits), lanes);
    rewriter.replaceOp(contract, result);
    return success();
  }

  int64_t bits;
};

} // namespace

void mlir::tessera::populateX86IntegerDotPairsPatterns(
    RewritePatternSet &patterns, int64_t bits) {
  if (x86PmaddwdIntrinsic(bits).empty())
    return;
  patterns.add<MultiReductionPairs, ContractPairs>(patterns.getContext(),
                                                   bits);
}
