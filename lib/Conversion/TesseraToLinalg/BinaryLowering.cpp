//===- BinaryLowering.cpp - Lowering of the binary ops ------------------===//
//
// binary_matmul / binary_conv2d (XNOR-Net, BiPer at inference) to linalg on
// tensors (OPERATORS.md section 6, BinaryOps.td).
//
// Both compute their dot products as XNOR-popcount over bit-packed words:
//   * the operands are binarised with sign (sign(0) = +1: bit 1 for x >= 0,
//     so -0.0 is +1 too; the weights through T = identity or sin(omega W));
//   * the sign bits are packed along one dimension into words of
//     B = 64 bits (i64), or 32 (i32) for targets without 64-bit integers
//     (WebGPU; the pass option binary-word-bits), by a linalg.generic with
//     loops (outer..., word w, bit j) that reduces the B bits j of each
//     word: it reads element r = B w + j with tensor.extract (clamped in
//     range), and ors in 1 << j (a constant [B] operand, which also gives
//     the j loop its extent) when the bit is 1; bits past the real
//     elements are 0;
//   * binary_matmul packs K: dot = K - 2 * sum over words of ctpop(a ^ w)
//     (the unused bits of the last word are 0 in both operands, so they
//     never differ);
//   * binary_conv2d: over the real elements of a window (a tap on the zero
//     padding contributes 0), dot = real - 2 * (bits that differ), real =
//     Cin * (taps inside the input) a constant per output position.
// binary_conv2d packs the channels of each input pixel once, then gathers
// whole words: packing the im2col itself would pack every input bit once
// per tap that reads it, Cin*kh*kw*Ho*Wo bits per image, where packing the
// pixels is Cin*H*W (9x fewer for a 3x3 stride-1 conv, and no index
// decoding per bit). With Cw = ceil(Cin / B) words per pixel:
//   * pixel words P [N, H, W, Cw]: bit b of word c is the sign of
//     x[n, c*B + b, h, w] (bits past Cin are 0);
//   * tap words [N, Ho, Wo, kh*kw*Cw], tap-major (word t = (i*kw + j)*Cw +
//     c): the word-level im2col, P at (oh*sh + i*dh - ph, ow*sw + j*dw -
//     pw), or 0 where that position is on the zero padding (decided by
//     index arithmetic: no tensor.pad, no padded copy);
//   * weight words [Cout, kh*kw*Cw]: W [Cout, Cin, kh, kw] packed along Cin
//     into [Cout, kh, kw, Cw], then flattened, which is the same order;
//   * differ[n, o, oh, ow] = sum over every tap word of ctpop(a ^ w): a
//     contraction of two operands over one flattened reduction dim, a
//     GEMM-like one (M = Cout, K = kh*kw*Cw words) for the tilers (the GPU
//     computes it in workgroup tiles);
//   * padded[o, oh, ow]: the weight bits of the taps on the padding, which
//     `differ` counted (a zero input word differs from every bit set):
//     dot = real - 2 * (differ - padded). (Was: a third operand, a valid
//     word plane masking every xnor, which no GEMM tiler takes.)
//
// The integer dot (exact in the word type) is converted to f32 and scaled
// by alpha_o (the operand, else mean|W_o| = sum|W_o| / n of the
// untransformed weights) and, with input_scaling, by mean|x| of the input
// row (binary_matmul) or XNOR-Net's K (binary_conv2d: the channel sum of
// |x| box-filtered by a ones kh x kw kernel with the conv's stride, padding
// (taps outside the input count 0) and dilation, divided by Cin * kh * kw).
//
// The reduction extent (K, or Cin, kh, kw) must be static; binary_conv2d
// also needs static H and W. Batch dims and the number of outputs may be
// dynamic.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// Predicate deciding the bit of one scalar (i1 result).
using BitFn = function_ref<Value(OpBuilder &, Location, Value)>;

