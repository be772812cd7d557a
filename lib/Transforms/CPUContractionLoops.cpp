//===- CPUContractionLoops.cpp - Loop roles of a CPU contraction ---------===//
//
// Part of the CPU code generator (tessera-cpu-tile-and-vectorize), shared
// with the tuner's kernel analysis.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/CPUContractionLoops.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::tessera;

Attribute ContractionLoops::toAttr(MLIRContext *ctx) const {
  return DenseI64ArrayAttr::get(ctx, {m, n, k, n1, m1});
}

std::optional<ContractionLoops> ContractionLoops::fromAttr(Attribute attr) {
  auto array = dyn_cast_or_null<DenseI64ArrayAttr>(attr);
  if (!array || array.size() != 5)
    return std::nullopt;
  ContractionLoops loops;
  loops.m = array[0];
  loops.n = array[1];
  loops.k = array[2];
  loops.n1 = array[3];
  loops.m1 = array[4];
  return loops;
}

/// matchContraction for an op with these input maps (and the inputs' element
/// counts, 0 for scalars), output map, loop ranges and reduction loops.
static std::optional<ContractionLoops>
matchContractionMaps(ArrayRef<AffineMap> inputMaps,
                     ArrayRef<int64_t> inputElements, AffineMap outputMap,
                     ArrayRef<int64_t> ranges,
                     ArrayRef<unsigned> reductionDims) {
  unsigned outputRank = outputMap.getNumResults();
  if (outputRank == 0)
    return std::nullopt;
  ContractionLoops loops;
  loops.n = outputMap.getDimPosition(outputRank - 1);
  // m: the output dimension whose register tile rows share the most input
  // data (the inputs it does not index are loaded once for mr rows); the
  // innermost one on ties, the output's second innermost by default. A
  // dimension of size 1 (a row of a thread slice or of a fused strip) has
  // no rows to share: it is m only if every candidate has size 1.
  bool anyRows = false;
  for (int64_t i = int64_t(outputRank) - 2; i >= 0; --i)
    anyRows |= ranges[outputMap.getDimPosition(i)] != 1;
  int64_t bestReuse = -1;
  for (int64_t i = int64_t(outputRank) - 2; i >= 0; --i) {
    unsigned dim = outputMap.getDimPosition(i);
    if (anyRows && ranges[dim] == 1)
      continue;
    int64_t reuse = 0;
    for (auto [map, elements] : llvm::zip(inputMaps, inputElements))
      if (!map.isFunctionOfDim(dim))
        reuse += elements;
    if (reuse > bestReuse) {
      bestReuse = reuse;
      loops.m = dim;
    }
  }
  // The vector lanes run along n: every input that n indexes must be
  // contiguous along it (else each lane is a gather), or be a right operand
  // (not indexed by m), which packing transposes (A x B^T).
  for (AffineMap map : inputMaps) {
    for (unsigned i = 0, e = map.getNumResults(); i < e; ++i) {
      if (map.getDimPosition(i) != static_cast<unsigned>(loops.n) || i + 1 == e)
        continue;
      if (loops.m >= 0 && !map.isFunctionOfDim(loops.m))
        loops.mustPack = true;
      else
        return std::nullopt;
    }
  }
  int bestScore = -1;
  for (unsigned dim : reductionDims) {
    int score = 0;
    for (AffineMap map : inputMaps)
      if (map.getNumResults() != 0 &&
          map.getDimPosition(map.getNumResults() - 1) == dim)
        ++score;
    if (score >= bestScore) {
      bestScore = score;
      loops.k = dim;
    }
  }
  return loops;
}

namespace {
/// What matchContraction reads of a linalg op.
struct ContractionOperands {
  SmallVector<AffineMap> inputMaps;
  SmallVector<int64_t> inputElements;
  AffineMap outputMap;
  SmallVector<int64_t> ranges;
  SmallVector<unsigned> reductionDims;
};
} // namespace

static std::optional<ContractionOperands>
getContractionOperands(Operation *operation) {
  auto op = dyn_cast<linalg::LinalgOp>(operation);
  if (!op)
    return std::nullopt;
  if (op.getNumReductionLoops() == 0 || op.getNumDpsInits() == 0)
    return std::nullopt;
  ContractionOperands operands;
  operands.outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  for (OpOperand &init : op.getDpsInitsMutable())
    if (op.getMatchingIndexingMap(&init) != operands.outputMap)
      return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    operands.inputMaps.push_back(op.getMatchingIndexingMap(input));
    auto type = dyn_cast<ShapedType>(input->get().getType());
    operands.inputElements.push_back(
        type && type.hasStaticShape() ? type.getNumElements() : 0);
  }
  operands.ranges = op.getStaticLoopRanges();
  op.getReductionDims(operands.reductionDims);
  return operands;
}

std::optional<ContractionLoops>
mlir::tessera::matchContraction(Operation *operation) {
  std::optional<ContractionOperands> operands =
      getContractionOperands(operation);
  if (!operands)
    return std::nullopt;
  return matchContractionMaps(operands->inputMaps, operands->inputElements,
                              operands->outputMap, operands->ranges,
                              operands->reductionDims);
}

