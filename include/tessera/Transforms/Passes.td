//===- Passes.td - Tessera's target-independent passes -----*- tablegen -*-===//

#ifndef TESSERA_TRANSFORMS_PASSES_TD
#define TESSERA_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def RuntimeABI : Pass<"tessera-runtime-abi", "::mlir::ModuleOp"> {
  let summary = "Prepare public functions for the runtime's calling convention";
  let description = [{
    Marks each public `func.func` with `llvm.emit_c_interface`, so that
    lowering to LLVM adds a `_mlir_ciface_<name>` wrapper taking pointers to
    memref descriptors: the ABI that Tessera's runtime (JIT and AOT) calls.
    Tensor arguments are marked `bufferization.writable = false`: the
    caller's input buffers are read-only, bufferization must not reuse them
    for results. Functions with arguments or results other than ranked
    tensors are reported, since the runtime passes only tensors.
  }];
}

#endif // TESSERA_TRANSFORMS_PASSES_TD
