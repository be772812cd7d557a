//===- CPUWidenPackedInts.cpp - Vector widening of sub-byte buffers -------===//
//
// A linalg.generic that only widens an i4 buffer (the int4 operands of
// tessera.qmatmul, extended to i8 before the GEMM) is left whole by
// tessera-cpu-tile-and-vectorize: a tile could start in the middle of a
// packed byte. Lowered to loops, it costs a packed load, a shift and a
// store per element on one thread (3 ms per 2048 x 2048 operand). Here it
// becomes vector steps that start on 32-bit boundaries of the packed input
// (so on a word whatever tessera-emulate-narrow-int packs in), the rows
// split among the threads:
//
//   scf.parallel (%i) = (0) to (M) step (1) {
//     scf.for %j = 0 to N step 64 {
//       %v = vector.load %in[%i, %j] {tessera.word_aligned}
//              : memref<MxNxi4>, vector<64xi4>
//       %w = arith.extsi %v : vector<64xi4> to vector<64xi8>
//       vector.store %w, %out[%i, %j] : memref<MxNxi8>, vector<64xi8>
//     }
//     (steps of 32 bits of input for the rest of the row)
//   }
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPUWIDENPACKEDINTS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// A widening generic and what its loops need.
struct Widening {
  Value input, output;
  MemRefType inputType, outputType;
  bool isSigned;
  /// Elements of the input per 32 bits: every step starts on a multiple.
  int64_t alignment;
};

