//===- BinaryOps.cpp - binary_conv2d and binary_matmul --------------------===//

#include "ShapeChecks.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::detail;

/// Checks the optional per-output `alpha` and, for BiPer, `omega`.
static LogicalResult verifyBinarization(Operation *op, Value alpha,
                                        int64_t outputs,
                                        WeightTransform transform,
                                        const APFloat &omega) {
  if (alpha && (failed(checkRank(op, "alpha", alpha.getType(), 1,
                                 "one scale per output")) ||
                failed(checkDim(op, "alpha", alpha.getType(), 0, outputs,
                                "outputs of the weight"))))
    return failure();
  if (transform == WeightTransform::periodic &&
      (!omega.isFinite() || omega.isZero() || omega.isNegative()))
    return op->emitOpError() << "expects a positive finite omega for the "
                                "periodic weight transform, got "
                             << omega.convertToDouble();
  return success();
}

//===----------------------------------------------------------------------===//
// BinaryConv2DOp
//===----------------------------------------------------------------------===//

LogicalResult BinaryConv2DOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (inputType.getRank() != 4 || weightType.getRank() != 4)
    return emitOptionalError(location, "binary_conv2d needs NCHW input and "
                                       "[Cout, Cin, kh, kw] weight");
  FailureOr<RankedTensorType> type = inferConv2DResultType(
      location, "binary_conv2d", inputType, weightType.getDimSize(0),
      weightType.getDimSize(2), weightType.getDimSize(3), adaptor.getStride(),
      adaptor.getPadding(), adaptor.getDilation());
  if (failed(type))
    return failure();
  inferredReturnTypes.push_back(*type);
  return success();
}

LogicalResult BinaryConv2DOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType weightType = getWeight().getType();
  if (failed(checkRank(*this, "input", inputType, 4, "[N, Cin, H, W]")) ||
      failed(checkRank(*this, "weight", weightType, 4,
                       "[Cout, Cin, kh, kw]")) ||
      failed(checkDim(*this, "weight", weightType, 1, inputType.getDimSize(1),
                      "input channels")) ||
      failed(checkConvAttrs(*this, getStride(), getPadding(), getDilation())) ||
      failed(verifyBinarization(*this, getAlpha(), weightType.getDimSize(0),
                                getWeightTransform(), getOmega())))
    return failure();
  return checkConvOutputNonEmpty(*this, inputType, weightType.getDimSize(2),
                                 weightType.getDimSize(3), getStride(),
                                 getPadding(), getDilation());
}

//===----------------------------------------------------------------------===//
// BinaryMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult BinaryMatmulOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (inputType.getRank() < 1 || weightType.getRank() != 2)
    return emitOptionalError(location, "binary_matmul needs [..., K] input "
                                       "and [N, K] weight");
  SmallVector<int64_t> shape(inputType.getShape());
  shape.back() = weightType.getDimSize(0);
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult BinaryMatmulOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType weightType = getWeight().getType();
  if (inputType.getRank() < 1)
    return emitOpError("expects an input of rank >= 1 ([..., K])");
  if (failed(checkRank(*this, "weight", weightType, 2, "[N, K]")) ||
      failed(checkDim(*this, "weight", weightType, 1,
                      inputType.getDimSize(inputType.getRank() - 1),
                      "input features K")))
    return failure();
  return verifyBinarization(*this, getAlpha(), weightType.getDimSize(0),
                            getWeightTransform(), getOmega());
}
