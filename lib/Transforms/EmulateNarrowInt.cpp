//===- EmulateNarrowInt.cpp - Pack 4-bit integer buffers two per byte ----===//
//
// Built on MLIR's narrow-type emulation API:
// arith::NarrowTypeEmulationConverter (with a load/store width of 8) and the
// function-boundary patterns of
// arith::populateArithNarrowTypeEmulationPatterns. The memref patterns are
// Tessera's own rather than populateMemRefNarrowTypeEmulationPatterns: in
// LLVM 22 those linearize indices through memref.extract_strided_metadata of
// the original operand, which does not legalize when the operand is a
// function argument; they store with atomic read-modify-writes; and they
// keep ui4/si4 signedness on the packed type (ui8 is not an arith type).
// Here every layout is static, so indices are linearized from the type.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/NarrowTypeEmulationConverter.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Iterators.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_EMULATENARROWINT
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
constexpr unsigned kPackedBits = 4; // i4, si4, ui4
constexpr unsigned kByteBits = 8;   // the load/store width
constexpr int64_t kPerByte = kByteBits / kPackedBits;

bool isPackedElementType(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return integer && integer.getWidth() == kPackedBits;
}

bool isPackedMemRef(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && isPackedElementType(memref.getElementType());
}

/// The static offset and strides of a 4-bit memref, in elements from the
/// start of its root buffer; failure if any is dynamic.
LogicalResult getStaticLayout(MemRefType type, int64_t &offset,
                              SmallVectorImpl<int64_t> &strides) {
  if (!type.hasStaticShape() ||
      failed(type.getStridesAndOffset(strides, offset)))
    return failure();
  if (ShapedType::isDynamic(offset) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return failure();
  return success();
}

/// memref<SHAPE x i4> (identity layout) -> memref<ceil(N/2) x i8>; a static
/// view -> memref<? x i8>, the packed buffer of its root; anything else
/// cannot be converted (a null type: the op using it stays illegal).
struct PackedTypeConverter : arith::NarrowTypeEmulationConverter {
  PackedTypeConverter() : arith::NarrowTypeEmulationConverter(kByteBits) {
    addConversion([](MemRefType type) -> std::optional<Type> {
      if (!isPackedElementType(type.getElementType()))
        return std::nullopt; // not ours: the identity conversion
      int64_t offset;
      SmallVector<int64_t> strides;
      if (failed(getStaticLayout(type, offset, strides)))
        return Type();
      Type byte = IntegerType::get(type.getContext(), kByteBits);
      int64_t size = ShapedType::kDynamic;
      if (type.getLayout().isIdentity())
        size = llvm::divideCeil(type.getNumElements(), kPerByte);
      return MemRefType::get({size}, byte, MemRefLayoutAttrInterface(),
                             type.getMemorySpace());
    });
  }
};

/// Scalar values of a packed buffer are handled as signless i4; si4/ui4
/// values are cast at the boundary (the casts fold away with the ones
/// tessera-to-linalg put around them).
Value toSignless(OpBuilder &b, Location loc, Value value) {
  auto type = cast<IntegerType>(value.getType());
  if (type.isSignless())
    return value;
  Type signless = IntegerType::get(b.getContext(), type.getWidth());
  return UnrealizedConversionCastOp::create(b, loc, signless, value)
      .getResult(0);
}

Value fromSignless(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return UnrealizedConversionCastOp::create(b, loc, type, value).getResult(0);
}

/// The byte index and bit offset (0 or 4, as an i8) of element `indices` of
/// the original memref `type` in its packed root buffer.
LogicalResult packedPosition(OpBuilder &b, Location loc, MemRefType type,
                             ValueRange indices, Value &byteIndex,
                             Value &bitOffset) {
  int64_t offset;
  SmallVector<int64_t> strides;
  if (failed(getStaticLayout(type, offset, strides)))
    return failure();
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(b, loc, value);
  };
  // linear = offset + sum(index * stride), with the constant part folded.
  int64_t constantPart = offset;
  Value linear;
  for (auto [index, stride] : llvm::zip_equal(indices, strides)) {
    if (std::optional<int64_t> value = getConstantIntValue(index)) {
      constantPart += *value * stride;
      continue;
    }
    Value term =
        stride == 1 ? index
                    : arith::MulIOp::create(b, loc, index, constant(stride));
    linear = linear ? arith::AddIOp::create(b, loc, linear, term) : term;
  }
  Type i8 = b.getIntegerType(kByteBits);
  // Element k is in byte k / 2, at bit (k % 2) * 4: even indices in the low
  // nibble. Indices are non-negative, so unsigned division is exact.
  if (!linear) {
    byteIndex = constant(constantPart / kPerByte);
    bitOffset = arith::ConstantOp::create(
        b, loc, i8,
        b.getIntegerAttr(i8, (constantPart % kPerByte) * kPackedBits));
    return success();
  }
  if (constantPart != 0)
    linear = arith::AddIOp::create(b, loc, linear, constant(constantPart));
  Value perByte = constant(kPerByte);
  byteIndex = arith::DivUIOp::create(b, loc, linear, perByte);
  Value slot = arith::RemUIOp::create(b, loc, linear, perByte);
  Value bits = arith::MulIOp::create(b, loc, slot, constant(kPackedBits));
  bitOffset = arith::IndexCastUIOp::create(b, loc, i8, bits);
  return success();
}

