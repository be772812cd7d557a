//===- ShapeChecks.h - Shared verifier helpers -------------------*- C++ -*-===//
//
// Small helpers that the op verifiers share, so that every op words its
// shape diagnostics the same way. Dynamic extents are never reported as
// mismatches: they are checked when they become static.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_DIALECT_TESSERA_IR_SHAPECHECKS_H
#define TESSERA_LIB_DIALECT_TESSERA_IR_SHAPECHECKS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace mlir::tessera::detail {

/// True if `a` and `b` are equal or one of them is dynamic.
inline bool compatibleDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Errors "expects <what> of rank <rank> (<layout>), got rank R".
LogicalResult checkRank(Operation *op, StringRef what, Type type, int64_t rank,
                        StringRef layout);

/// Errors "expects <what> dim <dim> to be <expected> (<meaning>), got N" when
/// both extents are static and differ.
LogicalResult checkDim(Operation *op, StringRef what, Type type, unsigned dim,
                       int64_t expected, const Twine &meaning);

/// Checks that `stride` and `dilation` are positive and `padding` is not
/// negative (2-D convolution attributes).
LogicalResult checkConvAttrs(Operation *op, ArrayRef<int64_t> stride,
                             ArrayRef<int64_t> padding,
                             ArrayRef<int64_t> dilation);

/// Output extent of a convolution: floor((in + 2 pad - dil (k - 1) - 1) /
/// stride) + 1, or kDynamic if `in` or `k` is dynamic.
int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t pad, int64_t dilation);

/// Checks that a 2-D convolution of `inputType` ([N, C, H, W]) with kernel
/// extents (kh, kw) yields a non-empty output.
LogicalResult checkConvOutputNonEmpty(Operation *op, RankedTensorType input,
                                      int64_t kh, int64_t kw,
                                      ArrayRef<int64_t> stride,
                                      ArrayRef<int64_t> padding,
                                      ArrayRef<int64_t> dilation);

/// Result type of a 2-D NCHW convolution of `input` to `outChannels` with a
/// (kh, kw) kernel, for type inference. Builders infer result types before
/// the verifier runs, so malformed attributes (wrong array sizes, a zero
/// stride) fail here with a located error instead of crashing.
FailureOr<RankedTensorType>
inferConv2DResultType(std::optional<Location> location, StringRef opName,
                      RankedTensorType input, int64_t outChannels, int64_t kh,
                      int64_t kw, ArrayRef<int64_t> stride,
                      ArrayRef<int64_t> padding, ArrayRef<int64_t> dilation);

/// Range [min, max] of an 8- or 4-bit quantized integer type (signless
/// integers are signed).
std::pair<int64_t, int64_t> quantizedRange(Type elementType);

} // namespace mlir::tessera::detail

#endif // TESSERA_LIB_DIALECT_TESSERA_IR_SHAPECHECKS_H
