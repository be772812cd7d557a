//===- QuantOps.cpp - affine, matmul, Hadamard and power-law quantization -===//

#include "ShapeChecks.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::detail;

//===----------------------------------------------------------------------===//
// Shared by quantize and dequantize
//===----------------------------------------------------------------------===//

namespace {

/// Number of scales (and zero points) an affine quantization of `type` needs:
/// one per index along `axis`, or one without an axis.
int64_t expectedParamCount(RankedTensorType type,
                           std::optional<uint64_t> axis) {
  return axis ? type.getDimSize(*axis) : 1;
}

/// Checks that a scale/zero point operand is rank 0 or `[count]`.
LogicalResult
checkParamOperand(Operation *op, StringRef what, Value operand, int64_t count,
                  StringRef meaning = "one per quantization axis index") {
  auto type = cast<RankedTensorType>(operand.getType());
  if (type.getRank() == 0 && count == 1)
    return success();
  if (type.getRank() != 1)
    return op->emitOpError() << "expects " << what << " of rank 1 (or rank 0 "
                             << "for a single value), got rank "
                             << type.getRank();
  return checkDim(op, what, type, 0, count, meaning);
}

/// Checks that a qmatmul scale is a single value (rank 0 or [1]) or one
/// value per row/column ([extent]).
LogicalResult checkScaleVector(Operation *op, StringRef what, Value scale,
                               int64_t extent, StringRef perWhat) {
  auto type = cast<RankedTensorType>(scale.getType());
  if (type.getRank() == 0 ||
      (type.getRank() == 1 && (type.getDimSize(0) == 1 ||
                               compatibleDims(type.getDimSize(0), extent))))
    return success();
  return op->emitOpError() << "expects " << what
                           << " to be one value or one per " << perWhat << " ("
                           << extent << "), got " << type;
}

/// A scale that the verifier accepts in `scales`: positive and finite.
bool isValidStaticScale(float s) { return s > 0.0f && !std::isinf(s); }

/// True if dequantizing any value of `elementType` with any zero point of
/// that type and these scales gives finite f32 values: |q - z| <= hi - lo,
/// so s (hi - lo) bounds every product. Then quantize(dequantize(q)) is q
/// exactly; an infinite product would saturate instead.
bool dequantizeStaysFinite(ArrayRef<float> scales, Type elementType) {
  auto [lo, hi] = quantizedRange(elementType);
  float span = static_cast<float>(hi - lo);
  return llvm::all_of(scales, [&](float s) { return std::isfinite(s * span); });
}

template <typename OpTy>
LogicalResult verifyAffineQuantOp(OpTy op) {
  RankedTensorType quantType = op.getQuantizedType();
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  auto outputType = cast<RankedTensorType>(op.getOutput().getType());
  if (inputType.getShape() != outputType.getShape())
    return op.emitOpError("expects input and result of the same shape");

  std::optional<uint64_t> axis = op.getAxis();
  if (axis && static_cast<int64_t>(*axis) >= quantType.getRank())
    return op.emitOpError() << "axis " << *axis
                            << " is out of range for a tensor of rank "
                            << quantType.getRank();
  int64_t count = expectedParamCount(quantType, axis);

  if (op.getScale() && op.getScales())
    return op.emitOpError("expects scales either as an operand or as an "
                          "attribute, not both");
  if (!op.getScale() && !op.getScales())
    return op.emitOpError("expects a scale (operand `scale` or attribute "
                          "`scales`)");
  if (op.getZeroPoint() && op.getZeroPoints())
    return op.emitOpError("expects zero points either as an operand or as an "
                          "attribute, not both");
  if (op.getScales() && op.getZeroPoint())
    return op.emitOpError("expects static zero points with static scales");

  if (Value scale = op.getScale())
    if (failed(checkParamOperand(op, "scale", scale, count)))
      return failure();
  if (Value zeroPoint = op.getZeroPoint())
    if (failed(checkParamOperand(op, "zero_point", zeroPoint, count)))
      return failure();

  if (std::optional<ArrayRef<float>> scales = op.getScales()) {
    if (!compatibleDims(scales->size(), count))
      return op.emitOpError() << "expects " << count
                              << " scales (one per index of axis), got "
                              << scales->size();
    for (float s : *scales)
      if (!isValidStaticScale(s))
        return op.emitOpError() << "expects positive finite scales, got " << s;
  }
  if (std::optional<ArrayRef<int64_t>> zeroPoints = op.getZeroPoints()) {
    if (!compatibleDims(zeroPoints->size(), count))
      return op.emitOpError() << "expects " << count
                              << " zero points (one per index of axis), got "
                              << zeroPoints->size();
    auto [lo, hi] = quantizedRange(quantType.getElementType());
    for (int64_t z : *zeroPoints)
      if (z < lo || z > hi)
        return op.emitOpError()
               << "zero point " << z << " is out of the range [" << lo << ", "
               << hi << "] of " << quantType.getElementType();
  }
  return success();
}

/// Calls `fn(flatIndex, paramIndex)` for every element of `type`, where
/// `paramIndex` selects the scale/zero point of that element.
template <typename Fn>
void forEachElement(RankedTensorType type, std::optional<uint64_t> axis,
                    Fn fn) {
  int64_t total = type.getNumElements();
  int64_t inner = 1, extent = 1;
  if (axis) {
    extent = type.getDimSize(*axis);
    for (int64_t d = *axis + 1; d < type.getRank(); ++d)
      inner *= type.getDimSize(d);
  }
  for (int64_t i = 0; i < total; ++i)
    fn(i, axis ? (i / inner) % extent : 0);
}

int64_t zeroPointAt(std::optional<ArrayRef<int64_t>> zeroPoints, int64_t i) {
  return zeroPoints ? (*zeroPoints)[i] : 0;
}

/// True if two affine quantization ops use the same scales, zero points and
/// axis (identical attributes, or identical SSA operands).
template <typename A, typename B>
bool sameAffineParams(A a, B b) {
  return a.getScale() == b.getScale() && a.getZeroPoint() == b.getZeroPoint() &&
         a.getScalesAttr() == b.getScalesAttr() &&
         a.getZeroPointsAttr() == b.getZeroPointsAttr() &&
         a.getAxisAttr() == b.getAxisAttr();
}

/// Moves constant scale/zero point operands into the `scales`/`zero_points`
/// attributes, which enables constant folding and static lowering.
template <typename OpTy>
struct FoldConstantQuantParams : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    DenseFPElementsAttr scaleValues;
    if (!op.getScale() || !matchPattern(op.getScale(), m_Constant(&scaleValues)))
      return failure();
    DenseIntElementsAttr zeroPointValues;
    if (op.getZeroPoint() &&
        !matchPattern(op.getZeroPoint(), m_Constant(&zeroPointValues)))
      return failure();
    SmallVector<float> scales(scaleValues.getValues<float>());
    std::optional<SmallVector<int64_t>> zeroPoints;
    if (zeroPointValues)
      zeroPoints = llvm::to_vector(llvm::map_range(
          zeroPointValues.getValues<APInt>(),
          [](const APInt &v) { return v.getSExtValue(); }));
    // The verifier requires positive finite `scales` and `zero_points` in the
    // range of the quantized type, while operands are only checked at run
    // time: constants that break these rules stay operands, as moving them
    // would turn a valid op into an invalid one.
    if (!llvm::all_of(scales, isValidStaticScale))
      return failure();
    if (zeroPoints) {
      std::pair<int64_t, int64_t> range =
          quantizedRange(op.getQuantizedType().getElementType());
      if (llvm::any_of(*zeroPoints, [&](int64_t z) {
            return z < range.first || z > range.second;
          }))
        return failure();
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.getScaleMutable().clear();
      op.getZeroPointMutable().clear();
      op.setScales(scales);
      if (zeroPoints)
        op.setZeroPoints(*zeroPoints);
    });
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

