//===- Passes.td - Tessera's target-independent passes -----*- tablegen -*-===//

#ifndef TESSERA_TRANSFORMS_PASSES_TD
#define TESSERA_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def EmitCInterface : Pass<"tessera-emit-c-interface", "::mlir::ModuleOp"> {
  let summary = "Give every public function a C interface for the runtime";
  let description = [{
    Marks each public `func.func` with `llvm.emit_c_interface`, so that
    lowering to LLVM adds a `_mlir_ciface_<name>` wrapper taking pointers to
    memref descriptors: the ABI Tessera's runtime (JIT and AOT) calls.
    Functions with non-tensor/non-memref arguments or results are reported,
    since the runtime passes only tensors.
  }];
}

#endif // TESSERA_TRANSFORMS_PASSES_TD