/// The packed word: i64 or i32. Counts (popcounts, dot products) are
/// accumulated in the same type.
struct Word {
  unsigned bits;
  Type type(OpBuilder &b) const { return b.getIntegerType(bits); }
  Value constant(OpBuilder &b, Location loc, int64_t value) const {
    return arith::ConstantOp::create(b, loc, type(b),
                                     b.getIntegerAttr(type(b), value));
  }
};

/// Bit of sign(v) with sign(0) = +1: v >= 0 (true for -0.0 too).
Value signBit(OpBuilder &b, Location loc, Value v) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, v,
                               f32(b, loc, 0.0));
}

/// Letters for the batch dims of binary_matmul's input; none of the letters
/// the lowering uses for its own loops (k, n, w).
std::string batchLetters(unsigned n) {
  static const char kLetters[] =
      "abcdefghijlmopqrstuvxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  assert(n < sizeof(kLetters) - 1 && "tensor rank too large");
  return std::string(kLetters, n);
}

/// Constant [B] tensor of words holding 1 << j, the value of bit j of a
/// word.
Value bitValues(OpBuilder &b, Location loc, Word word) {
  SmallVector<APInt> values;
  for (unsigned j = 0; j < word.bits; ++j)
    values.push_back(APInt::getOneBitSet(word.bits, j));
  auto type = RankedTensorType::get({int64_t(word.bits)}, word.type(b));
  return arith::ConstantOp::create(b, loc, type,
                                   DenseElementsAttr::get(type, values));
}

/// Computes the bit at reduction position `r` (index) of the row `outer`
/// (loop indices of the outer dims), as an i1.
using BitAtFn =
    function_ref<Value(OpBuilder &, Location, ValueRange outer, Value r)>;

/// Packed words [outerSizes..., words]: bit j of word w is
/// bitAt(outer, w * B + j). A linalg.generic with loops (outer..., w, j),
/// reducing the B bits j of each word (ori of 1 << j). `bitAt` must give 0
/// or a value that the caller masks for the positions past the real ones.
Value packWords(OpBuilder &b, Location loc, Word word,
                ArrayRef<OpFoldResult> outerSizes, int64_t words,
                BitAtFn bitAt) {
  unsigned rank = outerSizes.size();
  SmallVector<OpFoldResult> sizes(outerSizes);
  sizes.push_back(b.getIndexAttr(words));
  Value init = tensor::EmptyOp::create(b, loc, sizes, word.type(b));
  init = linalg::FillOp::create(b, loc, word.constant(b, loc, 0), init)
             .getResult(0);
  MLIRContext *ctx = b.getContext();
  AffineMap bitMap =
      AffineMap::get(rank + 2, 0, getAffineDimExpr(rank + 1, ctx), ctx);
  AffineMap outMap =
      AffineMap::getMultiDimIdentityMap(rank + 2, ctx).dropResult(rank + 1);
  SmallVector<utils::IteratorType> iterators(rank + 1,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), bitValues(b, loc, word), init,
      ArrayRef<AffineMap>{bitMap, outMap}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> outer;
        for (unsigned d = 0; d < rank; ++d)
          outer.push_back(linalg::IndexOp::create(nb, nloc, d));
        Value w = linalg::IndexOp::create(nb, nloc, rank);
        Value j = linalg::IndexOp::create(nb, nloc, rank + 1);
        Value r = arith::AddIOp::create(
            nb, nloc,
            arith::MulIOp::create(
                nb, nloc, w,
                arith::ConstantIndexOp::create(nb, nloc, word.bits)),
            j);
        Value bit = bitAt(nb, nloc, outer, r);
        Value value = arith::SelectOp::create(nb, nloc, bit, args[0],
                                              word.constant(nb, nloc, 0));
        linalg::YieldOp::create(
            nb, nloc, Value(arith::OrIOp::create(nb, nloc, args[1], value)));
      });
  return generic.getResult(0);
}

