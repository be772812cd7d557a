//===- GPUKernelsToSPIRV.cpp - gpu.module kernels to nested spirv.module --===//

#include "tessera/Conversion/Passes.h"

#include "mlir/Conversion/ArithToSPIRV/ArithToSPIRV.h"
#include "mlir/Conversion/ComplexToSPIRV/ComplexToSPIRV.h"
#include "mlir/Conversion/ControlFlowToSPIRV/ControlFlowToSPIRV.h"
#include "mlir/Conversion/FuncToSPIRV/FuncToSPIRV.h"
#include "mlir/Conversion/GPUToSPIRV/GPUToSPIRV.h"
#include "mlir/Conversion/IndexToSPIRV/IndexToSPIRV.h"
#include "mlir/Conversion/MathToSPIRV/MathToSPIRV.h"
#include "mlir/Conversion/MemRefToSPIRV/MemRefToSPIRV.h"
#include "mlir/Conversion/SCFToSPIRV/SCFToSPIRV.h"
#include "mlir/Conversion/UBToSPIRV/UBToSPIRV.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVDialect.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"
#include "mlir/Dialect/SPIRV/Transforms/SPIRVConversion.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUKERNELSTOSPIRV
#include "tessera/Conversion/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
/// The SPIR-V target of a gpu.module (the first), or null.
spirv::TargetEnvAttr getSPIRVTarget(gpu::GPUModuleOp module) {
  if (ArrayAttr targets = module.getTargetsAttr())
    for (Attribute target : targets)
      if (auto env = dyn_cast<spirv::TargetEnvAttr>(target))
        return env;
  return nullptr;
}

/// `t` with unsigned and signed integers (also as memref or vector elements)
/// made signless.
Type signless(Type t) {
  if (auto i = dyn_cast<IntegerType>(t); i && !i.isSignless())
    return IntegerType::get(t.getContext(), i.getWidth());
  if (auto m = dyn_cast<MemRefType>(t)) {
    Type element = signless(m.getElementType());
    if (element != m.getElementType())
      return MemRefType::get(m.getShape(), element, m.getLayout(),
                             m.getMemorySpace());
  }
  if (auto v = dyn_cast<VectorType>(t)) {
    Type element = signless(v.getElementType());
    if (element != v.getElementType())
      return v.clone(element);
  }
  return t;
}

/// Tessera's lowering keeps ui8/ui4 tensor types and bridges them to the
/// signless arith ops with unrealized_conversion_cast (the CPU pipeline's
/// reconcile-unrealized-casts removes them once both sides are LLVM's i8).
/// In kernels, make every integer type signless and drop the casts that
/// become no-ops: storage is the same bytes.
void makeIntegersSignless(Operation *gpuModule) {
  gpuModule->walk([](Operation *op) {
    for (Value result : op->getResults())
      result.setType(signless(result.getType()));
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          arg.setType(signless(arg.getType()));
    if (auto func = dyn_cast<gpu::GPUFuncOp>(op)) {
      FunctionType type = func.getFunctionType();
      SmallVector<Type> inputs, results;
      for (Type t : type.getInputs())
        inputs.push_back(signless(t));
      for (Type t : type.getResults())
        results.push_back(signless(t));
      func.setFunctionType(
          FunctionType::get(op->getContext(), inputs, results));
    }
  });
  SmallVector<UnrealizedConversionCastOp> noOps;
  gpuModule->walk([&](UnrealizedConversionCastOp cast) {
    if (cast->getNumOperands() == 1 && cast->getNumResults() == 1 &&
        cast.getOperand(0).getType() == cast.getResult(0).getType())
      noOps.push_back(cast);
  });
  for (UnrealizedConversionCastOp cast : noOps) {
    cast.getResult(0).replaceAllUsesWith(cast.getOperand(0));
    cast.erase();
  }
}

/// SPIR-V has workgroup variables, not workgroup attributions: each
/// attribution of a kernel becomes a `memref.alloc` in the Workgroup storage
/// class, which MemRefToSPIRV turns into a Workgroup global variable.
void workgroupAttributionsToAllocs(Operation *gpuModule) {
  gpuModule->walk([](gpu::GPUFuncOp func) {
    unsigned count = func.getNumWorkgroupAttributions();
    if (count == 0)
      return;
    OpBuilder b(func.getContext());
    b.setInsertionPointToStart(&func.getBody().front());
    auto workgroup = spirv::StorageClassAttr::get(
        func.getContext(), spirv::StorageClass::Workgroup);
    for (BlockArgument arg : func.getWorkgroupAttributions()) {
      auto type = cast<MemRefType>(arg.getType());
      auto allocType = MemRefType::get(type.getShape(), type.getElementType(),
                                       type.getLayout(), workgroup);
      // Loads and stores, the users, do not depend on the memory space.
      arg.replaceAllUsesWith(
          memref::AllocOp::create(b, arg.getLoc(), allocType).getResult());
    }
    func.getBody().front().eraseArguments(
        func.getFirstWorkgroupAttributionIndex(), count);
    func->setAttr(gpu::GPUFuncOp::getNumWorkgroupAttributionsAttrName(),
                  b.getI64IntegerAttr(0));
  });
}