RankedTensorType QuantizeOp::getQuantizedType() { return getOutput().getType(); }

LogicalResult QuantizeOp::verify() { return verifyAffineQuantOp(*this); }

void QuantizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                             MLIRContext *context) {
  results.add<FoldConstantQuantParams<QuantizeOp>>(context);
}

/// The scalar semantics of quantize, shared by the folder and (in spirit) by
/// every lowering: q = clamp(roundeven(r / s) + z, lo, hi) evaluated in f32.
static int64_t quantizeScalar(float r, float s, int64_t z, int64_t lo,
                              int64_t hi) {
  float v = std::nearbyint(r / s) + static_cast<float>(z);
  v = std::fmin(std::fmax(v, static_cast<float>(lo)), static_cast<float>(hi));
  return static_cast<int64_t>(v);
}

OpFoldResult QuantizeOp::fold(FoldAdaptor adaptor) {
  // quantize(dequantize(q)) with the same parameters is exactly q, unless
  // huge static scales overflow the dequantized f32 values to infinity.
  if (auto dequant = getInput().getDefiningOp<DequantizeOp>())
    if (dequant.getInput().getType() == getType() &&
        sameAffineParams(*this, dequant) &&
        (!getScales() ||
         dequantizeStaysFinite(*getScales(), getType().getElementType())))
      return dequant.getInput();

  auto input = dyn_cast_if_present<DenseFPElementsAttr>(adaptor.getInput());
  std::optional<ArrayRef<float>> scales = getScales();
  if (!input || !scales)
    return {};
  // std::nearbyint rounds half to even under the default rounding mode.
  RankedTensorType type = getType();
  std::pair<int64_t, int64_t> range = quantizedRange(type.getElementType());
  int64_t lo = range.first, hi = range.second;
  unsigned width = type.getElementType().getIntOrFloatBitWidth();
  SmallVector<float> values(input.getValues<float>());
  SmallVector<APInt> results(values.size());
  std::optional<ArrayRef<int64_t>> zeroPoints = getZeroPoints();
  forEachElement(type, getAxis(), [&](int64_t i, int64_t p) {
    int64_t q = quantizeScalar(values[i], (*scales)[p],
                               zeroPointAt(zeroPoints, p), lo, hi);
    results[i] = APInt(width, static_cast<uint64_t>(q), /*isSigned=*/lo < 0,
                       /*implicitTrunc=*/true);
  });
  return DenseIntElementsAttr::get(type, results);
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

RankedTensorType DequantizeOp::getQuantizedType() { return getInput().getType(); }

LogicalResult DequantizeOp::verify() { return verifyAffineQuantOp(*this); }

void DequantizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<FoldConstantQuantParams<DequantizeOp>>(context);
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_if_present<DenseIntElementsAttr>(adaptor.getInput());
  std::optional<ArrayRef<float>> scales = getScales();
  if (!input || !scales)
    return {};
  RankedTensorType quantType = getQuantizedType();
  bool isUnsigned = quantType.getElementType().isUnsignedInteger();
  SmallVector<APInt> values(input.getValues<APInt>());
  SmallVector<float> results(values.size());
  std::optional<ArrayRef<int64_t>> zeroPoints = getZeroPoints();
  forEachElement(quantType, getAxis(), [&](int64_t i, int64_t p) {
    int64_t q = isUnsigned ? static_cast<int64_t>(values[i].getZExtValue())
                           : values[i].getSExtValue();
    results[i] = static_cast<float>(q - zeroPointAt(zeroPoints, p)) *
                 (*scales)[p];
  });
  return DenseElementsAttr::get(getType(), ArrayRef<float>(results));
}

