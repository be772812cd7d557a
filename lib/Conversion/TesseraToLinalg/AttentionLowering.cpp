//===- AttentionLowering.cpp - Lowering of the attention ops ------------------===//
//
// kronecker_attention (OPERATORS.md section 2, AttentionOps.td) to linalg on
// tensors. Tokens stay channel-major ([B, C, tokens]) so that no transpose is
// needed; the projections are 1x1 convolutions written as contractions over
// the channels, with the weights reshaped to [heads, dh, C] so that every
// tensor after a projection carries its head split explicitly:
//
//   S[b,c,t]  = concat(L, Hc) along t       (H + W tokens, rows first),
//               L[b,c,i] = (sum_j x[b,c,i,j]) / W, Hc[b,c,j] = (sum_i ...) / H,
//               the sums accumulated in place into the two slices of S
//   K[b,h,e,t] = sum_c wk[h,e,c] S[b,c,t] (+ bk[h,e]), V likewise
//   kv : Q[b,h,e,i,j] = sum_c wq[h,e,c] x[b,c,i,j] (+ bq[h,e])
//        s = Q.K over e, softmax over t (max subtracted), O = P.V over t,
//        y[b,c,i,j] = sum_{h,e} wo[c,h,e] O[b,h,e,i,j] (+ bo[c])
//   qkv: Q[b,h,e,t] from S, s[b,h,t,u], softmax over u, O[b,h,e,t];
//        y[b,c,i,j] = wo(O_L[i] + O_H[j]) (+ bo[c]), computed by linearity
//        as P = wo O ([B, C, H+W], no bias) and y = P[.., i] + P[.., H+j]
//        (+ bo[c]): (H+W) instead of H*W output projections, the same value
//        up to rounding.
// The softmax is exp(scale*s - max_t(scale*s)) / sum_t(...), the division
// applied after the product with V (one division per output element).
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

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// `value` as a tensor of `type` (a tensor.cast when the static information
/// differs).
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// Splits dimension `dim` of a static-width tensor into [heads, width/heads].
Value splitHeads(OpBuilder &b, Location loc, Value value, unsigned dim,
                 int64_t heads) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d) {
    if (d == dim) {
      groups.push_back({int64_t(shape.size()), int64_t(shape.size()) + 1});
      shape.push_back(heads);
      shape.push_back(type.getDimSize(d) / heads);
    } else {
      groups.push_back({int64_t(shape.size())});
      shape.push_back(type.getDimSize(d));
    }
  }
  return tensor::ExpandShapeOp::create(b, loc, type.clone(shape), value,
                                       groups);
}

Value addF(OpBuilder &b, Location loc, ValueRange args) {
  return arith::AddFOp::create(b, loc, args[0], args[1]);
}

/// `value` + bias broadcast along `spec` (e.g. "bhet,he->bhet"), or `value`
/// when there is no bias.
Value addBias(OpBuilder &b, Location loc, Value value, Value bias,
              StringRef spec) {
  if (!bias)
    return value;
  return buildMap(b, loc, spec, {value, bias}, b.getF32Type(), addF);
}

/// Sums x[b, c, i, j] over j (`overI` false: the row sums, [B, C, H]) or
/// over i (`overI` true: the column sums, [B, C, W]) into `dest`,
/// accumulating onto its contents. Written in destination-passing style so that `dest` can be a
/// slice of the token tensor, filled in place without a copy.
Value sumInto(OpBuilder &b, Location loc, Value x, Value dest, bool overI) {
  MLIRContext *ctx = b.getContext();
  // Loops (b, c, kept, reduced).
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx),
             kept = getAffineDimExpr(2, ctx), reduced = getAffineDimExpr(3, ctx);
  AffineMap inputMap =
      overI ? AffineMap::get(4, 0, {d0, d1, reduced, kept}, ctx)
            : AffineMap::get(4, 0, {d0, d1, kept, reduced}, ctx);
  AffineMap outputMap = AffineMap::get(4, 0, {d0, d1, kept}, ctx);
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, dest.getType(), ValueRange{x}, ValueRange{dest},
      ArrayRef<AffineMap>{inputMap, outputMap}, iterators,
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(
            nb, nloc, arith::AddFOp::create(nb, nloc, args[1], args[0])
                          .getResult());
      });
  return generic.getResult(0);
}

