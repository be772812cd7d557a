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

def StridedCopyToLinalg : Pass<"tessera-strided-copy-to-linalg"> {
  let summary = "Turn memref.copy between strided views into linalg.copy";
  let description = [{
    Bufferization copies into and out of subviews (inserting a slice,
    padding). Lowered to LLVM, a copy whose operands are not both contiguous
    becomes a call to `memrefCopy` from MLIR's C runner utilities, a library
    that neither the JIT nor compiled artifacts should depend on. This pass
    rewrites such copies into `linalg.copy`, which later becomes plain loops;
    contiguous copies stay `memref.copy` (an `llvm.memcpy`).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // TESSERA_TRANSFORMS_PASSES_TD