//===----------------------------------------------------------------------===//
// QMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult QMatmulOp::verify() {
  RankedTensorType aType = getA().getType(), bType = getB().getType();
  RankedTensorType resultType = getOutput().getType();
  if (failed(checkRank(*this, "a", aType, 2, "[M, K]")) ||
      failed(checkRank(*this, "b", bType, 2, "[K, N]")) ||
      failed(checkRank(*this, "result", resultType, 2, "[M, N]")) ||
      failed(checkDim(*this, "b", bType, 0, aType.getDimSize(1),
                      "the reduction extent K of a")) ||
      failed(checkDim(*this, "result", resultType, 0, aType.getDimSize(0),
                      "rows M of a")) ||
      failed(checkDim(*this, "result", resultType, 1, bType.getDimSize(1),
                      "columns N of b")))
    return failure();

  auto checkZeroPoint = [&](StringRef name, int64_t z,
                            Type type) -> LogicalResult {
    auto [lo, hi] = quantizedRange(type);
    if (z >= lo && z <= hi)
      return success();
    return emitOpError() << name << " " << z << " is out of the range [" << lo
                         << ", " << hi << "] of " << type;
  };
  if (failed(checkZeroPoint("a_zero_point", getAZeroPoint(),
                            aType.getElementType())) ||
      failed(checkZeroPoint("b_zero_point", getBZeroPoint(),
                            bType.getElementType())))
    return failure();

  if (static_cast<bool>(getAScale()) != static_cast<bool>(getBScale()))
    return emitOpError("expects both scales(a_scale, b_scale) or neither");
  Type resultElement = resultType.getElementType();
  bool hasScales = static_cast<bool>(getAScale());
  if (resultElement.isInteger(32)) {
    if (hasScales || getOutScale())
      return emitOpError("an i32 result is the raw accumulator: expects no "
                         "scales");
    if (getOutZeroPoint() != 0)
      return emitOpError("out_zero_point only applies to a requantized result");
    return success();
  }
  if (!hasScales)
    return emitOpError() << "a " << resultElement
                         << " result expects scales(a_scale, b_scale)";
  if (failed(checkScaleVector(*this, "a_scale", getAScale(),
                              aType.getDimSize(0), "rows of a")) ||
      failed(checkScaleVector(*this, "b_scale", getBScale(),
                              bType.getDimSize(1), "columns of b")))
    return failure();
  if (resultElement.isF32()) {
    if (getOutScale())
      return emitOpError("an f32 result expects no out_scale");
    if (getOutZeroPoint() != 0)
      return emitOpError("out_zero_point only applies to a requantized result");
    return success();
  }
  if (!getOutScale())
    return emitOpError() << "a requantized " << resultElement
                         << " result expects an out_scale";
  if (failed(checkParamOperand(*this, "out_scale", getOutScale(), 1,
                               "a single output scale")))
    return failure();
  return checkZeroPoint("out_zero_point", getOutZeroPoint(), resultElement);
}

