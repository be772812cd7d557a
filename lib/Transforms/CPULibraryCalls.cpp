//===- CPULibraryCalls.cpp - GEMMs as calls to oneDNN ---------------------===//
//
// Replaces the linalg GEMMs that a LibraryCallsConfig selects by calls to
// libtessera_dnnl.so (include/tessera/Runtime/DnnlKernels.h), on tensors,
// before tiling and bufferization:
//
//   %a_buf = bufferization.to_buffer %a read_only
//              : tensor<MxK> to memref<MxK, strided<[?, 1], offset: ?>>
//   (same for %b)
//   %c_buf = memref.alloc() : memref<MxN>
//   (memref.copy of the init into %c_buf unless it is a zero fill or empty)
//   call @tessera_dnnl_sgemm(M, N, K, ptr(%a_buf), lda, ptr(%b_buf), ldb,
//                            ptr(%c_buf), N, accumulate)
//   %c = bufferization.to_tensor %c_buf restrict writable
//
// The `strided<[?, 1], offset: ?>` buffers accept any view with contiguous
// rows without a copy (One-Shot Bufferize casts to them); the call reads
// their leading dimension and offset from the descriptor. Operands whose
// rows are not provably contiguous are first copied (linalg.copy into a
// tensor.empty). A returned result's buffer becomes the
// caller's out-parameter (buffer-results-to-out-params hoists the alloc).
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/LibraryCallsConfig.h"
#include "tessera/Transforms/Passes.h"
#include "tessera/Transforms/TuningSpace.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPULIBRARYCALLS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

enum class GemmKind { F32, S8S8, U8S8 };

/// One selected op: C[batch] (+)= A[batch] * B[batch].
struct Gemm {
  linalg::LinalgOp op;
  GemmKind kind;
  Value a, b, init;
  bool batched = false;
  int64_t batch = 1, m = 0, n = 0, k = 0;
};

bool isStaticTensor(Value v, int64_t rank) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.getRank() == rank && type.hasStaticShape();
}

Type elementType(Value v) { return getElementTypeOrSelf(v.getType()); }

bool isInt(Type t, unsigned width) {
  auto integer = dyn_cast<IntegerType>(t);
  return integer && integer.getWidth() == width;
}

/// Fills the sizes of `gemm` from its operands' shapes; false if any is 0.
bool setSizes(Gemm &gemm) {
  auto aShape = cast<RankedTensorType>(gemm.a.getType()).getShape();
  auto bShape = cast<RankedTensorType>(gemm.b.getType()).getShape();
  size_t r = gemm.batched ? 1 : 0;
  gemm.batch = gemm.batched ? aShape[0] : 1;
  gemm.m = aShape[r];
  gemm.k = aShape[r + 1];
  gemm.n = bShape[r + 1];
  return gemm.batch > 0 && gemm.m > 0 && gemm.n > 0 && gemm.k > 0;
}

std::optional<Gemm> matchMatmul(linalg::MatmulOp op) {
  if (!op.hasPureTensorSemantics() || op.hasUserDefinedMaps())
    return std::nullopt;
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value c = op.getDpsInits()[0];
  if (!isStaticTensor(a, 2) || !isStaticTensor(b, 2) || !isStaticTensor(c, 2))
    return std::nullopt;
  Gemm gemm{op, GemmKind::F32, a, b, c};
  Type ta = elementType(a), tb = elementType(b), tc = elementType(c);
  if (ta.isF32() && tb.isF32() && tc.isF32())
    gemm.kind = GemmKind::F32;
  else if (ta.isSignlessInteger(8) && tb.isSignlessInteger(8) &&
           tc.isSignlessInteger(32) &&
           op.getCast() == linalg::TypeFn::cast_signed)
    gemm.kind = GemmKind::S8S8;
  else
    return std::nullopt;
  if (!setSizes(gemm))
    return std::nullopt;
  return gemm;
}

