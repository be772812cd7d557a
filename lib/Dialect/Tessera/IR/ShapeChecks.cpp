//===- ShapeChecks.cpp - Shared verifier helpers --------------------------===//

#include "ShapeChecks.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

namespace mlir::tessera::detail {

LogicalResult checkRank(Operation *op, StringRef what, Type type, int64_t rank,
                        StringRef layout) {
  auto shaped = cast<ShapedType>(type);
  if (shaped.getRank() == rank)
    return success();
  return op->emitOpError() << "expects " << what << " of rank " << rank << " ("
                           << layout << "), got rank " << shaped.getRank();
}

LogicalResult checkDim(Operation *op, StringRef what, Type type, unsigned dim,
                       int64_t expected, const Twine &meaning) {
  int64_t actual = cast<ShapedType>(type).getDimSize(dim);
  if (compatibleDims(actual, expected))
    return success();
  return op->emitOpError() << "expects " << what << " dim " << dim
                           << " to be " << expected << " (" << meaning
                           << "), got " << actual;
}

LogicalResult checkConvAttrs(Operation *op, ArrayRef<int64_t> stride,
                             ArrayRef<int64_t> padding,
                             ArrayRef<int64_t> dilation) {
  for (int64_t s : stride)
    if (s <= 0)
      return op->emitOpError() << "expects positive strides, got " << s;
  for (int64_t p : padding)
    if (p < 0)
      return op->emitOpError() << "expects non-negative padding, got " << p;
  for (int64_t d : dilation)
    if (d <= 0)
      return op->emitOpError() << "expects positive dilations, got " << d;
  return success();
}

int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t pad, int64_t dilation) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
    return ShapedType::kDynamic;
  int64_t span = in + 2 * pad - dilation * (kernel - 1) - 1;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

LogicalResult checkConvOutputNonEmpty(Operation *op, RankedTensorType input,
                                      int64_t kh, int64_t kw,
                                      ArrayRef<int64_t> stride,
                                      ArrayRef<int64_t> padding,
                                      ArrayRef<int64_t> dilation) {
  int64_t kernel[2] = {kh, kw};
  for (unsigned i = 0; i < 2; ++i) {
    int64_t in = input.getDimSize(2 + i);
    if (convOutputSize(in, kernel[i], stride[i], padding[i], dilation[i]) == 0)
      return op->emitOpError()
             << "kernel extent " << kernel[i] << " (dilation " << dilation[i]
             << ") does not fit input dim " << 2 + i << " of size " << in
             << " with padding " << padding[i];
  }
  return success();
}

FailureOr<RankedTensorType>
inferConv2DResultType(std::optional<Location> location, StringRef opName,
                      RankedTensorType input, int64_t outChannels, int64_t kh,
                      int64_t kw, ArrayRef<int64_t> stride,
                      ArrayRef<int64_t> padding, ArrayRef<int64_t> dilation) {
  if (stride.size() != 2 || padding.size() != 2 || dilation.size() != 2)
    return emitOptionalError(location, opName,
                             " needs two strides, paddings and dilations");
  for (unsigned i = 0; i < 2; ++i)
    if (stride[i] <= 0 || padding[i] < 0 || dilation[i] <= 0)
      return emitOptionalError(location, opName,
                               " needs positive strides and dilations and "
                               "non-negative padding");
  int64_t kernel[2] = {kh, kw};
  SmallVector<int64_t> shape = {input.getDimSize(0), outChannels};
  for (unsigned i = 0; i < 2; ++i)
    shape.push_back(convOutputSize(input.getDimSize(2 + i), kernel[i],
                                   stride[i], padding[i], dilation[i]));
  return RankedTensorType::get(shape, input.getElementType());
}

std::pair<int64_t, int64_t> quantizedRange(Type elementType) {
  auto intType = cast<IntegerType>(elementType);
  unsigned width = intType.getWidth();
  if (intType.isUnsigned())
    return {0, (int64_t(1) << width) - 1};
  return {-(int64_t(1) << (width - 1)), (int64_t(1) << (width - 1)) - 1};
}

} // namespace mlir::tessera::detail
