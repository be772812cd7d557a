//===- EmulateNarrowInt.cpp - Pack narrow integer buffers into words ------===//
//
// Built on MLIR's narrow-type emulation API:
// arith::NarrowTypeEmulationConverter and the function-boundary patterns of
// arith::populateArithNarrowTypeEmulationPatterns. The memref patterns are
// Tessera's own rather than populateMemRefNarrowTypeEmulationPatterns: in
// LLVM 22 those linearize indices through memref.extract_strided_metadata of
// the original operand, which does not legalize when the operand is a
// function argument; they always store with atomic read-modify-writes; and
// they keep ui4/si4 signedness on the packed type (ui8 is not an arith type).
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
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
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
/// What is packed, and how.
struct Packing {
  /// The width of the words the values are packed in (8 or 32).
  unsigned containerBits = 8;
  /// The integer widths packed (any signedness).
  SmallVector<unsigned> narrowBits = {4};
  /// Stores are two atomic read-modify-writes (clear, then set the field)
  /// rather than a load and a store of the word.
  bool atomicStores = false;

  bool isPackedElementType(Type type) const {
    auto integer = dyn_cast<IntegerType>(type);
    return integer && llvm::is_contained(narrowBits, integer.getWidth());
  }
  bool isPackedMemRef(Type type) const {
    auto memref = dyn_cast<MemRefType>(type);
    return memref && isPackedElementType(memref.getElementType());
  }
  /// The bits a value of `width` takes in its word: i1 values take a byte,
  /// as they do on the host (one byte per bool).
  static unsigned fieldBits(unsigned width) { return width == 1 ? 8 : width; }
  int64_t perWord(Type elementType) const {
    return containerBits / fieldBits(elementType.getIntOrFloatBitWidth());
  }
};

/// The static offset and strides of a packed memref, in elements from the
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

/// memref<SHAPE x iN> (identity layout) -> memref<ceil(elements / perWord) x
/// iC>; a static view -> memref<? x iC>, the packed buffer of its root;
/// anything else cannot be converted (a null type: the op using it stays
/// illegal).
struct PackedTypeConverter : arith::NarrowTypeEmulationConverter {
  explicit PackedTypeConverter(const Packing &packing)
      : arith::NarrowTypeEmulationConverter(packing.containerBits) {
    addConversion([packing](MemRefType type) -> std::optional<Type> {
      if (!packing.isPackedElementType(type.getElementType()))
        return std::nullopt; // not ours: the identity conversion
      int64_t offset;
      SmallVector<int64_t> strides;
      if (failed(getStaticLayout(type, offset, strides)))
        return Type();
      Type word = IntegerType::get(type.getContext(), packing.containerBits);
      int64_t size = ShapedType::kDynamic;
      if (type.getLayout().isIdentity())
        size = llvm::divideCeil(type.getNumElements(),
                                packing.perWord(type.getElementType()));
      return MemRefType::get({size}, word, MemRefLayoutAttrInterface(),
                             type.getMemorySpace());
    });
  }
};

/// Scalar values of a packed buffer are handled as signless integers;
/// si4/ui4 values are cast at the boundary (the casts fold away with the
/// ones tessera-to-linalg put around them).
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

/// The word index and bit offset (an iC) of element `indices` of the
/// original memref `type` in its packed root buffer.
LogicalResult packedPosition(OpBuilder &b, Location loc, const Packing &packing,
                             MemRefType type, ValueRange indices,
                             Value &wordIndex, Value &bitOffset) {
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
  Type word = b.getIntegerType(packing.containerBits);
  int64_t perWord = packing.perWord(type.getElementType());
  int64_t fieldBits =
      Packing::fieldBits(type.getElementType().getIntOrFloatBitWidth());
  // Element k is in word k / perWord, at bit (k % perWord) * fieldBits: the
  // first element in the low bits, so that on a little-endian host the
  // bytes are the same whatever the word width. Indices are non-negative,
  // so unsigned division is exact.
  if (!linear) {
    wordIndex = constant(constantPart / perWord);
    bitOffset = arith::ConstantOp::create(
        b, loc, word,
        b.getIntegerAttr(word, (constantPart % perWord) * fieldBits));
    return success();
  }
  if (constantPart != 0)
    linear = arith::AddIOp::create(b, loc, linear, constant(constantPart));
  Value perWordValue = constant(perWord);
  wordIndex = arith::DivUIOp::create(b, loc, linear, perWordValue);
  Value slot = arith::RemUIOp::create(b, loc, linear, perWordValue);
  Value bits = arith::MulIOp::create(b, loc, slot, constant(fieldBits));
  bitOffset = arith::IndexCastUIOp::create(b, loc, word, bits);
  return success();
}

