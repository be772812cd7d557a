//===- NeuronOps.cpp - quadratic neurons, pau, pade_conv2d ----------------===//

#include "ShapeChecks.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::detail;

//===----------------------------------------------------------------------===//
// Quadratic neurons
//===----------------------------------------------------------------------===//

namespace {
unsigned numQuadraticWeights(QuadraticVariant variant) {
  switch (variant) {
  case QuadraticVariant::fan:
    return 3;
  case QuadraticVariant::compact:
  case QuadraticVariant::product:
    return 2;
  case QuadraticVariant::square:
  case QuadraticVariant::power:
    return 1;
  }
  llvm_unreachable("unknown quadratic variant");
}

unsigned numQuadraticBiases(QuadraticVariant variant) {
  switch (variant) {
  case QuadraticVariant::fan:
    return 3;
  case QuadraticVariant::product:
    return 2;
  case QuadraticVariant::compact:
  case QuadraticVariant::square:
  case QuadraticVariant::power:
    return 1;
  }
  llvm_unreachable("unknown quadratic variant");
}

/// Checks the operand counts of a quadratic op, that all weights share one
/// shape and that every bias is `[outChannels]`.
LogicalResult verifyQuadraticOperands(Operation *op, QuadraticVariant variant,
                                      ValueRange weights, ValueRange biases,
                                      int64_t weightRank, StringRef layout) {
  unsigned numWeights = numQuadraticWeights(variant);
  unsigned numBiases = numQuadraticBiases(variant);
  StringRef variantName = stringifyQuadraticVariant(variant);
  if (weights.size() != numWeights)
    return op->emitOpError() << "expects " << numWeights << " weights for the "
                             << variantName << " variant, got "
                             << weights.size();
  if (!biases.empty() && biases.size() != numBiases)
    return op->emitOpError() << "expects 0 or " << numBiases
                             << " biases for the " << variantName
                             << " variant, got " << biases.size();
  auto first = cast<RankedTensorType>(weights[0].getType());
  for (Value weight : weights) {
    if (failed(checkRank(op, "weight", weight.getType(), weightRank, layout)))
      return failure();
    auto type = cast<RankedTensorType>(weight.getType());
    for (int64_t d = 0; d < weightRank; ++d)
      if (failed(checkDim(op, "weight", type, d, first.getDimSize(d),
                          "the shape of the first weight")))
        return failure();
  }
  for (Value bias : biases)
    if (failed(checkRank(op, "bias", bias.getType(), 1, "[out]")) ||
        failed(checkDim(op, "bias", bias.getType(), 0, first.getDimSize(0),
                        "output channels of the weights")))
      return failure();
  return success();
}
} // namespace

unsigned QuadraticLinearOp::getNumWeights(QuadraticVariant variant) {
  return numQuadraticWeights(variant);
}
unsigned QuadraticLinearOp::getNumBiases(QuadraticVariant variant) {
  return numQuadraticBiases(variant);
}
unsigned QuadraticConv2DOp::getNumWeights(QuadraticVariant variant) {
  return numQuadraticWeights(variant);
}
unsigned QuadraticConv2DOp::getNumBiases(QuadraticVariant variant) {
  return numQuadraticBiases(variant);
}

LogicalResult QuadraticLinearOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  if (inputType.getRank() < 1 || adaptor.getWeights().empty())
    return emitOptionalError(location, "quadratic_linear needs [..., in] "
                                       "input and [out, in] weights");
  auto weightType = cast<RankedTensorType>(adaptor.getWeights()[0].getType());
  if (weightType.getRank() != 2)
    return emitOptionalError(location, "quadratic_linear needs [out, in] "
                                       "weights");
  SmallVector<int64_t> shape(inputType.getShape());
  shape.back() = weightType.getDimSize(0);
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult QuadraticLinearOp::verify() {
  RankedTensorType inputType = getInput().getType();
  if (inputType.getRank() < 1)
    return emitOpError("expects an input of rank >= 1 ([..., in])");
  if (failed(verifyQuadraticOperands(*this, getVariant(), getWeights(),
                                     getBiases(), 2, "[out, in]")))
    return failure();
  return checkDim(*this, "weight", getWeights()[0].getType(), 1,
                  inputType.getDimSize(inputType.getRank() - 1),
                  "input features");
}

LogicalResult QuadraticConv2DOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  if (inputType.getRank() != 4 || adaptor.getWeights().empty())
    return emitOptionalError(location, "quadratic_conv2d needs NCHW input and "
                                       "weights");
  auto weightType = cast<RankedTensorType>(adaptor.getWeights()[0].getType());
  if (weightType.getRank() != 4)
    return emitOptionalError(location, "quadratic_conv2d needs "
                                       "[Cout, Cin/groups, kh, kw] weights");
  ArrayRef<int64_t> stride = adaptor.getStride();
  ArrayRef<int64_t> padding = adaptor.getPadding();
  ArrayRef<int64_t> dilation = adaptor.getDilation();
  SmallVector<int64_t> shape = {inputType.getDimSize(0),
                                weightType.getDimSize(0)};
  for (unsigned i = 0; i < 2; ++i)
    shape.push_back(convOutputSize(inputType.getDimSize(2 + i),
                                   weightType.getDimSize(2 + i), stride[i],
                                   padding[i], dilation[i]));
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult QuadraticConv2DOp::verify() {
  RankedTensorType inputType = getInput().getType();
  if (failed(checkRank(*this, "input", inputType, 4, "[N, Cin, H, W]")) ||
      failed(verifyQuadraticOperands(*this, getVariant(), getWeights(),
                                     getBiases(), 4,
                                     "[Cout, Cin/groups, kh, kw]")) ||
      failed(checkConvAttrs(*this, getStride(), getPadding(), getDilation())))
    return failure();
  auto weightType = cast<RankedTensorType>(getWeights()[0].getType());
  int64_t groups = getGroups();
  int64_t cin = inputType.getDimSize(1), cout = weightType.getDimSize(0);
  if (!ShapedType::isDynamic(cin) && cin % groups != 0)
    return emitOpError() << "expects groups " << groups
                         << " to divide the input channels " << cin;
  if (!ShapedType::isDynamic(cout) && cout % groups != 0)
    return emitOpError() << "expects groups " << groups
                         << " to divide the output channels " << cout;
  if (!ShapedType::isDynamic(cin) &&
      failed(checkDim(*this, "weight", weightType, 1, cin / groups,
                      "input channels / groups")))
    return failure();
  return checkConvOutputNonEmpty(*this, inputType, weightType.getDimSize(2),
                                 weightType.getDimSize(3), getStride(),
                                 getPadding(), getDilation());
}