/// Attention of one set of heads: `scoreSpec` contracts Q and K into scores
/// whose last letter is the key axis; the softmax runs over that letter and
/// `valueSpec` contracts the (unnormalised) probabilities with V; the result
/// is divided by the softmax denominator through `normSpec`.
Value buildAttention(OpBuilder &b, Location loc, Value q, Value k, Value v,
                     double scale, StringRef scoreSpec, StringRef valueSpec,
                     StringRef normSpec) {
  Type f32Type = b.getF32Type();
  std::string scores = scoreSpec.split("->").second.trim().str();
  std::string rows = scores.substr(0, scores.size() - 1);
  std::string reduceSpec = scores + "->" + rows;
  std::string expSpec = scores + "," + rows + "->" + scores;

  Value s = buildContraction(b, loc, scoreSpec, {q, k}, f32Type);
  auto scaled = [scale](OpBuilder &nb, Location nloc, Value score) -> Value {
    return arith::MulFOp::create(nb, nloc, score, f32(nb, nloc, scale));
  };
  // Row maximum of the scaled scores (scaling first: the scale may be
  // negative).
  Value rowMax = buildReduction(
      b, loc, reduceSpec, s, f32Type,
      b.getF32FloatAttr(-std::numeric_limits<float>::infinity()),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        return scaled(nb, nloc, args[0]);
      },
      [](OpBuilder &nb, Location nloc, Value acc, Value x) -> Value {
        return arith::MaximumFOp::create(nb, nloc, acc, x);
      });
  Value e = buildMap(b, loc, expSpec, {s, rowMax}, f32Type,
                     [&](OpBuilder &nb, Location nloc, ValueRange args) {
                       Value shifted = arith::SubFOp::create(
                           nb, nloc, scaled(nb, nloc, args[0]), args[1]);
                       return math::ExpOp::create(nb, nloc, shifted)
                           .getResult();
                     });
  Value denominator = buildReduction(
      b, loc, reduceSpec, e, f32Type, b.getF32FloatAttr(0.0),
      [](OpBuilder &, Location, ValueRange args) { return args[0]; },
      [](OpBuilder &nb, Location nloc, Value acc, Value x) -> Value {
        return arith::AddFOp::create(nb, nloc, acc, x);
      });
  Value numerator = buildContraction(b, loc, valueSpec, {e, v}, f32Type);
  return buildMap(b, loc, normSpec, {numerator, denominator}, f32Type,
                  [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                    return arith::DivFOp::create(nb, nloc, args[0], args[1]);
                  });
}

