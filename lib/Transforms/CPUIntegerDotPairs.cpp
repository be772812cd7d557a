//===- CPUIntegerDotPairs.cpp - Narrow integer products in pairs ----------===//
//
// One 32-bit product per lane and instruction (vpmulld, then vpaddd) is
// what an integer GEMM's register tile becomes by default; vpmulld is two
// micro-ops on one port on Intel cores. pmaddwd multiplies 16-bit lanes and
// adds each adjacent pair of products into a 32-bit lane: two steps of k
// per instruction, fused with the accumulation (vpdpwssd) where the CPU has
// VNNI. vpdpbusd does the same with four bytes per lane. See
// CPUIntegerDotPairs.h.
//
//===----------------------------------------------------------------------===//

#include "CPUIntegerDotPairs.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using mlir::tessera::x86PmaddwdIntrinsic;
using mlir::tessera::x86VpdpbusdIntrinsic;

llvm::StringRef mlir::tessera::x86VpdpbusdIntrinsic(int64_t bits) {
  return bits == 512 ? "llvm.x86.avx512.vpdpbusd.512" : "";
}

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

/// `operand` extended to `bits`-bit lanes, the way its extension to i32
/// did.
Value toWidth(PatternRewriter &rewriter, Location loc, NarrowOperand operand,
              unsigned bits) {
  auto type = cast<VectorType>(operand.value.getType());
  if (type.getElementTypeBitWidth() == bits)
    return operand.value;
  auto wide = type.clone(rewriter.getIntegerType(bits));
  if (operand.isSigned)
    return arith::ExtSIOp::create(rewriter, loc, wide, operand.value);
  return arith::ExtUIOp::create(rewriter, loc, wide, operand.value);
}

/// The accumulator acc: vector<M x N x i32> as M x (N / lanes) vectors of
/// one register each.
SmallVector<SmallVector<Value>> splitRows(PatternRewriter &rewriter,
                                          Location loc, Value acc,
                                          int64_t lanes) {
  auto accType = cast<VectorType>(acc.getType());
  SmallVector<SmallVector<Value>> sums(accType.getDimSize(0));
  for (int64_t m = 0; m < accType.getDimSize(0); ++m) {
    Value row = vector::ExtractOp::create(rewriter, loc, acc, m);
    for (int64_t c = 0; c < accType.getDimSize(1) / lanes; ++c)
      sums[m].push_back(vector::ExtractStridedSliceOp::create(
          rewriter, loc, row, {c * lanes}, {lanes}, {1}));
  }
  return sums;
}

/// splitRows' inverse: the vectors `sums` as a value of acc's type.
Value joinRows(PatternRewriter &rewriter, Location loc, Value acc,
               ArrayRef<SmallVector<Value>> sums) {
  Value result = acc;
  for (auto [m, rowSums] : llvm::enumerate(sums)) {
    Value row = vector::ExtractOp::create(rewriter, loc, acc, m);
    for (auto [c, sum] : llvm::enumerate(rowSums)) {
      int64_t lanes = cast<VectorType>(sum.getType()).getDimSize(0);
      row = vector::InsertStridedSliceOp::create(rewriter, loc, sum, row,
                                                 {int64_t(c) * lanes}, {1});
    }
    result = vector::InsertOp::create(rewriter, loc, row, result, m);
  }
  return result;
}