/// Packs the bits `bit(t[..., l, ...])` of an f32 tensor along its dim
/// `dim` (of static length L) into words: the result has the other dims of
/// `t` in their order, then ceil(L / B) words, and bit j of word w is the
/// element l = w * B + j; the bits past L are 0.
Value packBits(OpBuilder &b, Location loc, Word word, Value t, int64_t dim,
               BitFn bit) {
  auto type = cast<RankedTensorType>(t.getType());
  int64_t length = type.getDimSize(dim);
  SmallVector<OpFoldResult> outer = tensor::getMixedSizes(b, loc, t);
  outer.erase(outer.begin() + dim);
  return packWords(
      b, loc, word, outer, llvm::divideCeil(length, int64_t(word.bits)),
      [&](OpBuilder &nb, Location nloc, ValueRange ivs, Value r) -> Value {
        Value len = arith::ConstantIndexOp::create(nb, nloc, length);
        Value inRange =
            arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ult, r, len);
        Value last = arith::ConstantIndexOp::create(nb, nloc, length - 1);
        SmallVector<Value> indices(ivs);
        indices.insert(indices.begin() + dim,
                       arith::MinUIOp::create(nb, nloc, r, last));
        Value v = tensor::ExtractOp::create(nb, nloc, t, indices);
        return arith::AndIOp::create(nb, nloc, inRange, bit(nb, nloc, v));
      });
}

/// Bit of the binarised weight: sign(w), or sign(sin(omega w)) for BiPer.
struct WeightBit {
  bool periodic;
  float omega;
  Value operator()(OpBuilder &b, Location loc, Value w) const {
    if (periodic) {
      Value scaled = arith::MulFOp::create(b, loc, w, f32(b, loc, omega));
      w = math::SinOp::create(b, loc, scaled);
    }
    return signBit(b, loc, w);
  }
};

/// sum |t| over the letters of `spec` absent from its result, in f32.
Value sumAbs(OpBuilder &b, Location loc, StringRef spec, Value t) {
  return buildReduction(
      b, loc, spec, t, b.getF32Type(), b.getF32FloatAttr(0.0f),
      [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        return math::AbsFOp::create(nb, nloc, args[0]);
      },
      [](OpBuilder &nb, Location nloc, Value acc, Value v) -> Value {
        return arith::AddFOp::create(nb, nloc, acc, v);
      });
}

/// sum over words of ctpop(a ^ w) (`spec` names the operands a and w): the
/// bits that differ, an integer contraction of two operands.
Value mismatches(OpBuilder &b, Location loc, Word word, StringRef spec,
                 ValueRange operands) {
  return buildReduction(
      b, loc, spec, operands, word.type(b), b.getIntegerAttr(word.type(b), 0),
      [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value x = arith::XOrIOp::create(nb, nloc, args[0], args[1]);
        return math::CtPopOp::create(nb, nloc, x);
      },
      [](OpBuilder &nb, Location nloc, Value acc, Value v) -> Value {
        return arith::AddIOp::create(nb, nloc, acc, v);
      });
}

/// f32(dot) * alpha (alpha = alphaSum / alphaDiv) [* scale / scaleDiv].
Value scaleDot(OpBuilder &b, Location loc, ValueRange args, double alphaDiv,
               double scaleDiv) {
  Value y = arith::SIToFPOp::create(b, loc, b.getF32Type(), args[0]);
  Value alpha = args[1];
  if (alphaDiv != 1.0)
    alpha = arith::DivFOp::create(b, loc, alpha, f32(b, loc, alphaDiv));
  y = arith::MulFOp::create(b, loc, y, alpha);
  if (args.size() > 2) {
    Value scale = arith::DivFOp::create(b, loc, args[2], f32(b, loc, scaleDiv));
    y = arith::MulFOp::create(b, loc, y, scale);
  }
  return y;
}

Value castTo(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  return tensor::CastOp::create(b, loc, type, v);
}

