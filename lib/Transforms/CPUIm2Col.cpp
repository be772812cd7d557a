//===- CPUIm2Col.cpp - Windowed convolutions as im2col GEMMs --------------===//

#include "CPUIm2Col.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;

LogicalResult mlir::tessera::convolutionToIm2Col(RewriterBase &rewriter,
                                                 linalg::Conv2DNchwFchwOp conv,
                                                 bool parallel) {
  if (!conv.hasPureTensorSemantics() || conv.hasDynamicShape())
    return failure();
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  Value init = conv.getOutputs()[0];
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outputType = cast<RankedTensorType>(init.getType());
  Type element = outputType.getElementType();
  if (!element.isF32() || inputType.getElementType() != element ||
      filterType.getElementType() != element)
    return failure();
  ArrayRef<int64_t> out = outputType.getShape(), win = filterType.getShape();
  int64_t n = out[0], f = out[1], oh = out[2], ow = out[3];
  int64_t c = win[1], kh = win[2], kw = win[3];
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());

  MLIRContext *ctx = conv.getContext();
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);

  // The patches, [N, C, KH, KW, OH, OW]: per filter position, a (strided)
  // window of the input inserted into them, a copy between views after
  // bufferization, whose rows tessera-cpu-vectorize-copies copies in
  // vectors (stride 1). One generic with reads like in[.., oh + kh,
  // ow + kw] is not vectorized by the code generator (not a projected
  // permutation), and upstream's im2col, which computes each element's
  // position by divisions, ran as scalar loads (27% of paon_block's time on
  // two threads). The positions are shared among the threads (an
  // scf.forall, which tessera-cpu-parallelize makes parallel loops) when
  // `parallel`.
  Value patchesInit =
      tensor::EmptyOp::create(rewriter, loc, {n, c, kh, kw, oh, ow}, element);
  auto windowType = RankedTensorType::get({n, c, oh, ow}, element);
  SmallVector<OpFoldResult> windowSizes =
      getAsIndexOpFoldResult(ctx, {n, c, oh, ow});
  SmallVector<OpFoldResult> windowStrides =
      getAsIndexOpFoldResult(ctx, {1, 1, strides[0], strides[1]});
  SmallVector<OpFoldResult> patchSizes =
      getAsIndexOpFoldResult(ctx, {n, c, 1, 1, oh, ow});
  SmallVector<OpFoldResult> unitStrides(6, rewriter.getIndexAttr(1));
  // The window of filter position `position` and where it goes.
  auto windowAt = [&](OpBuilder &b, Location nested, Value position,
                      SmallVector<OpFoldResult> &patchOffsets) {
    AffineExpr i = b.getAffineDimExpr(0);
    auto apply = [&](AffineExpr expr) -> OpFoldResult {
      return affine::AffineApplyOp::create(b, nested,
                                           AffineMap::get(1, 0, expr), position)
          .getResult();
    };
    SmallVector<OpFoldResult> windowOffsets = {
        b.getIndexAttr(0), b.getIndexAttr(0),
        apply(i.floorDiv(kw) * dilations[0]), apply((i % kw) * dilations[1])};
    patchOffsets = {b.getIndexAttr(0), b.getIndexAttr(0), apply(i.floorDiv(kw)),
                    apply(i % kw),     b.getIndexAttr(0), b.getIndexAttr(0)};
    return tensor::ExtractSliceOp::create(b, nested, windowType, input,
                                          windowOffsets, windowSizes,
                                          windowStrides)
        .getResult();
  };
  Value patches;
  if (parallel) {
    auto loop = scf::ForallOp::create(
        rewriter, loc, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(kh * kw)},
        ValueRange{patchesInit}, std::nullopt);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(loop.getBody());
    SmallVector<OpFoldResult> offsets;
    Value source = windowAt(rewriter, loc, loop.getInductionVar(0), offsets);
    rewriter.setInsertionPointToStart(loop.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(rewriter, loc, source,
                                          loop.getRegionIterArgs()[0], offsets,
                                          patchSizes, unitStrides);
    patches = loop.getResult(0);
  } else {
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value positions = arith::ConstantIndexOp::create(rewriter, loc, kh * kw);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, positions, one, ValueRange{patchesInit},
        [&](OpBuilder &b, Location nested, Value position, ValueRange acc) {
          SmallVector<OpFoldResult> offsets;
          Value source = windowAt(b, nested, position, offsets);
          Value updated = tensor::InsertSliceOp::create(
              b, nested, source, acc[0], offsets, patchSizes, unitStrides);
          scf::YieldOp::create(b, nested, updated);
        });
    patches = loop.getResult(0);
  }

  // The GEMM on views: no copies.
  int64_t r = c * kh * kw, p = oh * ow;
  Value columns = tensor::CollapseShapeOp::create(
      rewriter, loc, RankedTensorType::get({n, r, p}, element), patches,
      ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}, {4, 5}});
  Value weights = tensor::CollapseShapeOp::create(
      rewriter, loc, RankedTensorType::get({f, r}, element), filter,
      ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  SmallVector<ReassociationIndices> outputGroups = {{0}, {1}, {2, 3}};
  auto flatOutputType = RankedTensorType::get({n, f, p}, element);
  Value flatInit = tensor::CollapseShapeOp::create(
      rewriter, loc, flatOutputType, init, outputGroups);
  AffineExpr gN, gF, gP, gR;
  bindDims(ctx, gN, gF, gP, gR);
  SmallVector<AffineMap> gemmMaps = {AffineMap::get(4, 0, {gF, gR}, ctx),
                                     AffineMap::get(4, 0, {gN, gR, gP}, ctx),
                                     AffineMap::get(4, 0, {gN, gF, gP}, ctx)};
  SmallVector<utils::IteratorType> gemmIterators = {
      utils::IteratorType::parallel, utils::IteratorType::parallel,
      utils::IteratorType::parallel, utils::IteratorType::reduction};
  auto gemm = linalg::GenericOp::create(
      rewriter, loc, flatOutputType, ValueRange{weights, columns},
      ValueRange{flatInit}, gemmMaps, gemmIterators,
      [](OpBuilder &b, Location nested, ValueRange args) {
        Value product = arith::MulFOp::create(b, nested, args[0], args[1]);
        Value sum = arith::AddFOp::create(b, nested, args[2], product);
        linalg::YieldOp::create(b, nested, sum);
      });
  rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
      conv, outputType, gemm.getResult(0), outputGroups);
  return success();
}