struct ConvertLoad : OpConversionPattern<memref::LoadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::LoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MemRefType type = op.getMemRefType();
    if (!isPackedMemRef(type))
      return failure();
    Location loc = op.getLoc();
    Value byteIndex, bitOffset;
    if (failed(packedPosition(rewriter, loc, type, adaptor.getIndices(),
                              byteIndex, bitOffset)))
      return rewriter.notifyMatchFailure(op, "dynamic layout");
    Value byte = memref::LoadOp::create(rewriter, loc, adaptor.getMemref(),
                                        ValueRange{byteIndex});
    Value shifted = arith::ShRUIOp::create(rewriter, loc, byte, bitOffset);
    Value value = arith::TruncIOp::create(
        rewriter, loc, rewriter.getIntegerType(kPackedBits), shifted);
    rewriter.replaceOp(op, fromSignless(rewriter, loc, value,
                                        type.getElementType()));
    return success();
  }
};

struct ConvertStore : OpConversionPattern<memref::StoreOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::StoreOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MemRefType type = op.getMemRefType();
    if (!isPackedMemRef(type))
      return failure();
    Location loc = op.getLoc();
    Value byteIndex, bitOffset;
    if (failed(packedPosition(rewriter, loc, type, adaptor.getIndices(),
                              byteIndex, bitOffset)))
      return rewriter.notifyMatchFailure(op, "dynamic layout");
    Type i8 = rewriter.getIntegerType(kByteBits);
    Value value = toSignless(rewriter, loc, adaptor.getValue());
    Value widened = arith::ExtUIOp::create(rewriter, loc, i8, value);
    Value shifted = arith::ShLIOp::create(rewriter, loc, widened, bitOffset);
    // Read-modify-write: keep the other nibble of the byte.
    Value nibbleMask = arith::ConstantOp::create(
        rewriter, loc, i8, rewriter.getIntegerAttr(i8, (1 << kPackedBits) - 1));
    Value allOnes = arith::ConstantOp::create(rewriter, loc, i8,
                                              rewriter.getIntegerAttr(i8, -1));
    Value keepMask = arith::XOrIOp::create(
        rewriter, loc,
        arith::ShLIOp::create(rewriter, loc, nibbleMask, bitOffset), allOnes);
    Value old = memref::LoadOp::create(rewriter, loc, adaptor.getMemref(),
                                       ValueRange{byteIndex});
    Value kept = arith::AndIOp::create(rewriter, loc, old, keepMask);
    Value merged = arith::OrIOp::create(rewriter, loc, kept, shifted);
    rewriter.replaceOpWithNewOp<memref::StoreOp>(
        op, merged, adaptor.getMemref(), ValueRange{byteIndex});
    return success();
  }
};

