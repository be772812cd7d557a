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

/// The first static extent of dim `dim` among `values` of rank `rank`
/// (others are skipped), or kDynamic if there is none.
int64_t firstStaticDim(ValueRange values, int64_t rank, int64_t dim) {
  for (Value value : values) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getRank() == rank && !type.isDynamicDim(dim))
      return type.getDimSize(dim);
  }
  return ShapedType::kDynamic;
}

/// Output features / channels of a quadratic op: the first static extent of
/// dim 0 among the weights, else among the biases.
int64_t quadraticOutChannels(ValueRange weights, ValueRange biases,
                             int64_t weightRank) {
  int64_t out = firstStaticDim(weights, weightRank, 0);
  return ShapedType::isDynamic(out) ? firstStaticDim(biases, 1, 0) : out;
}

/// Checks the operand counts of a quadratic op, that all weights share one
/// shape and that every bias is `[outChannels]`. Extents that are dynamic in
/// the first weight are compared with the first static one of the others, so
/// that operands that can never agree are rejected.
LogicalResult verifyQuadraticOperands(Operation *op, QuadraticVariant variant,
                                      ValueRange weights, ValueRange biases,
                                      int64_t weightRank, StringRef layout) {
  unsigned numWeights = numQuadraticWeights(variant);
  unsigned numBiases = numQuadraticBiases(variant);
  StringRef variantName = stringifyQuadraticVariant(variant);
  if (weights.size() != numWeights)
    return op->emitOpError() << "expects " << numWeights
                             << (numWeights == 1 ? " weight" : " weights")
                             << " for the " << variantName << " variant, got "
                             << weights.size();
  if (!biases.empty() && biases.size() != numBiases)
    return op->emitOpError() << "expects 0 or " << numBiases
                             << " biases for the " << variantName
                             << " variant, got " << biases.size();
  for (Value weight : weights)
    if (failed(checkRank(op, "weight", weight.getType(), weightRank, layout)))
      return failure();
  auto first = cast<RankedTensorType>(weights[0].getType());
  for (int64_t d = 0; d < weightRank; ++d) {
    StringRef meaning = first.isDynamicDim(d)
                            ? "the shape of the other weights"
                            : "the shape of the first weight";
    int64_t expected = firstStaticDim(weights, weightRank, d);
    for (Value weight : weights)
      if (failed(checkDim(op, "weight", weight.getType(), d, expected,
                          meaning)))
        return failure();
  }
  for (Value bias : biases)
    if (failed(checkRank(op, "bias", bias.getType(), 1, "[out]")))
      return failure();
  bool fromWeights =
      !ShapedType::isDynamic(firstStaticDim(weights, weightRank, 0));
  int64_t outChannels = quadraticOutChannels(weights, biases, weightRank);
  for (Value bias : biases)
    if (failed(checkDim(op, "bias", bias.getType(), 0, outChannels,
                        fromWeights ? "output channels of the weights"
                                    : "the size of the other biases")))
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
  shape.back() =
      quadraticOutChannels(adaptor.getWeights(), adaptor.getBiases(), 2);
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
  int64_t inFeatures = inputType.getDimSize(inputType.getRank() - 1);
  for (Value weight : getWeights())
    if (failed(checkDim(*this, "weight", weight.getType(), 1, inFeatures,
                        "input features")))
      return failure();
  return success();
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
  FailureOr<RankedTensorType> type = inferConv2DResultType(
      location, "quadratic_conv2d", inputType,
      quadraticOutChannels(adaptor.getWeights(), adaptor.getBiases(), 4),
      firstStaticDim(adaptor.getWeights(), 4, 2),
      firstStaticDim(adaptor.getWeights(), 4, 3), adaptor.getStride(),
      adaptor.getPadding(), adaptor.getDilation());
  if (failed(type))
    return failure();
  inferredReturnTypes.push_back(*type);
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
  int64_t groups = getGroups();
  int64_t cin = inputType.getDimSize(1);
  int64_t cout = quadraticOutChannels(getWeights(), getBiases(), 4);
  if (!ShapedType::isDynamic(cin) && cin % groups != 0)
    return emitOpError() << "expects groups " << groups
                         << " to divide the input channels " << cin;
  if (!ShapedType::isDynamic(cout) && cout % groups != 0)
    return emitOpError() << "expects groups " << groups
                         << " to divide the output channels " << cout;
  if (!ShapedType::isDynamic(cin))
    for (Value weight : getWeights())
      if (failed(checkDim(*this, "weight", weight.getType(), 1, cin / groups,
                          "input channels / groups")))
        return failure();
  return checkConvOutputNonEmpty(*this, inputType,
                                 firstStaticDim(getWeights(), 4, 2),
                                 firstStaticDim(getWeights(), 4, 3),
                                 getStride(), getPadding(), getDilation());
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
    // With a dynamic channel extent the two coefficient sets must still
    // agree with each other.
    if (failed(checkDim(*this, "denominator", denominatorType, 0,
                        numeratorType.getDimSize(0),
                        "channels of the numerator")))
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
  // wp and wq share Cout, Cin, kh and kw; take whichever is static.
  SmallVector<Value, 2> weights = {adaptor.getWp(), adaptor.getWq()};
  int64_t cout = firstStaticDim(weights, 5, 1);
  auto w0Type = cast<RankedTensorType>(adaptor.getW0().getType());
  if (ShapedType::isDynamic(cout) && w0Type.getRank() == 1)
    cout = w0Type.getDimSize(0);
  FailureOr<RankedTensorType> type = inferConv2DResultType(
      location, "pade_conv2d", inputType, cout, firstStaticDim(weights, 5, 3),
      firstStaticDim(weights, 5, 4), adaptor.getStride(), adaptor.getPadding(),
      adaptor.getDilation());
  if (failed(type))
    return failure();
  inferredReturnTypes.push_back(*type);
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
    return emitOpError(
        "expects a static denominator degree Nq >= 1 (wq dim 0)");
  if (failed(checkDim(*this, "wp", wpType, 2, inputType.getDimSize(1),
                      "input channels")))
    return failure();
  for (unsigned d = 1; d < 5; ++d)
    if (failed(checkDim(*this, "wq", wqType, d, wpType.getDimSize(d),
                        "the same dim of wp")))
      return failure();
  // Where wp is dynamic, wq carries the extents.
  if (failed(checkDim(*this, "wq", wqType, 2, inputType.getDimSize(1),
                      "input channels")))
    return failure();
  SmallVector<Value, 2> weights = {getWp(), getWq()};
  if (failed(checkDim(*this, "w0", getW0().getType(), 0,
                      firstStaticDim(weights, 5, 1), "output channels")))
    return failure();
  return checkConvOutputNonEmpty(
      *this, inputType, firstStaticDim(weights, 5, 3),
      firstStaticDim(weights, 5, 4), getStride(), getPadding(), getDilation());
}
