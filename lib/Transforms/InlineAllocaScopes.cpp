//===- InlineAllocaScopes.cpp - alloca_scope to stacksave/stackrestore ----===//
//
// convert-scf-to-openmp wraps the body of every parallel loop in a
// memref.alloca_scope, so that stack buffers of one iteration are released
// before the next. That op must keep a single block, but the body's own scf
// loops become many blocks in convert-scf-to-cf, which then fails to
// verify. This pass dissolves the scopes while their bodies are still one
// block: the body moves into the parent block, bracketed by
// llvm.intr.stacksave / llvm.intr.stackrestore when it allocates on the
// stack (what finalize-memref-to-llvm would have emitted).
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_INLINEALLOCASCOPES
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// Whether `scope` allocates on the stack itself (not in a nested scope,
/// which restores its own allocations).
bool allocatesOnStack(memref::AllocaScopeOp scope) {
  bool found = false;
  scope.getBodyRegion().walk([&](Operation *op) {
    if (isa<memref::AllocaScopeOp>(op) && op != scope.getOperation())
      return WalkResult::skip();
    if (isa<memref::AllocaOp>(op)) {
      found = true;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

struct InlineAllocaScopesPass
    : public tessera::impl::InlineAllocaScopesBase<InlineAllocaScopesPass> {
  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation().walk<WalkOrder::PostOrder>(
        [&](memref::AllocaScopeOp scope) { scopes.push_back(scope); });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp scope : scopes) {
      // One block: the op's verifier guarantees it.
      Region &body = scope.getBodyRegion();
      Location loc = scope.getLoc();
      Value stack;
      rewriter.setInsertionPoint(scope);
      if (allocatesOnStack(scope))
        stack = LLVM::StackSaveOp::create(
            rewriter, loc, LLVM::LLVMPointerType::get(&getContext()));
      Block &block = body.front();
      auto terminator = cast<memref::AllocaScopeReturnOp>(block.getTerminator());
      SmallVector<Value> results(terminator.getResults());
      rewriter.eraseOp(terminator);
      rewriter.inlineBlockBefore(&block, scope);
      if (stack)
        LLVM::StackRestoreOp::create(rewriter, loc, stack);
      rewriter.replaceOp(scope, results);
    }
  }
};

} // namespace