template <typename AllocLikeOp>
struct ConvertAlloc : OpConversionPattern<AllocLikeOp> {
  using OpConversionPattern<AllocLikeOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AllocLikeOp op, typename AllocLikeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isPackedMemRef(op.getType()))
      return failure();
    auto type = this->getTypeConverter()->template convertType<MemRefType>(
        op.getType());
    if (!type || !type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    rewriter.replaceOpWithNewOp<AllocLikeOp>(op, type, ValueRange{},
                                             adaptor.getSymbolOperands(),
                                             op.getAlignmentAttr());
    return success();
  }
};

struct ConvertDealloc : OpConversionPattern<memref::DeallocOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::DeallocOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<memref::DeallocOp>(op, adaptor.getMemref());
    return success();
  }
};

/// A copy between two buffers packed the same way is a copy of their bytes.
struct ConvertCopy : OpConversionPattern<memref::CopyOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::CopyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto source = dyn_cast<MemRefType>(op.getSource().getType());
    auto target = dyn_cast<MemRefType>(op.getTarget().getType());
    if (!source || !target || !source.getLayout().isIdentity() ||
        !target.getLayout().isIdentity())
      return rewriter.notifyMatchFailure(
          op, "only copies between identity-layout 4-bit buffers are "
              "emulated (strided copies become loops first)");
    rewriter.replaceOpWithNewOp<memref::CopyOp>(op, adaptor.getSource(),
                                                adaptor.getTarget());
    return success();
  }
};

/// A view with a static layout is its root's packed buffer: loads and stores
/// index it with the view's own strides and offset.
template <typename ViewOp>
struct ConvertView : OpConversionPattern<ViewOp> {
  using OpConversionPattern<ViewOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ViewOp op, typename ViewOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<MemRefType>(op.getResult().getType());
    if (!isPackedMemRef(resultType))
      return failure();
    Type type = this->getTypeConverter()->convertType(resultType);
    if (!type)
      return rewriter.notifyMatchFailure(op, "dynamic view layout");
    Value source = adaptor.getOperands().front();
    if (source.getType() != type)
      source = memref::CastOp::create(rewriter, op.getLoc(), type, source);
    rewriter.replaceOp(op, source);
    return success();
  }
};

struct ConvertExtractAlignedPointer
    : OpConversionPattern<memref::ExtractAlignedPointerAsIndexOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::ExtractAlignedPointerAsIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<memref::ExtractAlignedPointerAsIndexOp>(
        op, adaptor.getSource());
    return success();
  }
};

struct ConvertDim : OpConversionPattern<memref::DimOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::DimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = dyn_cast<MemRefType>(op.getSource().getType());
    std::optional<int64_t> dim = op.getConstantIndex();
    if (!type || !dim || *dim >= type.getRank() || type.isDynamicDim(*dim))
      return rewriter.notifyMatchFailure(op, "dynamic dimension");
    rewriter.replaceOpWithNewOp<arith::ConstantIndexOp>(op,
                                                        type.getDimSize(*dim));
    return success();
  }
};

/// Packs the initial value: byte k holds elements 2k (low nibble) and 2k+1.
struct ConvertGlobal : OpConversionPattern<memref::GlobalOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::GlobalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = getTypeConverter()->convertType<MemRefType>(op.getType());
    if (!type || !type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "cannot pack this global");
    Attribute initial = op.getInitialValueAttr();
    if (auto dense = dyn_cast_if_present<DenseIntElementsAttr>(initial)) {
      SmallVector<uint8_t> bytes(type.getNumElements(), 0);
      int64_t k = 0;
      for (const APInt &value : dense.getValues<APInt>()) {
        uint8_t nibble = value.getZExtValue() & ((1u << kPackedBits) - 1);
        bytes[k / kPerByte] |= nibble << ((k % kPerByte) * kPackedBits);
        ++k;
      }
      auto bytesType =
          RankedTensorType::get(type.getShape(), type.getElementType());
      SmallVector<APInt> values;
      for (uint8_t byte : bytes)
        values.emplace_back(kByteBits, byte);
      initial = DenseElementsAttr::get(bytesType, values);
    } else if (initial && !isa<UnitAttr>(initial)) {
      return rewriter.notifyMatchFailure(op, "unsupported initial value");
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.setTypeAttr(TypeAttr::get(type));
      if (initial)
        op.setInitialValueAttr(initial);
    });
    return success();
  }
};

