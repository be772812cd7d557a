//===- GPUContraction.cpp - Contractions the GPU tiles in workgroups ------===//

#include "tessera/Transforms/GPUContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// Whether the body is `yield out + in0 * in1` (either order of each
/// operation) and nothing else.
bool isMultiplyAccumulate(Block &body) {
  if (body.getNumArguments() != 3 || !llvm::hasNItems(body, 3))
    return false;
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (!yield || yield.getNumOperands() != 1)
    return false;
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value out = body.getArgument(2);
  Value product = add.getLhs() == out ? add.getRhs() : add.getLhs();
  if ((add.getLhs() == out) == (add.getRhs() == out))
    return false;
  auto mul = product.getDefiningOp<arith::MulFOp>();
  if (!mul || mul->getBlock() != &body)
    return false;
  Value in0 = body.getArgument(0), in1 = body.getArgument(1);
  return (mul.getLhs() == in0 && mul.getRhs() == in1) ||
         (mul.getLhs() == in1 && mul.getRhs() == in0);
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

std::optional<GPUContraction>
mlir::tessera::matchGPUContraction(linalg::LinalgOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op->getNumRegions() != 1 || !isMultiplyAccumulate(*op.getBlock()))
    return std::nullopt;
  SmallVector<Value> operands = {op.getDpsInputOperand(0)->get(),
                                 op.getDpsInputOperand(1)->get(),
                                 op.getDpsInitOperand(0)->get()};
  Type element;
  for (Value operand : operands) {
    auto type = dyn_cast<ShapedType>(operand.getType());
    if (!type || !type.hasStaticShape() ||
        !isa<FloatType>(type.getElementType()) ||
        (element && type.getElementType() != element))
      return std::nullopt;
    element = type.getElementType();
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
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (auto [d, size] : llvm::enumerate(contraction.loopSizes)) {
    if (size == 1)
      continue;
    bool inA = maps[0].isFunctionOfDim(d), inB = maps[1].isFunctionOfDim(d),
         inC = maps[2].isFunctionOfDim(d);
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
  contraction.aMap = maps[0];
  contraction.bMap = maps[1];
  contraction.cMap = maps[2];
  // Threads along x walk the columns of C (n): make them C's innermost.
  std::optional<unsigned> inner = innermostLoopDim(contraction.cMap);
  if (inner && llvm::is_contained(contraction.mDims, *inner)) {
    std::swap(contraction.aInput, contraction.bInput);
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
