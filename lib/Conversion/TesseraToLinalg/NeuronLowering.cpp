//===- NeuronLowering.cpp - Lowering of the neuron ops ------------------===//
//
// Quadratic neurons (quadratic_linear, quadratic_conv2d), the Pade
// activation unit (pau) and the PAON neuron (pade_conv2d) to linalg on
// tensors (OPERATORS.md sections 4 and 5, NeuronOps.td).
//
//   * quadratic_linear: every `W x` is a contraction "..i,oi->..o"
//     (x W^T) over the input or over x*x; a final elementwise linalg.generic
//     adds the biases and combines the terms as the variant says:
//       fan      (Wr x + br) * (Wg x + bg) + Wb (x*x) + c
//       compact  Wr x + br + Wb (x*x)
//       square   W (x*x) + b
//       power    (W x + b)^2
//       product  (Wa x + ba) * (Wb x + bb)
//     (absent biases add nothing).
//   * quadratic_conv2d: the same with `W x` a 2-D convolution: x*x is
//     computed on the unpadded input, x and x*x are zero padded (padding
//     commutes with squaring; a linalg.generic, see padSpatial), then
//     linalg.conv_2d_nchw_fchw (groups = 1) or, after tensor.expand_shape
//     of the input [N, G, Cin/G, H, W] and weights [G, Cout/G, Cin/G, kh,
//     kw], linalg.conv_2d_ngchw_gfchw collapsed back to [N, Cout, H', W'].
//   * pau: one elementwise linalg.generic evaluating P and the variant's
//     denominator with Horner's rule. Per-tensor coefficients are read with
//     tensor.extract before the generic; per-channel ones ([C, m+1], [C, n])
//     are split into their columns [C] (tensor.extract_slice), which the
//     generic broadcasts along channel_axis.
//   * pade_conv2d: x^k (k = 1..max(M, Nq), repeated products) zero padded,
//     the numerator convolutions accumulated into one tensor (the
//     accumulator of linalg.conv_2d_nchw_fchw), the denominator ones
//     separately (abs) or accumulated (smooth, keeping the partial sums
//     without the last term), and a final elementwise generic.
//
// The convolutions need static H, W, kh and kw; groups > 1 also needs
// static channel counts. The batch (and, for groups = 1, the channels) may
// be dynamic.
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

using namespace mlir;
using namespace mlir::tessera;

namespace {

Value castTo(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  return tensor::CastOp::create(b, loc, type, v);
}

/// `rank` loop letters, none of the letters the lowerings use themselves
/// (i, o).
std::string letters(unsigned rank) {
  static const char kLetters[] =
      "abcdefghjklmnpqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  assert(rank < sizeof(kLetters) - 1 && "tensor rank too large");
  return std::string(kLetters, rank);
}

/// The first static extent of dim `dim` among `values`, or kDynamic.
int64_t firstStatic(ValueRange values, unsigned dim) {
  for (Value v : values) {
    auto type = cast<RankedTensorType>(v.getType());
    if (!type.isDynamicDim(dim))
      return type.getDimSize(dim);
  }
  return ShapedType::kDynamic;
}

/// Casts every value to the shape made of the first static extent of each
/// dim among `values`, else `known[dim]` when given (so that all of them
/// have the same, most static type).
SmallVector<Value> refineTogether(OpBuilder &b, Location loc,
                                  ValueRange values,
                                  ArrayRef<int64_t> known = {}) {
  SmallVector<Value> refined;
  if (values.empty())
    return refined;
  auto first = cast<RankedTensorType>(values[0].getType());
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < first.getRank(); ++d) {
    int64_t extent = firstStatic(values, d);
    if (ShapedType::isDynamic(extent) && d < int64_t(known.size()))
      extent = known[d];
    shape.push_back(extent);
  }
  for (Value v : values)
    refined.push_back(castTo(b, loc, v, first.clone(shape)));
  return refined;
}

//===----------------------------------------------------------------------===//
// Quadratic combination
//===----------------------------------------------------------------------===//

