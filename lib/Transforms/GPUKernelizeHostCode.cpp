//===- GPUKernelizeHostCode.cpp - Leave no computation on the host -------===//
//
// After convert-parallel-loops-to-gpu, host code still computes where a
// linalg op had no parallel loop (a full reduction becomes a host scf.for)
// and where kernels take scalars read from buffers (a PAU's coefficients,
// extracted from a tensor, become memref.loads passed to the kernel). A
// runtime that can only run kernels and copy buffers (WebGPU's host side is
// the JS runtime replaying a manifest) needs all of it in kernels:
//
//  1. values a launch uses that the host computes from buffers and
//     constants (memref.load and pure ops) are recomputed inside the launch;
//  2. the remaining runs of host computation become one-thread launches.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUKERNELIZEHOSTCODE
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// The buffer a view is taken of (through any chain of views).
Value rootBuffer(Value buffer) {
  while (auto view = buffer.getDefiningOp<ViewLikeOpInterface>())
    buffer = view.getViewSource();
  return buffer;
}

/// Whether `op` may write the buffer `root` (or a view of it).
bool mayWrite(Operation *op, Value root) {
  bool writes = false;
  op->walk([&](Operation *nested) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(nested);
    if (!effects) {
      // Ops without declared effects (calls, unknown ops) may write
      // anything, unless they have regions whose ops the walk visits.
      if (nested->getNumRegions() == 0 &&
          !nested->hasTrait<OpTrait::IsTerminator>())
        writes = true;
      return;
    }
    SmallVector<MemoryEffects::EffectInstance> instances;
    effects.getEffects(instances);
    for (auto &instance : instances) {
      if (!isa<MemoryEffects::Write>(instance.getEffect()))
        continue;
      Value target = instance.getValue();
      if (!target || rootBuffer(target) == root)
        writes = true;
    }
  });
  return writes;
}

/// Whether the value `op` (a memref.load before `launch` in the same block)
/// reads is still the same at `launch`: nothing between them may write it.
bool unchangedUntil(memref::LoadOp load, Operation *launch) {
  if (load->getBlock() != launch->getBlock())
    return false;
  Value root = rootBuffer(load.getMemRef());
  for (Operation *op = load->getNextNode(); op && op != launch;
       op = op->getNextNode())
    if (mayWrite(op, root))
      return false;
  return true;
}

/// Collects in `slice` (defs before uses) the ops computing `value` that can
/// be recomputed inside `launch`: pure ops and loads of buffers not written
/// before the launch, whose own operands are such values, constants-like
/// pure ops, or buffers (memrefs are captured as they are). False if
/// `value` depends on anything else (a block argument, a call).
bool collectSinkable(Value value, Operation *launch,
                     llvm::SetVector<Operation *> &slice) {
  if (isa<MemRefType>(value.getType()))
    return true; // captured by the kernel
  Operation *def = value.getDefiningOp();
  if (!def || def->getNumRegions() != 0)
    return false;
  if (slice.contains(def))
    return true;
  auto load = dyn_cast<memref::LoadOp>(def);
  if (!load && !isPure(def))
    return false;
  if (load && !unchangedUntil(load, launch))
    return false;
  for (Value operand : def->getOperands())
    if (!collectSinkable(operand, launch, slice))
      return false;
  slice.insert(def);
  return true;
}

/// A scalar the host computes that cannot be recomputed in `launch` (its
/// inputs change before the launch) goes through a one-element buffer: the
/// host stores it right after computing it (step 2 moves both into a
/// kernel), the launch loads it.
void spillForLaunch(Value value, gpu::LaunchOp launch) {
  Operation *def = value.getDefiningOp();
  if (!def || !value.getType().isIntOrFloat() ||
      def->getParentOfType<gpu::LaunchOp>())
    return; // left for the target to report
  // The allocation before the definition, the store right after it, so
  // that they form one run of host computation.
  OpBuilder builder(def);
  Location loc = def->getLoc();
  Value slot = memref::AllocOp::create(builder, loc,
                                       MemRefType::get({}, value.getType()));
  builder.setInsertionPointAfter(def);
  memref::StoreOp::create(builder, loc, value, slot);
  Region &body = launch.getBody();
  builder.setInsertionPointToStart(&body.front());
  Value reloaded = memref::LoadOp::create(builder, loc, slot);
  replaceAllUsesInRegionWith(value, reloaded, body);
  builder.setInsertionPointAfter(launch);
  memref::DeallocOp::create(builder, loc, slot);
}