/// Base of the patterns that need to know the packing.
template <typename OpTy>
struct PackingPattern : OpConversionPattern<OpTy> {
  PackingPattern(const TypeConverter &converter, MLIRContext *context,
                 const Packing &packing)
      : OpConversionPattern<OpTy>(converter, context), packing(packing) {}
  const Packing &packing;
};

struct ConvertLoad : PackingPattern<memref::LoadOp> {
  using PackingPattern::PackingPattern;

  LogicalResult
  matchAndRewrite(memref::LoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MemRefType type = op.getMemRefType();
    if (!packing.isPackedMemRef(type))
      return failure();
    Location loc = op.getLoc();
    Value wordIndex, bitOffset;
    if (failed(packedPosition(rewriter, loc, packing, type,
                              adaptor.getIndices(), wordIndex, bitOffset)))
      return rewriter.notifyMatchFailure(op, "dynamic layout");
    Value word = memref::LoadOp::create(rewriter, loc, adaptor.getMemref(),
                                        ValueRange{wordIndex});
    Value shifted = arith::ShRUIOp::create(rewriter, loc, word, bitOffset);
    // An i1 is the low bit of its byte (the host's bools are 0 or 1).
    Value value = arith::TruncIOp::create(
        rewriter, loc,
        rewriter.getIntegerType(type.getElementType().getIntOrFloatBitWidth()),
        shifted);
    rewriter.replaceOp(op, fromSignless(rewriter, loc, value,
                                        type.getElementType()));
    return success();
  }
};

/// A vector load of a packed buffer that tessera-cpu-widen-packed-ints
/// marked word-aligned (its innermost index a multiple of 32 bits of
/// elements): a load of the words it covers, bitcast to the narrow
/// elements (the first element in the low bits, as scalars are packed).
/// The buffer's offset and outer strides must be whole words too.
bool isWordAlignedLoad(vector::LoadOp op, const Packing &packing) {
  MemRefType type = op.getMemRefType();
  VectorType vectorType = op.getVectorType();
  int64_t perWord = packing.perWord(type.getElementType());
  int64_t offset;
  SmallVector<int64_t> strides;
  return op->hasAttr(tessera::kWordAlignedAttrName) &&
         vectorType.getRank() == 1 &&
         vectorType.getNumElements() % perWord == 0 &&
         succeeded(getStaticLayout(type, offset, strides)) &&
         strides.back() == 1 && offset % perWord == 0 &&
         llvm::all_of(ArrayRef(strides).drop_back(),
                      [&](int64_t stride) { return stride % perWord == 0; });
}

struct ConvertVectorLoad : PackingPattern<vector::LoadOp> {
  using PackingPattern::PackingPattern;

  LogicalResult
  matchAndRewrite(vector::LoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MemRefType type = op.getMemRefType();
    if (!packing.isPackedMemRef(type))
      return failure();
    if (!isWordAlignedLoad(op, packing))
      return rewriter.notifyMatchFailure(
          op, "not known to start on a packed word");
    VectorType vectorType = op.getVectorType();
    int64_t perWord = packing.perWord(type.getElementType());
    Location loc = op.getLoc();
    Value wordIndex, bitOffset;
    if (failed(packedPosition(rewriter, loc, packing, type,
                              adaptor.getIndices(), wordIndex, bitOffset)))
      return rewriter.notifyMatchFailure(op, "dynamic layout");
    auto wordsType =
        VectorType::get({vectorType.getNumElements() / perWord},
                        rewriter.getIntegerType(packing.containerBits));
    Value words = vector::LoadOp::create(rewriter, loc, wordsType,
                                         adaptor.getBase(),
                                         ValueRange{wordIndex});
    auto signlessType = VectorType::get(
        vectorType.getShape(),
        rewriter.getIntegerType(
            vectorType.getElementType().getIntOrFloatBitWidth()));
    Value narrow =
        vector::BitCastOp::create(rewriter, loc, signlessType, words);
    rewriter.replaceOp(op, fromSignless(rewriter, loc, narrow, vectorType));
    return success();
  }
};

struct ConvertStore : PackingPattern<memref::StoreOp> {
  using PackingPattern::PackingPattern;