std::optional<Gemm> matchBatchMatmul(linalg::BatchMatmulOp op) {
  if (!op.hasPureTensorSemantics() || op.hasUserDefinedMaps())
    return std::nullopt;
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value c = op.getDpsInits()[0];
  if (!isStaticTensor(a, 3) || !isStaticTensor(b, 3) || !isStaticTensor(c, 3))
    return std::nullopt;
  if (!elementType(a).isF32() || !elementType(b).isF32() ||
      !elementType(c).isF32())
    return std::nullopt;
  Gemm gemm{op, GemmKind::F32, a, b, c, /*batched=*/true};
  if (!setSizes(gemm))
    return std::nullopt;
  return gemm;
}

/// The block argument `v` extends from (through a bitcast of ui8 to i8 by
/// builtin.unrealized_conversion_cast), with whether the extension is
/// signed; null if `v` is not such an extension to i32.
std::pair<Value, bool> extendedArgument(Value v) {
  Operation *ext = v.getDefiningOp();
  if (!ext || !isa<arith::ExtSIOp, arith::ExtUIOp>(ext) ||
      !v.getType().isSignlessInteger(32))
    return {};
  Value source = ext->getOperand(0);
  if (auto cast = source.getDefiningOp<UnrealizedConversionCastOp>())
    if (cast->getNumOperands() == 1 && isInt(cast.getOperand(0).getType(), 8))
      source = cast.getOperand(0);
  if (!isa<BlockArgument>(source))
    return {};
  return {source, isa<arith::ExtSIOp>(ext)};
}

/// The contraction that tessera.qmatmul lowers to when an operand is not
/// signless: out[m, n] += ext(a[m, k]) * ext(b[k, n]) in i32, with 8-bit
/// operands, a extended either way and b sign-extended.
std::optional<Gemm> matchInt8Contraction(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op.getNumLoops() != 3)
    return std::nullopt;
  auto iterators = op.getIteratorTypesArray();
  if (iterators[0] != utils::IteratorType::parallel ||
      iterators[1] != utils::IteratorType::parallel ||
      iterators[2] != utils::IteratorType::reduction)
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  AffineExpr d0, d1, d2;
  bindDims(ctx, d0, d1, d2);
  SmallVector<AffineMap> expected = {AffineMap::get(3, 0, {d0, d2}, ctx),
                                     AffineMap::get(3, 0, {d2, d1}, ctx),
                                     AffineMap::get(3, 0, {d0, d1}, ctx)};
  if (op.getIndexingMapsArray() != ArrayRef<AffineMap>(expected))
    return std::nullopt;
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value c = op.getDpsInits()[0];
  if (!isStaticTensor(a, 2) || !isStaticTensor(b, 2) || !isStaticTensor(c, 2) ||
      !isInt(elementType(a), 8) || !isInt(elementType(b), 8) ||
      !elementType(c).isSignlessInteger(32))
    return std::nullopt;

  // Body: yield(addi(out, muli(ext(a), ext(b)))), nothing else.
  Block &body = op.getRegion().front();
  BlockArgument argA = body.getArgument(0), argB = body.getArgument(1),
                argOut = body.getArgument(2);
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto add = yield.getOperand(0).getDefiningOp<arith::AddIOp>();
  if (!add)
    return std::nullopt;
  Value product = add.getLhs() == argOut ? add.getRhs() : add.getLhs();
  if ((add.getLhs() == argOut) == (add.getRhs() == argOut))
    return std::nullopt;
  auto mul = product.getDefiningOp<arith::MulIOp>();
  if (!mul)
    return std::nullopt;
  auto [x, xSigned] = extendedArgument(mul.getLhs());
  auto [y, ySigned] = extendedArgument(mul.getRhs());
  if (!x || !y)
    return std::nullopt;
  if (x == argB && y == argA) {
    std::swap(x, y);
    std::swap(xSigned, ySigned);
  }
  if (x != argA || y != argB || !ySigned)
    return std::nullopt;
  // Nothing but the casts, extensions, product and sum.
  for (Operation &inner : body.without_terminator())
    if (!isa<UnrealizedConversionCastOp, arith::ExtSIOp, arith::ExtUIOp,
             arith::MulIOp, arith::AddIOp>(inner))
      return std::nullopt;
  Gemm gemm{op, xSigned ? GemmKind::S8S8 : GemmKind::U8S8, a, b, c};
  if (!setSizes(gemm))
    return std::nullopt;
  return gemm;
}

