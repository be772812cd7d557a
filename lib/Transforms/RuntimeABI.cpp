//===- RuntimeABI.cpp - Prepare public functions for the runtime ABI ---------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_RUNTIMEABI
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
struct RuntimeABIPass : public tessera::impl::RuntimeABIBase<RuntimeABIPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (!func.isPublic() || func.isExternal())
        continue;
      for (Type type : llvm::concat<const Type>(func.getArgumentTypes(),
                                                func.getResultTypes())) {
        if (!isa<RankedTensorType, MemRefType>(type)) {
          func.emitError() << "function '" << func.getName()
                           << "' has a " << type
                           << " argument or result: the runtime passes "
                              "ranked tensors only (use a rank-0 tensor for "
                              "a scalar)";
          return signalPassFailure();
        }
      }
      func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(&getContext()));
      auto readOnly = BoolAttr::get(&getContext(), false);
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        if (isa<TensorType>(func.getArgumentTypes()[i]))
          func.setArgAttr(i, "bufferization.writable", readOnly);
    }
  }
};
} // namespace
