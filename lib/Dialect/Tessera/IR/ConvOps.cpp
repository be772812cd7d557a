//===- ConvOps.cpp - partial_conv2d ---------------------------------------===//

#include "ShapeChecks.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::detail;

int64_t PartialConv2DOp::getPartialChannels() {
  if (std::optional<uint64_t> explicitChannels = getConvChannels())
    return static_cast<int64_t>(*explicitChannels);
  int64_t channels = getInput().getType().getDimSize(1);
  if (ShapedType::isDynamic(channels))
    return getWeight().getType().getDimSize(0);
  return channels / static_cast<int64_t>(getNDiv());
}

LogicalResult PartialConv2DOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  inferredReturnTypes.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult PartialConv2DOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType weightType = getWeight().getType();
  if (failed(checkRank(*this, "input", inputType, 4, "[N, C, H, W]")) ||
      failed(checkRank(*this, "weight", weightType, 4, "[c_p, c_p, k, k]")))
    return failure();
  // Read the stride as a signed value: the generated getter is unsigned and
  // would print a negative stride as a huge number.
  int64_t stride = static_cast<int64_t>(getStride());
  if (stride != 1)
    return emitOpError() << "expects stride 1 (the untouched channels keep "
                            "the spatial size), got "
                         << stride;

  int64_t channels = inputType.getDimSize(1);
  if (IntegerAttr explicitAttr = getConvChannelsAttr()) {
    int64_t explicitChannels = explicitAttr.getInt();
    if (explicitChannels <= 0)
      return emitOpError() << "expects positive conv_channels, got "
                           << explicitChannels;
    if (!ShapedType::isDynamic(channels) && explicitChannels > channels)
      return emitOpError() << "conv_channels " << explicitChannels
                           << " exceeds the " << channels << " input channels";
  } else if (!ShapedType::isDynamic(channels) &&
             channels / static_cast<int64_t>(getNDiv()) == 0) {
    return emitOpError() << "convolves no channel: C = " << channels
                         << " and n_div = " << getNDiv() << " give c_p = 0";
  }

  int64_t partial = getPartialChannels();
  if (failed(checkDim(*this, "weight", weightType, 0, partial,
                      "convolved channels c_p")) ||
      failed(checkDim(*this, "weight", weightType, 1, partial,
                      "convolved channels c_p")))
    return failure();
  int64_t kh = weightType.getDimSize(2), kw = weightType.getDimSize(3);
  if (ShapedType::isDynamic(kh) || ShapedType::isDynamic(kw))
    return emitOpError("expects a static kernel size");
  if (kh != kw || kh % 2 == 0)
    return emitOpError() << "expects a square kernel of odd size (padding k/2 "
                            "keeps the spatial size), got "
                         << kh << "x" << kw;
  return success();
}
