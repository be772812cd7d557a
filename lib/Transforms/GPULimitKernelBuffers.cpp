//===- GPULimitKernelBuffers.cpp - Fit kernels into the binding limit -----===//
//
// Every buffer a kernel uses is a binding, and devices cap the bindings of a
// shader stage (WebGPU's default maxStorageBuffersPerShaderStage is 8).
// Elementwise fusion readily exceeds that: a conv with batch norm and a
// quadratic neuron reads the conv result, two products and five per-channel
// vectors. Such a launch gets the small read-only buffers it reads packed
// into one: the host copies them into consecutive slices of a new buffer
// right before the launch, and the kernel reads them there.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPULIMITKERNELBUFFERS
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// Whether the launch body only loads from `buffer` (with identity layout
/// and static shape), so that the loads can read a packed copy.
bool isPackable(Value buffer, Region &body) {
  auto type = dyn_cast<MemRefType>(buffer.getType());
  if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity() ||
      !type.getElementType().isIntOrFloat())
    return false;
  for (OpOperand &use : buffer.getUses()) {
    if (!body.isAncestor(use.getOwner()->getParentRegion()))
      continue;
    if (!isa<memref::LoadOp>(use.getOwner()))
      return false;
  }
  return true;
}

struct GPULimitKernelBuffersPass
    : public tessera::impl::GPULimitKernelBuffersBase<
          GPULimitKernelBuffersPass> {
  using Base::Base;

  void runOnOperation() override {
    if (maxBuffers <= 0)
      return;
    SmallVector<gpu::LaunchOp> launches;
    getOperation().walk(
        [&](gpu::LaunchOp launch) { launches.push_back(launch); });
    for (gpu::LaunchOp launch : launches)
      limit(launch);
  }

  void limit(gpu::LaunchOp launch) {
    Region &body = launch.getBody();
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(body, captured);
    SmallVector<Value> buffers;
    for (Value value : captured)
      if (isa<MemRefType>(value.getType()))
        buffers.push_back(value);
    int64_t excess = int64_t(buffers.size()) - maxBuffers;
    if (excess <= 0)
      return;

    // Candidates grouped by element type, smallest first; the group that
    // can absorb the excess with the fewest bytes copied wins.
    llvm::MapVector<Type, SmallVector<Value>> groups;
    for (Value buffer : buffers)
      if (isPackable(buffer, body))
        groups[cast<MemRefType>(buffer.getType()).getElementType()].push_back(
            buffer);
    auto elements = [](Value v) {
      return cast<MemRefType>(v.getType()).getNumElements();
    };
    SmallVector<Value> chosen;
    int64_t bestCost = std::numeric_limits<int64_t>::max();
    for (auto &[type, group] : groups) {
      if (int64_t(group.size()) < excess + 1)
        continue;
      llvm::stable_sort(
          group, [&](Value a, Value b) { return elements(a) < elements(b); });
      int64_t cost = 0;
      for (int64_t i = 0; i <= excess; ++i)
        cost += elements(group[i]);
      if (cost < bestCost) {
        bestCost = cost;
        chosen.assign(group.begin(), group.begin() + excess + 1);
      }
    }
    if (chosen.empty())
      return; // the WGSL emitter reports the kernel over the limit

    // The packed buffer and the copies into it, before the launch.
    OpBuilder builder(launch);
    Location loc = launch.getLoc();
    Type elementType =
        cast<MemRefType>(chosen.front().getType()).getElementType();
    int64_t total = 0;
    SmallVector<int64_t> offsets;
    for (Value buffer : chosen) {
      offsets.push_back(total);
      total += elements(buffer);
    }
    auto packedType = MemRefType::get({total}, elementType);
    Value packed = memref::AllocOp::create(builder, loc, packedType);
    for (auto [buffer, offset] : llvm::zip_equal(chosen, offsets)) {
      auto type = cast<MemRefType>(buffer.getType());
      Value source = buffer;
      if (type.getRank() != 1) {
        ReassociationIndices all =
            llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
        source = memref::CollapseShapeOp::create(
            builder, loc, buffer, ArrayRef<ReassociationIndices>{all});
      }
      Value slice = memref::SubViewOp::create(
          builder, loc, packed, ArrayRef<int64_t>{offset},
          ArrayRef<int64_t>{type.getNumElements()}, ArrayRef<int64_t>{1});
      memref::CopyOp::create(builder, loc, source, slice);
    }
    builder.setInsertionPointAfter(launch);
    memref::DeallocOp::create(builder, loc, packed);

    // Loads in the kernel read the packed copy at offset + linear index.
    for (auto [buffer, offset] : llvm::zip_equal(chosen, offsets)) {
      auto type = cast<MemRefType>(buffer.getType());
      SmallVector<int64_t> strides = type.getStridesAndOffset().first;
      SmallVector<memref::LoadOp> loads;
      for (Operation *user : buffer.getUsers())
        if (body.isAncestor(user->getParentRegion()))
          loads.push_back(cast<memref::LoadOp>(user));
      for (memref::LoadOp load : loads) {
        OpBuilder b(load);
        Location l = load.getLoc();
        Value linear = arith::ConstantIndexOp::create(b, l, offset);
        for (auto [index, stride] :
             llvm::zip_equal(load.getIndices(), strides)) {
          Value term = index;
          if (stride != 1)
            term = arith::MulIOp::create(
                b, l, index, arith::ConstantIndexOp::create(b, l, stride));
          linear = arith::AddIOp::create(b, l, linear, term);
        }
        Value value = memref::LoadOp::create(b, l, packed, linear);
        load.replaceAllUsesWith(value);
        load.erase();
      }
    }
  }
};

} // namespace
