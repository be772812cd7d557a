//===- AttentionOps.cpp - kronecker_attention -----------------------------===//

#include "ShapeChecks.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::detail;

int64_t KroneckerAttentionOp::getHeadDim() {
  int64_t width = getWq().getType().getDimSize(0);
  if (ShapedType::isDynamic(width))
    return ShapedType::kDynamic;
  return width / static_cast<int64_t>(getHeads());
}

double KroneckerAttentionOp::getEffectiveScale() {
  if (std::optional<APFloat> scale = getScale())
    return scale->convertToDouble();
  return 1.0 / std::sqrt(static_cast<double>(getHeadDim()));
}

LogicalResult KroneckerAttentionOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  inferredReturnTypes.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult KroneckerAttentionOp::verify() {
  RankedTensorType inputType = getInput().getType();
  if (failed(checkRank(*this, "input", inputType, 4, "[B, C, H, W]")))
    return failure();
  int64_t channels = inputType.getDimSize(1);

  // Query, key and value projections: [heads*dh, C], one common width. The
  // rank of wq is checked before its dim 0 is read as the width.
  if (failed(checkRank(*this, "wq", getWq().getType(), 2, "[heads*dh, C]")))
    return failure();
  int64_t width = getWq().getType().getDimSize(0);
  for (auto [name, weight] : {std::pair<StringRef, Value>{"wq", getWq()},
                              {"wk", getWk()},
                              {"wv", getWv()}}) {
    if (failed(checkRank(*this, name, weight.getType(), 2, "[heads*dh, C]")) ||
        failed(checkDim(*this, name, weight.getType(), 0, width,
                        "the projection width heads*dh of wq")) ||
        failed(checkDim(*this, name, weight.getType(), 1, channels,
                        "input channels")))
      return failure();
  }
  int64_t heads = getHeads();
  if (!ShapedType::isDynamic(width) && width % heads != 0)
    return emitOpError() << "expects heads " << heads
                         << " to divide the projection width " << width;

  if (failed(checkRank(*this, "wo", getWo().getType(), 2, "[C, heads*dh]")) ||
      failed(checkDim(*this, "wo", getWo().getType(), 0, channels,
                      "input channels")) ||
      failed(checkDim(*this, "wo", getWo().getType(), 1, width,
                      "the projection width heads*dh")))
    return failure();

  for (auto [name, bias, extent] :
       {std::tuple<StringRef, Value, int64_t>{"q_bias", getBq(), width},
        {"k_bias", getBk(), width},
        {"v_bias", getBv(), width},
        {"o_bias", getBo(), channels}}) {
    if (!bias)
      continue;
    if (failed(checkRank(*this, name, bias.getType(), 1, "one per channel")) ||
        failed(checkDim(*this, name, bias.getType(), 0, extent,
                        "channels of its projection")))
      return failure();
  }
  if (std::optional<APFloat> scale = getScale())
    if (!scale->isFinite())
      return emitOpError("expects a finite scale");
  return success();
}
