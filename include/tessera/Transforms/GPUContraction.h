//===- GPUContraction.h - Contractions the GPU tiles in workgroups -*- C++
//-*-===//
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
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir::linalg {
class LinalgOp;
} // namespace mlir::linalg

namespace mlir::tessera {

/// A linalg op that is a sum of products C += A * B over one float type
/// with static shapes, as a GEMM: each of batch, m, n and k stands for the
/// op's loop dims of that role (in loop order, flattened row-major, so that
/// the flat K order is the order of the op's own loops). Loop dims of extent
/// 1 (a 1x1 convolution's window) take no role: they are index 0.
struct GPUContraction {
  /// The op's input numbers (0 or 1) playing A and B. A is the input that
  /// shares the m dims with C; the roles are chosen so that C's innermost
  /// dimension is an n dim (a workgroup's threads store consecutive words).
  unsigned aInput = 0, bInput = 1;
  llvm::SmallVector<unsigned> batchDims, mDims, nDims, kDims;
  /// Every loop dim's extent.
  llvm::SmallVector<int64_t> loopSizes;
  /// The indexing maps of A, B and C, extent-1 dims replaced by 0: each
  /// result is a loop dim or the constant 0.
  AffineMap aMap, bMap, cMap;
  int64_t batch = 1, m = 1, n = 1, k = 1;
};

/// The GEMM view of `op` (tensors or buffers), or none where the op is not
/// such a contraction: another body than `out + x * y` (either order), mixed
/// element types, dynamic shapes, an operand indexed by a sum of loop dims
/// of extent > 1 (a strided or windowed convolution), a dim read twice by
/// one operand, or a dim that is in one operand only.
std::optional<GPUContraction> matchGPUContraction(linalg::LinalgOp op);

/// The loop dim of the innermost (last non-constant) result of `map`: the
/// operand's fastest-varying index in a row-major layout.
std::optional<unsigned> innermostLoopDim(AffineMap map);

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_GPUCONTRACTION_H