//===----------------------------------------------------------------------===//
// binary_matmul
//===----------------------------------------------------------------------===//

struct BinaryMatmulLowering : OpRewritePattern<BinaryMatmulOp> {
  BinaryMatmulLowering(MLIRContext *ctx, unsigned wordBits)
      : OpRewritePattern(ctx), word{wordBits} {}
  Word word;

  LogicalResult matchAndRewrite(BinaryMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value w = op.getWeight();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    int64_t rank = xType.getRank();
    int64_t k = wType.getDimSize(1);
    if (ShapedType::isDynamic(k))
      k = xType.getShape().back();
    if (ShapedType::isDynamic(k))
      return op.emitOpError("cannot be lowered: the reduction extent K must "
                            "be static to pack it into words");
    // Make K static in both operands' types.
    SmallVector<int64_t> xShape(xType.getShape());
    xShape.back() = k;
    x = castTo(rewriter, loc, x, xType.clone(xShape));
    w = castTo(rewriter, loc, w,
               wType.clone(SmallVector<int64_t>{wType.getDimSize(0), k}));

    // Packed sign bits: x [..., words], weights [N, words].
    Value xBits = packBits(rewriter, loc, word, x, rank - 1, signBit);
    WeightBit weightBit{op.getWeightTransform() == WeightTransform::periodic,
                        op.getOmega().convertToFloat()};
    Value wBits = packBits(rewriter, loc, word, w, 1, weightBit);

    // Both operands have 0 in the unused bits of their last word, so those
    // bits always agree: dot = K - 2 * (bits that differ), and the product
    // only counts ctpop(a ^ w) (xor, popcount, add per word) instead of
    // masking the xnor. The conversion happens in the scaling map below.
    std::string batch = batchLetters(rank - 1);
    Value differ = mismatches(rewriter, loc, word,
                              batch + "w,nw->" + batch + "n", {xBits, wBits});

    // alpha_n: the operand, else sum_k |W[n, k]| / K.
    Value alpha = op.getAlpha();
    double alphaDiv = 1.0;
    if (!alpha) {
      alpha = sumAbs(rewriter, loc, "nk->n", w);
      alphaDiv = double(k);
    }
    SmallVector<Value> operands = {differ, alpha};
    std::string spec = batch + "n,n";
    if (op.getInputScaling()) {
      // beta[...] = sum_k |x[..., k]| / K.
      operands.push_back(sumAbs(rewriter, loc, batch + "k->" + batch, x));
      spec += "," + batch;
    }
    spec += "->" + batch + "n";
    Value y = buildMap(rewriter, loc, spec, operands, rewriter.getF32Type(),
                       [&](OpBuilder &nb, Location nloc, ValueRange args) {
                         SmallVector<Value> scaled(args);
                         Value twice = arith::ShLIOp::create(
                             nb, nloc, args[0], word.constant(nb, nloc, 1));
                         scaled[0] = arith::SubIOp::create(
                             nb, nloc, word.constant(nb, nloc, k), twice);
                         return scaleDot(nb, nloc, scaled, alphaDiv, double(k));
                       });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// binary_conv2d
//===----------------------------------------------------------------------===//

/// Static geometry of a binary_conv2d.
struct ConvGeometry {
  int64_t cin, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow;
  int64_t taps() const { return cin * kh * kw; }
};

/// Position of an input element read by a conv window, from index values:
/// row = oh * sh + i * dh - ph (and the same for columns); `inBounds` is
/// false on the zero padding, where `row`/`col` are clamped into the input
/// (so that the read stays legal; its value is not used).
struct WindowPos {
  Value inBounds, row, col;
};

Value idxConst(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// in-bounds flag and clamped coordinate of out * stride + k * dil - pad
/// along a dim of `size`.
std::pair<Value, Value> windowCoord(OpBuilder &b, Location loc, Value out,
                                    Value k, int64_t stride, int64_t dil,
                                    int64_t pad, int64_t size) {
  Value pos = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, out, idxConst(b, loc, stride)),
      arith::MulIOp::create(b, loc, k, idxConst(b, loc, dil)));
  pos = arith::SubIOp::create(b, loc, pos, idxConst(b, loc, pad));
  Value zero = idxConst(b, loc, 0);
  Value lo =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, pos, zero);
  Value hi = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, pos,
                                   idxConst(b, loc, size));
  Value inBounds = arith::AndIOp::create(b, loc, lo, hi);
  Value clamped =
      arith::MinSIOp::create(b, loc, arith::MaxSIOp::create(b, loc, pos, zero),
                             idxConst(b, loc, size - 1));
  return {inBounds, clamped};
}

