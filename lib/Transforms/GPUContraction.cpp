//===- GPUContraction.cpp - Contractions the GPU tiles in workgroups ------===//

#include "tessera/Transforms/GPUContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// The term T of a body `yield out + T` (either order; addf or addi), or
/// none.
std::optional<Value> accumulatedTerm(Block &body, Value out) {
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (!yield || yield.getNumOperands() != 1)
    return std::nullopt;
  Operation *add = yield.getOperand(0).getDefiningOp();
  if (!add || add->getBlock() != &body ||
      !isa<arith::AddFOp, arith::AddIOp>(add))
    return std::nullopt;
  Value lhs = add->getOperand(0), rhs = add->getOperand(1);
  if ((lhs == out) == (rhs == out))
    return std::nullopt;
  return lhs == out ? rhs : lhs;
}

/// The factors x, y of a term `x * y` (mulf or muli) computed in the body,
/// or none.
std::optional<std::pair<Value, Value>> productFactors(Value term, Block &body) {
  Operation *mul = term.getDefiningOp();
  if (!mul || mul->getBlock() != &body ||
      !isa<arith::MulFOp, arith::MulIOp>(mul))
    return std::nullopt;
  return std::make_pair(mul->getOperand(0), mul->getOperand(1));
}

/// The body arguments (input numbers) that `factor` is computed from, or
/// none where it reads an argument past `numInputs` (the output) or is
/// computed by an op that is not a pure function of its operands.
std::optional<llvm::SmallSetVector<unsigned, 4>>
factorInputs(Value factor, Block &body, unsigned numInputs) {
  llvm::SmallSetVector<unsigned, 4> inputs;
  SmallVector<Value> work = {factor};
  llvm::SmallPtrSet<Operation *, 8> seen;
  while (!work.empty()) {
    Value value = work.pop_back_val();
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner() != &body)
        continue; // Defined above the op: the same for every element.
      if (arg.getArgNumber() >= numInputs)
        return std::nullopt;
      inputs.insert(arg.getArgNumber());
      continue;
    }
    Operation *op = value.getDefiningOp();
    if (op->getBlock() != &body || !seen.insert(op).second)
      continue;
    if (op->getNumRegions() != 0 || !isMemoryEffectFree(op) ||
        isa<linalg::IndexOp>(op))
      return std::nullopt;
    llvm::append_range(work, op->getOperands());
  }
  return inputs;
}

/// `map` with the dims of extent 1 replaced by 0, or null where a result is
/// then neither a loop dim nor a constant, or a dim comes twice.
AffineMap withoutUnitDims(AffineMap map, ArrayRef<int64_t> sizes) {
  MLIRContext *context = map.getContext();
  SmallVector<AffineExpr> dims;
  for (auto [d, size] : llvm::enumerate(sizes))
    dims.push_back(size == 1 ? getAffineConstantExpr(0, context)
                             : getAffineDimExpr(d, context));
  AffineMap replaced = simplifyAffineMap(map.replaceDimsAndSymbols(
      dims, {}, map.getNumDims(), map.getNumSymbols()));
  llvm::SmallBitVector seen(sizes.size());
  for (AffineExpr result : replaced.getResults()) {
    if (isa<AffineConstantExpr>(result))
      continue;
    auto dim = dyn_cast<AffineDimExpr>(result);
    if (!dim || seen.test(dim.getPosition()))
      return AffineMap();
    seen.set(dim.getPosition());
  }
  return replaced;
}
} // namespace

std::optional<unsigned> mlir::tessera::innermostLoopDim(AffineMap map) {
  for (AffineExpr result : llvm::reverse(map.getResults()))
    if (auto dim = dyn_cast<AffineDimExpr>(result))
      return dim.getPosition();
  return std::nullopt;
}

SmallVector<Operation *> mlir::tessera::bodyComputation(Value value,
                                                        ArrayRef<Value> given) {
  Operation *root = value.getDefiningOp();
  if (!root || llvm::is_contained(given, value))
    return {};
  Block *body = root->getBlock();
  llvm::SmallPtrSet<Operation *, 8> slice;
  SmallVector<Operation *> work = {root};
  while (!work.empty()) {
    Operation *op = work.pop_back_val();
    if (op->getBlock() != body || !slice.insert(op).second)
      continue;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp();
          def && !llvm::is_contained(given, operand))
        work.push_back(def);
  }
  SmallVector<Operation *> ordered;
  for (Operation &op : *body)
    if (slice.contains(&op))
      ordered.push_back(&op);
  return ordered;
}

