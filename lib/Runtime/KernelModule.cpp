//===- KernelModule.cpp - The module a CPU kernel is tuned in -------------===//

#include "tessera/Runtime/KernelModule.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace {

/// Whether a kernel's function makes `value` itself (a copy of its defining
/// op) instead of taking it as an argument: a scalar constant (a fill's
/// value: the runtime passes tensors only) or an empty tensor (the init of
/// a fill, broadcast or epilogue, which the model never reads either).
bool isRecreatedInKernel(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return false;
  if (isa<tensor::EmptyOp>(def))
    return def->getNumOperands() == 0;
  return def->hasTrait<OpTrait::ConstantLike>() &&
         !isa<ShapedType>(value.getType());
}

/// The operands of `ops` that they do not compute themselves, once each, in
/// order: the arguments of their function (buildFunction), or the values
/// it recreates (isRecreatedInKernel).
llvm::SetVector<Value> getExternalOperands(ArrayRef<Operation *> ops) {
  llvm::SetVector<Value> operands;
  for (Operation *op : ops)
    for (Value operand : op->getOperands())
      if (!llvm::is_contained(ops, operand.getDefiningOp()))
        operands.insert(operand);
  return operands;
}

/// A detached function `name` computing `ops` (in order, each op's results
/// used only by the later ones or returned: the last op's results are the
/// function's), whose arguments are the operands the ops do not compute;
/// constants their regions capture, scalar constant operands and empty
/// tensors are copied in. Null if a region captures
/// anything else. Locations are dropped: identical kernels of different
/// lines must print alike (they share cache entries).
func::FuncOp buildFunction(ArrayRef<Operation *> ops, StringRef name) {
  llvm::SetVector<Value> arguments, captured;
  for (Value value : getExternalOperands(ops))
    (isRecreatedInKernel(value) ? captured : arguments).insert(value);
  for (Operation *op : ops)
    getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value value : captured) {
    Operation *def = value.getDefiningOp();
    if (!def ||
        !(def->hasTrait<OpTrait::ConstantLike>() || isRecreatedInKernel(value)))
      return nullptr;
  }
  MLIRContext *ctx = ops.front()->getContext();
  OpBuilder builder(ctx);
  Location loc = UnknownLoc::get(ctx);
  SmallVector<Type> argumentTypes;
  for (Value value : arguments)
    argumentTypes.push_back(value.getType());
  auto func = func::FuncOp::create(
      builder, loc, name,
      builder.getFunctionType(argumentTypes, ops.back()->getResultTypes()));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  IRMapping mapping;
  for (auto [value, argument] : llvm::zip(arguments, body->getArguments()))
    mapping.map(value, argument);
  for (Value value : captured)
    mapping.map(value, builder.clone(*value.getDefiningOp())->getResult(0));
  Operation *copy = nullptr;
  for (Operation *op : ops)
    copy = builder.clone(*op, mapping);
  func::ReturnOp::create(builder, loc, copy->getResults());
  func->walk([&](Operation *nested) { nested->setLoc(loc); });
  return func;
}

/// The elementwise consumer that the code generator fuses into `op`'s
/// tiles as its epilogue (bias, activation, residual, softmax's division),
/// or null: the only user of `op`'s only result, an all-parallel linalg op
/// on tensors in the same block.
Operation *getEpilogue(Operation *op) {
  if (op->getNumResults() != 1 || !op->getResult(0).hasOneUse())
    return nullptr;
  auto user = dyn_cast<linalg::LinalgOp>(*op->getResult(0).user_begin());
  if (!user || user->getBlock() != op->getBlock() ||
      user.getNumReductionLoops() != 0 || !user.hasPureTensorSemantics())
    return nullptr;
  return user;
}

/// The fills and broadcasts that make `op`'s inits for it alone (a zero
/// accumulator, a bias broadcast over the result), in block order. A kernel
/// measured without them would take each such init as an argument: a
/// read-only input that bufferization first copies into the result, one
/// more pass over memory than the model makes (fno2d's projection, a 1x1
/// convolution into its 8 MB bias broadcast, ran 4.3 ms so against 2.2 ms
/// in the model, and the candidate that won that way lost in the model).
SmallVector<Operation *> getInitProducers(Operation *op) {
  SmallVector<Operation *> producers;
  auto dps = dyn_cast<DestinationStyleOpInterface>(op);
  if (!dps)
    return producers;
  for (OpOperand &init : dps.getDpsInitsMutable()) {
    Operation *def = init.get().getDefiningOp();
    if (def && isa<linalg::FillOp, linalg::BroadcastOp>(def) &&
        def->getBlock() == op->getBlock() && def->getNumResults() == 1 &&
        def->getResult(0).hasOneUse())
      producers.push_back(def);
  }
  llvm::sort(producers,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  return producers;
}

} // namespace

// Documented in KernelModule.h.
OwningOpRef<ModuleOp> tessera::runtime::buildKernelModule(Operation *op) {
  SmallVector<Operation *> ops = getInitProducers(op);
  ops.push_back(op);
  func::FuncOp func;
  if (Operation *epilogue = getEpilogue(op)) {
    SmallVector<Operation *> withEpilogue = ops;
    withEpilogue.push_back(epilogue);
    func = buildFunction(withEpilogue, "kernel");
  }
  if (!func)
    func = buildFunction(ops, "kernel");
  if (!func)
    return nullptr;
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(UnknownLoc::get(op->getContext()));
  module->getBody()->push_back(func);
  return module;
}