/// The GEMM that `op` computes, if the library can: an f32 matmul or
/// batch_matmul, or an int8 contraction.
std::optional<Gemm> matchGemm(Operation *op) {
  if (auto matmul = dyn_cast<linalg::MatmulOp>(op))
    return matchMatmul(matmul);
  if (auto batch = dyn_cast<linalg::BatchMatmulOp>(op))
    return matchBatchMatmul(batch);
  if (auto generic = dyn_cast<linalg::GenericOp>(op))
    return matchInt8Contraction(generic);
  return std::nullopt;
}

/// Whether One-Shot Bufferize (with identity layouts at function
/// boundaries, as in the CPU pipeline) gives `value` a buffer of its own
/// with an identity layout: a function argument or a new allocation.
bool isIdentityLayoutRoot(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value))
    return isa<func::FuncOp>(arg.getOwner()->getParentOp()) &&
           arg.getOwner()->isEntryBlock();
  return isa<tensor::EmptyOp, arith::ConstantOp, bufferization::AllocTensorOp,
             tensor::PadOp, tensor::FromElementsOp, tensor::GenerateOp,
             func::CallOp>(value.getDefiningOp());
}

/// What a library call needs of an operand's buffer.
enum class Layout {
  /// A unit innermost stride (GEMMs: a leading dimension per matrix).
  ContiguousRows,
  /// Row-major and dense: an identity layout's strides at any offset
  /// (convolutions: only the sizes are passed).
  Dense,
};

/// Whether the buffer that One-Shot Bufferize gives `value` provably has
/// `layout`: function arguments and new allocations, in-place results of
/// destination-style ops on such buffers, reshapes of them, and slices
/// that keep the layout (ContiguousRows: the whole innermost dimension;
/// Dense: whole inner dimensions, then one that may be partial, then
/// single rows of the outer ones).
bool hasLayout(Value value, Layout layout, unsigned depth = 0) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || depth > 64 ||
      (layout == Layout::Dense && !type.hasStaticShape()))
    return false;
  if (isIdentityLayoutRoot(value))
    return true;
  Operation *def = value.getDefiningOp();
  if (!def)
    return false;
  if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(def)) {
    auto memref = dyn_cast<MemRefType>(toTensor.getBuffer().getType());
    if (!memref)
      return false;
    if (layout == Layout::Dense)
      return memref.getLayout().isIdentity();
    SmallVector<int64_t> strides;
    int64_t offset;
    return memref.getRank() > 0 &&
           succeeded(memref.getStridesAndOffset(strides, offset)) &&
           strides.back() == 1;
  }
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def)) {
    ArrayRef<int64_t> source = slice.getSourceType().getShape();
    ArrayRef<int64_t> sizes = slice.getStaticSizes();
    int64_t last = static_cast<int64_t>(source.size()) - 1;
    if (layout == Layout::ContiguousRows) {
      if (last < 0 || slice.getStaticStrides()[last] != 1 ||
          slice.getDroppedDims().test(last))
        return false;
    } else {
      if (llvm::any_of(slice.getStaticStrides(),
                       [](int64_t s) { return s != 1; }) ||
          ShapedType::isDynamicShape(sizes) ||
          ShapedType::isDynamicShape(source))
        return false;
      int64_t d = last;
      while (d >= 0 && sizes[d] == source[d])
        --d;
      for (--d; d >= 0; --d)
        if (sizes[d] != 1)
          return false;
    }
    return hasLayout(slice.getSource(), layout, depth + 1);
  }
  if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::CastOp>(def))
    return hasLayout(def->getOperand(0), layout, depth + 1);
  if (auto dps = dyn_cast<DestinationStyleOpInterface>(def))
    if (OpOperand *init = dps.getTiedOpOperand(cast<OpResult>(value)))
      return hasLayout(init->get(), layout, depth + 1);
  return false;
}

