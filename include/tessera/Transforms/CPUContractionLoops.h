//===- CPUContractionLoops.h - Loop roles of a CPU contraction -*- C++ -*-===//
//
// How tessera-cpu-tile-and-vectorize sees a contraction-like linalg op: which
// loops are its m, n and k. Shared with the tuner's kernel analysis
// (TuningSpace.h), so that the tuning space is pruned by the dimensions the
// code generator tiles, not by another reading of the same op.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TRANSFORMS_CPUCONTRACTIONLOOPS_H
#define TESSERA_TRANSFORMS_CPUCONTRACTIONLOOPS_H

#include "mlir/IR/AffineMap.h"

#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir {
class Attribute;
class MLIRContext;
class Operation;
} // namespace mlir

namespace mlir::tessera {

/// The loops of a contraction-like op: `n` the output's innermost
/// dimension, `m` the output loop whose register-tile rows share the most
/// input data (-1 for rank-1 outputs), `k` the reduction loop that is
/// innermost in the most inputs.
struct ContractionLoops {
  int64_t m = -1;
  int64_t n = -1;
  int64_t k = -1;
  /// After packing: the loop over panels of nr columns; `n` is then the
  /// loop within a panel, never tiled.
  int64_t n1 = -1;
  /// Likewise for m: the loop over panels of mr rows.
  int64_t m1 = -1;
  /// A right operand is not contiguous along n: only the packed form of the
  /// op can be vectorized.
  bool mustPack = false;

  /// The roles as an attribute (the pass keeps them on ops it rewrites).
  Attribute toAttr(MLIRContext *ctx) const;
  static std::optional<ContractionLoops> fromAttr(Attribute attr);
};

/// The loop roles of `op` (a linalg op with reduction loops whose outputs
/// share one indexing map), or nullopt if it is not a contraction the code
/// generator tiles as one: no reduction loop, or n indexes an input other
/// than innermost where packing cannot help (an input indexed by m too).
std::optional<ContractionLoops> matchContraction(Operation *op);

/// A contraction computed with its result transposed
/// (CPUCodegenConfig::transposeResult): the output's m and n dimensions
/// exchanged, so that m becomes the innermost one, the vector lanes.
struct TransposedResult {
  /// The result's dimensions in the transposed form: its dimension i is
  /// the original result's dimension permutation[i] (a swap of m's
  /// position and the last one, so its own inverse).
  llvm::SmallVector<int64_t> permutation;
  /// The output's indexing map in the transposed form.
  AffineMap outputMap;
  /// The loop roles in the transposed form (its n is the original m).
  ContractionLoops loops;
  /// What each form copies, in elements: the right operands that packing
  /// transposes (those indexed by n and not by m) as the op is, and in the
  /// transposed form (whether it must pack them or packs them for reuse),
  /// plus the result that the transposed form transposes back.
  double packedElements = 0;
  double transposedCopiedElements = 0;
  /// The trip count of the original m (the transposed form's vector lanes).
  int64_t m = 0;

  /// Whether CPUCodegenConfig::Choice::Auto transposes it on a target of
  /// `vectorWidth` f32 lanes: the transposed form must fill at least 3/4 of
  /// its vectors' lanes along m, and packing the right operands as the op
  /// is must copy more than twice what the transposed form copies.
  bool preferred(int64_t vectorWidth) const;
};

/// How contraction `op`, with loop roles `loops` (matchContraction's),
/// computes its result transposed, or nullopt if it cannot or gains
/// nothing by it: only ops with one output whose right operand must be
/// packed to be vectorized (loops.mustPack: A x B^T) are considered, and
/// the transposed form must be a contraction whose n is the original m.
std::optional<TransposedResult>
matchTransposedResult(Operation *op, const ContractionLoops &loops);

/// Runs of consecutive parallel loops of the linalg op `op` that every
/// operand indexes contiguously and in order, or not at all (the rows and
/// columns of an NCHW image): each can be merged into one loop
/// (`linalg::collapseOpIterationDims`). The code generator merges those of
/// pointwise convolutions, and the one ending at a generic contraction's n.
llvm::SmallVector<llvm::SmallVector<int64_t, 2>>
contiguousParallelRuns(Operation *op);

/// Whether the body of the linalg op `op` computes with its loops' indices
/// (linalg.index) or gathers elements (tensor.extract), as XNOR's bit
/// packing does: such bodies are not vectorized, and their loops are not
/// merged (each index would be recomputed from the merged loop).
bool bodyUsesLoopIndices(Operation *op);

/// Whether the linalg op `op` has one i32 output that accumulates products
/// of two of its inputs' elements, each sign-extended from at most 16 bits
/// or zero-extended from at most 15 (out += ext(a) * ext(b): an int8 or
/// int4 GEMM; an unsigned input through its cast to the signless type):
/// products that x86's pmaddwd can compute two at a time.
bool accumulatesI16Products(Operation *op);

/// The same for inputs that fit an i8 (sign-extended from at most 8 bits,
/// zero-extended from at most 7): products that x86's vpdpbusd can
/// compute four at a time.
bool accumulatesI8Products(Operation *op);

/// The loops the code generator tiles as a contraction's n: the run of
/// contiguousParallelRuns that holds `loops.n` if `op` is a generic op
/// whose body does not compute with loop indices (merged into one loop
/// first), else {loops.n}.
llvm::SmallVector<int64_t, 2> mergedNLoops(Operation *op,
                                           const ContractionLoops &loops);

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_CPUCONTRACTIONLOOPS_H