WindowPos windowPos(OpBuilder &b, Location loc, const ConvGeometry &g, Value oh,
                    Value ow, Value i, Value j) {
  auto [inH, row] = windowCoord(b, loc, oh, i, g.sh, g.dh, g.ph, g.h);
  auto [inW, col] = windowCoord(b, loc, ow, j, g.sw, g.dw, g.pw, g.w);
  return {arith::AndIOp::create(b, loc, inH, inW), row, col};
}

/// The input's tap words [N, Ho, Wo, kh * kw * Cw]: an im2col of whole
/// words, tap-major (word t = (i * kw + j) * Cw + c, the order of the
/// packed weights), gathered from the per-pixel words `pixelBits`
/// [N, H, W, Cw] at (oh * sh + i * dh - ph, ow * sw + j * dw - pw); 0 on the
/// padding (no padded copy: the window position decides it). A
/// linalg.generic of parallel loops over [N, Ho, Wo, kh, kw, Cw] (word
/// granularity, no per-bit work), whose taps are then collapsed into the one
/// reduction dim of the contraction (so that it stays a GEMM-like
/// contraction over words).
Value gatherTapWords(OpBuilder &b, Location loc, Word word,
                     const ConvGeometry &g, Value pixelBits, OpFoldResult n) {
  MLIRContext *ctx = b.getContext();
  int64_t channelWords =
      cast<RankedTensorType>(pixelBits.getType()).getShape().back();
  SmallVector<OpFoldResult> sizes = {n};
  for (int64_t size : {g.oh, g.ow, g.kh, g.kw, channelWords})
    sizes.push_back(b.getIndexAttr(size));
  Value init = tensor::EmptyOp::create(b, loc, sizes, word.type(b));
  SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, init,
      ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(6, ctx)}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange) {
        SmallVector<Value> ivs;
        for (unsigned d = 0; d < 6; ++d)
          ivs.push_back(linalg::IndexOp::create(nb, nloc, d));
        WindowPos pos = windowPos(nb, nloc, g, ivs[1], ivs[2], ivs[3], ivs[4]);
        Value v = tensor::ExtractOp::create(
            nb, nloc, pixelBits, ValueRange{ivs[0], pos.row, pos.col, ivs[5]});
        linalg::YieldOp::create(
            nb, nloc,
            Value(arith::SelectOp::create(nb, nloc, pos.inBounds, v,
                                          word.constant(nb, nloc, 0))));
      });
  return tensor::CollapseShapeOp::create(
      b, loc, generic.getResult(0),
      SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4, 5}});
}