/// Whether `init` holds nothing the GEMM must add to: a fill with zero or an
/// uninitialized tensor.
bool isZeroInit(Value init) {
  if (init.getDefiningOp<tensor::EmptyOp>())
    return true;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  if (!fill)
    return false;
  Value value = fill.getInputs()[0];
  return matchPattern(value, m_Zero()) || matchPattern(value, m_AnyZeroFloat());
}

/// One selected convolution: output[N, F, OH, OW] (+)=
/// conv(input[N, C, H, W], filter[F, C, KH, KW]).
struct Conv {
  linalg::Conv2DNchwFchwOp op;
  int64_t n, c, h, w, f, kh, kw, oh, ow, sh, sw, dh, dw;
  double flops() const { return 2.0 * n * f * oh * ow * c * kh * kw; }
};

std::optional<Conv> matchConv(linalg::Conv2DNchwFchwOp op) {
  if (!op.hasPureTensorSemantics())
    return std::nullopt;
  Value input = op.getDpsInputs()[0], filter = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  if (!isStaticTensor(input, 4) || !isStaticTensor(filter, 4) ||
      !isStaticTensor(init, 4) || !elementType(input).isF32() ||
      !elementType(filter).isF32() || !elementType(init).isF32())
    return std::nullopt;
  auto in = cast<RankedTensorType>(input.getType()).getShape();
  auto fi = cast<RankedTensorType>(filter.getType()).getShape();
  auto out = cast<RankedTensorType>(init.getType()).getShape();
  SmallVector<int64_t> strides(op.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(op.getDilations().getValues<int64_t>());
  Conv conv{op,         in[0],      in[1],        in[2],       in[3],
            fi[0],      fi[2],      fi[3],        out[2],      out[3],
            strides[0], strides[1], dilations[0], dilations[1]};
  if (llvm::any_of(ArrayRef<int64_t>{conv.n, conv.c, conv.f, conv.kh, conv.kw,
                                     conv.oh, conv.ow, conv.sh, conv.sw,
                                     conv.dh, conv.dw},
                   [](int64_t v) { return v <= 0; }) ||
      fi[1] != conv.c || out[0] != conv.n || out[1] != conv.f)
    return std::nullopt;
  // The library derives the output's size from the input's: only outputs
  // with every window that fits (the op also allows fewer).
  auto windows = [](int64_t size, int64_t kernel, int64_t stride,
                    int64_t dilation) {
    int64_t span = dilation * (kernel - 1) + 1;
    return size < span ? 0 : (size - span) / stride + 1;
  };
  if (windows(conv.h, conv.kh, conv.sh, conv.dh) != conv.oh ||
      windows(conv.w, conv.kw, conv.sw, conv.dw) != conv.ow)
    return std::nullopt;
  return conv;
}

/// Builds the IR of one library call in place of `op`: operands as buffers
/// with pointers, the result's buffer, and the result as a tensor again.
class CallBuilder {
public:
  explicit CallBuilder(Operation *op)
      : op(op), b(op), loc(op->getLoc()), ctx(op->getContext()),
        ptr(LLVM::LLVMPointerType::get(ctx)) {}

  /// One constant per value and type.
  Value intConst(Type type, int64_t v) {
    Value &c = constants[{type, v}];
    if (!c)
      c = arith::ConstantIntOp::create(b, loc, type, v);
    return c;
  }
  Value i64(int64_t v) { return intConst(b.getI64Type(), v); }
  Value i32(int64_t v) { return intConst(b.getI32Type(), v); }
  Value toI64(Value index) {
    return arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
  }

  /// `tensor`, first copied into a fresh tensor unless `inPlace` (a view
  /// the library cannot read as it is: O(size) for an op of more work).
  Value copyUnless(bool inPlace, Value tensor) {
    if (inPlace)
      return tensor;
    auto type = cast<RankedTensorType>(tensor.getType());
    Value empty =
        tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
    return linalg::CopyOp::create(b, loc, tensor, empty).getResult(0);
  }

  /// A view of `tensor` as a buffer with `strides` (dynamic ones allowed)
  /// and any offset: the address of its first element and its strides (as
  /// indices).
  struct View {
    Value pointer;
    SmallVector<Value> strides;
  };
  View view(Value tensor, ArrayRef<int64_t> strides) {
    auto type = cast<RankedTensorType>(tensor.getType());
    auto layout = StridedLayoutAttr::get(ctx, ShapedType::kDynamic, strides);
    auto memrefType =
        MemRefType::get(type.getShape(), type.getElementType(), layout);
    Value buffer = bufferization::ToBufferOp::create(b, loc, memrefType, tensor,
                                                     /*read_only=*/true);
    auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, buffer);
    Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer);
    unsigned bytes = type.getElementTypeBitWidth() / 8;
    Value offset = metadata.getOffset();
    if (bytes != 1)
      offset = arith::MulIOp::create(
          b, loc, offset, arith::ConstantIndexOp::create(b, loc, bytes));
    Value address = arith::AddIOp::create(b, loc, base, offset);
    View v;
    v.pointer = LLVM::IntToPtrOp::create(b, loc, ptr, toI64(address));
    v.strides.assign(metadata.getStrides().begin(),
                     metadata.getStrides().end());
    return v;
  }

  /// The buffer of the result (dense, 64-byte aligned), holding `init` if
  /// `accumulate` (else the call overwrites it), and its address.
  std::pair<Value, Value> result(Value init, bool accumulate) {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    auto bufferType = MemRefType::get(type.getShape(), type.getElementType());
    Value buffer =
        memref::AllocOp::create(b, loc, bufferType, b.getI64IntegerAttr(64));
    if (accumulate) {
      // The call adds to the init: copy it in (rare: GEMMs and
      // convolutions usually start from a zero fill, which the call's
      // accumulate = 0 replaces).
      auto layout = StridedLayoutAttr::get(
          ctx, ShapedType::kDynamic,
          SmallVector<int64_t>(type.getRank(), ShapedType::kDynamic));
      Value initBuffer = bufferization::ToBufferOp::create(
          b, loc,
          MemRefType::get(type.getShape(), type.getElementType(), layout), init,
          /*read_only=*/true);
      memref::CopyOp::create(b, loc, initBuffer, buffer);
    }
    Value pointer = LLVM::IntToPtrOp::create(
        b, loc, ptr,
        toI64(memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer)));
    return {buffer, pointer};
  }

  /// Calls `callee` with `args`, replaces the op by `buffer` as a tensor
  /// and erases the op and the zero fill (with its empty tensor) that the
  /// call made dead.
  void finish(func::FuncOp callee, ArrayRef<Value> args, Value buffer,
              Value init) {
    func::CallOp::create(b, loc, callee, args);
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    Value result = bufferization::ToTensorOp::create(
        b, loc, type, buffer, /*restrict=*/true, /*writable=*/true);
    op->getResult(0).replaceAllUsesWith(result);
    Operation *initOp = init.getDefiningOp();
    op->erase();
    while (initOp && isOpTriviallyDead(initOp)) {
      Operation *next = nullptr;
      if (auto fill = dyn_cast<linalg::FillOp>(initOp))
        next = fill.getOutputs()[0].getDefiningOp();
      initOp->erase();
      initOp = next;
    }
  }

  static FunctionType typeOf(MLIRContext *ctx, ArrayRef<Value> args) {
    SmallVector<Type> types;
    for (Value v : args)
      types.push_back(v.getType());
    return FunctionType::get(ctx, types, {});
  }

  Operation *op;
  OpBuilder b;
  Location loc;
  MLIRContext *ctx;
  Type ptr;

