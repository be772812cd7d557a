//===- QuantLowering.cpp - Lowering of the quant ops ------------------===//
//
// quantize / dequantize / qmatmul / hadamard / power_quantize /
// power_dequantize to linalg on tensors (OPERATORS.md section 6).
//
// Scalar semantics, shared by every lowering here and identical to the
// constant folder of QuantOps.cpp (bit for bit):
//   quantize    q = clamp(roundeven(r / s) + float(z), lo, hi) in f32, with
//               the clamp as maxnumf/minnumf (a NaN becomes lo, like
//               std::fmin(std::fmax(NaN, lo), hi)), then fptosi/fptoui to
//               the storage type;
//   dequantize  r = float(q - z) * s, the subtraction in i32.
// Per-tensor parameters are scalars used inside the linalg.generic body
// (constants for attributes, tensor.extract for operands); per-axis ones are
// [n] tensors read through a broadcast indexing map on the axis' loop.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Loop letters for index-notation specs of a rank-`n` tensor. Excludes the
/// letters the lowerings below use for their own loops (g, i, j, k, m, n).
std::string loopLetters(unsigned n) {
  static const char kLetters[] = "abcdefhlopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  assert(n < sizeof(kLetters) - 1 && "tensor rank too large");
  return std::string(kLetters, n);
}

/// The [lo, hi] range of a quantized storage type (signless = signed).
std::pair<int64_t, int64_t> storageRange(Type elementType) {
  auto intType = cast<IntegerType>(elementType);
  unsigned width = intType.getWidth();
  if (intType.isUnsigned())
    return {0, (int64_t(1) << width) - 1};
  return {-(int64_t(1) << (width - 1)), (int64_t(1) << (width - 1)) - 1};
}

Value i32Const(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI32Type(),
                                   b.getI32IntegerAttr(value));
}

/// Reads the single value of a rank-0 or one-element rank-1 tensor.
Value extractSingle(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> indices;
  if (type.getRank() == 1)
    indices.push_back(arith::ConstantIndexOp::create(b, loc, 0));
  return tensor::ExtractOp::create(b, loc, tensor, indices);
}

/// f32 `value` (already rounded, zero point added) clamped to the range of
/// `storageType` and converted to it: maxnumf/minnumf like std::fmax/fmin,
/// then fptosi (signed/signless) or fptoui (unsigned).
Value saturateToStorage(OpBuilder &b, Location loc, Value value,
                        Type storageType) {
  auto [lo, hi] = storageRange(storageType);
  value = arith::MaxNumFOp::create(b, loc, value, f32(b, loc, double(lo)));
  value = arith::MinNumFOp::create(b, loc, value, f32(b, loc, double(hi)));
  auto intType = cast<IntegerType>(storageType);
  Type signless = b.getIntegerType(intType.getWidth());
  Value q = intType.isUnsigned()
                ? Value(arith::FPToUIOp::create(b, loc, signless, value))
                : Value(arith::FPToSIOp::create(b, loc, signless, value));
  return fromSignless(b, loc, q, storageType);
}

/// q = clamp(roundeven(r / s) + float(z), lo, hi) in f32. `zeroPoint` is an
/// i32 scalar or null (zero: the addition is then skipped, which changes
/// nothing after the conversion to an integer).
Value quantizeScalar(OpBuilder &b, Location loc, Value r, Value s,
                     Value zeroPoint, Type storageType) {
  Value v = arith::DivFOp::create(b, loc, r, s);
  v = math::RoundEvenOp::create(b, loc, v);
  if (zeroPoint) {
    Value z = arith::SIToFPOp::create(b, loc, b.getF32Type(), zeroPoint);
    v = arith::AddFOp::create(b, loc, v, z);
  }
  return saturateToStorage(b, loc, v, storageType);
}

