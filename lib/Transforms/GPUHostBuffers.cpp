//===- GPUHostBuffers.cpp - Host buffers in GPU-runtime memory ------------===//
//
// A kernel can only access buffers its runtime allocated (for Vulkan: bound
// VkBuffers). Every buffer of the host code becomes a host-shared GPU
// allocation, which host code and kernels both access; the caller's buffers
// are copied in and out, so the function keeps the CPU's ABI.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUHOSTBUFFERS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
/// Whether some user of `buffer`, or of a view of it, may read or write it.
/// Users that do not describe their effects (calls, returns) count as both.
void findAccesses(Value buffer, bool &reads, bool &writes) {
  SmallVector<Value> worklist{buffer};
  while (!worklist.empty() && !(reads && writes)) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (auto view = dyn_cast<ViewLikeOpInterface>(user);
          view && view.getViewSource() == value) {
        llvm::append_range(worklist, user->getResults());
        continue;
      }
      if (isa<memref::DeallocOp, gpu::DeallocOp>(user))
        continue;
      auto effects = dyn_cast<MemoryEffectOpInterface>(user);
      if (!effects) {
        reads = writes = true;
        return;
      }
      SmallVector<MemoryEffects::EffectInstance> instances;
      effects.getEffects(instances);
      for (auto &instance : instances) {
        if (instance.getValue() && instance.getValue() != value)
          continue;
        reads |= isa<MemoryEffects::Read>(instance.getEffect());
        writes |= isa<MemoryEffects::Write>(instance.getEffect());
      }
    }
  }
}

bool insideLaunch(Operation *op) {
  return op->getParentOfType<gpu::LaunchOp>() != nullptr;
}

/// The dynamic sizes of a buffer shaped like `value`.
SmallVector<Value> dynamicSizes(OpBuilder &b, Location loc, Value value) {
  SmallVector<Value> sizes;
  auto type = cast<MemRefType>(value.getType());
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(memref::DimOp::create(b, loc, value, d));
  return sizes;
}

/// `gpu.dealloc` lowers only as an async op: give it a stream and wait.
void createDealloc(OpBuilder &b, Location loc, Value buffer) {
  auto tokenType = gpu::AsyncTokenType::get(b.getContext());
  Value stream =
      gpu::WaitOp::create(b, loc, tokenType, ValueRange()).getAsyncToken();
  Value done =
      gpu::DeallocOp::create(b, loc, tokenType, ValueRange{stream}, buffer)
          .getAsyncToken();
  gpu::WaitOp::create(b, loc, Type(), ValueRange{done});
}

Value createAlloc(OpBuilder &b, Location loc, MemRefType type, ValueRange sizes,
                  ValueRange symbols = {}) {
  return gpu::AllocOp::create(b, loc, type, /*asyncToken=*/Type(),
                              /*asyncDependencies=*/ValueRange(), sizes,
                              symbols, /*hostShared=*/true)
      .getMemref();
}

struct GPUHostBuffersPass
    : public tessera::impl::GPUHostBuffersBase<GPUHostBuffersPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal() && failed(convert(func)))
        return signalPassFailure();
  }

  LogicalResult convert(func::FuncOp func) {
    OpBuilder b(func.getContext());
    Block &entry = func.front();
    SmallVector<func::ReturnOp> returns(func.getOps<func::ReturnOp>());

    // Buffers that live as long as the call: freed at every return.
    auto freeAtReturns = [&](Value buffer, Value copyBackTo) {
      for (func::ReturnOp ret : returns) {
        b.setInsertionPoint(ret);
        if (copyBackTo)
          memref::CopyOp::create(b, ret.getLoc(), buffer, copyBackTo);
        createDealloc(b, ret.getLoc(), buffer);
      }
    };

    // The caller's buffers.
    if (func.isPublic()) {
      for (BlockArgument arg : func.getArguments()) {
        auto type = dyn_cast<MemRefType>(arg.getType());
        if (!type)
          continue;
        bool reads = false, writes = false;
        findAccesses(arg, reads, writes);
        if (!reads && !writes)
          continue;
        if (!type.getLayout().isIdentity())
          return func.emitError()
                 << "argument #" << arg.getArgNumber() << " of '"
                 << func.getName() << "' has a non-identity layout (" << type
                 << "): GPU code takes identity-layout buffers";
        b.setInsertionPointToStart(&entry);
        Value buffer = createAlloc(b, arg.getLoc(), type,
                                   dynamicSizes(b, arg.getLoc(), arg));
        Operation *copyIn = nullptr;
        if (reads)
          copyIn = memref::CopyOp::create(b, arg.getLoc(), arg, buffer);
        arg.replaceUsesWithIf(buffer, [&](OpOperand &use) {
          return use.getOwner() != copyIn &&
                 use.getOwner() != buffer.getDefiningOp() &&
                 !isa<memref::DimOp>(use.getOwner());
        });
        freeAtReturns(buffer, writes ? arg : Value());
      }
    }

    // Constants: one host-shared copy per call.
    SmallVector<memref::GetGlobalOp> globals;
    func.walk([&](memref::GetGlobalOp op) {
      if (!insideLaunch(op) && op.getType().getLayout().isIdentity() &&
          op.getType().hasStaticShape())
        globals.push_back(op);
    });
    for (memref::GetGlobalOp global : globals) {
      global->moveBefore(&entry, entry.begin());
      b.setInsertionPointAfter(global);
      Value buffer = createAlloc(b, global.getLoc(), global.getType(), {});
      auto copy = memref::CopyOp::create(b, global.getLoc(), global, buffer);
      global.getResult().replaceAllUsesExcept(buffer, copy);
      freeAtReturns(buffer, Value());
    }

    // Allocations of the host code.
    SmallVector<Operation *> allocs, deallocs;
    func.walk([&](Operation *op) {
      if (insideLaunch(op))
        return;
      if (isa<memref::AllocOp, memref::AllocaOp>(op))
        allocs.push_back(op);
      else if (isa<memref::DeallocOp>(op))
        deallocs.push_back(op);
    });
    for (Operation *op : allocs) {
      b.setInsertionPoint(op);
      auto type = cast<MemRefType>(op->getResult(0).getType());
      ValueRange sizes, symbols;
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        sizes = alloc.getDynamicSizes();
        symbols = alloc.getSymbolOperands();
      } else {
        auto alloca = cast<memref::AllocaOp>(op);
        sizes = alloca.getDynamicSizes();
        symbols = alloca.getSymbolOperands();
      }
      Value buffer = createAlloc(b, op->getLoc(), type, sizes, symbols);
      op->getResult(0).replaceAllUsesWith(buffer);
      // An alloca lives until the end of its block.
      if (isa<memref::AllocaOp>(op)) {
        b.setInsertionPoint(op->getBlock()->getTerminator());
        createDealloc(b, op->getLoc(), buffer);
      }
      op->erase();
    }
    for (Operation *op : deallocs) {
      b.setInsertionPoint(op);
      createDealloc(b, op->getLoc(), cast<memref::DeallocOp>(op).getMemref());
      op->erase();
    }
    return success();
  }
};
} // namespace