/// The number of real input elements the window of each output position
/// reads, Cin * (its taps inside the input), as a constant [Ho, Wo] of
/// words.
Value realTapCounts(OpBuilder &b, Location loc, Word word,
                    const ConvGeometry &g) {
  auto inside = [](int64_t out, int64_t k, int64_t stride, int64_t dil,
                   int64_t pad, int64_t size) {
    int64_t pos = out * stride + k * dil - pad;
    return pos >= 0 && pos < size;
  };
  SmallVector<APInt> counts;
  for (int64_t oh = 0; oh < g.oh; ++oh)
    for (int64_t ow = 0; ow < g.ow; ++ow) {
      int64_t taps = 0;
      for (int64_t i = 0; i < g.kh; ++i)
        for (int64_t j = 0; j < g.kw; ++j)
          taps += inside(oh, i, g.sh, g.dh, g.ph, g.h) &&
                  inside(ow, j, g.sw, g.dw, g.pw, g.w);
      counts.push_back(APInt(word.bits, uint64_t(taps * g.cin)));
    }
  auto type = RankedTensorType::get({g.oh, g.ow}, word.type(b));
  return arith::ConstantOp::create(b, loc, type,
                                   DenseElementsAttr::get(type, counts));
}

/// The term of tap (i, j) of output position (oh, ow) in a window sum,
/// from the sum's input element there, the tap's window position and the
/// loop indices (lead, oh, ow, i, j).
using TapTermFn = function_ref<Value(OpBuilder &, Location, Value element,
                                     const WindowPos &pos, ValueRange iv)>;

/// sum[lead, oh, ow] = sum over the taps (i, j) of the window of (oh, ow)
/// of `term`, in `type`: a linalg.generic with loops (lead, oh, ow, i, j)
/// reading `input` at `inputMap` (of those loops).
Value windowSum(OpBuilder &b, Location loc, const ConvGeometry &g,
                OpFoldResult lead, Type type, Value input, AffineMap inputMap,
                TapTermFn term) {
  MLIRContext *ctx = b.getContext();
  Value init = tensor::EmptyOp::create(
      b, loc,
      SmallVector<OpFoldResult>{lead, b.getIndexAttr(g.oh),
                                b.getIndexAttr(g.ow)},
      type);
  Value zero = arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type));
  init = linalg::FillOp::create(b, loc, zero, init).getResult(0);
  AffineMap outMap =
      AffineMap::get(5, 0,
                     {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx),
                      getAffineDimExpr(2, ctx)},
                     ctx);
  SmallVector<utils::IteratorType> iterators = {
      utils::IteratorType::parallel, utils::IteratorType::parallel,
      utils::IteratorType::parallel, utils::IteratorType::reduction,
      utils::IteratorType::reduction};
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), input, init,
      ArrayRef<AffineMap>{inputMap, outMap}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> iv;
        for (unsigned d = 0; d < 5; ++d)
          iv.push_back(linalg::IndexOp::create(nb, nloc, d));
        WindowPos pos = windowPos(nb, nloc, g, iv[1], iv[2], iv[3], iv[4]);
        Value v = term(nb, nloc, args[0], pos, iv);
        Value sum = isa<FloatType>(type)
                        ? Value(arith::AddFOp::create(nb, nloc, args[1], v))
                        : Value(arith::AddIOp::create(nb, nloc, args[1], v));
        linalg::YieldOp::create(nb, nloc, sum);
      });
  return generic.getResult(0);
}

/// paddedOnes[o, oh, ow]: the sum over the taps (i, j) of output position
/// (oh, ow) that lie on the zero padding of `tapOnes`[o, i, j] (the ones of
/// the packed weights of tap (i, j)). The padding's input words are 0, so
/// each such tap counted all of its weight bits as mismatches; a padded tap
/// must count nothing.
Value paddedOnes(OpBuilder &b, Location loc, Word word, const ConvGeometry &g,
                 Value tapOnes) {
  MLIRContext *ctx = b.getContext();
  int64_t cout = cast<RankedTensorType>(tapOnes.getType()).getDimSize(0);
  AffineMap onesMap =
      AffineMap::get(5, 0,
                     {getAffineDimExpr(0, ctx), getAffineDimExpr(3, ctx),
                      getAffineDimExpr(4, ctx)},
                     ctx);
  return windowSum(
      b, loc, g, b.getIndexAttr(cout), word.type(b), tapOnes, onesMap,
      [&](OpBuilder &nb, Location nloc, Value ones, const WindowPos &pos,
          ValueRange) -> Value {
        return arith::SelectOp::create(nb, nloc, pos.inBounds,
                                       word.constant(nb, nloc, 0), ones);
      });
}

