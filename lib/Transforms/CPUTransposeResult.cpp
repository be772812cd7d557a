//===- CPUTransposeResult.cpp - Transposed contraction results -----------===//

#include "CPUTransposeResult.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;

FailureOr<linalg::GenericOp>
mlir::tessera::transposeContractionResult(RewriterBase &rewriter,
                                          linalg::LinalgOp op,
                                          const TransposedResult &transposed) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      op->getNumResults() != 1)
    return failure();
  ArrayRef<int64_t> permutation = transposed.permutation;
  Value init = op.getDpsInitOperand(0)->get();
  auto initType = cast<RankedTensorType>(init.getType());
  auto transposedType =
      RankedTensorType::get(applyPermutation(initType.getShape(), permutation),
                            initType.getElementType());
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);

  // The init in the transposed layout: a fill stays a fill (of a new
  // tensor), anything else is transposed.
  Value empty =
      tensor::EmptyOp::create(rewriter, loc, transposedType.getShape(),
                              transposedType.getElementType());
  Value transposedInit;
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    transposedInit =
        linalg::FillOp::create(rewriter, loc, fill.getInputs(), empty)
            .getResult(0);
  else
    transposedInit =
        linalg::TransposeOp::create(rewriter, loc, init, empty, permutation)
            .getResult()[0];

  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  maps.back() = transposed.outputMap;
  auto generic = linalg::GenericOp::create(
      rewriter, loc, TypeRange{transposedType}, op.getDpsInputs(),
      ValueRange{transposedInit}, maps, op.getIteratorTypesArray());
  rewriter.cloneRegionBefore(op->getRegion(0), generic.getRegion(),
                             generic.getRegion().begin());
  Value result = generic.getResult(0);

  // Generic consumers read the transposed result through their maps: the
  // dimension i of the original result is the transposed one's
  // permutation[i] (a swap: its own inverse).
  Value back;
  for (OpOperand &use :
       llvm::make_early_inc_range(op->getResult(0).getUses())) {
    auto consumer = dyn_cast<linalg::GenericOp>(use.getOwner());
    if (consumer && consumer.isDpsInput(&use)) {
      AffineMap map = consumer.getMatchingIndexingMap(&use);
      SmallVector<AffineMap> consumerMaps = consumer.getIndexingMapsArray();
      consumerMaps[use.getOperandNumber()] = AffineMap::get(
          map.getNumDims(), map.getNumSymbols(),
          applyPermutation(map.getResults(), permutation), map.getContext());
      rewriter.modifyOpInPlace(consumer, [&] {
        consumer.setIndexingMapsAttr(
            rewriter.getAffineMapArrayAttr(consumerMaps));
        use.set(result);
      });
      continue;
    }
    if (!back) {
      rewriter.setInsertionPointAfter(generic);
      Value original = tensor::EmptyOp::create(
          rewriter, loc, initType.getShape(), initType.getElementType());
      back = linalg::TransposeOp::create(rewriter, loc, result, original,
                                         permutation)
                 .getResult()[0];
    }
    rewriter.modifyOpInPlace(use.getOwner(), [&] { use.set(back); });
  }
  rewriter.eraseOp(op);
  return generic;
}
