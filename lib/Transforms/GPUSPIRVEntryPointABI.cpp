//===- GPUSPIRVEntryPointABI.cpp - Workgroup sizes of SPIR-V kernels ------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVDialect.h"
#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUSPIRVENTRYPOINTABI
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
struct GPUSPIRVEntryPointABIPass
    : public tessera::impl::GPUSPIRVEntryPointABIBase<
          GPUSPIRVEntryPointABIPass> {
  void runOnOperation() override {
    StringRef abiName = spirv::getEntryPointABIAttrName();
    for (auto func : getOperation().getOps<gpu::GPUFuncOp>()) {
      if (!func.isKernel() || func->hasAttr(abiName))
        continue;
      std::optional<ArrayRef<int32_t>> blockSize = func.getKnownBlockSize();
      if (!blockSize || blockSize->size() != 3) {
        func.emitError() << "kernel '" << func.getName()
                         << "' has no known block size: a SPIR-V compute "
                            "shader needs its workgroup size at compile time "
                            "(launch it with constant block sizes)";
        return signalPassFailure();
      }
      func->setAttr(abiName,
                    spirv::getEntryPointABIAttr(&getContext(), *blockSize));
    }
  }
};
} // namespace