//===----------------------------------------------------------------------===//
// HadamardOp
//===----------------------------------------------------------------------===//

LogicalResult HadamardOp::verify() {
  RankedTensorType type = getInput().getType();
  if (type.getRank() < 1)
    return emitOpError("expects an input of rank >= 1");
  uint64_t block = getBlockSize();
  if (!llvm::isPowerOf2_64(block))
    return emitOpError() << "block size " << block << " is not a power of two";
  int64_t last = type.getDimSize(type.getRank() - 1);
  if (!ShapedType::isDynamic(last) && last % static_cast<int64_t>(block) != 0)
    return emitOpError() << "block size " << block
                         << " does not divide the last dim " << last;
  return success();
}

OpFoldResult HadamardOp::fold(FoldAdaptor adaptor) {
  // The 1x1 orthonormal Hadamard matrix is [1].
  if (getBlockSize() == 1)
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Power-law quantization
//===----------------------------------------------------------------------===//

static LogicalResult verifyExponent(Operation *op, const APFloat &exponent) {
  if (exponent.isNegative() || exponent.isZero() || !exponent.isFinite())
    return op->emitOpError() << "expects a positive finite exponent, got "
                             << exponent.convertToDouble();
  return success();
}

LogicalResult PowerQuantizeOp::verify() {
  if (getInput().getType().getShape() != getOutput().getType().getShape())
    return emitOpError("expects input and result of the same shape");
  return verifyExponent(*this, getExponent());
}

LogicalResult PowerDequantizeOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  inferredReturnTypes.push_back(
      RankedTensorType::get(inputType.getShape(), Float32Type::get(context)));
  return success();
}

LogicalResult PowerDequantizeOp::verify() {
  return verifyExponent(*this, getExponent());
}