/// math.ctpop as OpBitCount (MathToSPIRV has no pattern for it): the
/// popcounts of binary ops' XNOR words.
struct CtPopToBitCount : OpConversionPattern<math::CtPopOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(math::CtPopOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type)
      return rewriter.notifyMatchFailure(op, "unsupported type");
    rewriter.replaceOpWithNewOp<spirv::BitCountOp>(op, type,
                                                   adaptor.getOperand());
    return success();
  }
};

/// arith.extsi from an integer width SPIR-V lacks (i2, i4: emulated as i32)
/// to another type than i32 becomes a zero extension and a pair of shifts.
/// ArithToSPIRV sign-extends an emulated value only when the result is i32
/// too; to an i8/i16/i64 it emits a bare OpSConvert of the i32, which keeps
/// the high bits clear (a negative i4 loaded from packed words would become
/// positive). Not through an extsi to i32: extsi(extsi) folds back.
struct SignExtendNarrowByShifts : OpRewritePattern<arith::ExtSIOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::ExtSIOp op,
                                PatternRewriter &rewriter) const override {
    auto source = dyn_cast<IntegerType>(op.getIn().getType());
    auto result = dyn_cast<IntegerType>(op.getType());
    if (!source || !result || source.getWidth() == 1 ||
        llvm::is_contained({8u, 16u, 32u, 64u}, source.getWidth()) ||
        result.getWidth() == 32)
      return failure();
    Location loc = op.getLoc();
    Value wide = arith::ExtUIOp::create(rewriter, loc, result, op.getIn());
    Value shift = arith::ConstantOp::create(
        rewriter, loc, result,
        rewriter.getIntegerAttr(result,
                                result.getWidth() - source.getWidth()));
    Value up = arith::ShLIOp::create(rewriter, loc, wide, shift);
    rewriter.replaceOpWithNewOp<arith::ShRSIOp>(op, up, shift);
    return success();
  }
};

struct GPUKernelsToSPIRVPass
    : public tessera::impl::GPUKernelsToSPIRVBase<GPUKernelsToSPIRVPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    SmallVector<gpu::GPUModuleOp> modules;
    getOperation().walk([&](gpu::GPUModuleOp module) {
      if (getSPIRVTarget(module))
        modules.push_back(module);
    });
    // Ops without a SPIR-V (or GLSL) counterpart: signed floor/ceil
    // divisions and min/max become compares and selects, erf/erfc
    // polynomial approximations (max. error ~1e-7 in f32).
    RewritePatternSet expansions(context);
    arith::populateArithExpandOpsPatterns(expansions);
    populatePolynomialApproximateErfPattern(expansions);
    populatePolynomialApproximateErfcPattern(expansions);
    expansions.add<SignExtendNarrowByShifts>(context);
    FrozenRewritePatternSet frozenExpansions(std::move(expansions));
    for (gpu::GPUModuleOp module : modules)
      if (failed(applyPatternsGreedily(module, frozenExpansions)))
        return signalPassFailure();
    for (gpu::GPUModuleOp module : modules) {
      // The launches still refer to the gpu.module's kernels: convert a
      // clone, placed inside it.
      OpBuilder builder(context);
      builder.setInsertionPointToStart(module.getBody());
      Operation *clone = builder.clone(*module.getOperation());
      if (failed(convert(clone, getSPIRVTarget(module))))
        return signalPassFailure();
    }
  }

  LogicalResult convert(Operation *gpuModule, spirv::TargetEnvAttr targetAttr) {
    MLIRContext *context = &getContext();
    makeIntegersSignless(gpuModule);
    workgroupAttributionsToAllocs(gpuModule);
    // Buffers without a memory space are storage buffers.
    spirv::MemorySpaceToStorageClassConverter storageClasses(
        spirv::mapMemorySpaceToVulkanStorageClass);
    spirv::convertMemRefTypesAndAttrs(gpuModule, storageClasses);
    std::unique_ptr<ConversionTarget> target =
        SPIRVConversionTarget::get(targetAttr);
    SPIRVConversionOptions options;
    options.use64bitIndex = use64bitIndex;
    SPIRVTypeConverter typeConverter(targetAttr, options);
    RewritePatternSet patterns(context);
    populateGPUToSPIRVPatterns(typeConverter, patterns);
    ScfToSPIRVContext scfContext;
    populateSCFToSPIRVPatterns(typeConverter, scfContext, patterns);
    arith::populateArithToSPIRVPatterns(typeConverter, patterns);
    populateMemRefToSPIRVPatterns(typeConverter, patterns);
    populateFuncToSPIRVPatterns(typeConverter, patterns);
    populateMathToSPIRVPatterns(typeConverter, patterns);
    patterns.add<CtPopToBitCount>(typeConverter, context);
    populateComplexToSPIRVPatterns(typeConverter, patterns);
    cf::populateControlFlowToSPIRVPatterns(typeConverter, patterns);
    index::populateIndexToSPIRVPatterns(typeConverter, patterns);
    ub::populateUBToSPIRVConversionPatterns(typeConverter, patterns);
    return applyFullConversion(gpuModule, *target, std::move(patterns));
  }
};
} // namespace