//===----------------------------------------------------------------------===//
// PauOp
//===----------------------------------------------------------------------===//

LogicalResult PauOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  inferredReturnTypes.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult PauOp::verify() {
  RankedTensorType inputType = getInput().getType();
  auto numeratorType = getNumerator().getType();
  auto denominatorType = getDenominator().getType();
  std::optional<uint64_t> axis = getChannelAxis();
  int64_t coeffRank = axis ? 2 : 1;
  StringRef numLayout = axis ? "[C, m+1] with a channel_axis" : "[m+1]";
  StringRef denLayout = axis ? "[C, n] with a channel_axis" : "[n]";
  if (failed(checkRank(*this, "numerator", numeratorType, coeffRank,
                       numLayout)) ||
      failed(checkRank(*this, "denominator", denominatorType, coeffRank,
                       denLayout)))
    return failure();
  int64_t numCoeffs = numeratorType.getDimSize(coeffRank - 1);
  int64_t denCoeffs = denominatorType.getDimSize(coeffRank - 1);
  if (ShapedType::isDynamic(numCoeffs) || ShapedType::isDynamic(denCoeffs))
    return emitOpError("expects static coefficient counts (they set the "
                       "polynomial degrees)");
  if (numCoeffs < 1)
    return emitOpError("expects at least one numerator coefficient");
  if (axis) {
    if (static_cast<int64_t>(*axis) >= inputType.getRank())
      return emitOpError() << "channel_axis " << *axis
                           << " is out of range for an input of rank "
                           << inputType.getRank();
    int64_t channels = inputType.getDimSize(*axis);
    if (failed(checkDim(*this, "numerator", numeratorType, 0, channels,
                        "channels along channel_axis")) ||
        failed(checkDim(*this, "denominator", denominatorType, 0, channels,
                        "channels along channel_axis")))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// PadeConv2DOp
//===----------------------------------------------------------------------===//

LogicalResult PadeConv2DOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  auto wpType = cast<RankedTensorType>(adaptor.getWp().getType());
  if (inputType.getRank() != 4 || wpType.getRank() != 5)
    return emitOptionalError(location, "pade_conv2d needs NCHW input and "
                                       "[M, Cout, Cin, kh, kw] weights");
  ArrayRef<int64_t> stride = adaptor.getStride();
  ArrayRef<int64_t> padding = adaptor.getPadding();
  ArrayRef<int64_t> dilation = adaptor.getDilation();
  SmallVector<int64_t> shape = {inputType.getDimSize(0), wpType.getDimSize(1)};
  for (unsigned i = 0; i < 2; ++i)
    shape.push_back(convOutputSize(inputType.getDimSize(2 + i),
                                   wpType.getDimSize(3 + i), stride[i],
                                   padding[i], dilation[i]));
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult PadeConv2DOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType wpType = getWp().getType();
  RankedTensorType wqType = getWq().getType();
  if (failed(checkRank(*this, "input", inputType, 4, "[N, Cin, H, W]")) ||
      failed(checkRank(*this, "wp", wpType, 5, "[M, Cout, Cin, kh, kw]")) ||
      failed(checkRank(*this, "wq", wqType, 5, "[Nq, Cout, Cin, kh, kw]")) ||
      failed(checkRank(*this, "w0", getW0().getType(), 1, "[Cout]")) ||
      failed(checkConvAttrs(*this, getStride(), getPadding(), getDilation())))
    return failure();
  if (wpType.getDimSize(0) == 0 || ShapedType::isDynamic(wpType.getDimSize(0)))
    return emitOpError("expects a static numerator degree M >= 1 (wp dim 0)");
  if (wqType.getDimSize(0) == 0 || ShapedType::isDynamic(wqType.getDimSize(0)))
    return emitOpError("expects a static denominator degree Nq >= 1 (wq dim 0)");
  if (failed(checkDim(*this, "wp", wpType, 2, inputType.getDimSize(1),
                      "input channels")))
    return failure();
  for (unsigned d = 1; d < 5; ++d)
    if (failed(checkDim(*this, "wq", wqType, d, wpType.getDimSize(d),
                        "the same dim of wp")))
      return failure();
  if (failed(checkDim(*this, "w0", getW0().getType(), 0, wpType.getDimSize(1),
                      "output channels")))
    return failure();
  return checkConvOutputNonEmpty(*this, inputType, wpType.getDimSize(3),
                                 wpType.getDimSize(4), getStride(),
                                 getPadding(), getDilation());
}