private:
  DenseMap<std::pair<Type, int64_t>, Value> constants;
};

struct CPULibraryCallsPass
    : public tessera::impl::CPULibraryCallsBase<CPULibraryCallsPass> {
  using CPULibraryCallsBase::CPULibraryCallsBase;

  void runOnOperation() override {
    tessera::LibraryCallsConfig config;
    std::string error;
    if (!config.selectKinds(ops, error)) {
      getOperation().emitError(error);
      return signalPassFailure();
    }
    config.minFlops = minFlops;

    SmallVector<Gemm> gemms;
    SmallVector<Conv> convs;
    getOperation().walk([&](linalg::LinalgOp op) {
      // Ops (or functions) the tuner marked (a kernel that measured faster
      // in oneDNN) call it whatever the options select.
      auto func = op->getParentOfType<func::FuncOp>();
      bool forced = op->hasAttr(tessera::kLibraryCallsAttrName) ||
                    (func && func->hasAttr(tessera::kLibraryCallsAttrName));
      if (!config.any() && !forced)
        return;
      auto wanted = [&](bool selected, double flops) {
        return forced ||
               (selected && flops >= static_cast<double>(config.minFlops));
      };
      if (auto conv2d = dyn_cast<linalg::Conv2DNchwFchwOp>(*op)) {
        if (std::optional<Conv> conv = matchConv(conv2d);
            conv && wanted(config.conv, conv->flops()))
          convs.push_back(*conv);
        return;
      }
      std::optional<Gemm> gemm = matchGemm(op);
      if (!gemm)
        return;
      bool selected = gemm->kind != GemmKind::F32 ? config.qmatmul
                      : gemm->batched             ? config.batchMatmul
                                                  : config.matmul;
      // 2 * batch * M * N * K, in double: no overflow.
      if (wanted(selected, 2.0 * gemm->batch * gemm->m * gemm->n * gemm->k))
        gemms.push_back(*gemm);
    });
    for (Gemm &gemm : gemms) {
      // Earlier rewrites may have replaced operands: read them again.
      linalg::LinalgOp op = gemm.op;
      gemm.a = op.getDpsInputOperand(0)->get();
      gemm.b = op.getDpsInputOperand(1)->get();
      gemm.init = op.getDpsInitOperand(0)->get();
      if (failed(rewrite(gemm)))
        return signalPassFailure();
    }
    for (Conv &conv : convs)
      if (failed(rewrite(conv)))
        return signalPassFailure();
  }

private:
  /// The external declaration of `name`, created on first use.
  FailureOr<func::FuncOp> declare(StringRef name, FunctionType type) {
    ModuleOp module = getOperation();
    if (auto existing = module.lookupSymbol<func::FuncOp>(name)) {
      if (existing.getFunctionType() != type)
        return existing.emitError("'")
               << name << "' has type " << existing.getFunctionType()
               << ", the library expects " << type;
      return existing;
    }
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto func = func::FuncOp::create(b, module.getLoc(), name, type);
    func.setPrivate();
    return func;
  }

  LogicalResult rewrite(Gemm &gemm) {
    CallBuilder call(gemm.op);
    unsigned rank = gemm.batched ? 3 : 2;
    // Row-major views: unit innermost stride, any other strides and offset
    // (leading dimension and batch stride read from the descriptor).
    SmallVector<int64_t> strides(rank, ShapedType::kDynamic);
    strides.back() = 1;
    struct RowMajor {
      Value pointer, ld, batchStride;
    };
    auto view = [&](Value tensor) {
      CallBuilder::View v = call.view(
          call.copyUnless(hasLayout(tensor, Layout::ContiguousRows), tensor),
          strides);
      RowMajor r{v.pointer, call.toI64(v.strides[rank - 2]), Value()};
      if (gemm.batched)
        r.batchStride = call.toI64(v.strides[0]);
      return r;
    };
    RowMajor a = view(gemm.a);
    RowMajor bView = view(gemm.b);
    bool accumulate = !isZeroInit(gemm.init);
    auto [c, cPointer] = call.result(gemm.init, accumulate);
    Value ldc = call.i64(gemm.n), acc = call.i32(accumulate ? 1 : 0);
    Value m = call.i64(gemm.m), n = call.i64(gemm.n), k = call.i64(gemm.k);

    StringRef name;
    SmallVector<Value> args;
    switch (gemm.kind) {
    case GemmKind::F32:
      if (gemm.batched) {
        name = "tessera_dnnl_sgemm_batched";
        args = {call.i64(gemm.batch),
                m,
                n,
                k,
                a.pointer,
                a.batchStride,
                a.ld,
                bView.pointer,
                bView.batchStride,
                bView.ld,
                cPointer,
                call.i64(gemm.m * gemm.n),
                ldc,
                acc};
      } else {
        name = "tessera_dnnl_sgemm";
        args = {m,        n,        k,   a.pointer, a.ld, bView.pointer,
                bView.ld, cPointer, ldc, acc};
      }
      break;
    case GemmKind::S8S8:
    case GemmKind::U8S8:
      // Zero points are applied by the code around the GEMM (qmatmul's
      // lowering keeps them out of the product): 0 here.
      name = gemm.kind == GemmKind::S8S8 ? "tessera_dnnl_gemm_s8s8s32"
                                         : "tessera_dnnl_gemm_u8s8s32";
      args = {m,
              n,
              k,
              a.pointer,
              a.ld,
              call.i32(0),
              bView.pointer,
              bView.ld,
              call.i32(0),
              cPointer,
              ldc,
              acc};
      break;
    }
    FailureOr<func::FuncOp> callee =
        declare(name, CallBuilder::typeOf(call.ctx, args));
    if (failed(callee))
      return failure();
    call.finish(*callee, args, c, gemm.init);
    return success();
  }

  LogicalResult rewrite(Conv &conv) {
    linalg::Conv2DNchwFchwOp op = conv.op;
    Value input = op.getDpsInputs()[0], filter = op.getDpsInputs()[1];
    Value init = op.getDpsInits()[0];
    CallBuilder call(op);
    // Dense views (the identity layout's strides, any offset).
    auto view = [&](Value tensor) {
      auto type = cast<RankedTensorType>(tensor.getType());
      SmallVector<int64_t> strides =
          MemRefType::get(type.getShape(), type.getElementType())
              .getStridesAndOffset()
              .first;
      return call.view(
          call.copyUnless(hasLayout(tensor, Layout::Dense), tensor), strides);
    };
    CallBuilder::View in = view(input), fi = view(filter);
    bool accumulate = !isZeroInit(init);
    auto [out, outPointer] = call.result(init, accumulate);
    SmallVector<Value> args;
    for (int64_t v : {conv.n, conv.c, conv.h, conv.w, conv.f, conv.kh, conv.kw,
                      conv.oh, conv.ow, conv.sh, conv.sw, conv.dh, conv.dw})
      args.push_back(call.i64(v));
    args.append(
        {in.pointer, fi.pointer, outPointer, call.i32(accumulate ? 1 : 0)});
    FailureOr<func::FuncOp> callee = declare(
        "tessera_dnnl_conv2d_nchw_fchw", CallBuilder::typeOf(call.ctx, args));
    if (failed(callee))
      return failure();
    call.finish(*callee, args, out, init);
    return success();
  }
};

} // namespace

bool mlir::tessera::canCallLibrary(Operation *op) {
  if (matchGemm(op))
    return true;
  if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op))
    return matchConv(conv).has_value();
  return false;
}