/// Rows k .. k + group - 1 of b (vector<K x N>) interleaved: the group's
/// elements of each column n next to each other, then split into vectors
/// of `group` x `lanes` elements (one register each).
SmallVector<Value> interleaveRows(PatternRewriter &rewriter, Location loc,
                                  Value b, int64_t k, int64_t group,
                                  int64_t lanes) {
  auto interleave = [&](Value x, Value y) {
    int64_t size = cast<VectorType>(x.getType()).getDimSize(0);
    SmallVector<int64_t> mask;
    for (int64_t n = 0; n < size; ++n) {
      mask.push_back(n);
      mask.push_back(size + n);
    }
    return vector::ShuffleOp::create(rewriter, loc, x, y, mask).getResult();
  };
  SmallVector<Value> rows;
  for (int64_t i = 0; i < group; ++i)
    rows.push_back(vector::ExtractOp::create(rewriter, loc, b, k + i));
  // Pairs: (r0, r1). Quads: (r0, r2) and (r1, r3), then those two, which
  // puts r0, r1, r2, r3 next to each other.
  Value all = group == 2 ? interleave(rows[0], rows[1])
                         : interleave(interleave(rows[0], rows[2]),
                                      interleave(rows[1], rows[3]));
  int64_t size = cast<VectorType>(all.getType()).getDimSize(0);
  SmallVector<Value> chunks;
  for (int64_t offset = 0; offset < size; offset += group * lanes)
    chunks.push_back(vector::ExtractStridedSliceOp::create(
        rewriter, loc, all, {offset}, {group * lanes}, {1}));
  return chunks;
}

/// a[m, k .. k + group - 1] (a: vector<M x K>) as one i32, `xor`-ed with
/// `flip` if non-zero, in every one of `lanes` lanes, viewed as vectors of
/// a's element type.
Value broadcastGroup(PatternRewriter &rewriter, Location loc, Value a,
                     int64_t m, int64_t k, int64_t group, int64_t lanes,
                     uint32_t flip) {
  Type element = cast<VectorType>(a.getType()).getElementType();
  Type i32 = rewriter.getI32Type();
  Value row = vector::ExtractOp::create(rewriter, loc, a, m);
  Value values = vector::ExtractStridedSliceOp::create(rewriter, loc, row,
                                                       {k}, {group}, {1});
  Value word = vector::BitCastOp::create(
      rewriter, loc, VectorType::get({1}, i32), values);
  if (flip != 0) {
    Value mask = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(VectorType::get({1}, i32), int32_t(flip)));
    word = arith::XOrIOp::create(rewriter, loc, word, mask);
  }
  Value splat = vector::BroadcastOp::create(
      rewriter, loc, VectorType::get({lanes}, i32), word);
  return vector::BitCastOp::create(
      rewriter, loc, VectorType::get({group * lanes}, element), splat);
}

/// acc[m, n] + sum_k a[m, k] * b[k, n], with a: vector<M x K x i16>,
/// b: vector<K x N x i16>, acc: vector<M x N x i32>, K even and N a
/// multiple of `lanes`, through `intrinsic` (pmaddwd of 2 x `lanes` i16).
Value buildPairSums(PatternRewriter &rewriter, Location loc, Value a, Value b,
                    Value acc, StringRef intrinsic, int64_t lanes) {
  int64_t depth = cast<VectorType>(a.getType()).getDimSize(1);
  auto sumType = VectorType::get({lanes}, rewriter.getI32Type());
  StringAttr name = rewriter.getStringAttr(intrinsic);
  SmallVector<SmallVector<Value>> sums = splitRows(rewriter, loc, acc, lanes);
  for (int64_t k = 0; k < depth; k += 2) {
    SmallVector<Value> bChunks = interleaveRows(rewriter, loc, b, k, 2, lanes);
    for (auto [m, rowSums] : llvm::enumerate(sums)) {
      Value aPairs = broadcastGroup(rewriter, loc, a, m, k, 2, lanes, 0);
      for (auto [sum, bChunk] : llvm::zip_equal(rowSums, bChunks)) {
        Value products =
            LLVM::CallIntrinsicOp::create(rewriter, loc, sumType, name,
                                          ValueRange{aPairs, bChunk})
                .getResult(0);
        sum = arith::AddIOp::create(rewriter, loc, sum, products);
      }
    }
  }
  return joinRows(rewriter, loc, acc, sums);
}