/// r = float(q - z) * s, the subtraction in i32 (q sign- or zero-extended by
/// its type). `zeroPoint` is an i32 scalar or null (zero).
Value dequantizeScalar(OpBuilder &b, Location loc, Value q, Value s,
                       Value zeroPoint) {
  Value v = convertScalar(b, loc, q, b.getI32Type());
  if (zeroPoint)
    v = arith::SubIOp::create(b, loc, v, zeroPoint);
  Value f = arith::SIToFPOp::create(b, loc, b.getF32Type(), v);
  return arith::MulFOp::create(b, loc, f, s);
}

/// Where the body of a generic finds a parameter (scale or zero point).
struct Param {
  /// A scalar defined before the generic (used when set)...
  Value scalar;
  /// ...or a static scalar value materialized inside the body...
  std::optional<double> constant;
  /// ...or the index of the generic input holding the per-axis tensor.
  int input = -1;
  bool present() const { return scalar || constant || input >= 0; }

  Value get(OpBuilder &b, Location loc, ValueRange args, Type type) const {
    if (scalar)
      return scalar;
    if (input >= 0)
      return args[input];
    if (!constant)
      return Value();
    if (isa<FloatType>(type))
      return f32(b, loc, *constant);
    return arith::ConstantOp::create(
        b, loc, type, b.getIntegerAttr(type, static_cast<int64_t>(*constant)));
  }
};

/// Collects the scale and zero point of an affine quantize/dequantize and
/// appends per-axis tensors to `inputs`/`specs` (`axisLetter` is the loop
/// letter of the quantization axis).
template <typename OpTy>
void collectAffineParams(OpBuilder &b, Location loc, OpTy op,
                         SmallVectorImpl<Value> &inputs,
                         SmallVectorImpl<std::string> &specs, char axisLetter,
                         Param &scale, Param &zeroPoint) {
  bool perAxis = op.getAxis().has_value();
  auto addTensor = [&](Value tensor, Param &param) {
    param.input = inputs.size();
    inputs.push_back(tensor);
    specs.push_back(std::string(1, axisLetter));
  };

  if (std::optional<ArrayRef<float>> scales = op.getScales()) {
    if (scales->size() == 1) {
      scale.constant = (*scales)[0];
    } else {
      addTensor(buildF32Constant(b, loc, {int64_t(scales->size())}, *scales),
                scale);
    }
    if (std::optional<ArrayRef<int64_t>> zps = op.getZeroPoints()) {
      bool allZero = llvm::all_of(*zps, [](int64_t z) { return z == 0; });
      if (allZero)
        return;
      if (zps->size() == 1) {
        zeroPoint.constant = double((*zps)[0]);
      } else {
        auto type = RankedTensorType::get({int64_t(zps->size())},
                                          b.getI32Type());
        SmallVector<int32_t> values(zps->begin(), zps->end());
        Value cst = arith::ConstantOp::create(
            b, loc, type, DenseElementsAttr::get(type, ArrayRef(values)));
        addTensor(cst, zeroPoint);
      }
    }
    return;
  }

  // Operands: a single value without an axis, one per axis index with one.
  auto fromOperand = [&](Value operand, Param &param) {
    if (!perAxis)
      param.scalar = extractSingle(b, loc, operand);
    else
      addTensor(operand, param);
  };
  fromOperand(op.getScale(), scale);
  if (Value zp = op.getZeroPoint())
    fromOperand(zp, zeroPoint);
}

//===----------------------------------------------------------------------===//
// quantize / dequantize
//===----------------------------------------------------------------------===//