  LogicalResult
  matchAndRewrite(memref::StoreOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MemRefType type = op.getMemRefType();
    if (!packing.isPackedMemRef(type))
      return failure();
    Location loc = op.getLoc();
    Value wordIndex, bitOffset;
    if (failed(packedPosition(rewriter, loc, packing, type,
                              adaptor.getIndices(), wordIndex, bitOffset)))
      return rewriter.notifyMatchFailure(op, "dynamic layout");
    Type word = rewriter.getIntegerType(packing.containerBits);
    unsigned fieldBits =
        Packing::fieldBits(type.getElementType().getIntOrFloatBitWidth());
    Value value = toSignless(rewriter, loc, adaptor.getValue());
    Value widened = arith::ExtUIOp::create(rewriter, loc, word, value);
    Value shifted = arith::ShLIOp::create(rewriter, loc, widened, bitOffset);
    // Keep the other fields of the word.
    Value fieldMask = arith::ConstantOp::create(
        rewriter, loc, word,
        rewriter.getIntegerAttr(word, APInt::getLowBitsSet(
                                          packing.containerBits, fieldBits)));
    Value allOnes = arith::ConstantOp::create(
        rewriter, loc, word, rewriter.getIntegerAttr(word, -1));
    Value keepMask = arith::XOrIOp::create(
        rewriter, loc,
        arith::ShLIOp::create(rewriter, loc, fieldMask, bitOffset), allOnes);
    if (packing.atomicStores) {
      // Threads may store the other fields of the word at the same time:
      // clear the field, then set its bits, each an atomic update of the
      // word. (A reader of this very element between the two sees it
      // cleared, but that is a race in the original program.)
      memref::AtomicRMWOp::create(rewriter, loc, arith::AtomicRMWKind::andi,
                                  keepMask, adaptor.getMemref(),
                                  ValueRange{wordIndex});
      memref::AtomicRMWOp::create(rewriter, loc, arith::AtomicRMWKind::ori,
                                  shifted, adaptor.getMemref(),
                                  ValueRange{wordIndex});
      rewriter.eraseOp(op);
      return success();
    }
    // Read-modify-write of the word.
    Value old = memref::LoadOp::create(rewriter, loc, adaptor.getMemref(),
                                       ValueRange{wordIndex});
    Value kept = arith::AndIOp::create(rewriter, loc, old, keepMask);
    Value merged = arith::OrIOp::create(rewriter, loc, kept, shifted);
    rewriter.replaceOpWithNewOp<memref::StoreOp>(
        op, merged, adaptor.getMemref(), ValueRange{wordIndex});
    return success();
  }
};

template <typename AllocLikeOp>
struct ConvertAlloc : OpConversionPattern<AllocLikeOp> {
  using OpConversionPattern<AllocLikeOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AllocLikeOp op, typename AllocLikeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (this->getTypeConverter()->isLegal(op.getType()))
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
          op, "only copies between identity-layout packed buffers are "
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
    if (this->getTypeConverter()->isLegal(resultType))
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

/// Packs the initial value as loads read it: word k holds elements
/// k * perWord ... (k + 1) * perWord - 1, the first in the low bits.
struct ConvertGlobal : PackingPattern<memref::GlobalOp> {
  using PackingPattern::PackingPattern;