/// True if weight `i` of `variant` multiplies x*x rather than x.
bool takesSquare(QuadraticVariant variant, unsigned i) {
  switch (variant) {
  case QuadraticVariant::fan:
    return i == 2;
  case QuadraticVariant::compact:
    return i == 1;
  case QuadraticVariant::square:
    return i == 0;
  case QuadraticVariant::power:
  case QuadraticVariant::product:
    return false;
  }
  llvm_unreachable("unknown quadratic variant");
}

bool anyTakesSquare(QuadraticVariant variant, unsigned numWeights) {
  for (unsigned i = 0; i < numWeights; ++i)
    if (takesSquare(variant, i))
      return true;
  return false;
}

/// Combines the terms t_i = W_i x (or W_i (x*x)), all indexed by `out`
/// (whose letter `o` is the output feature / channel), with the optional
/// biases [o] as `variant` says.
Value combineQuadratic(OpBuilder &b, Location loc, QuadraticVariant variant,
                       ValueRange terms, ValueRange biases,
                       const std::string &out) {
  SmallVector<Value> inputs(terms);
  llvm::append_range(inputs, biases);
  std::string spec;
  for (unsigned i = 0; i < terms.size(); ++i)
    spec += (i ? "," : "") + out;
  for (unsigned i = 0; i < biases.size(); ++i)
    spec += ",o";
  spec += "->" + out;
  unsigned numTerms = terms.size();
  bool hasBiases = !biases.empty();
  return buildMap(
      b, loc, spec, inputs, b.getF32Type(),
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        auto term = [&](unsigned i) { return args[i]; };
        // t_i + b_i (b_i absent: t_i).
        auto affine = [&](unsigned i) -> Value {
          if (!hasBiases)
            return args[i];
          return arith::AddFOp::create(nb, nloc, args[i], args[numTerms + i]);
        };
        switch (variant) {
        case QuadraticVariant::fan: {
          Value y = arith::MulFOp::create(nb, nloc, affine(0), affine(1));
          y = arith::AddFOp::create(nb, nloc, y, term(2));
          if (hasBiases)
            y = arith::AddFOp::create(nb, nloc, y, args[numTerms + 2]);
          return y;
        }
        case QuadraticVariant::compact:
          return arith::AddFOp::create(nb, nloc, affine(0), term(1));
        case QuadraticVariant::square:
          return affine(0);
        case QuadraticVariant::power: {
          Value s = affine(0);
          return arith::MulFOp::create(nb, nloc, s, s);
        }
        case QuadraticVariant::product:
          return arith::MulFOp::create(nb, nloc, affine(0), affine(1));
        }
        llvm_unreachable("unknown quadratic variant");
      });
}

/// Elementwise x * x over `spec` letters.
Value square(OpBuilder &b, Location loc, Value x, const std::string &spec) {
  return buildMap(b, loc, spec + "->" + spec, x, b.getF32Type(),
                  [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                    return arith::MulFOp::create(nb, nloc, args[0], args[0]);
                  });
}

//===----------------------------------------------------------------------===//
// 2-D convolution
//===----------------------------------------------------------------------===//

/// Static geometry of a 2-D convolution (NCHW, PyTorch's conventions).
struct Conv2DGeometry {
  int64_t h, w, kh, kw;
  ArrayRef<int64_t> stride, padding, dilation;
  int64_t groups = 1;