template <typename OpTy, bool IsQuantize>
struct AffineQuantLowering : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getOutput().getType());
    std::string letters = loopLetters(inputType.getRank());
    char axisLetter = op.getAxis() ? letters[*op.getAxis()] : '\0';

    SmallVector<Value> inputs = {op.getInput()};
    SmallVector<std::string> specs = {letters};
    Param scale, zeroPoint;
    collectAffineParams(rewriter, loc, op, inputs, specs, axisLetter, scale,
                        zeroPoint);

    std::string spec = llvm::join(specs, ",") + "->" + letters;
    Type resultElement = resultType.getElementType();
    Value result = buildMap(
        rewriter, loc, spec, inputs, resultElement,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value s = scale.get(b, l, args, b.getF32Type());
          Value z = zeroPoint.get(b, l, args, b.getI32Type());
          if constexpr (IsQuantize)
            return quantizeScalar(b, l, args[0], s, z, resultElement);
          else
            return dequantizeScalar(b, l, args[0], s, z);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

using QuantizeLowering = AffineQuantLowering<QuantizeOp, true>;
using DequantizeLowering = AffineQuantLowering<DequantizeOp, false>;

//===----------------------------------------------------------------------===//
// qmatmul
//===----------------------------------------------------------------------===//

/// A qmatmul scale: one value, or one per row of a / column of b.
/// Per-row/column tensors of static size are read through an indexing map;
/// a tensor of dynamic size may hold one value or one per row at run time,
/// so it is read with tensor.extract at index (size == 1 ? 0 : m).
struct MatmulScale {
  Value scalar;
  int input = -1;
  Value dynamicTensor, dynamicIsSingle;
  unsigned loopDim = 0;

  Value get(OpBuilder &b, Location loc, ValueRange args) const {
    if (scalar)
      return scalar;
    if (input >= 0)
      return args[input];
    Value index = linalg::IndexOp::create(b, loc, loopDim);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    index = arith::SelectOp::create(b, loc, dynamicIsSingle, zero, index);
    return tensor::ExtractOp::create(b, loc, dynamicTensor, ValueRange{index});
  }
};

MatmulScale collectMatmulScale(OpBuilder &b, Location loc, Value scale,
                               char letter, unsigned loopDim,
                               SmallVectorImpl<Value> &inputs,
                               SmallVectorImpl<std::string> &specs) {
  MatmulScale result;
  auto type = cast<RankedTensorType>(scale.getType());
  if (type.getRank() == 0 || type.getDimSize(0) == 1) {
    result.scalar = extractSingle(b, loc, scale);
  } else if (!type.isDynamicDim(0)) {
    result.input = inputs.size();
    inputs.push_back(scale);
    specs.push_back(std::string(1, letter));
  } else {
    Value size = tensor::DimOp::create(b, loc, scale, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    result.dynamicTensor = scale;
    result.dynamicIsSingle = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq, size, one);
    result.loopDim = loopDim;
  }
  return result;
}

/// acc[m, n] = sum_k (a - za)(b - zb), computed in i32 as
///   sum_k a*b - zb * sum_k a - za * sum_k b + K za zb
/// (exact modulo 2^32, hence equal to the direct form whenever that fits in
/// i32). The main product is a plain linalg.matmul (i8/i4 -> i32) when both
/// operands are signless, otherwise a linalg.generic that sign- or
/// zero-extends each operand by its own type (ui8 x i8). Terms with a zero
/// zero point are omitted. The corrections, the scaling and the
/// requantization are fused into one elementwise linalg.generic:
///   f32:         (sa * sb) * float(acc)   (in this order, in f32)
///   requantized: clamp(roundeven(((sa * sb) * float(acc)) / so) + zo)
struct QMatmulLowering : OpRewritePattern<QMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = op.getA(), b = op.getB();
    RankedTensorType aType = op.getA().getType(), bType = op.getB().getType();
    RankedTensorType resultType = op.getOutput().getType();
    Type i32 = rewriter.getI32Type();
    int64_t za = op.getAZeroPoint(), zb = op.getBZeroPoint();

    // 4-bit operands are widened to i8 first (an O(MK + KN) elementwise
    // pass): the O(MNK) product then reads whole bytes, which the CPU code
    // generator tiles and vectorizes, instead of unpacking a nibble per
    // multiply-add. ui4 values (0..15) fit a signless i8.
    auto widen = [&](Value t, RankedTensorType &type) {
      if (type.getElementType().getIntOrFloatBitWidth() >= 8)
        return t;
      Type i8 = rewriter.getI8Type();
      t = buildMap(rewriter, loc, "mk->mk", {t}, i8,
                   [&](OpBuilder &nb, Location l, ValueRange args) {
                     return convertScalar(nb, l, args[0], nb.getI8Type());
                   });
      type = cast<RankedTensorType>(t.getType());
      return t;
    };
    a = widen(a, aType);
    b = widen(b, bType);

    // Main product sum_k a*b in i32.
    Value product;
    if (aType.getElementType().isSignlessInteger() &&
        bType.getElementType().isSignlessInteger()) {
      SmallVector<OpFoldResult> sizes = {
          tensor::getMixedSize(rewriter, loc, a, 0),
          tensor::getMixedSize(rewriter, loc, b, 1)};
      Value init = tensor::EmptyOp::create(rewriter, loc, sizes, i32);
      Value zero = i32Const(rewriter, loc, 0);
      init = linalg::FillOp::create(rewriter, loc, zero, init).getResult(0);
      product = linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                         ValueRange{a, b}, ValueRange{init})
                    .getResult(0);
    } else {
      product = buildContraction(rewriter, loc, "mk,kn->mn", {a, b}, i32);
    }

    auto sumOver = [&](StringRef spec, Value t) {
      return buildReduction(
          rewriter, loc, spec, {t}, i32, rewriter.getI32IntegerAttr(0),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            return convertScalar(nb, l, args[0], nb.getI32Type());
          },
          [](OpBuilder &nb, Location l, Value acc, Value v) -> Value {
            return arith::AddIOp::create(nb, l, acc, v);
          });
    };

    SmallVector<Value> inputs = {product};
    SmallVector<std::string> specs = {"mn"};
    int rowSumA = -1, colSumB = -1;
    if (zb != 0) {
      rowSumA = inputs.size();
      inputs.push_back(sumOver("mk->m", a));
      specs.push_back("m");
    }
    if (za != 0) {
      colSumB = inputs.size();
      inputs.push_back(sumOver("kn->n", b));
      specs.push_back("n");
    }
    // K * za * zb (i32), K possibly dynamic.
    Value constantTerm;
    if (za != 0 && zb != 0) {
      OpFoldResult k = tensor::getMixedSize(rewriter, loc, a, 1);
      Value kIndex = getValueOrCreateConstantIndexOp(rewriter, loc, k);
      Value kI32 = arith::IndexCastOp::create(rewriter, loc, i32, kIndex);
      constantTerm = arith::MulIOp::create(rewriter, loc, kI32,
                                           i32Const(rewriter, loc, za * zb));
    }

    Type resultElement = resultType.getElementType();
    bool isI32 = resultElement.isInteger(32);
    bool isF32 = resultElement.isF32();
    MatmulScale sa, sb;
    Value outScale;
    if (!isI32) {
      sa = collectMatmulScale(rewriter, loc, op.getAScale(), 'm', 0, inputs,
                              specs);
      sb = collectMatmulScale(rewriter, loc, op.getBScale(), 'n', 1, inputs,
                              specs);
      if (!isF32)
        outScale = extractSingle(rewriter, loc, op.getOutScale());
    }
    int64_t outZeroPoint = op.getOutZeroPoint();

    if (isI32 && inputs.size() == 1 && !constantTerm) {
      rewriter.replaceOp(op, product);
      return success();
    }

    std::string spec = llvm::join(specs, ",") + "->mn";
    Value result = buildMap(
        rewriter, loc, spec, inputs, resultElement,
        [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
          Value acc = args[0];
          if (rowSumA >= 0)
            acc = arith::SubIOp::create(
                nb, l, acc,
                arith::MulIOp::create(nb, l, i32Const(nb, l, zb),
                                      args[rowSumA]));
          if (colSumB >= 0)
            acc = arith::SubIOp::create(
                nb, l, acc,
                arith::MulIOp::create(nb, l, i32Const(nb, l, za),
                                      args[colSumB]));
          if (constantTerm)
            acc = arith::AddIOp::create(nb, l, acc, constantTerm);
          if (isI32)
            return acc;
          Value scale = arith::MulFOp::create(nb, l, sa.get(nb, l, args),
                                              sb.get(nb, l, args));
          Value accF = arith::SIToFPOp::create(nb, l, nb.getF32Type(), acc);
          Value real = arith::MulFOp::create(nb, l, scale, accF);
          if (isF32)
            return real;
          Value zo = outZeroPoint ? i32Const(nb, l, outZeroPoint) : Value();
          return quantizeScalar(nb, l, real, outScale, zo, resultElement);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// hadamard
//===----------------------------------------------------------------------===//

/// y[..., g*bs + i] = sum_j x[..., g*bs + j] * H[j, i] / sqrt(bs) with
/// H[j, i] = (-1)^popcount(i & j) (symmetric). The last dim is expanded to
/// [D/bs, bs] and contracted with the constant matrix H / sqrt(bs) (the
/// scaling is folded into the constant, 1/sqrt(bs) rounded once to f32), then
/// collapsed back. This is O(D * bs) per row, a dense GEMM-like contraction
/// that every target runs well for the block sizes in use (<= 128); a
/// log2(bs)-stage butterfly would be O(D log bs) but needs one pass per
/// stage. Block size 1 is the identity.
struct HadamardLowering : OpRewritePattern<HadamardOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(HadamardOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    RankedTensorType type = op.getInput().getType();
    int64_t bs = static_cast<int64_t>(op.getBlockSize());
    if (bs == 1) {
      rewriter.replaceOp(op, x);
      return success();
    }
    int64_t rank = type.getRank();

    // Constant H / sqrt(bs).
    float norm = static_cast<float>(1.0 / std::sqrt(double(bs)));
    SmallVector<float> matrix(bs * bs);
    for (int64_t j = 0; j < bs; ++j)
      for (int64_t i = 0; i < bs; ++i)
        matrix[j * bs + i] =
            llvm::popcount(static_cast<uint64_t>(i & j)) % 2 ? -norm : norm;
    Value h = buildF32Constant(rewriter, loc, {bs, bs}, matrix);

    // [..., D] -> [..., D/bs, bs].
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, x);
    // Static or dynamic as in the type (a dynamic dim may still come back as
    // a constant Value from folding: it must stay a dynamic output size).
    int64_t lastStatic = type.getShape().back();
    OpFoldResult blocks;
    if (!ShapedType::isDynamic(lastStatic)) {
      blocks = rewriter.getIndexAttr(lastStatic / bs);
    } else {
      Value last = getValueOrCreateConstantIndexOp(rewriter, loc, sizes.back());
      Value bsIndex = arith::ConstantIndexOp::create(rewriter, loc, bs);
      blocks = arith::DivUIOp::create(rewriter, loc, last, bsIndex).getResult();
    }
    SmallVector<OpFoldResult> expandedSizes(sizes.begin(), sizes.end() - 1);
    expandedSizes.push_back(blocks);
    expandedSizes.push_back(rewriter.getIndexAttr(bs));
    SmallVector<int64_t> expandedShape(type.getShape().drop_back());
    expandedShape.push_back(ShapedType::isDynamic(lastStatic)
                                ? ShapedType::kDynamic
                                : lastStatic / bs);
    expandedShape.push_back(bs);
    SmallVector<ReassociationIndices> reassociation;
    for (int64_t d = 0; d < rank - 1; ++d)
      reassociation.push_back({d});
    reassociation.push_back({rank - 1, rank});
    auto expandedType = RankedTensorType::get(expandedShape, type.getElementType());
    Value expanded = tensor::ExpandShapeOp::create(
        rewriter, loc, expandedType, x, reassociation, expandedSizes);

    std::string batch = loopLetters(rank - 1);
    std::string spec = batch + "gj,ji->" + batch + "gi";
    Value y = buildContraction(rewriter, loc, spec, {expanded, h},
                               rewriter.getF32Type());
    Value result =
        tensor::CollapseShapeOp::create(rewriter, loc, type, y, reassociation);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// power_quantize / power_dequantize
//===----------------------------------------------------------------------===//

/// |v|^a: math.powf, skipped for a = 1 (pow(v, 1) = v exactly).
Value powAbs(OpBuilder &b, Location loc, Value absValue, float a) {
  if (a == 1.0f)
    return absValue;
  return math::PowFOp::create(b, loc, absValue, f32(b, loc, a));
}

/// s = max|x|^a / (2^(b-1) - 1), max over the whole tensor (maxnumf: NaNs
/// are ignored);
/// q = clamp(roundeven(copysign(|x|^a, x) / s), lo, hi), and q = 0 where
/// s == 0 (all-zero input), all in f32.
struct PowerQuantizeLowering : OpRewritePattern<PowerQuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PowerQuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    RankedTensorType type = op.getInput().getType();
    Type storage = op.getOutput().getType().getElementType();
    float a = op.getExponent().convertToFloat();
    unsigned width = storage.getIntOrFloatBitWidth();
    double qmax = double((int64_t(1) << (width - 1)) - 1);
    std::string letters = loopLetters(type.getRank());
    Type f32Type = rewriter.getF32Type();

    Value maxAbs = buildReduction(
        rewriter, loc, letters + "->", {x}, f32Type,
        rewriter.getF32FloatAttr(0.0f),
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return math::AbsFOp::create(b, l, args[0]);
        },
        [](OpBuilder &b, Location l, Value acc, Value v) -> Value {
          return arith::MaxNumFOp::create(b, l, acc, v);
        });
    Value scale = buildMap(rewriter, loc, "->", {maxAbs}, f32Type,
                           [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                             Value p = powAbs(b, l, args[0], a);
                             return arith::DivFOp::create(b, l, p,
                                                          f32(b, l, qmax));
                           });
    Value q = buildMap(
        rewriter, loc, letters + ",->" + letters, {x, scale}, storage,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value v = args[0], s = args[1];
          Value p = powAbs(b, l, math::AbsFOp::create(b, l, v), a);
          p = math::CopySignOp::create(b, l, p, v);
          Value r = arith::DivFOp::create(b, l, p, s);
          r = math::RoundEvenOp::create(b, l, r);
          Value zero = f32(b, l, 0.0);
          Value sIsZero = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                                s, zero);
          r = arith::SelectOp::create(b, l, sIsZero, zero, r);
          return saturateToStorage(b, l, r, storage);
        });
    rewriter.replaceOp(op, {q, scale});
    return success();
  }
};

/// x = copysign((|q| * s)^(1/a), q) in f32, 1/a rounded once to f32.
struct PowerDequantizeLowering : OpRewritePattern<PowerDequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PowerDequantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getInput().getType();
    float inverse = 1.0f / op.getExponent().convertToFloat();
    std::string letters = loopLetters(type.getRank());
    Value x = buildMap(
        rewriter, loc, letters + ",->" + letters,
        {op.getInput(), op.getScale()}, rewriter.getF32Type(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value q = convertScalar(b, l, args[0], b.getF32Type());
          Value m = arith::MulFOp::create(b, l, math::AbsFOp::create(b, l, q),
                                          args[1]);
          Value p = powAbs(b, l, m, inverse);
          return math::CopySignOp::create(b, l, p, q);
        });
    rewriter.replaceOp(op, x);
    return success();
  }
};

} // namespace

void mlir::tessera::populateQuantLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<QuantizeLowering, DequantizeLowering, QMatmulLowering,
               HadamardLowering, PowerQuantizeLowering, PowerDequantizeLowering>(
      patterns.getContext());
}
