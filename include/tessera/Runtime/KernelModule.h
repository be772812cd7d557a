//===- KernelModule.h - The module a CPU kernel is tuned in -----*- C++ -*-===//
//
// The tuner (Tuner.h) times each kernel of a model alone: a copy of the op
// in a module of its own, with what the code generator would run with it
// in the model, so that a config is measured as the model's code runs it.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_KERNELMODULE_H
#define TESSERA_RUNTIME_KERNELMODULE_H

#include "mlir/IR/OwningOpRef.h"

namespace mlir {
class ModuleOp;
class Operation;
} // namespace mlir

namespace tessera::runtime {

/// A module holding a copy of `op` (a linalg op of a model after the CPU
/// pipeline's prefix) in a public function `kernel`, with
///  - the fills and broadcasts that make its inits for it alone (a zero
///    accumulator, a bias broadcast over the result): taken as arguments
///    instead, each would be a read-only input that bufferization first
///    copies into the result, one more pass over memory than the model
///    makes, and the zero of a fill would be hidden from the code generator;
///  - its epilogue, if it has one (the only user of its result, an
///    elementwise linalg op that the code generator fuses into its tiles).
/// The function's arguments are the other values the ops read; scalar
/// constants, empty tensors and the constants their regions capture are
/// copied in. Locations are dropped: identical kernels of different lines
/// print alike (they share cache entries). Null if a region captures a
/// value that is not a constant.
mlir::OwningOpRef<mlir::ModuleOp> buildKernelModule(mlir::Operation *op);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_KERNELMODULE_H
