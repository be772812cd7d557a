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

def EmulateNarrowInt : Pass<"tessera-emulate-narrow-int", "::mlir::ModuleOp"> {
  let summary = "Store 4-bit integer buffers packed two values per byte";
  let description = [{
    OPERATORS.md (section 6) stores `i4` / `si4` / `ui4` tensors two values
    per byte, the element of even linear index in the low nibble. LLVM gives
    `i4` a store size of one byte, so without this pass every 4-bit value
    would take a byte in memory and at the runtime's ABI.

    Runs on buffers (after bufferization and the lowering of linalg to
    loops). Every memref of a 4-bit integer element type with a static
    shape becomes a rank-1 `i8` memref holding the packed values:
    `memref<7x5xi4>` becomes `memref<18xi8>` (ceil(35 / 2) bytes, the high
    nibble of the last byte unused), a rank-0 one `memref<1xi8>`. This
    includes function arguments, so the C interface of a public function
    takes a rank-1 descriptor of packed bytes for each 4-bit tensor.

    - `memref.load` becomes a byte load, a right shift by 0 or 4 and a
      truncation; `memref.store` a read-modify-write of the byte (load, mask
      out the nibble, or in the shifted value, store). Indices are
      linearized with the memref's static strides and offset.
    - Views (`subview`, `expand_shape`, `collapse_shape`, `cast`,
      `reinterpret_cast`) of 4-bit memrefs with static layouts are first
      folded into the loads and stores that use them; those left become the
      packed buffer of their root (a view at an odd element offset cannot be
      a byte-addressed memref), which loads and stores index with the view's
      static strides and offset.
    - `memref.alloc`/`alloca`/`dealloc`, contiguous `memref.copy` (a copy of
      the packed bytes), `memref.global`/`get_global` (the initial value is
      packed), function signatures, calls, returns and structured control
      flow are converted accordingly. Scalar `i4` arithmetic is untouched.

    Dynamically shaped 4-bit memrefs, views with dynamic strides or offsets
    that cannot be folded away, and copies between differently laid out
    4-bit buffers are reported as errors.

    Constraint: a store is a non-atomic read-modify-write of a whole byte,
    so two threads storing the two nibbles of one byte concurrently would
    race. The CPU code is single-threaded today; a parallel lowering must
    give each thread whole bytes (an even number of consecutive elements),
    or use atomic read-modify-writes.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::affine::AffineDialect"
  ];
}

#endif // TESSERA_TRANSFORMS_PASSES_TD
