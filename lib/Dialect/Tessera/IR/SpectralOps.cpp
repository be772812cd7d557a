//===- SpectralOps.cpp - spectral_conv and factorized_weight --------------===//

#include "ShapeChecks.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::detail;

//===----------------------------------------------------------------------===//
// SpectralConvOp
//===----------------------------------------------------------------------===//

int64_t SpectralConvOp::getModeExtent(SpectralConvention convention,
                                      int64_t mode, int64_t n, bool isLastDim) {
  if (convention == SpectralConvention::corners)
    return isLastDim ? mode : 2 * mode;
  if (isLastDim)
    return std::min(mode / 2 + 1, n / 2 + 1);
  return std::min(mode, n);
}

LogicalResult SpectralConvOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (inputType.getRank() < 2 || weightType.getRank() < 2)
    return emitOptionalError(location, "spectral_conv needs [B, Cin, ...] "
                                       "input and [Cin, Cout, ...] weight");
  SmallVector<int64_t> shape(inputType.getShape());
  shape[1] = weightType.getDimSize(1);
  if (std::optional<ArrayRef<int64_t>> outShape = adaptor.getOutShape()) {
    if (outShape->size() + 2 != shape.size())
      return emitOptionalError(location, "out_shape needs one extent per "
                                         "spatial dim");
    // Never build a tensor type with a negative extent (builders infer the
    // result type before the verifier has seen the op).
    for (int64_t extent : *outShape)
      if (extent <= 0)
        return emitOptionalError(location, "expects positive out_shape "
                                           "extents, got ", extent);
    llvm::copy(*outShape, shape.begin() + 2);
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult SpectralConvOp::verify() {
  auto inputType = getInput().getType();
  auto weightType = getWeight().getType();
  ArrayRef<int64_t> modes = getModes();
  int64_t d = modes.size();
  if (d < 1 || d > 3)
    return emitOpError() << "expects 1 to 3 modes (one per spatial dim), got "
                         << d;
  if (failed(checkRank(*this, "input", inputType, d + 2,
                       "batch, channels and one spatial dim per mode")))
    return failure();
  if (failed(checkRank(*this, "weight", weightType, d + 2,
                       "[Cin, Cout, K1..Kd]")))
    return failure();
  if (failed(checkDim(*this, "weight", weightType, 0, inputType.getDimSize(1),
                      "input channels")))
    return failure();

  SpectralConvention convention = getConvention();
  for (int64_t j = 0; j < d; ++j) {
    unsigned dim = 2 + j;
    int64_t n = inputType.getDimSize(dim);
    int64_t m = modes[j];
    bool isLast = j == d - 1;
    if (ShapedType::isDynamic(n))
      return emitOpError() << "expects static spatial dims, input dim " << dim
                           << " is dynamic";
    if (m <= 0)
      return emitOpError() << "expects positive modes, got " << m
                           << " on dim " << dim;
    if (convention == SpectralConvention::corners) {
      // `m > n / 2` is `2m > N` for integers, without overflowing 2m.
      if (!isLast && m > n / 2)
        return emitOpError() << "modes " << m
                             << " exceeds the limit 2*modes <= N = " << n
                             << " on dim " << dim;
      if (isLast && m > n / 2 + 1)
        return emitOpError() << "modes " << m
                             << " exceeds the limit modes <= N/2+1 = "
                             << n / 2 + 1 << " on last dim " << dim;
    }
    int64_t extent = getModeExtent(convention, m, n, isLast);
    std::string meaning =
        convention == SpectralConvention::corners
            ? (isLast ? "modes" : "2*modes") +
                  std::string(" kept by the corners convention")
            : std::string("modes kept by the centered convention");
    if (failed(checkDim(*this, "weight", weightType, dim, extent,
                        meaning + " on input dim " + std::to_string(dim))))
      return failure();
  }

  if (Value bias = getBias()) {
    if (failed(checkRank(*this, "bias", bias.getType(), 1, "[Cout]")) ||
        failed(checkDim(*this, "bias", bias.getType(), 0,
                        weightType.getDimSize(1), "output channels")))
      return failure();
  }
  if (std::optional<ArrayRef<int64_t>> outShape = getOutShape()) {
    if (static_cast<int64_t>(outShape->size()) != d)
      return emitOpError() << "expects out_shape with " << d
                           << " extents (one per spatial dim), got "
                           << outShape->size();
    for (int64_t extent : *outShape)
      if (extent <= 0)
        return emitOpError() << "expects positive out_shape extents, got "
                             << extent;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// FactorizedWeightOp
//===----------------------------------------------------------------------===//

namespace {
/// Verifies the factor shapes of one factorization and computes the shape of
/// the dense weight. `op` is null when called for type inference only.
struct FactorShapes {
  Operation *op;
  std::optional<Location> loc;

  LogicalResult error(const Twine &message) {
    if (op)
      return op->emitOpError() << message;
    return emitOptionalError(loc, message);
  }

  LogicalResult rank(TypeRange types, unsigned i, int64_t expected,
                     StringRef layout) {
    int64_t actual = cast<RankedTensorType>(types[i]).getRank();
    if (actual == expected)
      return success();
    return error("expects factor #" + Twine(i) + " of rank " +
                 Twine(expected) + " (" + layout + "), got rank " +
                 Twine(actual));
  }

  LogicalResult same(int64_t a, int64_t b, const Twine &what) {
    if (compatibleDims(a, b))
      return success();
    return error("expects " + what + " to match: " + Twine(a) + " vs " +
                 Twine(b));
  }

  LogicalResult compute(Factorization kind, TypeRange types,
                        SmallVectorImpl<int64_t> &shape) {
    auto dim = [&](unsigned i, unsigned d) {
      return cast<RankedTensorType>(types[i]).getDimSize(d);
    };
    unsigned n = types.size();
    switch (kind) {
    case Factorization::cp: {
      // weights [r], then [Cin, r], [Cout, r], [K1, r] .. [Kd, r].
      if (n < 4 || n > 6)
        return error("cp expects weights and 3 to 5 factors, got " +
                     Twine(n) + " operands");
      if (failed(rank(types, 0, 1, "[rank]")))
        return failure();
      int64_t r = dim(0, 0);
      for (unsigned i = 1; i < n; ++i) {
        if (failed(rank(types, i, 2, "[extent, rank]")) ||
            failed(same(dim(i, 1), r,
                        "cp rank of factor #" + Twine(i) + " and weights")))
          return failure();
        shape.push_back(dim(i, 0));
      }
      return success();
    }
    case Factorization::tucker: {
      // core [ri, ro, r1..rd], then [Cin, ri], [Cout, ro], [Kj, rj].
      if (n < 4 || n > 6)
        return error("tucker expects a core and 3 to 5 factors, got " +
                     Twine(n) + " operands");
      if (failed(rank(types, 0, n - 1, "one core dim per factor")))
        return failure();
      for (unsigned i = 1; i < n; ++i) {
        if (failed(rank(types, i, 2, "[extent, rank]")) ||
            failed(same(dim(i, 1), dim(0, i - 1),
                        "rank of factor #" + Twine(i) + " and core dim " +
                            Twine(i - 1))))
          return failure();
        shape.push_back(dim(i, 0));
      }
      return success();
    }
    case Factorization::tt: {
      // cores [1, Cin, r1], [r1, Cout, r2], ..., [rd+1, Kd, 1].
      if (n < 3 || n > 5)
        return error("tt expects 3 to 5 cores, got " + Twine(n));
      for (unsigned i = 0; i < n; ++i) {
        if (failed(rank(types, i, 3, "[rank_in, extent, rank_out]")))
          return failure();
        shape.push_back(dim(i, 1));
      }
      if (failed(same(dim(0, 0), 1, "first tt rank and 1")) ||
          failed(same(dim(n - 1, 2), 1, "last tt rank and 1")))
        return failure();
      for (unsigned i = 0; i + 1 < n; ++i)
        if (failed(same(dim(i, 2), dim(i + 1, 0),
                        "tt ranks between cores #" + Twine(i) + " and #" +
                            Twine(i + 1))))
          return failure();
      return success();
    }
    }
    llvm_unreachable("unknown factorization");
  }
};
} // namespace

LogicalResult FactorizedWeightOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  TypeRange types = adaptor.getFactors().getTypes();
  if (types.empty())
    return emitOptionalError(location, "factorized_weight needs factors");
  SmallVector<int64_t> shape;
  FactorShapes checker{nullptr, location};
  if (failed(checker.compute(adaptor.getFactorization(), types, shape)))
    return failure();
  Type elementType = cast<RankedTensorType>(types[0]).getElementType();
  inferredReturnTypes.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

LogicalResult FactorizedWeightOp::verify() {
  Type elementType = getOutput().getType().getElementType();
  for (Type type : getFactors().getTypes())
    if (cast<RankedTensorType>(type).getElementType() != elementType)
      return emitOpError("expects all factors and the result to share one "
                         "element type");
  SmallVector<int64_t> shape;
  FactorShapes checker{getOperation(), std::nullopt};
  return checker.compute(getFactorization(), getFactors().getTypes(), shape);
}
