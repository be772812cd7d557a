//===- GPUSynchronousHostSharedAllocs.cpp - host-shared allocs off chains -===//
//
// gpu-async-region threads its token through every op with the async
// interface, `gpu.alloc host_shared` included, which gpu-to-llvm does not
// lower (host-shared memory is the host's to allocate, not a stream's). The
// allocations become synchronous again; what waited for one waits for what
// it waited for.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Builders.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUSYNCHRONOUSHOSTSHAREDALLOCS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

struct GPUSynchronousHostSharedAllocsPass
    : public tessera::impl::GPUSynchronousHostSharedAllocsBase<
          GPUSynchronousHostSharedAllocsPass> {
  void runOnOperation() override {
    SmallVector<gpu::AllocOp> allocs;
    getOperation().walk([&](gpu::AllocOp alloc) {
      if (alloc.getHostShared() && alloc.getAsyncToken())
        allocs.push_back(alloc);
    });
    for (gpu::AllocOp alloc : allocs) {
      OpBuilder builder(alloc);
      Location loc = alloc.getLoc();
      auto sync = gpu::AllocOp::create(
          builder, loc, alloc.getMemref().getType(), /*asyncToken=*/Type(),
          /*asyncDependencies=*/ValueRange(), alloc.getDynamicSizes(),
          alloc.getSymbolOperands(), /*hostShared=*/true);
      alloc.getMemref().replaceAllUsesWith(sync.getMemref());
      Value token = alloc.getAsyncToken();
      if (!token.use_empty()) {
        ValueRange dependencies = alloc.getAsyncDependencies();
        Value replacement =
            dependencies.size() == 1
                ? dependencies.front()
                : gpu::WaitOp::create(builder, loc,
                                      builder.getType<gpu::AsyncTokenType>(),
                                      dependencies)
                      .getAsyncToken();
        token.replaceAllUsesWith(replacement);
      }
      alloc.erase();
    }
  }
};

} // namespace
