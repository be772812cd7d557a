//===- GPUContraction.h - Contractions tiled in workgroups -----*- C++ -*-===//
//
// The contractions `tessera-gpu-shared-memory-tiling` computes in
// workgroup tiles, seen as one GEMM C[b, m, n] += A[b, m, k] * B[b, k, n]:
// the pass itself and the GPU tuning space (which kernels get the matmul
// knobs, and their sizes) use the same match.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TRANSFORMS_GPUCONTRACTION_H
#define TESSERA_TRANSFORMS_GPUCONTRACTION_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir::linalg {
class LinalgOp;
} // namespace mlir::linalg

namespace mlir::tessera {

/// A linalg op that is a sum of products C += A * B with static shapes, as
/// a GEMM: each of batch, m, n and k stands for the op's loop dims of that
/// role (in loop order, flattened row-major, so that the flat K order is the
/// order of the op's own loops). Loop dims of extent 1 (a 1x1
/// convolution's window) take no role: they are index 0.
///
/// The body is `out + x * y` (float or integer), where the factor x is
/// computed from the elements of some inputs alone (A's: a plain read, or a
/// prologue such as `extsi` of an i8 or a quantization of an f32) and y from
/// the others (B's); or, with two inputs, `out + T(a, b)` for any term T of
/// their elements (XNOR's ctpop(a ^ b)): then the factors are the inputs'
/// elements themselves and T is computed per pair. The workgroup tiles hold
/// the factors, in their types.
struct GPUContraction {
  /// The op's inputs whose elements make up A's and B's factors. A shares
  /// the m dims with C; the roles are chosen so that C's innermost
  /// dimension is an n dim (a workgroup's threads store consecutive words).
  llvm::SmallVector<unsigned> aInputs, bInputs;
  /// The body's values of the two factors (the product's operands, or the
  /// inputs' block arguments), and of the term added to the output, which
  /// is computed from them.
  Value aFactor, bFactor, term;
  llvm::SmallVector<unsigned> batchDims, mDims, nDims, kDims;
  /// Every loop dim's extent.
  llvm::SmallVector<int64_t> loopSizes;
  /// The indexing maps of every input (by input number) and of C, extent-1
  /// dims replaced by 0: each result is a loop dim or the constant 0.
  llvm::SmallVector<AffineMap> inputMaps;
  AffineMap cMap;
  /// The map of the input of A (of B) that reads the most dims: the layout
  /// that decides the order in which a slice is staged.
  AffineMap aMap, bMap;
  int64_t batch = 1, m = 1, n = 1, k = 1;
};

/// The GEMM view of `op` (tensors or buffers), or none where the op is not
/// such a contraction: another body than `out + T` (either order), a term
/// that reads `out`, more than two inputs and a term that is not a product
/// of factors from separate inputs, a term computed by an op with memory
/// effects or regions or from linalg.index,
/// dynamic shapes, an operand indexed by a sum of loop dims of extent > 1 (a
/// strided or windowed convolution), a dim read twice by one operand, or a
/// dim that is in one factor's inputs only and not in C.
std::optional<GPUContraction> matchGPUContraction(linalg::LinalgOp op);

/// The ops of a contraction's body that compute `value` from the block
/// arguments and from the values `given` (its backward slice within the
/// body, stopped at those), in block order: cloned with those mapped, they
/// compute `value` (a factor's element from its inputs' elements, the term
/// from the two factors).
llvm::SmallVector<Operation *>
bodyComputation(Value value, llvm::ArrayRef<Value> given = {});

/// The loop dim of the innermost (last non-constant) result of `map`: the
/// operand's fastest-varying index in a row-major layout.
std::optional<unsigned> innermostLoopDim(AffineMap map);

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_GPUCONTRACTION_H