struct ConvertGetGlobal : OpConversionPattern<memref::GetGlobalOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::GetGlobalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type)
      return failure();
    rewriter.replaceOpWithNewOp<memref::GetGlobalOp>(op, type, op.getName());
    return success();
  }
};

/// Folds 4-bit loads and stores through views into their sources, and drops
/// views left unused, so that views with dynamic offsets (which have no
/// packed form) disappear before the conversion.
LogicalResult foldViewsIntoAccesses(ModuleOp module) {
  SmallVector<Operation *> accesses;
  module.walk([&](Operation *op) {
    if (auto load = dyn_cast<memref::LoadOp>(op);
        load && isPackedMemRef(load.getMemRefType()))
      accesses.push_back(op);
    if (auto store = dyn_cast<memref::StoreOp>(op);
        store && isPackedMemRef(store.getMemRefType()))
      accesses.push_back(op);
  });
  if (!accesses.empty()) {
    RewritePatternSet patterns(module.getContext());
    memref::populateFoldMemRefAliasOpPatterns(patterns);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(accesses, std::move(patterns), config)))
      return failure();
  }
  // Erase dead views, users first.
  module.walk<WalkOrder::PostOrder, ReverseIterator>([&](Operation *op) {
    if (isa<memref::SubViewOp, memref::ExpandShapeOp, memref::CollapseShapeOp,
            memref::CastOp, memref::ReinterpretCastOp>(op) &&
        op->use_empty() && isPackedMemRef(op->getResult(0).getType()))
      op->erase();
  });
  return success();
}

struct EmulateNarrowIntPass
    : public tessera::impl::EmulateNarrowIntBase<EmulateNarrowIntPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    if (failed(foldViewsIntoAccesses(module)))
      return signalPassFailure();

    PackedTypeConverter converter;
    // Name the unsupported cases instead of a bare "failed to legalize".
    WalkResult checked = module.walk([&](Operation *op) {
      SmallVector<Type> types(op->getResultTypes());
      llvm::append_range(types, op->getOperandTypes());
      if (auto func = dyn_cast<func::FuncOp>(op))
        llvm::append_range(types, func.getArgumentTypes());
      if (auto global = dyn_cast<memref::GlobalOp>(op))
        types.push_back(global.getType());
      for (Type type : types) {
        if (isPackedMemRef(type) && !converter.convertType(type)) {
          op->emitError() << "cannot store " << type
                          << " packed two per byte: 4-bit buffers need a "
                             "static shape, strides and offset";
          return WalkResult::interrupt();
        }
      }
      return WalkResult::advance();
    });
    if (checked.wasInterrupted())
      return signalPassFailure();

    ConversionTarget target(*context);
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return converter.isLegal(op); });
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    target.addDynamicallyLegalOp<memref::GlobalOp>([&](memref::GlobalOp op) {
      return converter.isLegal(op.getType());
    });

    RewritePatternSet patterns(context);
    // func.func signatures, func.call and func.return.
    arith::populateArithNarrowTypeEmulationPatterns(converter, patterns);
    scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                         target);
    patterns.add<ConvertLoad, ConvertStore, ConvertAlloc<memref::AllocOp>,
                 ConvertAlloc<memref::AllocaOp>, ConvertDealloc, ConvertCopy,
                 ConvertView<memref::SubViewOp>,
                 ConvertView<memref::ExpandShapeOp>,
                 ConvertView<memref::CollapseShapeOp>,
                 ConvertView<memref::CastOp>,
                 ConvertView<memref::ReinterpretCastOp>,
                 ConvertExtractAlignedPointer, ConvertDim, ConvertGlobal,
                 ConvertGetGlobal>(converter, context);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
