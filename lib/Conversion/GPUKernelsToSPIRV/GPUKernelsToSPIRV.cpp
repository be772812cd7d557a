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
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVDialect.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"
#include "mlir/Dialect/SPIRV/Transforms/SPIRVConversion.h"
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
