//===- FlattenComplexBuffers.cpp - complex<T> buffers as pairs of T ------===//
//
// WGSL has no complex type, and its storage buffers hold arrays of scalars:
// a buffer of complex<f32> becomes one of f32 with a trailing dimension of 2
// (real, imaginary) — the same bytes, so callers pass the same data. Loads
// of a complex element become two loads and a complex.create, stores two
// stores of complex.re / complex.im; the complex arithmetic itself is left
// to convert-complex-to-standard, and the creates fold into their uses.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_FLATTENCOMPLEXBUFFERS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

bool isComplexBuffer(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && isa<ComplexType>(memref.getElementType());
}

/// memref<S x complex<T>> (identity layout) -> memref<S x 2 x T>.
struct ComplexBufferConverter : TypeConverter {
  ComplexBufferConverter() {
    addConversion([](Type type) { return type; });
    addConversion([](MemRefType type) -> std::optional<Type> {
      auto complex = dyn_cast<ComplexType>(type.getElementType());
      if (!complex)
        return type;
      if (!type.getLayout().isIdentity())
        return std::nullopt; // views: left illegal, reported
      SmallVector<int64_t> shape(type.getShape());
      shape.push_back(2);
      return MemRefType::get(shape, complex.getElementType(),
                             MemRefLayoutAttrInterface(),
                             type.getMemorySpace());
    });
  }
};

/// The indices of the real (0) or imaginary (1) part of `indices`.
SmallVector<Value> partIndices(OpBuilder &b, Location loc, ValueRange indices,
                               int64_t part) {
  SmallVector<Value> result(indices);
  result.push_back(arith::ConstantIndexOp::create(b, loc, part));
  return result;
}

struct LoadLowering : OpConversionPattern<memref::LoadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(memref::LoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isComplexBuffer(op.getMemRef().getType()))
      return failure();
    Location loc = op.getLoc();
    Value parts[2];
    for (int64_t part = 0; part < 2; ++part)
      parts[part] = memref::LoadOp::create(
          rewriter, loc, adaptor.getMemref(),
          partIndices(rewriter, loc, adaptor.getIndices(), part));
    rewriter.replaceOpWithNewOp<complex::CreateOp>(op, op.getType(), parts[0],
                                                   parts[1]);
    return success();
  }
};

struct StoreLowering : OpConversionPattern<memref::StoreOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(memref::StoreOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isComplexBuffer(op.getMemRef().getType()))
      return failure();
    Location loc = op.getLoc();
    Value parts[2] = {complex::ReOp::create(rewriter, loc, adaptor.getValue()),
                      complex::ImOp::create(rewriter, loc, adaptor.getValue())};
    for (int64_t part = 0; part < 2; ++part)
      memref::StoreOp::create(
          rewriter, loc, parts[part], adaptor.getMemref(),
          partIndices(rewriter, loc, adaptor.getIndices(), part));
    rewriter.eraseOp(op);
    return success();
  }
};

/// Ops whose only change is the type of their buffer operands/results.
template <typename OpTy> struct RetypeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> types;
    if (failed(this->getTypeConverter()->convertTypes(op->getResultTypes(),
                                                      types)))
      return failure();
    Operation *clone = rewriter.clone(*op);
    clone->setOperands(adaptor.getOperands());
    for (auto [result, type] : llvm::zip_equal(clone->getResults(), types))
      result.setType(type);
    rewriter.replaceOp(op, clone->getResults());
    return success();
  }
};

struct FlattenComplexBuffersPass
    : public tessera::impl::FlattenComplexBuffersBase<
          FlattenComplexBuffersPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ComplexBufferConverter converter;
    ConversionTarget target(*ctx);
    auto legal = [&](Operation *op) {
      return converter.isLegal(op->getOperandTypes()) &&
             converter.isLegal(op->getResultTypes());
    };
    target.markUnknownOpDynamicallyLegal(legal);
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp func) {
      return converter.isSignatureLegal(func.getFunctionType());
    });
    target.addLegalOp<complex::CreateOp, complex::ReOp, complex::ImOp,
                      arith::ConstantOp>();

    RewritePatternSet patterns(ctx);
    patterns
        .add<LoadLowering, StoreLowering, RetypeLowering<memref::AllocOp>,
             RetypeLowering<memref::AllocaOp>,
             RetypeLowering<memref::DeallocOp>, RetypeLowering<memref::CopyOp>>(
            converter, ctx);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