  int64_t outH() const {
    return (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
  }
  int64_t outW() const {
    return (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
  }
};

OpFoldResult mixedDim(OpBuilder &b, Location loc, Value v, unsigned dim) {
  auto type = cast<RankedTensorType>(v.getType());
  if (!type.isDynamicDim(dim))
    return b.getIndexAttr(type.getDimSize(dim));
  return tensor::getMixedSize(b, loc, v, dim);
}

/// A zero-filled f32 tensor of `sizes`.
Value zeros(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes) {
  Value init = tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
  return linalg::FillOp::create(b, loc, f32(b, loc, 0.0), init).getResult(0);
}

/// Symmetric zero padding of the two spatial dims of an NCHW tensor:
/// xp[n, c, i, j] = x[n, c, i - ph, j - pw] inside, 0 outside. Built as a
/// linalg.generic reading x with tensor.extract (at a clamped position,
/// discarded outside) rather than tensor.pad, whose bufferization copies the
/// interior into a strided view through the memrefCopy runtime function,
/// which the CPU runtime does not provide.
Value padSpatial(OpBuilder &b, Location loc, Value x,
                 const Conv2DGeometry &g) {
  if (g.padding[0] == 0 && g.padding[1] == 0)
    return x;
  SmallVector<OpFoldResult> sizes = {
      mixedDim(b, loc, x, 0), mixedDim(b, loc, x, 1),
      b.getIndexAttr(g.h + 2 * g.padding[0]),
      b.getIndexAttr(g.w + 2 * g.padding[1])};
  if (g.h == 0 || g.w == 0)
    return zeros(b, loc, sizes); // nothing but padding
  Value init = tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, init,
      ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(4, ctx)},
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nloc, ValueRange) {
        Value n = linalg::IndexOp::create(nb, nloc, 0);
        Value c = linalg::IndexOp::create(nb, nloc, 1);
        Value zero = arith::ConstantIndexOp::create(nb, nloc, 0);
        Value inBounds;
        SmallVector<Value> position;
        for (unsigned d = 0; d < 2; ++d) {
          Value i = linalg::IndexOp::create(nb, nloc, 2 + d);
          // i - pad is in [0, size) iff (i - pad) <u size.
          Value pos = arith::SubIOp::create(
              nb, nloc, i,
              arith::ConstantIndexOp::create(nb, nloc, g.padding[d]));
          Value inside = arith::CmpIOp::create(
              nb, nloc, arith::CmpIPredicate::ult, pos,
              arith::ConstantIndexOp::create(nb, nloc, d == 0 ? g.h : g.w));
          position.push_back(
              arith::SelectOp::create(nb, nloc, inside, pos, zero));
          inBounds = inBounds ? Value(arith::AndIOp::create(nb, nloc,
                                                           inBounds, inside))
                              : inside;
        }
        Value v = tensor::ExtractOp::create(
            nb, nloc, x, ValueRange{n, c, position[0], position[1]});
        linalg::YieldOp::create(
            nb, nloc,
            Value(arith::SelectOp::create(nb, nloc, inBounds, v,
                                          f32(nb, nloc, 0.0))));
      });
  return generic.getResult(0);
}