/// acc[m, n] + sum_k a[m, k] * b[k, n], with a: vector<M x K x i8> (signed
/// if `aSigned`, else unsigned), b: vector<K x N x i8> (signed),
/// acc: vector<M x N x i32>, K a multiple of 4 and N of `lanes`, through
/// vpdpbusd (unsigned bytes times signed bytes, four per lane). A signed a
/// is made unsigned by adding 128 (flipping its sign bits), and 128 times
/// the sum of b's column over those k, itself a vpdpbusd of 128s by b,
/// taken away again: exact modulo 2^32, like the original sums.
Value buildQuadSums(PatternRewriter &rewriter, Location loc, Value a,
                    bool aSigned, Value b, Value acc, int64_t lanes) {
  int64_t depth = cast<VectorType>(a.getType()).getDimSize(1);
  auto sumType = VectorType::get({lanes}, rewriter.getI32Type());
  auto bytesType = VectorType::get({4 * lanes}, rewriter.getI8Type());
  StringAttr name = rewriter.getStringAttr(x86VpdpbusdIntrinsic(lanes * 32));
  auto dot = [&](Value sum, Value unsignedBytes, Value signedBytes) {
    return LLVM::CallIntrinsicOp::create(
               rewriter, loc, sumType, name,
               ValueRange{sum, unsignedBytes, signedBytes})
        .getResult(0);
  };
  SmallVector<SmallVector<Value>> sums = splitRows(rewriter, loc, acc, lanes);
  int64_t chunks = sums.front().size();
  Value zeros = arith::ConstantOp::create(
      rewriter, loc, DenseElementsAttr::get(sumType, int32_t(0)));
  Value offsets = arith::ConstantOp::create(
      rewriter, loc, DenseElementsAttr::get(bytesType, int8_t(-128)));
  SmallVector<Value> corrections(chunks, zeros);
  for (int64_t k = 0; k < depth; k += 4) {
    SmallVector<Value> bChunks = interleaveRows(rewriter, loc, b, k, 4, lanes);
    for (auto [m, rowSums] : llvm::enumerate(sums)) {
      Value aQuads = broadcastGroup(rewriter, loc, a, m, k, 4, lanes,
                                    aSigned ? 0x80808080u : 0);
      for (auto [sum, bChunk] : llvm::zip_equal(rowSums, bChunks))
        sum = dot(sum, aQuads, bChunk);
    }
    if (aSigned)
      for (auto [correction, bChunk] : llvm::zip_equal(corrections, bChunks))
        correction = dot(correction, offsets, bChunk);
  }
  if (aSigned)
    for (SmallVector<Value> &rowSums : sums)
      for (auto [sum, correction] : llvm::zip_equal(rowSums, corrections))
        sum = arith::SubIOp::create(rewriter, loc, sum, correction);
  return joinRows(rewriter, loc, acc, sums);
}

/// The instructions the patterns may use, by vector width in bits (0:
/// not available).
struct DotInstructions {
  int64_t pmaddwdBits = 0;
  int64_t vpdpbusdBits = 0;
};

/// How a register tile's products are grouped: 4 steps of k per vpdpbusd,
/// 2 per pmaddwd, or 0 (neither applies).
int64_t chooseGroup(const DotInstructions &instructions, VectorType accType,
                    int64_t depth, const NarrowOperand &a,
                    const NarrowOperand &b) {
  if (accType.getRank() != 2 || accType.isScalable() ||
      !accType.getElementType().isInteger(32) || depth <= 0)
    return 0;
  auto width = [](const NarrowOperand &operand) {
    return getElementTypeOrSelf(operand.value.getType())
        .getIntOrFloatBitWidth();
  };
  int64_t columns = accType.getDimSize(1);
  int64_t quadLanes = instructions.vpdpbusdBits / 32;
  // vpdpbusd: a as unsigned bytes (a signed one is made so), b as signed
  // bytes.
  if (quadLanes > 0 && depth % 4 == 0 && columns % quadLanes == 0 &&
      width(a) <= 8 && width(b) <= (b.isSigned ? 8u : 7u))
    return 4;
  int64_t pairLanes = instructions.pmaddwdBits / 32;
  if (pairLanes > 0 && depth % 2 == 0 && columns % pairLanes == 0 &&
      fitsI16(a.value.getType(), a.isSigned) &&
      fitsI16(b.value.getType(), b.isSigned))
    return 2;
  return 0;
}