struct BinaryConv2DLowering : OpRewritePattern<BinaryConv2DOp> {
  BinaryConv2DLowering(MLIRContext *ctx, unsigned wordBits)
      : OpRewritePattern(ctx), word{wordBits} {}
  Word word;

  LogicalResult matchAndRewrite(BinaryConv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value w = op.getWeight();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    int64_t cin = xType.getDimSize(1);
    if (ShapedType::isDynamic(cin))
      cin = wType.getDimSize(1);
    int64_t h = xType.getDimSize(2), wd = xType.getDimSize(3);
    int64_t kh = wType.getDimSize(2), kw = wType.getDimSize(3);
    if (ShapedType::isDynamic(cin) || ShapedType::isDynamic(kh) ||
        ShapedType::isDynamic(kw))
      return op.emitOpError("cannot be lowered: the input channels and the "
                            "kernel size must be static to pack the "
                            "Cin*kh*kw reduction into words");
    if (ShapedType::isDynamic(h) || ShapedType::isDynamic(wd))
      return op.emitOpError("cannot be lowered: the input height and width "
                            "must be static (im2col with exact zero padding)");
    x = castTo(
        rewriter, loc, x,
        xType.clone(SmallVector<int64_t>{xType.getDimSize(0), cin, h, wd}));
    w = castTo(
        rewriter, loc, w,
        wType.clone(SmallVector<int64_t>{wType.getDimSize(0), cin, kh, kw}));

    ArrayRef<int64_t> stride = op.getStride();
    ArrayRef<int64_t> padding = op.getPadding();
    ArrayRef<int64_t> dilation = op.getDilation();
    ConvGeometry g{cin,         h,         wd,         kh,         kw,
                   stride[0],   stride[1], padding[0], padding[1], dilation[0],
                   dilation[1], 0,         0};
    g.oh = (h + 2 * g.ph - g.dh * (kh - 1) - 1) / g.sh + 1;
    g.ow = (wd + 2 * g.pw - g.dw * (kw - 1) - 1) / g.sw + 1;
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, x, 0);