/// `op` as a widening of an i4 buffer (the width the CPU pipeline's
/// tessera-emulate-narrow-int packs: other narrow widths stay a byte per
/// value, which a narrow vector load would misread) whose steps can all
/// start on 32-bit boundaries, or nothing.
std::optional<Widening> matchWidening(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 1 ||
      op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops() ||
      !llvm::all_of(op.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return std::nullopt;
  Widening widening;
  widening.input = op.getDpsInputOperand(0)->get();
  widening.output = op.getDpsInitOperand(0)->get();
  widening.inputType = dyn_cast<MemRefType>(widening.input.getType());
  widening.outputType = dyn_cast<MemRefType>(widening.output.getType());
  if (!widening.inputType || !widening.outputType ||
      widening.inputType.getRank() == 0 ||
      !widening.inputType.hasStaticShape())
    return std::nullopt;
  auto from = dyn_cast<IntegerType>(widening.inputType.getElementType());
  auto to = dyn_cast<IntegerType>(widening.outputType.getElementType());
  if (!from || !to || !to.isSignless() ||
      from.getWidth() != 4 || to.getWidth() < 8 ||
      to.getWidth() > 64)
    return std::nullopt;

  // The body: one extension of the input (ui4/si4 cast to i4 first, as
  // tessera-to-linalg does), yielded.
  Block &body = op.getRegion().front();
  Value extended = body.getArgument(0);
  auto operations = body.without_terminator();
  auto it = operations.begin();
  if (!from.isSignless() && it != operations.end()) {
    auto cast = dyn_cast<UnrealizedConversionCastOp>(*it);
    if (!cast || cast.getInputs() != ValueRange{extended} ||
        cast->getNumResults() != 1 ||
        cast.getResult(0).getType() !=
            IntegerType::get(op.getContext(), from.getWidth()))
      return std::nullopt;
    extended = cast.getResult(0);
    ++it;
  }
  if (it == operations.end())
    return std::nullopt;
  Operation *extension = &*it;
  if (++it != operations.end() ||
      !isa<arith::ExtSIOp, arith::ExtUIOp>(extension) ||
      extension->getOperand(0) != extended ||
      body.getTerminator()->getOperand(0) != extension->getResult(0))
    return std::nullopt;
  widening.isSigned = isa<arith::ExtSIOp>(extension);

  // Steps on 32-bit boundaries of the input, contiguous rows both sides.
  widening.alignment = 32 / from.getWidth();
  int64_t inOffset, outOffset;
  SmallVector<int64_t> inStrides, outStrides;
  if (failed(widening.inputType.getStridesAndOffset(inStrides, inOffset)) ||
      failed(widening.outputType.getStridesAndOffset(outStrides, outOffset)) ||
      inStrides.back() != 1 || outStrides.back() != 1 ||
      ShapedType::isDynamic(inOffset) ||
      inOffset % widening.alignment != 0 ||
      widening.inputType.getShape().back() % widening.alignment != 0)
    return std::nullopt;
  for (int64_t stride : ArrayRef(inStrides).drop_back())
    if (ShapedType::isDynamic(stride) || stride % widening.alignment != 0)
      return std::nullopt;
  return widening;
}

/// Loads `length` elements of the row at `indices` (the last one the
/// column), widens them and stores them.
void emitStep(OpBuilder &b, Location loc, const Widening &widening,
              ValueRange indices, int64_t length) {
  auto inputVector =
      VectorType::get({length}, widening.inputType.getElementType());
  auto outputVector =
      VectorType::get({length}, widening.outputType.getElementType());
  auto load =
      vector::LoadOp::create(b, loc, inputVector, widening.input, indices);
  // tessera-emulate-narrow-int loads whole words for it.
  load->setAttr(tessera::kWordAlignedAttrName, b.getUnitAttr());
  Value narrow = load;
  if (!inputVector.getElementType().isSignlessInteger())
    narrow = UnrealizedConversionCastOp::create(
                 b, loc,
                 VectorType::get({length},
                                 b.getIntegerType(inputVector.getElementType()
                                                      .getIntOrFloatBitWidth())),
                 narrow)
                 .getResult(0);
  Value wide =
      widening.isSigned
          ? arith::ExtSIOp::create(b, loc, outputVector, narrow).getResult()
          : arith::ExtUIOp::create(b, loc, outputVector, narrow).getResult();
  vector::StoreOp::create(b, loc, wide, widening.output, indices);
}

/// The row at `outer` (indices of the outer dimensions): `step` elements
/// at a time, then 32 bits of input at a time for the rest.
void emitRow(OpBuilder &b, Location loc, const Widening &widening,
             ValueRange outer, int64_t step) {
  int64_t size = widening.inputType.getShape().back();
  int64_t main = size - size % step;
  auto loop = [&](int64_t from, int64_t to, int64_t length) {
    if (from >= to)
      return;
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    scf::ForOp::create(
        b, loc, constant(from), constant(to), constant(length), ValueRange{},
        [&](OpBuilder &nested, Location nestedLoc, Value column, ValueRange) {
          SmallVector<Value> indices(outer);
          indices.push_back(column);
          emitStep(nested, nestedLoc, widening, indices, length);
          scf::YieldOp::create(nested, nestedLoc);
        });
  };
  loop(0, main, step);
  loop(main, size, widening.alignment);
}

struct CPUWidenPackedIntsPass
    : public tessera::impl::CPUWidenPackedIntsBase<CPUWidenPackedIntsPass> {
  using CPUWidenPackedIntsBase::CPUWidenPackedIntsBase;

  void runOnOperation() override {
    if (vectorBits < 16 || !llvm::isPowerOf2_64(vectorBits)) {
      getOperation().emitError()
          << "tessera-cpu-widen-packed-ints: vector-bits="
          << vectorBits.getValue() << " is not a power of two >= 16";
      return signalPassFailure();
    }
    SmallVector<std::pair<linalg::GenericOp, Widening>> widenings;
    getOperation().walk([&](linalg::GenericOp op) {
      if (std::optional<Widening> widening = matchWidening(op))
        widenings.push_back({op, *widening});
    });
    for (auto &entry : widenings) {
      linalg::GenericOp op = entry.first;
      const Widening &widening = entry.second;
      OpBuilder b(op);
      Location loc = op.getLoc();
      unsigned resultBits =
          widening.outputType.getElementType().getIntOrFloatBitWidth();
      // `vector-bits` of result per step, at least 32 bits of input.
      int64_t step = std::max<int64_t>(widening.alignment,
                                       vectorBits / resultBits);
      ArrayRef<int64_t> shape = widening.inputType.getShape();
      ArrayRef<int64_t> outerShape = shape.drop_back();
      // Rows for the threads, unless this already runs in a parallel loop.
      bool parallel =
          !outerShape.empty() &&
          widening.inputType.getNumElements() >= parallelMinElements &&
          !op->getParentOfType<scf::ParallelOp>() &&
          !op->getParentOfType<scf::ForallOp>() &&
          !op->getParentOfType<omp::ParallelOp>();
      SmallVector<Value> zeros, sizes, ones;
      for (int64_t size : outerShape) {
        zeros.push_back(arith::ConstantIndexOp::create(b, loc, 0));
        sizes.push_back(arith::ConstantIndexOp::create(b, loc, size));
        ones.push_back(arith::ConstantIndexOp::create(b, loc, 1));
      }
      auto body = [&](OpBuilder &nested, Location nestedLoc, ValueRange outer) {
        emitRow(nested, nestedLoc, widening, outer, step);
      };
      if (parallel) {
        scf::ParallelOp::create(b, loc, zeros, sizes, ones, body);
      } else {
        SmallVector<Value> outer;
        std::function<void(OpBuilder &, size_t)> nest = [&](OpBuilder &nb,
                                                            size_t dim) {
          if (dim == outerShape.size()) {
            body(nb, loc, outer);
            return;
          }
          scf::ForOp::create(nb, loc, zeros[dim], sizes[dim], ones[dim],
                             ValueRange{},
                             [&](OpBuilder &inner, Location, Value index,
                                 ValueRange) {
                               outer.push_back(index);
                               nest(inner, dim + 1);
                               outer.pop_back();
                               scf::YieldOp::create(inner, loc);
                             });
        };
        nest(b, 0);
      }
      op.erase();
    }
  }
};

} // namespace