struct KroneckerAttentionLowering : OpRewritePattern<KroneckerAttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(KroneckerAttentionOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t channels = xType.getDimSize(1);
    int64_t height = xType.getDimSize(2), width = xType.getDimSize(3);
    int64_t projWidth = op.getWq().getType().getDimSize(0);
    if (ShapedType::isDynamic(channels) || ShapedType::isDynamic(height) ||
        ShapedType::isDynamic(width))
      return op.emitOpError("cannot be lowered: the input channels, height "
                            "and width must be static (token count H + W, "
                            "means and the split of the outputs)");
    if (ShapedType::isDynamic(projWidth))
      return op.emitOpError("cannot be lowered: the projection width "
                            "heads*dh must be static to split the heads");
    int64_t heads = static_cast<int64_t>(op.getHeads());
    double scale = op.getEffectiveScale();
    Type f32Type = rewriter.getF32Type();

    // Refine every operand to its static shape (the verifier guarantees the
    // extents agree); only the batch may stay dynamic.
    auto staticType = [&](ArrayRef<int64_t> shape) {
      return RankedTensorType::get(shape, f32Type);
    };
    x = castTo(rewriter, loc, x,
               staticType({xType.getDimSize(0), channels, height, width}));
    auto projection = [&](Value weight) {
      return splitHeads(rewriter, loc,
                        castTo(rewriter, loc, weight,
                               staticType({projWidth, channels})),
                        0, heads);
    };
    auto projBias = [&](Value bias) -> Value {
      if (!bias)
        return Value();
      return splitHeads(rewriter, loc,
                        castTo(rewriter, loc, bias, staticType({projWidth})),
                        0, heads);
    };
    Value wq = projection(op.getWq()), wk = projection(op.getWk()),
          wv = projection(op.getWv());
    Value bq = projBias(op.getBq()), bk = projBias(op.getBk()),
          bv = projBias(op.getBv());
    Value wo = splitHeads(rewriter, loc,
                          castTo(rewriter, loc, op.getWo(),
                                 staticType({channels, projWidth})),
                          1, heads);
    Value bo = op.getBo();
    if (bo)
      bo = castTo(rewriter, loc, bo, staticType({channels}));

    // Summary tokens S = concat(row means, column means): [B, C, H + W].
    // The sums are accumulated straight into the two slices of one
    // zero-filled tensor (no concatenation copy), then divided by the
    // per-token count (W for a row, H for a column).
    OpFoldResult batch = tensor::getMixedSize(rewriter, loc, x, 0);
    OpFoldResult c = rewriter.getIndexAttr(channels);
    OpFoldResult zero = rewriter.getIndexAttr(0);
    OpFoldResult one = rewriter.getIndexAttr(1);
    SmallVector<OpFoldResult> unitStrides(3, one);
    SmallVector<OpFoldResult> rowOffsets{zero, zero, zero};
    SmallVector<OpFoldResult> rowSizes{batch, c, rewriter.getIndexAttr(height)};
    SmallVector<OpFoldResult> colOffsets{zero, zero,
                                         rewriter.getIndexAttr(height)};
    SmallVector<OpFoldResult> colSizes{batch, c, rewriter.getIndexAttr(width)};
    Value tokens = tensor::EmptyOp::create(
        rewriter, loc,
        ArrayRef<OpFoldResult>{batch, c,
                               rewriter.getIndexAttr(height + width)},
        f32Type);
    tokens = linalg::FillOp::create(rewriter, loc, f32(rewriter, loc, 0.0),
                                    tokens)
                 .getResult(0);
    Value rowSums = sumInto(
        rewriter, loc, x,
        tensor::ExtractSliceOp::create(rewriter, loc, tokens, rowOffsets,
                                       rowSizes, unitStrides),
        /*overI=*/false);
    tokens = tensor::InsertSliceOp::create(rewriter, loc, rowSums, tokens,
                                           rowOffsets, rowSizes, unitStrides);
    Value colSums = sumInto(
        rewriter, loc, x,
        tensor::ExtractSliceOp::create(rewriter, loc, tokens, colOffsets,
                                       colSizes, unitStrides),
        /*overI=*/true);
    tokens = tensor::InsertSliceOp::create(rewriter, loc, colSums, tokens,
                                           colOffsets, colSizes, unitStrides);
    SmallVector<float> counts(height, float(width));
    counts.append(width, float(height));
    Value countTensor =
        buildF32Constant(rewriter, loc, {height + width}, counts);
    tokens = buildMap(rewriter, loc, "bct,t->bct", {tokens, countTensor},
                      f32Type,
                      [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                        return arith::DivFOp::create(nb, nloc, args[0],
                                                     args[1]);
                      });

    // Keys and values from the summary tokens: [B, heads, dh, H + W].
    Value k = addBias(rewriter, loc,
                      buildContraction(rewriter, loc, "hec,bct->bhet",
                                       {wk, tokens}, f32Type),
                      bk, "bhet,he->bhet");
    Value v = addBias(rewriter, loc,
                      buildContraction(rewriter, loc, "hec,bct->bhet",
                                       {wv, tokens}, f32Type),
                      bv, "bhet,he->bhet");

    Value y;
    if (op.getMode() == KroneckerMode::kv) {
      // Queries from every pixel: [B, heads, dh, H, W].
      Value q = addBias(rewriter, loc,
                        buildContraction(rewriter, loc, "hec,bcij->bheij",
                                         {wq, x}, f32Type),
                        bq, "bheij,he->bheij");
      Value o = buildAttention(rewriter, loc, q, k, v, scale,
                               "bheij,bhet->bhijt", "bhijt,bhet->bheij",
                               "bheij,bhij->bheij");
      y = addBias(rewriter, loc,
                  buildContraction(rewriter, loc, "che,bheij->bcij", {wo, o},
                                   f32Type),
                  bo, "bcij,c->bcij");
    } else {
      // Queries from the summary tokens; outputs [B, heads, dh, H + W].
      Value q = addBias(rewriter, loc,
                        buildContraction(rewriter, loc, "hec,bct->bhet",
                                         {wq, tokens}, f32Type),
                        bq, "bhet,he->bhet");
      Value o = buildAttention(rewriter, loc, q, k, v, scale,
                               "bhet,bheu->bhtu", "bhtu,bheu->bhet",
                               "bhet,bht->bhet");
      // wo(O_L[i] + O_H[j]) = wo O_L[i] + wo O_H[j]: project the H + W
      // tokens, then broadcast-add the row and column parts.
      Value p = buildContraction(rewriter, loc, "che,bhet->bct", {wo, o},
                                 f32Type);
      Value pRows = tensor::ExtractSliceOp::create(
          rewriter, loc, p, rowOffsets, rowSizes, unitStrides);
      Value pCols = tensor::ExtractSliceOp::create(
          rewriter, loc, p, colOffsets, colSizes, unitStrides);
      SmallVector<Value> inputs{pRows, pCols};
      if (bo)
        inputs.push_back(bo);
      y = buildMap(rewriter, loc, bo ? "bci,bcj,c->bcij" : "bci,bcj->bcij",
                   inputs, f32Type,
                   [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                     Value sum =
                         arith::AddFOp::create(nb, nloc, args[0], args[1]);
                     if (args.size() > 2)
                       sum = arith::AddFOp::create(nb, nloc, sum, args[2]);
                     return sum;
                   });
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

} // namespace

void mlir::tessera::populateAttentionLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<KroneckerAttentionLowering>(patterns.getContext());
}