/// acc + conv(xp, w): xp [N, Cin, Hp, Wp] already zero padded, w [Cout,
/// Cin/G, kh, kw]; `acc` [N, Cout, H', W'] (a zero tensor if null).
Value conv2d(OpBuilder &b, Location loc, Value xp, Value w,
             const Conv2DGeometry &g, Value acc = Value()) {
  auto xType = cast<RankedTensorType>(xp.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  OpFoldResult n = mixedDim(b, loc, xp, 0);
  OpFoldResult cout = mixedDim(b, loc, w, 0);
  OpFoldResult oh = b.getIndexAttr(g.outH());
  OpFoldResult ow = b.getIndexAttr(g.outW());
  if (!acc)
    acc = zeros(b, loc, {n, cout, oh, ow});
  auto strides = b.getI64TensorAttr(g.stride);
  auto dilations = b.getI64TensorAttr(g.dilation);
  if (g.groups == 1)
    return linalg::Conv2DNchwFchwOp::create(b, loc, acc.getType(),
                                            ValueRange{xp, w}, acc, strides,
                                            dilations)
        .getResult(0);

  // Grouped: [N, G, Cin/G, Hp, Wp] x [G, Cout/G, Cin/G, kh, kw] ->
  // [N, G, Cout/G, H', W'].
  int64_t groups = g.groups;
  int64_t cin = xType.getDimSize(1), co = wType.getDimSize(0);
  SmallVector<int64_t> xShape = {xType.getDimSize(0), groups, cin / groups,
                                 xType.getDimSize(2), xType.getDimSize(3)};
  SmallVector<OpFoldResult> xSizes = {
      n, b.getIndexAttr(groups), b.getIndexAttr(cin / groups),
      b.getIndexAttr(xType.getDimSize(2)), b.getIndexAttr(xType.getDimSize(3))};
  SmallVector<ReassociationIndices> splitDim1 = {{0}, {1, 2}, {3}, {4}};
  Value xg = tensor::ExpandShapeOp::create(b, loc, xType.clone(xShape), xp,
                                           splitDim1, xSizes);
  SmallVector<int64_t> wShape = {groups, co / groups, wType.getDimSize(1),
                                 wType.getDimSize(2), wType.getDimSize(3)};
  SmallVector<ReassociationIndices> splitDim0 = {{0, 1}, {2}, {3}, {4}};
  Value wg = tensor::ExpandShapeOp::create(b, loc, wType.clone(wShape), w,
                                           splitDim0);
  auto accType = cast<RankedTensorType>(acc.getType());
  SmallVector<int64_t> accShape = {accType.getDimSize(0), groups, co / groups,
                                   accType.getDimSize(2),
                                   accType.getDimSize(3)};
  SmallVector<OpFoldResult> accSizes = {
      n, b.getIndexAttr(groups), b.getIndexAttr(co / groups),
      b.getIndexAttr(accType.getDimSize(2)),
      b.getIndexAttr(accType.getDimSize(3))};
  Value accg = tensor::ExpandShapeOp::create(b, loc, accType.clone(accShape),
                                             acc, splitDim1, accSizes);
  Value y = linalg::Conv2DNgchwGfchwOp::create(b, loc, accg.getType(),
                                               ValueRange{xg, wg}, accg,
                                               strides, dilations)
                .getResult(0);
  return tensor::CollapseShapeOp::create(b, loc, accType, y, splitDim1);
}

/// conv(xp, w) for each w of `weights` (all [Cout, Cin, kh, kw]) as one
/// convolution over the weights stacked along Cout, its result sliced back
/// per weight: the input's patches are then gathered once (im2col on the
/// CPU) for all of them, and one GEMM has all their rows (with 32 output
/// channels each, a register tile's rows were mostly idle). Measured on one
/// thread: paon_block (a Pade conv whose wp_k and wq_k share x^k) 9.2-10.5
/// -> 7.8-8.1 ms; a fan quadratic conv (W_r x and W_g x), 64 channels at
/// 56x56, 12.5-13.1 -> 11.5-12.2 ms. Grouped convolutions (whose output
/// channels belong to their groups) and weights of dynamic shape are
/// convolved one by one.
SmallVector<Value> siblingConv2d(OpBuilder &b, Location loc, Value xp,
                                 ArrayRef<Value> weights,
                                 const Conv2DGeometry &g) {
  auto wType = cast<RankedTensorType>(weights.front().getType());
  if (weights.size() == 1 || g.groups != 1 || !wType.hasStaticShape() ||
      llvm::any_of(weights, [&](Value w) { return w.getType() != wType; })) {
    SmallVector<Value> results;
    for (Value w : weights)
      results.push_back(conv2d(b, loc, xp, w, g));
    return results;
  }
  int64_t cout = wType.getDimSize(0);
  SmallVector<int64_t> stackedShape(wType.getShape());
  stackedShape[0] = cout * weights.size();
  Value stacked =
      tensor::EmptyOp::create(b, loc, stackedShape, wType.getElementType());
  SmallVector<OpFoldResult> ones(4, b.getIndexAttr(1));
  SmallVector<OpFoldResult> wSizes =
      getAsIndexOpFoldResult(b.getContext(), wType.getShape());
  for (auto [i, w] : llvm::enumerate(weights)) {
    SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
    offsets[0] = b.getIndexAttr(i * cout);
    stacked = tensor::InsertSliceOp::create(b, loc, w, stacked, offsets, wSizes,
                                            ones);
  }
  Value y = conv2d(b, loc, xp, stacked, g);
  auto yType = cast<RankedTensorType>(y.getType());
  SmallVector<int64_t> termShape(yType.getShape());
  termShape[1] = cout;
  SmallVector<OpFoldResult> sizes = {
      mixedDim(b, loc, y, 0), b.getIndexAttr(cout),
      b.getIndexAttr(yType.getDimSize(2)), b.getIndexAttr(yType.getDimSize(3))};
  SmallVector<Value> results;
  for (unsigned i = 0; i < weights.size(); ++i) {
    SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
    offsets[1] = b.getIndexAttr(i * cout);
    results.push_back(tensor::ExtractSliceOp::create(
        b, loc, yType.clone(termShape), y, offsets, sizes, ones));
  }
  return results;
}

/// Checks that the spatial extents of the input and the kernel are static.
LogicalResult staticGeometry(Operation *op, RankedTensorType xType, int64_t kh,
                             int64_t kw) {
  if (xType.isDynamicDim(2) || xType.isDynamicDim(3))
    return op->emitOpError("cannot be lowered: the input height and width "
                           "must be static");
  if (ShapedType::isDynamic(kh) || ShapedType::isDynamic(kw))
    return op->emitOpError("cannot be lowered: the kernel size must be "
                           "static");
  return success();
}

//===----------------------------------------------------------------------===//
// quadratic_linear
//===----------------------------------------------------------------------===//

struct QuadraticLinearLowering : OpRewritePattern<QuadraticLinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuadraticLinearOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    QuadraticVariant variant = op.getVariant();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t rank = xType.getRank();
    int64_t in = xType.getShape().back();
    SmallVector<Value> weights = refineTogether(
        rewriter, loc, op.getWeights(),
        {firstStatic(op.getBiases(), 0), in});
    SmallVector<Value> biases = refineTogether(
        rewriter, loc, op.getBiases(),
        {cast<RankedTensorType>(weights[0].getType()).getDimSize(0)});
    std::string batch = letters(rank - 1);
    std::string xs = batch + "i";
    std::string out = batch + "o";

    Value xx;
    if (anyTakesSquare(variant, weights.size()))
      xx = square(rewriter, loc, x, xs);
    SmallVector<Value> terms;
    for (auto [i, w] : llvm::enumerate(weights))
      terms.push_back(buildContraction(rewriter, loc, xs + ",oi->" + out,
                                       {takesSquare(variant, i) ? xx : x, w},
                                       rewriter.getF32Type()));
    Value y = combineQuadratic(rewriter, loc, variant, terms, biases, out);
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// quadratic_conv2d
//===----------------------------------------------------------------------===//

struct QuadraticConv2DLowering : OpRewritePattern<QuadraticConv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuadraticConv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    QuadraticVariant variant = op.getVariant();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t groups = op.getGroups();
    int64_t cinPerGroup = firstStatic(op.getWeights(), 1);
    int64_t cin = xType.getDimSize(1);
    if (ShapedType::isDynamic(cin) && !ShapedType::isDynamic(cinPerGroup))
      cin = cinPerGroup * groups;
    if (ShapedType::isDynamic(cinPerGroup) && !ShapedType::isDynamic(cin))
      cinPerGroup = cin / groups;
    int64_t cout = firstStatic(op.getWeights(), 0);
    if (ShapedType::isDynamic(cout))
      cout = firstStatic(op.getBiases(), 0);
    int64_t kh = firstStatic(op.getWeights(), 2);
    int64_t kw = firstStatic(op.getWeights(), 3);
    if (failed(staticGeometry(op, xType, kh, kw)))
      return failure();
    if (groups > 1 && (ShapedType::isDynamic(cin) ||
                       ShapedType::isDynamic(cout)))
      return op.emitOpError("cannot be lowered: groups > 1 needs static "
                            "input and output channel counts");

    x = castTo(rewriter, loc, x,
               xType.clone(SmallVector<int64_t>{
                   xType.getDimSize(0), cin, xType.getDimSize(2),
                   xType.getDimSize(3)}));
    SmallVector<Value> weights = refineTogether(
        rewriter, loc, op.getWeights(), {cout, cinPerGroup, kh, kw});
    SmallVector<Value> biases =
        refineTogether(rewriter, loc, op.getBiases(), {cout});
    Conv2DGeometry g{xType.getDimSize(2), xType.getDimSize(3), kh, kw,
                     op.getStride(), op.getPadding(), op.getDilation(),
                     groups};

    Value xp, xxp;
    for (unsigned i = 0; i < weights.size(); ++i) {
      if (!takesSquare(variant, i) && !xp)
        xp = padSpatial(rewriter, loc, x, g);
      if (takesSquare(variant, i) && !xxp)
        xxp = padSpatial(rewriter, loc, square(rewriter, loc, x, "nchw"), g);
    }
    // The terms of the same input (fan: W_r x and W_g x) in one convolution.
    SmallVector<Value> terms(weights.size());
    for (bool ofSquare : {false, true}) {
      SmallVector<unsigned> indices;
      SmallVector<Value> sharing;
      for (auto [i, w] : llvm::enumerate(weights))
        if (takesSquare(variant, i) == ofSquare) {
          indices.push_back(i);
          sharing.push_back(w);
        }
      if (sharing.empty())
        continue;
      SmallVector<Value> convs =
          siblingConv2d(rewriter, loc, ofSquare ? xxp : xp, sharing, g);
      for (auto [i, conv] : llvm::zip(indices, convs))
        terms[i] = conv;
    }
    Value y = combineQuadratic(rewriter, loc, variant, terms, biases, "nohw");
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// pau
//===----------------------------------------------------------------------===//

struct PauLowering : OpRewritePattern<PauOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PauOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value num = op.getNumerator();
    Value den = op.getDenominator();
    auto xType = cast<RankedTensorType>(x.getType());
    auto numType = cast<RankedTensorType>(num.getType());
    auto denType = cast<RankedTensorType>(den.getType());
    int64_t numCoeffs = numType.getShape().back(); // m + 1 (static, >= 1)
    int64_t denCoeffs = denType.getShape().back(); // n (static, >= 0)
    std::optional<uint64_t> axis = op.getChannelAxis();
    PauVersion version = op.getVersion();

    std::string xs = letters(xType.getRank());
    SmallVector<Value> inputs = {x};
    std::string spec = xs;
    // Each coefficient (a_0..a_m, then b_1..b_n): per tensor, a scalar read
    // before the generic; per channel, an input column [C] broadcast along
    // channel_axis.
    SmallVector<Value> scalars;
    auto addCoefficient = [&](Value coeffs, int64_t j) {
      if (!axis) {
        Value idx = arith::ConstantIndexOp::create(rewriter, loc, j);
        scalars.push_back(
            tensor::ExtractOp::create(rewriter, loc, coeffs, idx));
        return;
      }
      OpFoldResult channels = mixedDim(rewriter, loc, coeffs, 0);
      auto type = cast<RankedTensorType>(coeffs.getType());
      auto columnType = RankedTensorType::get({type.getDimSize(0)},
                                              rewriter.getF32Type());
      Value column = tensor::ExtractSliceOp::create(
          rewriter, loc, columnType, coeffs,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                                 rewriter.getIndexAttr(j)},
          ArrayRef<OpFoldResult>{channels, rewriter.getIndexAttr(1)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1),
                                 rewriter.getIndexAttr(1)});
      inputs.push_back(column);
      spec += ",";
      spec += xs[*axis];
    };
    for (int64_t j = 0; j < numCoeffs; ++j)
      addCoefficient(num, j);
    for (int64_t k = 0; k < denCoeffs; ++k)
      addCoefficient(den, k);
    spec += "->" + xs;

    Value y = buildMap(
        rewriter, loc, spec, inputs, rewriter.getF32Type(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value v = args[0];
          auto coeff = [&](int64_t i) -> Value {
            return axis ? args[1 + i] : scalars[i];
          };
          auto a = [&](int64_t j) { return coeff(j); };
          auto bk = [&](int64_t k) { return coeff(numCoeffs + k - 1); };
          // P(x) = (..(a_m x + a_{m-1}) x + ..) x + a_0.
          Value p = a(numCoeffs - 1);
          for (int64_t j = numCoeffs - 2; j >= 0; --j)
            p = arith::AddFOp::create(
                b, l, arith::MulFOp::create(b, l, p, v), a(j));
          if (denCoeffs == 0)
            return p; // Q = 1
          // s = b_1 x + .. + b_n x^n = (..(b_n x + b_{n-1}) x + .. + b_1) x
          // (abs: |b_k| and |x|).
          bool absVersion = version == PauVersion::abs;
          Value t = absVersion ? Value(math::AbsFOp::create(b, l, v)) : v;
          auto coefficient = [&](int64_t k) -> Value {
            Value c = bk(k);
            return absVersion ? Value(math::AbsFOp::create(b, l, c)) : c;
          };
          Value s = coefficient(denCoeffs);
          for (int64_t k = denCoeffs - 1; k >= 1; --k)
            s = arith::AddFOp::create(
                b, l, arith::MulFOp::create(b, l, s, t), coefficient(k));
          s = arith::MulFOp::create(b, l, s, t);
          if (version == PauVersion::safe)
            s = math::AbsFOp::create(b, l, s);
          Value q = arith::AddFOp::create(b, l, f32(b, l, 1.0), s);
          return arith::DivFOp::create(b, l, p, q);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// pade_conv2d
//===----------------------------------------------------------------------===//

struct PadeConv2DLowering : OpRewritePattern<PadeConv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PadeConv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value w0 = op.getW0();
    auto xType = cast<RankedTensorType>(x.getType());
    auto w0Type = cast<RankedTensorType>(w0.getType());
    SmallVector<Value, 2> both = {op.getWp(), op.getWq()};
    int64_t numDeg = cast<RankedTensorType>(both[0].getType()).getDimSize(0);
    int64_t denDeg = cast<RankedTensorType>(both[1].getType()).getDimSize(0);
    int64_t cout = firstStatic(both, 1);
    if (ShapedType::isDynamic(cout))
      cout = w0Type.getDimSize(0);
    int64_t cin = firstStatic(both, 2);
    if (ShapedType::isDynamic(cin))
      cin = xType.getDimSize(1);
    int64_t kh = firstStatic(both, 3), kw = firstStatic(both, 4);
    if (failed(staticGeometry(op, xType, kh, kw)))
      return failure();

    // Common, most static types: x [N, Cin, H, W], wp / wq [., Cout, Cin,
    // kh, kw], w0 [Cout].
    x = castTo(rewriter, loc, x,
               xType.clone(SmallVector<int64_t>{xType.getDimSize(0), cin,
                                                xType.getDimSize(2),
                                                xType.getDimSize(3)}));
    auto weightType = [&](int64_t degree) {
      return RankedTensorType::get({degree, cout, cin, kh, kw},
                                   rewriter.getF32Type());
    };
    Value wp = castTo(rewriter, loc, both[0], weightType(numDeg));
    Value wq = castTo(rewriter, loc, both[1], weightType(denDeg));
    w0 = castTo(rewriter, loc, w0,
                RankedTensorType::get({cout}, rewriter.getF32Type()));
    Conv2DGeometry g{xType.getDimSize(2), xType.getDimSize(3), kh, kw,
                     op.getStride(), op.getPadding(), op.getDilation(), 1};

    // Zero-padded powers x^k, k = 1..max(M, Nq) (0^k = 0: padding commutes).
    int64_t maxDeg = std::max(numDeg, denDeg);
    SmallVector<Value> powers = {x};
    for (int64_t k = 2; k <= maxDeg; ++k)
      powers.push_back(buildMap(
          rewriter, loc, "nchw,nchw->nchw", {powers.back(), x},
          rewriter.getF32Type(),
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::MulFOp::create(b, l, args[0], args[1]);
          }));
    SmallVector<Value> padded;
    for (Value power : powers)
      padded.push_back(padSpatial(rewriter, loc, power, g));

    // Kernel k (1-based) of wp / wq: [Cout, Cin, kh, kw].
    auto kernel = [&](Value weights, int64_t k) -> Value {
      auto type = RankedTensorType::get({cout, cin, kh, kw},
                                        rewriter.getF32Type());
      SmallVector<OpFoldResult> offsets(5, rewriter.getIndexAttr(0));
      offsets[0] = rewriter.getIndexAttr(k - 1);
      SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(1)};
      for (unsigned d = 1; d < 5; ++d)
        sizes.push_back(mixedDim(rewriter, loc, weights, d));
      SmallVector<OpFoldResult> strides(5, rewriter.getIndexAttr(1));
      return tensor::ExtractSliceOp::create(rewriter, loc, type, weights,
                                            offsets, sizes, strides);
    };
    // conv(x^k, wp_k) and conv(x^k, wq_k) read the same input: one
    // convolution per power k over both kernels stacked (siblingConv2d),
    // the terms summed in the final elementwise op.
    SmallVector<Value> pTerms, qTerms;
    for (int64_t k = 1; k <= maxDeg; ++k) {
      SmallVector<Value> kernels;
      if (k <= numDeg)
        kernels.push_back(kernel(wp, k));
      if (k <= denDeg)
        kernels.push_back(kernel(wq, k));
      SmallVector<Value> convs =
          siblingConv2d(rewriter, loc, padded[k - 1], kernels, g);
      if (k <= numDeg)
        pTerms.push_back(convs.front());
      if (k <= denDeg)
        qTerms.push_back(convs.back());
    }
    // Inputs: p_1..p_M, q_1..q_Nq, w0.
    SmallVector<Value> inputs(pTerms);
    llvm::append_range(inputs, qTerms);
    inputs.push_back(w0);
    std::string spec;
    for (size_t i = 0; i + 1 < inputs.size(); ++i)
      spec += "nohw,";
    spec += "o->nohw";
    size_t numP = pTerms.size(), numQ = qTerms.size();
    bool absVariant = op.getVariant() == PadeVariant::abs;
    Value y = buildMap(
        rewriter, loc, spec, inputs, rewriter.getF32Type(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          ValueRange p = args.take_front(numP);
          ValueRange q = args.slice(numP, numQ);
          Value bias = args[numP + numQ];
          // start + sum of `terms` (of |term| with abs).
          auto sum = [&](Value start, ValueRange terms, bool abs = false) {
            Value total = start;
            for (Value term : terms)
              total = arith::AddFOp::create(
                  b, l, total,
                  abs ? Value(math::AbsFOp::create(b, l, term)) : term);
            return total;
          };
          Value one = f32(b, l, 1.0);
          if (absVariant)
            // y = (w0 + sum_k p_k) / (1 + sum_k |q_k|).
            return arith::DivFOp::create(b, l, sum(bias, p),
                                         sum(one, q, /*abs=*/true));
          // Smooth: with P_j = w0 + sum_{k<=j} p_k and Q_j = 1 +
          // sum_{k<=j} q_k, y = (Q_N P_M + Q_{N-1} P_{M-1}) /
          // (Q_N^2 + Q_{N-1}^2).
          Value pM1 = sum(bias, p.drop_back());
          Value pM = sum(pM1, p.take_back());
          Value qN1 = sum(one, q.drop_back());
          Value qN = sum(qN1, q.take_back());
          Value numer =
              arith::AddFOp::create(b, l, arith::MulFOp::create(b, l, qN, pM),
                                    arith::MulFOp::create(b, l, qN1, pM1));
          Value denom =
              arith::AddFOp::create(b, l, arith::MulFOp::create(b, l, qN, qN),
                                    arith::MulFOp::create(b, l, qN1, qN1));
          return arith::DivFOp::create(b, l, numer, denom);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

} // namespace

void mlir::tessera::populateNeuronLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<QuadraticLinearLowering, QuadraticConv2DLowering, PauLowering,
               PadeConv2DLowering>(patterns.getContext());
}
