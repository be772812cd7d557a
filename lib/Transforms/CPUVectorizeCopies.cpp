//===- CPUVectorizeCopies.cpp - Strided copies in rows of vectors ---------===//
//
// linalg.copy ops between strided views (what bufferization leaves of
// tensor.pad, tensor.insert_slice and window slices, made linalg.copy by
// tessera-strided-copy-to-linalg) as loops over their rows that copy each
// row in vectors. See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPUVECTORIZECOPIES
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// Whether `type` is a static memref whose innermost dimension has unit
/// stride.
bool hasContiguousRows(MemRefType type) {
  if (!type || !type.hasStaticShape() || type.getRank() == 0)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return strides.back() == 1;
}

/// Rewrites `copy` as row loops of vector transfers, if both of its
/// operands have contiguous rows of whole-byte elements.
LogicalResult vectorizeCopy(RewriterBase &rewriter, linalg::CopyOp copy,
                            int64_t vectorWidth) {
  if (!copy.hasPureBufferSemantics())
    return failure();
  auto source = dyn_cast<MemRefType>(copy.getInputs()[0].getType());
  auto target = dyn_cast<MemRefType>(copy.getOutputs()[0].getType());
  if (!hasContiguousRows(source) || !hasContiguousRows(target) ||
      source.getShape() != target.getShape() ||
      source.getElementType() != target.getElementType())
    return failure();
  Type element = source.getElementType();
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
    return failure();
  ArrayRef<int64_t> shape = source.getShape();
  int64_t row = shape.back();
  if (llvm::is_contained(shape, 0))
    return failure();
  // Up to four registers per transfer.
  int64_t chunk = std::min<int64_t>(
      row, std::max<int64_t>(1, 4 * vectorWidth * 32 /
                                    element.getIntOrFloatBitWidth()));
  int64_t whole = row / chunk * chunk;

  Location loc = copy.getLoc();
  rewriter.setInsertionPoint(copy);
  Value in = copy.getInputs()[0], out = copy.getOutputs()[0];
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value padding =
      arith::ConstantOp::create(rewriter, loc, rewriter.getZeroAttr(element));
  auto copyRun = [&](OpBuilder &b, Location l, ValueRange outer, Value column,
                     int64_t length) {
    SmallVector<Value> at(outer.begin(), outer.end());
    at.push_back(column);
    auto type = VectorType::get({length}, element);
    Value vector = vector::TransferReadOp::create(b, l, type, in, at, padding,
                                                  ArrayRef<bool>{true});
    vector::TransferWriteOp::create(b, l, vector, out, at,
                                    ArrayRef<bool>{true});
  };
  Value wholeEnd = arith::ConstantIndexOp::create(rewriter, loc, whole);
  Value chunkStep = arith::ConstantIndexOp::create(rewriter, loc, chunk);
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t size : shape.drop_back()) {
    lbs.push_back(zero);
    ubs.push_back(arith::ConstantIndexOp::create(rewriter, loc, size));
    steps.push_back(one);
  }
  scf::buildLoopNest(
      rewriter, loc, lbs, ubs, steps,
      [&](OpBuilder &b, Location l, ValueRange outer) {
        // Whole vectors (a loop when there are several), then the rest.
        if (whole == chunk)
          copyRun(b, l, outer, zero, chunk);
        else if (whole > 0)
          scf::ForOp::create(
              b, l, zero, wholeEnd, chunkStep, ValueRange{},
              [&](OpBuilder &ib, Location il, Value column, ValueRange) {
                copyRun(ib, il, outer, column, chunk);
                scf::YieldOp::create(ib, il);
              });
        if (row > whole)
          copyRun(b, l, outer, wholeEnd, row - whole);
      });
  rewriter.eraseOp(copy);
  return success();
}

struct CPUVectorizeCopiesPass
    : public tessera::impl::CPUVectorizeCopiesBase<CPUVectorizeCopiesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::CopyOp> copies;
    getOperation().walk([&](linalg::CopyOp copy) { copies.push_back(copy); });
    IRRewriter rewriter(&getContext());
    for (linalg::CopyOp copy : copies)
      (void)vectorizeCopy(rewriter, copy, vectorWidth);
  }
};
} // namespace