/// acc + a x b in groups of `group` steps of k (chooseGroup), with a:
/// vector<M x K>, b: vector<K x N>, extended as their NarrowOperands say.
Value buildGroupSums(PatternRewriter &rewriter, Location loc,
                     const DotInstructions &instructions, int64_t group,
                     NarrowOperand a, NarrowOperand b, Value acc) {
  if (group == 4)
    return buildQuadSums(rewriter, loc, toWidth(rewriter, loc, a, 8),
                         a.isSigned, toWidth(rewriter, loc, b, 8), acc,
                         instructions.vpdpbusdBits / 32);
  return buildPairSums(rewriter, loc, toWidth(rewriter, loc, a, 16),
                       toWidth(rewriter, loc, b, 16), acc,
                       x86PmaddwdIntrinsic(instructions.pmaddwdBits),
                       instructions.pmaddwdBits / 32);
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
  MultiReductionPairs(MLIRContext *ctx, DotInstructions instructions)
      : OpRewritePattern(ctx, /*benefit=*/10), instructions(instructions) {}

  LogicalResult matchAndRewrite(vector::MultiDimReductionOp reduction,
                                PatternRewriter &rewriter) const override {
    VectorType source = reduction.getSourceVectorType();
    auto accType = dyn_cast<VectorType>(reduction.getDestType());
    ArrayRef<int64_t> reduced = reduction.getReductionDims();
    if (reduction.getKind() != vector::CombiningKind::ADD ||
        source.getRank() != 3 || !accType || reduced.size() != 1 ||
        reduced[0] == 0 || reduction->getParentOfType<vector::MaskOp>())
      return failure();
    unsigned mDim = 0, kDim = reduced[0], nDim = 3 - kDim;
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
      int64_t group = chooseGroup(instructions, accType,
                                  source.getDimSize(kDim), *a, *b);
      if (group == 0)
        continue;
      Location loc = reduction.getLoc();
      a->value = readDims(rewriter, aRead, {mDim, kDim});
      b->value = readDims(rewriter, bRead, {kDim, nDim});
      rewriter.replaceOp(reduction,
                         buildGroupSums(rewriter, loc, instructions, group, *a,
                                        *b, reduction.getAcc()));
      return success();
    }
    return failure();
  }

  DotInstructions instructions;
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
  ContractPairs(MLIRContext *ctx, DotInstructions instructions)
      : OpRewritePattern(ctx, /*benefit=*/10), instructions(instructions) {}

  LogicalResult matchAndRewrite(vector::ContractionOp contract,
                                PatternRewriter &rewriter) const override {
    auto accType = dyn_cast<VectorType>(contract.getAccType());
    if (contract.getKind() != vector::CombiningKind::ADD || !accType ||
        !isRowMajorMatmul(contract.getIndexingMapsAttr()) ||
        contract->getParentOfType<vector::MaskOp>())
      return failure();
    std::optional<NarrowOperand> a = contractOperand(contract.getLhs());
    std::optional<NarrowOperand> b = contractOperand(contract.getRhs());
    if (!a || !b)
      return failure();
    int64_t group = chooseGroup(instructions, accType,
                                contract.getLhsType().getDimSize(1), *a, *b);
    if (group == 0)
      return failure();
    rewriter.replaceOp(contract,
                       buildGroupSums(rewriter, contract.getLoc(),
                                      instructions, group, *a, *b,
                                      contract.getAcc()));
    return success();
  }

  DotInstructions instructions;
};

} // namespace

void mlir::tessera::populateX86IntegerDotPairsPatterns(
    RewritePatternSet &patterns, int64_t pmaddwdBits, int64_t vpdpbusdBits) {
  DotInstructions instructions;
  if (!x86PmaddwdIntrinsic(pmaddwdBits).empty())
    instructions.pmaddwdBits = pmaddwdBits;
  if (!x86VpdpbusdIntrinsic(vpdpbusdBits).empty())
    instructions.vpdpbusdBits = vpdpbusdBits;
  if (instructions.pmaddwdBits == 0 && instructions.vpdpbusdBits == 0)
    return;
  patterns.add<MultiReductionPairs, ContractPairs>(patterns.getContext(),
                                                   instructions);
}