std::optional<GPUContraction>
mlir::tessera::matchGPUContraction(linalg::LinalgOp op) {
  unsigned numInputs = op.getNumDpsInputs();
  if (numInputs < 2 || op.getNumDpsInits() != 1 || op->getNumRegions() != 1)
    return std::nullopt;
  Block &body = *op.getBlock();
  std::optional<Value> term =
      accumulatedTerm(body, body.getArgument(numInputs));
  if (!term || !factorInputs(*term, body, numInputs))
    return std::nullopt;
  using Inputs = llvm::SmallSetVector<unsigned, 4>;
  // Each input belongs to one factor: a tile holds one factor's elements.
  auto separable = [&](Value x,
                       Value y) -> std::optional<std::pair<Inputs, Inputs>> {
    auto xInputs = factorInputs(x, body, numInputs);
    auto yInputs = factorInputs(y, body, numInputs);
    if (!xInputs || !yInputs || xInputs->empty() || yInputs->empty() ||
        xInputs->size() + yInputs->size() != numInputs ||
        llvm::any_of(*xInputs,
                     [&](unsigned i) { return yInputs->contains(i); }))
      return std::nullopt;
    return std::make_pair(*xInputs, *yInputs);
  };
  // A product of factors computed from separate inputs; else, with two
  // inputs, any term of their elements (the tiles hold the inputs'
  // elements, the term is computed per pair in the inner loop).
  Value x, y;
  std::optional<std::pair<Inputs, Inputs>> sides;
  if (auto factors = productFactors(*term, body)) {
    std::tie(x, y) = *factors;
    sides = separable(x, y);
  }
  if (!sides && numInputs == 2) {
    x = body.getArgument(0);
    y = body.getArgument(1);
    sides = separable(x, y);
  }
  // The tiles hold the factors: scalars of a width (not index).
  if (!sides || !x.getType().isIntOrFloat() || !y.getType().isIntOrFloat())
    return std::nullopt;
  auto &[xInputs, yInputs] = *sides;
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<ShapedType>(operand.getType());
    if (!type || !type.hasStaticShape())
      return std::nullopt;
  }
  GPUContraction contraction;
  contraction.loopSizes = op.getStaticLoopRanges();
  if (llvm::any_of(contraction.loopSizes, ShapedType::isDynamic))
    return std::nullopt;
  SmallVector<AffineMap> maps;
  for (AffineMap map : op.getIndexingMapsArray()) {
    maps.push_back(withoutUnitDims(map, contraction.loopSizes));
    if (!maps.back())
      return std::nullopt;
  }
  contraction.inputMaps.assign(maps.begin(), maps.begin() + numInputs);
  contraction.cMap = maps[numInputs];
  contraction.aInputs.assign(xInputs.begin(), xInputs.end());
  contraction.bInputs.assign(yInputs.begin(), yInputs.end());
  contraction.aFactor = x;
  contraction.bFactor = y;
  contraction.term = *term;
  auto readBy = [&](ArrayRef<unsigned> inputs, unsigned d) {
    return llvm::any_of(inputs, [&](unsigned i) {
      return contraction.inputMaps[i].isFunctionOfDim(d);
    });
  };
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (auto [d, size] : llvm::enumerate(contraction.loopSizes)) {
    if (size == 1)
      continue;
    bool inA = readBy(contraction.aInputs, d),
         inB = readBy(contraction.bInputs, d),
         inC = contraction.cMap.isFunctionOfDim(d);
    bool reduction = iterators[d] == utils::IteratorType::reduction;
    if (inA && inB && !inC && reduction)
      contraction.kDims.push_back(d);
    else if (reduction || !inC)
      return std::nullopt;
    else if (inA && inB)
      contraction.batchDims.push_back(d);
    else if (inA)
      contraction.mDims.push_back(d);
    else if (inB)
      contraction.nDims.push_back(d);
    else
      return std::nullopt;
  }
  // The layout of a factor's slice is the one of its widest input.
  auto widest = [&](ArrayRef<unsigned> inputs) {
    AffineMap best;
    for (unsigned i : inputs) {
      AffineMap map = contraction.inputMaps[i];
      auto dims = [](AffineMap m) {
        return llvm::count_if(m.getResults(), llvm::IsaPred<AffineDimExpr>);
      };
      if (!best || dims(map) > dims(best))
        best = map;
    }
    return best;
  };
  contraction.aMap = widest(contraction.aInputs);
  contraction.bMap = widest(contraction.bInputs);
  // Threads along x walk the columns of C (n): make them C's innermost.
  std::optional<unsigned> inner = innermostLoopDim(contraction.cMap);
  if (inner && llvm::is_contained(contraction.mDims, *inner)) {
    std::swap(contraction.aInputs, contraction.bInputs);
    std::swap(contraction.aFactor, contraction.bFactor);
    std::swap(contraction.aMap, contraction.bMap);
    std::swap(contraction.mDims, contraction.nDims);
  }
  auto extent = [&](ArrayRef<unsigned> dims) {
    int64_t product = 1;
    for (unsigned d : dims)
      product *= contraction.loopSizes[d];
    return product;
  };
  contraction.batch = extent(contraction.batchDims);
  contraction.m = extent(contraction.mDims);
  contraction.n = extent(contraction.nDims);
  contraction.k = extent(contraction.kDims);
  return contraction;
}
