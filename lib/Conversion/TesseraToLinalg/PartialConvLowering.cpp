//===- PartialConvLowering.cpp - Lowering of the partialconv ops ------------------===//
//
// partial_conv2d (OPERATORS.md section 3, ConvOps.td): the first c_p channels
// are sliced out (tensor.extract_slice), zero-padded by k/2 on both spatial
// sides (copied into the interior of a zero-filled tensor), convolved with
// linalg.conv_2d_nchw_fchw (stride 1, dilation 1, no bias) into channels
// [0, c_p) of a copy of the input (tensor.insert_slice); channels [c_p, C)
// are copied unchanged. Batch, height and width may be dynamic.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {

struct PartialConv2DLowering : OpRewritePattern<PartialConv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PartialConv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value w = op.getWeight();
    auto wType = cast<RankedTensorType>(w.getType());
    int64_t partial = op.getPartialChannels();
    if (ShapedType::isDynamic(partial))
      return op.emitOpError("cannot be lowered: the number of convolved "
                            "channels c_p must be static (static input "
                            "channels, conv_channels or weight shape)");
    int64_t k = wType.getDimSize(2);
    int64_t pad = k / 2;
    Type f32Type = rewriter.getF32Type();
    w = castTo(rewriter, loc, w,
               RankedTensorType::get({partial, partial, k, k}, f32Type));

    OpFoldResult zero = rewriter.getIndexAttr(0);
    OpFoldResult one = rewriter.getIndexAttr(1);
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, x, 0);
    OpFoldResult h = tensor::getMixedSize(rewriter, loc, x, 2);
    OpFoldResult wd = tensor::getMixedSize(rewriter, loc, x, 3);
    OpFoldResult cp = rewriter.getIndexAttr(partial);
    SmallVector<OpFoldResult> offsets(4, zero), strides(4, one);
    SmallVector<OpFoldResult> sizes{n, cp, h, wd};

    // Everything is built in destination-passing style (slices of zero-filled
    // or copied tensors, written in place and inserted back), so that
    // bufferization needs no memref.copy between strided views (which would
    // lower to a call to the runtime library's memrefCopy).

    // Channels [0, c_p), zero-padded by k/2 on both sides of H and W: the
    // slice of x copied into the interior of a zero-filled tensor.
    Value slice =
        tensor::ExtractSliceOp::create(rewriter, loc, x, offsets, sizes,
                                       strides);
    Value padded = slice;
    if (pad > 0) {
      OpFoldResult p = rewriter.getIndexAttr(pad);
      auto grow = [&](OpFoldResult extent) -> OpFoldResult {
        if (std::optional<int64_t> value = getConstantIntValue(extent))
          return rewriter.getIndexAttr(*value + 2 * pad);
        return arith::AddIOp::create(
                   rewriter, loc, cast<Value>(extent),
                   arith::ConstantIndexOp::create(rewriter, loc, 2 * pad))
            .getResult();
      };
      Value zeros = tensor::EmptyOp::create(
          rewriter, loc, ArrayRef<OpFoldResult>{n, cp, grow(h), grow(wd)},
          f32Type);
      zeros = linalg::FillOp::create(rewriter, loc, f32(rewriter, loc, 0.0),
                                     zeros)
                  .getResult(0);
      SmallVector<OpFoldResult> interior{zero, zero, p, p};
      Value inner = tensor::ExtractSliceOp::create(rewriter, loc, zeros,
                                                   interior, sizes, strides);
      Value copied =
          linalg::CopyOp::create(rewriter, loc, slice, inner).getResult(0);
      padded = tensor::InsertSliceOp::create(rewriter, loc, copied, zeros,
                                             interior, sizes, strides);
    }

    // The result starts as a copy of x (channels [c_p, C) pass through);
    // the convolution accumulates into its zero-filled channels [0, c_p).
    Value copyInit = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, x), f32Type);
    Value result =
        linalg::CopyOp::create(rewriter, loc, x, copyInit).getResult(0);
    Value acc = tensor::ExtractSliceOp::create(rewriter, loc, result, offsets,
                                               sizes, strides);
    acc = linalg::FillOp::create(rewriter, loc, f32(rewriter, loc, 0.0), acc)
              .getResult(0);
    auto i64Pair = [&](int64_t v) {
      return DenseIntElementsAttr::get(
          RankedTensorType::get({2}, rewriter.getI64Type()),
          ArrayRef<int64_t>{v, v});
    };
    auto conv = linalg::Conv2DNchwFchwOp::create(
        rewriter, loc, TypeRange{acc.getType()}, ValueRange{padded, w},
        ValueRange{acc},
        ArrayRef<NamedAttribute>{
            rewriter.getNamedAttr("strides", i64Pair(1)),
            rewriter.getNamedAttr("dilations", i64Pair(1))});
    result = tensor::InsertSliceOp::create(rewriter, loc, conv.getResult(0),
                                           result, offsets, sizes, strides);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }

  static Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
    if (value.getType() == type)
      return value;
    return tensor::CastOp::create(b, loc, type, value);
  }
};

} // namespace

void mlir::tessera::populatePartialConvLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<PartialConv2DLowering>(patterns.getContext());
}