  LogicalResult
  matchAndRewrite(memref::GlobalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = getTypeConverter()->convertType<MemRefType>(op.getType());
    if (!type || !type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "cannot pack this global");
    Attribute initial = op.getInitialValueAttr();
    if (auto dense = dyn_cast_if_present<DenseIntElementsAttr>(initial)) {
      Type elementType = op.getType().getElementType();
      int64_t perWord = packing.perWord(elementType);
      unsigned fieldBits =
          Packing::fieldBits(elementType.getIntOrFloatBitWidth());
      SmallVector<APInt> words(type.getNumElements(),
                               APInt(packing.containerBits, 0));
      int64_t k = 0;
      for (const APInt &value : dense.getValues<APInt>()) {
        // Truncation keeps the field's bits of a negative value; zero
        // extension makes an i1 a byte holding 0 or 1.
        APInt field = value.zextOrTrunc(fieldBits);
        words[k / perWord].insertBits(field, (k % perWord) * fieldBits);
        ++k;
      }
      auto wordsType =
          RankedTensorType::get(type.getShape(), type.getElementType());
      initial = DenseElementsAttr::get(wordsType, words);
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

/// Folds packed loads and stores through views into their sources, and
/// drops views left unused, so that views with dynamic offsets (which have no
/// packed form) disappear before the conversion.
LogicalResult foldViewsIntoAccesses(ModuleOp module, const Packing &packing) {
  SmallVector<Operation *> accesses;
  module.walk([&](Operation *op) {
    if (auto load = dyn_cast<memref::LoadOp>(op);
        load && packing.isPackedMemRef(load.getMemRefType()))
      accesses.push_back(op);
    if (auto store = dyn_cast<memref::StoreOp>(op);
        store && packing.isPackedMemRef(store.getMemRefType()))
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
        op->use_empty() && packing.isPackedMemRef(op->getResult(0).getType()))
      op->erase();
  });
  return success();
}

struct EmulateNarrowIntPass
    : public tessera::impl::EmulateNarrowIntBase<EmulateNarrowIntPass> {
  using EmulateNarrowIntBase::EmulateNarrowIntBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    Packing packing;
    packing.containerBits = containerBits;
    if (!narrowBits.empty())
      packing.narrowBits.assign(narrowBits.begin(), narrowBits.end());
    packing.atomicStores = atomicStores;
    if (containerBits != 8 && containerBits != 32) {
      module.emitError() << "tessera-emulate-narrow-int: container-bits="
                         << packing.containerBits << " is not 8 or 32";
      return signalPassFailure();
    }
    for (unsigned width : packing.narrowBits) {
      if (!llvm::isPowerOf2_32(width) ||
          Packing::fieldBits(width) >= containerBits) {
        module.emitError()
            << "tessera-emulate-narrow-int: narrow-bits=" << width
            << " cannot be packed in " << packing.containerBits
            << "-bit words (a power of two narrower than the word is "
               "needed; i1 takes a byte)";
        return signalPassFailure();
      }
    }
    if (failed(foldViewsIntoAccesses(module, packing)))
      return signalPassFailure();

    PackedTypeConverter converter(packing);
    // Name the unsupported cases instead of a bare "failed to legalize".
    WalkResult checked = module.walk([&](Operation *op) {
      SmallVector<Type> types(op->getResultTypes());
      llvm::append_range(types, op->getOperandTypes());
      if (auto func = dyn_cast<func::FuncOp>(op))
        llvm::append_range(types, func.getArgumentTypes());
      if (auto global = dyn_cast<memref::GlobalOp>(op))
        types.push_back(global.getType());
      if (isa<vector::VectorDialect>(op->getDialect()) &&
          llvm::any_of(op->getOperandTypes(), [&](Type type) {
            return packing.isPackedMemRef(type);
          })) {
        auto load = dyn_cast<vector::LoadOp>(op);
        if (!load || !isWordAlignedLoad(load, packing)) {
          op->emitError()
              << "cannot access a buffer packed in " << packing.containerBits
              << "-bit words with vectors, except by a 1-D vector.load "
                 "marked "
              << tessera::kWordAlignedAttrName
              << " of whole words (a buffer offset, outer strides and "
                 "length that are multiples of the values per word)";
          return WalkResult::interrupt();
        }
      }
      for (Type type : types) {
        if (packing.isPackedMemRef(type) && !converter.convertType(type)) {
          op->emitError() << "cannot store " << type << " packed in "
                          << packing.containerBits
                          << "-bit words: packed buffers need a static "
                             "shape, strides and offset";
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
    patterns.add<ConvertLoad, ConvertVectorLoad, ConvertStore, ConvertGlobal>(
        converter, context, packing);
    patterns.add<ConvertAlloc<memref::AllocOp>,
                 ConvertAlloc<memref::AllocaOp>, ConvertDealloc, ConvertCopy,
                 ConvertView<memref::SubViewOp>,
                 ConvertView<memref::ExpandShapeOp>,
                 ConvertView<memref::CollapseShapeOp>,
                 ConvertView<memref::CastOp>,
                 ConvertView<memref::ReinterpretCastOp>,
                 ConvertExtractAlignedPointer, ConvertDim, ConvertGetGlobal>(
        converter, context);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    // The extensions of the loaded narrow vectors: shifts and interleaves
    // of the loaded words' bytes instead of one element at a time.
    SmallVector<Operation *> extensions;
    module.walk([&](Operation *op) {
      if (isa<arith::ExtSIOp, arith::ExtUIOp>(op) &&
          isa<VectorType>(op->getOperand(0).getType()) &&
          packing.isPackedElementType(
              getElementTypeOrSelf(op->getOperand(0).getType())))
        extensions.push_back(op);
    });
    if (!extensions.empty()) {
      RewritePatternSet rewrites(context);
      vector::populateVectorNarrowTypeRewritePatterns(rewrites);
      vector::BitCastOp::getCanonicalizationPatterns(rewrites, context);
      GreedyRewriteConfig config;
      config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
      if (failed(applyOpPatternsGreedily(extensions, std::move(rewrites),
                                         config)))
        return signalPassFailure();
    }
  }
};
} // namespace