std::optional<TransposedResult>
mlir::tessera::matchTransposedResult(Operation *operation,
                                     const ContractionLoops &loops) {
  std::optional<ContractionOperands> operands =
      getContractionOperands(operation);
  if (!operands || !loops.mustPack || loops.m < 0 ||
      cast<linalg::LinalgOp>(operation).getNumDpsInits() != 1)
    return std::nullopt;
  AffineMap outputMap = operands->outputMap;
  unsigned rank = outputMap.getNumResults();
  std::optional<unsigned> mPosition = outputMap.getResultPosition(
      getAffineDimExpr(loops.m, outputMap.getContext()));
  if (!mPosition || rank < 2)
    return std::nullopt;
  TransposedResult result;
  result.permutation = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(result.permutation[*mPosition], result.permutation[rank - 1]);
  SmallVector<AffineExpr> exprs;
  for (int64_t position : result.permutation)
    exprs.push_back(outputMap.getResult(position));
  result.outputMap =
      AffineMap::get(outputMap.getNumDims(), 0, exprs, outputMap.getContext());
  std::optional<ContractionLoops> transposed = matchContractionMaps(
      operands->inputMaps, operands->inputElements, result.outputMap,
      operands->ranges, operands->reductionDims);
  if (!transposed || transposed->n != loops.m)
    return std::nullopt;
  result.loops = *transposed;
  auto rightElements = [&](const ContractionLoops &roles) {
    double elements = 0;
    for (auto [map, count] :
         llvm::zip(operands->inputMaps, operands->inputElements))
      if (map.isFunctionOfDim(roles.n) && !map.isFunctionOfDim(roles.m))
        elements += double(count);
    return elements;
  };
  double resultElements = 1;
  for (unsigned i = 0; i < rank; ++i)
    resultElements *= double(operands->ranges[outputMap.getDimPosition(i)]);
  result.packedElements = rightElements(loops);
  result.transposedCopiedElements = rightElements(*transposed) + resultElements;
  result.m = operands->ranges[loops.m];
  return result;
}

bool TransposedResult::preferred(int64_t vectorWidth) const {
  if (vectorWidth <= 0 || m <= 0)
    return false;
  int64_t lanes = llvm::divideCeil(m, vectorWidth) * vectorWidth;
  return 4 * m >= 3 * lanes && packedElements > 2 * transposedCopiedElements;
}

SmallVector<ReassociationIndices>
mlir::tessera::contiguousParallelRuns(Operation *operation) {
  SmallVector<ReassociationIndices> runs;
  auto op = dyn_cast<linalg::LinalgOp>(operation);
  if (!op)
    return runs;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (unsigned loop = 0; loop + 1 < iterators.size(); ++loop) {
    if (iterators[loop] != utils::IteratorType::parallel ||
        iterators[loop + 1] != utils::IteratorType::parallel)
      continue;
    ReassociationIndices candidate =
        !runs.empty() && runs.back().back() == static_cast<int64_t>(loop)
            ? runs.back()
            : ReassociationIndices{loop};
    candidate.push_back(loop + 1);
    if (!linalg::areDimSequencesPreserved(maps, candidate))
      continue;
    if (candidate.size() > 2)
      runs.back() = candidate;
    else
      runs.push_back(candidate);
  }
  return runs;
}

bool mlir::tessera::bodyUsesLoopIndices(Operation *op) {
  return op
      ->walk([](Operation *inner) {
        return isa<linalg::IndexOp, tensor::ExtractOp>(inner)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Whether `op` accumulates products of inputs that fit a signed integer
/// of `bits` bits (see accumulatesI16Products).
static bool accumulatesProductsThatFit(Operation *op, unsigned bits) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || linalgOp.getNumDpsInits() != 1 ||
      !getElementTypeOrSelf(linalgOp.getDpsInits()[0].getType()).isInteger(32))
    return false;
  Block *body = linalgOp.getBlock();
  Value output = body->getArguments().back();
  auto add =
      body->getTerminator()->getOperand(0).getDefiningOp<arith::AddIOp>();
  if (!add)
    return false;
  Value product = add.getLhs() == output   ? add.getRhs()
                  : add.getRhs() == output ? add.getLhs()
                                           : Value();
  auto mul = product ? product.getDefiningOp<arith::MulIOp>() : nullptr;
  if (!mul)
    return false;
  // An input's element, extended so that it fits a signed integer of
  // `bits` bits.
  auto isExtendedInput = [&](Value value) {
    Operation *ext = value.getDefiningOp();
    if (!isa_and_nonnull<arith::ExtSIOp, arith::ExtUIOp>(ext))
      return false;
    // tessera-to-linalg views an unsigned element (ui8) as the signless
    // integer of its width through a cast.
    Value source = ext->getOperand(0);
    if (auto cast = source.getDefiningOp<UnrealizedConversionCastOp>();
        cast && cast->getNumOperands() == 1)
      source = cast->getOperand(0);
    auto input = dyn_cast<BlockArgument>(source);
    auto type = dyn_cast<IntegerType>(ext->getOperand(0).getType());
    unsigned limit = isa<arith::ExtSIOp>(ext) ? bits : bits - 1;
    return input && input.getOwner() == body &&
           input.getArgNumber() < linalgOp.getNumDpsInputs() && type &&
           type.getWidth() <= limit;
  };
  return isExtendedInput(mul.getLhs()) && isExtendedInput(mul.getRhs());
}

bool mlir::tessera::accumulatesI16Products(Operation *op) {
  return accumulatesProductsThatFit(op, 16);
}

bool mlir::tessera::accumulatesI8Products(Operation *op) {
  return accumulatesProductsThatFit(op, 8);
}

ReassociationIndices
mlir::tessera::mergedNLoops(Operation *op, const ContractionLoops &loops) {
  // Not where the body computes with the loops' indices: each index would
  // be recomputed from the merged loop by a division and a remainder (a
  // 2048^3 binary matmul ran 4.7x slower).
  if (!isa<linalg::GenericOp>(op) || bodyUsesLoopIndices(op))
    return {loops.n};
  for (ReassociationIndices &run : contiguousParallelRuns(op))
    if (llvm::is_contained(run, loops.n))
      return run;
  return {loops.n};
}