/// Recomputes inside `launch` the scalars it uses that the host computes
/// from buffers and constants.
void sinkIntoLaunch(gpu::LaunchOp launch) {
  Region &body = launch.getBody();
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(body, captured);
  OpBuilder builder(&body.front(), body.front().begin());
  IRMapping mapping;
  for (Value value : captured) {
    if (isa<MemRefType>(value.getType()))
      continue;
    llvm::SetVector<Operation *> slice;
    if (!collectSinkable(value, launch, slice)) {
      spillForLaunch(value, launch);
      continue;
    }
    for (Operation *op : slice)
      if (!mapping.contains(op->getResult(0)))
        builder.clone(*op, mapping);
    replaceAllUsesInRegionWith(value, mapping.lookup(value), body);
  }
}

/// Host ops that are not computation: buffer management, copies (the
/// runtime performs them), views, launches, terminators.
bool isHostStructure(Operation *op) {
  return isa<gpu::LaunchOp, gpu::AllocOp, gpu::DeallocOp, gpu::WaitOp,
             gpu::MemcpyOp, memref::AllocOp, memref::AllocaOp,
             memref::DeallocOp, memref::GetGlobalOp, memref::CopyOp>(op) ||
         isa<ViewLikeOpInterface>(op) || op->hasTrait<OpTrait::IsTerminator>();
}

/// Pure ops (no memory effects, no regions): they join a run of
/// computation only where they depend on it.
bool isPureScalarOp(Operation *op) {
  return isPure(op) && op->getNumRegions() == 0;
}

/// Moves the ops [first, last] of a block into a one-thread gpu.launch.
void wrapInLaunch(Operation *first, Operation *last) {
  OpBuilder builder(first);
  Location loc = first->getLoc();
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  auto launch =
      gpu::LaunchOp::create(builder, loc, one, one, one, one, one, one);
  Block &body = launch.getBody().front();
  builder.setInsertionPointToEnd(&body);
  auto terminator = gpu::TerminatorOp::create(builder, loc);
  Block *block = first->getBlock();
  body.getOperations().splice(terminator->getIterator(), block->getOperations(),
                              first->getIterator(),
                              std::next(last->getIterator()));
}

struct GPUKernelizeHostCodePass
    : public tessera::impl::GPUKernelizeHostCodeBase<GPUKernelizeHostCodePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // 1. Scalars of launches, recomputed inside them.
    SmallVector<gpu::LaunchOp> launches;
    func.walk([&](gpu::LaunchOp launch) { launches.push_back(launch); });
    for (gpu::LaunchOp launch : launches)
      sinkIntoLaunch(launch);
    // The host copies of what was sunk are dead now.
    bool erased = true;
    while (erased) {
      erased = false;
      func.walk<WalkOrder::PostOrder>([&](Operation *op) {
        if (op->getParentOfType<gpu::LaunchOp>() || !op->use_empty() ||
            op->getNumResults() == 0 || !wouldOpBeTriviallyDead(op))
          return;
        op->erase();
        erased = true;
      });
    }

    // 2. Runs of host computation in the function's blocks, as one-thread
    //    kernels. A run spans from a computing op to the last one before
    //    the next structural op; pure ops in it that do not depend on it
    //    move in front of it, and what it computes must not be used after
    //    it.
    for (Block &block : func.getBody()) {
      SmallVector<SmallVector<Operation *>> runs;
      SmallVector<Operation *> run, pending;
      for (Operation &op : block) {
        if (isHostStructure(&op)) {
          if (!run.empty())
            runs.push_back(run);
          run.clear();
          pending.clear();
          continue;
        }
        if (isPureScalarOp(&op)) {
          if (!run.empty())
            pending.push_back(&op);
          continue;
        }
        llvm::append_range(run, pending);
        pending.clear();
        run.push_back(&op);
      }
      if (!run.empty())
        runs.push_back(run);

      for (SmallVector<Operation *> &ops : runs) {
        llvm::SmallPtrSet<Operation *, 16> inRun(ops.begin(), ops.end());
        Operation *begin = ops.front();
        for (Operation *op : ops) {
          if (!isPureScalarOp(op) ||
              llvm::any_of(op->getOperands(), [&](Value v) {
                return inRun.contains(v.getDefiningOp());
              }))
            continue;
          op->moveBefore(begin);
          inRun.erase(op);
        }
        SmallVector<Operation *> kept;
        for (Operation *op : ops)
          if (inRun.contains(op))
            kept.push_back(op);
        begin = kept.front();
        Operation *end = kept.back();
        for (Operation *op : kept) {
          for (Value result : op->getResults())
            for (Operation *user : result.getUsers()) {
              Operation *inBlock = block.findAncestorOpInBlock(*user);
              if (!inBlock || !inRun.contains(inBlock)) {
                op->emitOpError()
                    << "computes on the host a value that later host code "
                       "uses; it cannot be moved into a GPU kernel";
                return signalPassFailure();
              }
            }
        }
        wrapInLaunch(begin, end);
      }
    }
  }
};

} // namespace