    // Sign words of every input pixel, [N, H, W, Cw] (Cw = ceil(Cin / B)):
    // N*Cin*H*W bits, each input element packed once rather than once per
    // tap that reads it (kh*kw times for a stride-1 conv). The bit loop
    // stays innermost, as the GPU mappings want their reductions; on the
    // CPU it reads x with stride H*W (gathers). Loops (n, h, Cw, bit, w),
    // contiguous in w, packed 64x56x56 2.5x faster (11 vs 27 us), about 1%
    // of examples/xnor_conv.mlir's run: not worth a reduction between
    // parallel loops.
    Value pixelBits = packBits(rewriter, loc, word, x, 1, signBit);
    // Input words [N, Ho, Wo, kh*kw*Cw]: the word-level im2col, 0 on the
    // padding.
    Value xBits = gatherTapWords(rewriter, loc, word, g, pixelBits, n);
    // Weight words [Cout, kh, kw, Cw] (W[o, c, i, j] packed along c), the
    // taps flattened into [Cout, kh*kw*Cw] like the input's.
    WeightBit weightBit{op.getWeightTransform() == WeightTransform::periodic,
                        op.getOmega().convertToFloat()};
    Value wTaps = packBits(rewriter, loc, word, w, 1, weightBit);
    Value wBits = tensor::CollapseShapeOp::create(
        rewriter, loc, wTaps,
        SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});

    // Over the real elements of a window (the unused bits of a channel word
    // are 0 in both operands, so they never differ), dot = real - 2 *
    // (bits that differ). The bits that differ are counted over every tap,
    // a GEMM-like contraction of two operands, then less those counted on
    // the padding (a zero input word differs from every weight bit set):
    //   dot[n, o, oh, ow] = real[oh, ow]
    //                       - 2 * (differ[n, o, oh, ow] - padded[o, oh, ow]).
    Value differ =
        mismatches(rewriter, loc, word, "nhvt,ot->nohv", {xBits, wBits});
    Value tapOnes = buildReduction(
        rewriter, loc, "oijc->oij", wTaps, word.type(rewriter),
        rewriter.getIntegerAttr(word.type(rewriter), 0),
        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return math::CtPopOp::create(nb, nloc, args[0]);
        },
        [](OpBuilder &nb, Location nloc, Value acc, Value v) -> Value {
          return arith::AddIOp::create(nb, nloc, acc, v);
        });
    Value padded = paddedOnes(rewriter, loc, word, g, tapOnes);
    Value real = realTapCounts(rewriter, loc, word, g);

    Value alpha = op.getAlpha();
    double alphaDiv = 1.0;
    if (!alpha) {
      alpha = sumAbs(rewriter, loc, "ocij->o", w);
      alphaDiv = double(g.taps());
    }
    SmallVector<Value> operands = {differ, padded, real, alpha};
    std::string spec = "nohv,ohv,hv,o";
    if (op.getInputScaling()) {
      // K * Cin * kh * kw = the kh x kw box filter (zero padded, strided,
      // dilated) of sum_c |x|.
      Value a = sumAbs(rewriter, loc, "nchv->nhv", x);
      operands.push_back(boxFilter(rewriter, loc, g, a, n));
      spec += ",nhv";
    }
    spec += "->nohv";
    Value y = buildMap(
        rewriter, loc, spec, operands, rewriter.getF32Type(),
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value counted = arith::SubIOp::create(nb, nloc, args[0], args[1]);
          Value twice = arith::ShLIOp::create(nb, nloc, counted,
                                              word.constant(nb, nloc, 1));
          SmallVector<Value> scaled = {
              arith::SubIOp::create(nb, nloc, args[2], twice)};
          llvm::append_range(scaled, args.drop_front(3));
          return scaleDot(nb, nloc, scaled, alphaDiv, double(g.taps()));
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }

  /// box[n, oh, ow] = sum_{i, j} ones[i, j] * a[n, oh*sh + i*dh - ph,
  /// ow*sw + j*dw - pw], the taps on the zero padding counting 0.
  static Value boxFilter(OpBuilder &b, Location loc, const ConvGeometry &g,
                         Value a, OpFoldResult n) {
    MLIRContext *ctx = b.getContext();
    auto kernelType = RankedTensorType::get({g.kh, g.kw}, b.getF32Type());
    Value kernel = arith::ConstantOp::create(
        b, loc, kernelType, DenseElementsAttr::get(kernelType, 1.0f));
    AffineMap kernelMap = AffineMap::get(
        5, 0, {getAffineDimExpr(3, ctx), getAffineDimExpr(4, ctx)}, ctx);
    return windowSum(b, loc, g, n, b.getF32Type(), kernel, kernelMap,
                     [&](OpBuilder &nb, Location nloc, Value one,
                         const WindowPos &pos, ValueRange iv) -> Value {
                       Value v = tensor::ExtractOp::create(
                           nb, nloc, a, ValueRange{iv[0], pos.row, pos.col});
                       v = arith::SelectOp::create(nb, nloc, pos.inBounds, v,
                                                   f32(nb, nloc, 0.0));
                       return arith::MulFOp::create(nb, nloc, one, v);
                     });
  }
};

} // namespace

void mlir::tessera::populateBinaryLoweringPatterns(RewritePatternSet &patterns,
                                                   unsigned wordBits) {
  patterns.add<BinaryMatmulLowering, BinaryConv2DLowering>(
      patterns.getContext(), wordBits);
}
