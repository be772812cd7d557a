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
  let summary = "Store narrow integer buffers packed in 8- or 32-bit words";
  let description = [{
    OPERATORS.md (section 6) stores `i4` / `si4` / `ui4` tensors two values
    per byte, the element of even linear index in the low nibble. LLVM gives
    `i4` a store size of one byte, so without this pass every 4-bit value
    would take a byte in memory and at the runtime's ABI. GPU targets need
    more: atomics and WGSL's storage work on 32-bit words only.

    Runs on buffers (after bufferization and the lowering of linalg to
    loops). Every memref whose element is an integer of a width listed in
    `narrow-bits` (default 4), with a static shape, becomes a rank-1 memref
    of `container-bits` words (default 8) holding the packed values:
    element k is in word k / (container-bits / width), at bit
    (k % (container-bits / width)) * width, the first in the low bits, so
    that on a little-endian host the bytes are the same for 8- and 32-bit
    words. `i1` values take a byte each, as on the host. With the defaults
    `memref<7x5xi4>` becomes `memref<18xi8>` (ceil(35 / 2) bytes, the high
    nibble of the last byte unused), with `container-bits=32`
    `memref<5xi32>` (ceil(35 / 8) words); with
    `container-bits=32 narrow-bits=8` `memref<6xi8>` becomes
    `memref<2xi32>`. A rank-0 memref becomes a one-word buffer. This
    includes function arguments, so the C interface of a public function
    takes a rank-1 descriptor of packed words for each such tensor.

    - `memref.load` becomes a word load, a right shift and a truncation;
      `memref.store` a read-modify-write of the word (load, mask out the
      field, or in the shifted value, store), or with `atomic-stores` two
      `memref.atomic_rmw`: `andi` clearing the field, then `ori` setting it.
      Indices are linearized with the memref's static strides and offset.
    - A 1-D `vector.load` marked `tessera.word_aligned`
      (tessera-cpu-widen-packed-ints: its innermost index is a multiple of
      32 bits of elements) becomes a vector load of the words it covers
      and a `vector.bitcast` to the narrow elements, if the buffer's offset
      and outer strides are whole words; the extensions of such vectors
      then become shifts and interleaves of the words' bytes (upstream's
      narrow-type rewrites). Other vector accesses of packed buffers are
      errors.
    - Views (`subview`, `expand_shape`, `collapse_shape`, `cast`,
      `reinterpret_cast`) of packed memrefs with static layouts are first
      folded into the loads and stores that use them; those left become the
      packed buffer of their root (a view at an offset inside a word cannot
      be a word-addressed memref), which loads and stores index with the
      view's static strides and offset.
    - `memref.alloc`/`alloca`/`dealloc`, contiguous `memref.copy` (a copy of
      the packed words), `memref.global`/`get_global` (the initial value is
      packed into words), function signatures, calls, returns and
      structured control flow (`scf.for`/`if`/`while`; `scf.parallel`
      bodies) are converted accordingly. Scalar arithmetic is untouched.

    Dynamically shaped packed memrefs, views with dynamic strides or offsets
    that cannot be folded away, and copies between differently laid out
    packed buffers are reported as errors.

    Without `atomic-stores`, a store is a non-atomic read-modify-write of a
    whole word, so two threads storing two fields of one word concurrently
    would race. The CPU code's thread slices (tessera-cpu-tile-and-vectorize)
    therefore never cut ops on 4-bit tensors; GPU kernels, whose
    neighbouring threads store neighbouring elements, use `atomic-stores`
    with 32-bit words (Vulkan has no 8-bit atomics).
  }];
  let options = [
    Option<"containerBits", "container-bits", "unsigned", /*default=*/"8",
           "The width of the words values are packed in: 8 or 32">,
    ListOption<"narrowBits", "narrow-bits", "unsigned",
               "The integer widths to pack (powers of two narrower than "
               "the word; 1 packs i1 as bytes); none given: 4">,
    Option<"atomicStores", "atomic-stores", "bool", /*default=*/"false",
           "Store with two atomic read-modify-writes of the word (andi "
           "then ori), for threads storing neighbouring elements">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::affine::AffineDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def CPUTileAndVectorize
    : Pass<"tessera-cpu-tile-and-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tile linalg ops on tensors for the CPU's caches and "
                "registers, then vectorize the innermost tiles";
  let description = [{
    CPU code generation for linalg on tensors (before bufferization), driven
    by a `CPUCodegenConfig` (include/tessera/Transforms/CPUCodegenConfig.h)
    whose fields are this pass's options, so that a tuner can search them.

    Contraction-like ops: linalg.matmul, batch_matmul and every linalg op
    with reduction loops and projected-permutation indexing maps whose
    output's innermost loop `n` is the innermost dimension of every input
    that it indexes (or of no input indexed by `m`: those are transposed by
    packing, e.g. A x B^T). `m` is the output loop whose register-tile rows
    share the most input data (the matmul's rows; the batch of a batched
    channel mix), `k` the reduction loop innermost in the most inputs.
    They are tiled twice with `scf::tileUsingSCF`:

      1. cache tiles `[mc, nc, kc]`, loops ordered n, k, m (GotoBLAS: a
         kc x nr panel of the right operand stays in L1 while the mc x kc
         block of the left one streams from L2), every other parallel loop
         tiled by 1, other reduction loops whole;
      2. register tiles `[mr, nr, kr]`, loops ordered n, m, k, the
         reduction innermost; every other loop of the op gets tile size 1.
         `mr` shrinks when the accumulators of all the op's outputs plus
         the right operands' vectors would not fit in the 16 (32 with
         AVX-512) SIMD registers. A contraction with fewer than mr rows,
         or whose rows share no right operand (every input indexed by n
         is indexed by m too: a 1x1 convolution to one channel, a column
         sum), spends the rows it cannot use on columns: one row (or its
         m rows, where they share) of up to mr / m times nr columns, whole
         vectors no wider than N that leave at most nr columns after the
         last whole tile, so that about mr x nr accumulators still hide
         the FMA latency.

    With `pack-rhs` (default), a contraction with M >= 2 mr and N a
    multiple of nr greater than nr (the op is first split in two with
    `linalg::splitOp` where nr does not divide N) reads its right operands
    (inputs indexed by n and not by m) from packed copies: n is split into
    (n1, n) with n < nr, each such operand is expanded and transposed into
    panels [N/nr, ..., K, nr] (a `linalg.transpose`), the op becomes a
    linalg.generic on the expanded output, and the cache tiles take nc / nr
    panels. The copy is then moved into the cache loops: each (n, k) cache
    block copies its kc x nc block once, before the m loop, into a buffer
    that `buffer-loop-hoisting` allocates once, and a register tile reads
    one contiguous nr-wide row per reduction step. `pack-lhs` does the same
    for the left operands (panels of mr rows; off by default). Where N
    holds fewer than two panels of nr, a contraction's panels narrow by
    whole vectors until it holds two (N = 56 with nr = 32: panels of 16).

    A generic contraction whose `n` is the last of a run of parallel loops
    that every operand indexes contiguously and in order, or not at all,
    first gets the run merged into one loop (`linalg::collapseOpIterationDims`;
    its elementwise consumers take the merged shape too, so that they stay
    fusable): attention's P x V over an image, out[d, y, x] = sum_t
    P[y, x, t] V[d, t], is then one GEMM with n = H * W instead of H GEMMs
    with n = W (Kronecker attention at 56 x 56: 3.9x faster). Runs of `m`
    loops are left alone (merged, the longer m measured slower).

    With `transpose-result` (auto by default), a contraction whose right
    operand must be packed to be vectorized (transposed: indexed by n, not
    innermost) and whose result has both m and n computes its result
    transposed instead, m innermost (out^T = B A^T: the right operand's
    rows are broadcast where they lie, the left operand is packed): its
    consumers that are linalg ops read the transposed result through their
    indexing maps, any other use through a `linalg.transpose`. `auto`
    does so where packing the right operand would copy more than twice the
    elements that the transposed form packs and transposes (attention's
    P x V: a 16 x 112 V and a 16 x 3136 result per head instead of a
    3136 x 112 P).

    An op carrying `tessera.cpu_config = "<options>"` (the tuner's choice
    for it; TuningSpace.h) is compiled with those options over the pass's
    (or its function's, which can carry one too), and so is every op the
    pass makes of it: its slices, packing copies, tiles and fused epilogue.

    With `int-dot-pairs` (default), a contraction whose products are of
    integers that fit i16, out (i32) += ext(a) * ext(b) with a and b
    sign-extended from at most 16 bits or zero-extended from at most 15
    (int8 and int4 GEMMs), takes an even `kr` (rounded up) and has its
    left operands (indexed by m, not by n) narrower than i16 widened to i16
    by an elementwise op first, so that `tessera-cpu-lower-vectors
    {x86-pmaddwd-bits}` can compute its register tiles two steps of k per
    pmaddwd, each row's pair of k one 32-bit word broadcast from memory.
    Inputs of an unsigned element type (ui8, which tessera-to-linalg views
    as i8 through a cast that keeps the op from being vectorized) are
    widened to i16 with or without the option. With `int-dot-quads`
    (default), a contraction whose operands fit i8 (sign-extended from at
    most 8 bits or zero-extended from at most 7) takes a kr that is a
    multiple of 4 and at least 16 instead and keeps its left operand in
    bytes, for vpdpbusd (`x86-vpdpbusd-bits`).

    Loops whose trip count does not divide are peeled, so every tile has a
    static shape. The register tiles are then vectorized (`linalg::vectorize`;
    generic tiles lose their unit loops first): named contractions become
    `vector.contract` of a vector<mr x kr> by a vector<kr x nr>, generic
    bodies elementwise vector arithmetic on vector<mr x nr> (with kr > 1,
    on vector<mr x kr x nr> reduced along kr: a floating-point body's loop
    along the output's innermost dimension is moved last, so that operands
    are read along it and not gathered lane by lane); the
    accumulator's read and write are hoisted out of the reduction loops
    (`hoistLoopInvariantSubsets`): it lives in registers across the kc loop.

    With `fuse-elementwise` (default), an elementwise op whose output has
    a permutation map and that reads a contraction's sole result with that
    same map (its epilogue: bias, BN scale/shift, activation, residual add)
    is tiled first, with the contraction fused into its tiles
    (`scf::tileConsumerAndFuseProducersUsingSCF`), in the contraction's own
    outer tiling: its thread slices (above), then strips of the cache tiles'
    outer loops (batch-like loops by 1, n by nc), then, where the strip has
    more than mc rows, row tiles of mc: the contraction is split before its
    last block of kc reduction steps (`linalg::splitOp`) and only that block
    is fused into the row tiles, so each mc x nc tile of the result gets its
    epilogue right after its last update, while it is in the caches. An
    epilogue that writes a fresh tensor of the result's type is first
    rewritten to update the result in place (the result becomes its init),
    so that the contraction accumulates straight into the epilogue's output
    buffer instead of a temporary of the same size. Elementwise
    producers of the contraction's inputs are fused into the same tiles when
    every tiled loop indexes their input (B in column strips), so that no
    tile computes them again; when such a producer is itself an earlier
    contraction's epilogue, that contraction comes along (a chain of 1x1
    convolutions runs row by row). Consumers that read the result
    transposed or broadcast, and results with other users, are left alone.

    Elementwise ops (all loops parallel) are tiled to one vector of
    `vector-width` elements along their output's innermost loop (1
    elsewhere) and vectorized; so are fills, except with zero (a memset).
    One that reads a 32-bit input transposed (contiguous along another
    loop than the vectors, as the packing copies of A x B^T's B and the
    consumers of a transposed result do) is tiled by `vector-width` along
    that loop too: each tile reads whole rows of the input and transposes
    them in registers (a square `vector.transpose`, which
    `tessera-cpu-lower-vectors` makes shuffles) instead of gathering each
    vector lane by lane (a 512 x 1024 f32 transpose 9x faster with 16
    lanes).

    With `vectorize-elementwise` (default), inner reductions too: ops with
    one output whose reduction loop is the innermost dimension of every
    input that it indexes (a softmax's row maximum and sum, a mean; a run
    of such loops, a mean over an image's rows and columns, is merged into
    one first). A row of K elements is
    split into K / lanes vectors (`linalg::splitReduction`, the new lanes
    loop parallel and innermost), reduced elementwise into one vector of
    partial results per row, started from the reduction's neutral element:
    a contraction-like op without reuse, tiled as above (vector<mr x lanes>
    accumulators over the row). Then each row's lanes are reduced into one
    value: a short row, vectorized whole (its parallel loops tiled by 1) into
    a `vector.multi_reduction`, which `tessera-cpu-lower-vectors` makes a
    `vector.reduction` (a tree of shuffles; sums reassociated by the CPU
    pipeline). A remainder of K mod lanes is split off first
    (`linalg::splitOp`) and reduced as a short row after the rest. Rows of
    at most one vector, and those whose reduction has no known neutral
    element (up to 16 vectors), are short rows. Kronecker attention's
    softmax over 112 keys: sum 2.9x, maximum 1.3x faster (IEEE maximum
    costs 6 instructions per vector), a total over 1M elements 12x.

    Elementwise ops on complex numbers are left to LLVM as loops, their
    loops merged into one first where every operand allows it (LLVM
    otherwise vectorized the loop outside a short innermost one, with
    gathers and scatters: FNO's split of its complex weights into real and
    imaginary parts ran 10x slower).

    Ops with dynamic shapes, sub-byte, `i1`, `index` or complex element
    types, non-projected-permutation indexing maps (convolutions),
    `linalg.index`, `tensor.extract` or regions in their body, or that
    `linalg::vectorize` rejects are left alone (they become loops later).

    Option value 0 means "the default for this host" (see
    `CPUCodegenConfig::host()`); a negative tile size leaves that dimension
    untiled at that level. `tessera-cpu-lower-vectors` must run after
    bufferization to lower the vector ops this pass creates.
  }];
  let options = [
    Option<"mc", "mc", "int64_t", /*default=*/"0",
           "Cache tile of the m (rows of the output) dimension">,
    Option<"nc", "nc", "int64_t", /*default=*/"0",
           "Cache tile of the n (innermost output) dimension">,
    Option<"kc", "kc", "int64_t", /*default=*/"0",
           "Cache tile of the k (innermost reduction) dimension">,
    Option<"mr", "mr", "int64_t", /*default=*/"0",
           "Register tile of m: rows of the accumulator">,
    Option<"nr", "nr", "int64_t", /*default=*/"0",
           "Register tile of n: columns of the accumulator (a multiple of "
           "the vector width)">,
    Option<"kr", "kr", "int64_t", /*default=*/"0",
           "Register tile of k: reduction steps per vector.contract">,
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"0",
           "f32 lanes of one SIMD register (0: the host's: 16 with AVX-512, "
           "8 with AVX/AVX2, 4 otherwise)">,
    Option<"vectorize", "vectorize", "bool", /*default=*/"true",
           "Vectorize the register tiles (false: tile only)">,
    Option<"vectorizeElementwise", "vectorize-elementwise", "bool",
           /*default=*/"true",
           "Also tile and vectorize elementwise (all-parallel) ops and "
           "inner reductions (row sums, maxima)">,
    Option<"packRhs", "pack-rhs", "bool", /*default=*/"true",
           "Pack the right-hand operands of big contractions into panels of "
           "nr columns">,
    Option<"packLhs", "pack-lhs", "bool", /*default=*/"false",
           "Pack the left-hand operands of big contractions into panels of "
           "mr rows">,
    Option<"parallelChunks", "parallel-chunks", "int64_t", /*default=*/"0",
           "Split big ops into this many scf.forall slices for the "
           "runtime's threads (0: the host's hardware threads, 1: none)">,
    Option<"parallelMinWork", "parallel-min-work", "int64_t",
           /*default=*/"0",
           "Only split ops with at least this many points in their "
           "iteration space (0: 65536)">,
    Option<"fuseElementwise", "fuse-elementwise", "bool", /*default=*/"true",
           "Fuse elementwise consumers (epilogues) and producers of "
           "contractions into the contractions' slices and strips">,
    Option<"intDotPairs", "int-dot-pairs", "bool", /*default=*/"true",
           "Give integer contractions whose operands fit i16 (int8, int4) "
           "an even kr, for pmaddwd in tessera-cpu-lower-vectors">,
    Option<"intDotQuads", "int-dot-quads", "bool", /*default=*/"true",
           "Give integer contractions whose operands fit i8 a kr that is a "
           "multiple of 4, for vpdpbusd in tessera-cpu-lower-vectors">,
    Option<"shortReductionTiles", "short-reduction-tiles", "bool",
           /*default=*/"true",
           "Give contractions with k <= 64 and two-vector-wide register "
           "tiles tiles of mr / 2 x 2 nr">,
    Option<"transposeResult", "transpose-result", "std::string",
           /*default=*/"\"auto\"",
           "Compute contractions whose right operand must be packed with "
           "their result transposed (vectors along m): auto (where it "
           "copies less), true (wherever possible) or false">
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def CPUVectorizeCopies
    : Pass<"tessera-cpu-vectorize-copies", "::mlir::func::FuncOp"> {
  let summary = "Copy the rows of strided linalg.copy ops (on buffers) as "
                "vectors";
  let description = [{
    Runs after `tessera-strided-copy-to-linalg`, on buffers. A `linalg.copy`
    between static views whose innermost dimension is contiguous on both
    sides (a padded image's interior, a slice of a concatenation, a window
    of a convolution's input) becomes loops over its rows that copy each
    row in vectors of up to four times `vector-width` elements, the rest of
    a row in one shorter vector. Left to `convert-linalg-to-loops`, LLVM
    unrolled such rows (56 or 64 elements) into scalar loads and stores,
    which it cannot vectorize since it cannot tell that the two buffers do
    not overlap: fasternet_block's padding copy ran as 112 scalar loads and
    stores per row. Other copies (an innermost stride other than 1, dynamic
    shapes, sub-byte elements) are left as they are.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "int64_t", "16",
           "Elements of a native SIMD register of 32-bit elements (a row "
           "is copied in vectors of up to four times as many elements of "
           "that width)">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::arith::ArithDialect"];
}

def CPULowerVectors
    : Pass<"tessera-cpu-lower-vectors", "::mlir::func::FuncOp"> {
  let summary = "Lower the n-D vector ops of tessera-cpu-tile-and-vectorize "
                "to 1-D vectors and FMAs (on buffers)";
  let description = [{
    Runs after bufferization. Hoists accumulator transfers that are still
    inside reduction loops (`linalg::hoistRedundantVectorTransfers`), fuses
    `acc + a * b` (and `acc - a * b`) on vectors into `vector.fma`, reads an
    operand broadcast along the vector lanes as its scalars and broadcasts,
    lowers `vector.contract` to outer products and those to `vector.fma` on
    1-D vectors of the accumulator's rows, lowers transposes (square ones
    of 32-bit lanes as shuffles: 16 x 16 as unpacks and 128-bit lane
    permutes, 4 x 4 and 8 x 8 as one shuffle of the flattened vector; the
    others element by element), broadcasts,
    multi-reductions, shape casts and transfer permutation maps, drops unit
    dimensions, unrolls n-D transfers into 1-D loads and stores and turns
    the elements extracted from a loaded vector into scalar loads. What is
    left is lowered by `convert-vector-to-llvm`.

    With `x86-pmaddwd-bits`, first: the register tiles of integer GEMMs,
    acc[m, n] (i32) += a[m, k] * b[k, n] over an even number of k with
    both operands sign-extended from at most 16 bits or zero-extended from
    at most 15 (int8, int4, int16), as `tessera-cpu-tile-and-vectorize`
    leaves them with an even `kr` (`int-dot-pairs`), become
    `llvm.call_intrinsic` of x86's pmaddwd on pairs of k: b's two rows
    interleaved once per pair, each row's two values of a broadcast as one
    i32. Every pair sum fits an i32 and the additions wrap as before, so
    the result is the same bit for bit. LLVM selects vpdpwssd (multiply,
    add pairs and accumulate in one instruction) where the CPU has
    AVX512-VNNI or AVX-VNNI. The pipeline sets the option only where the
    host has the instruction at its vector width. With `x86-vpdpbusd-bits`
    (512), tiles whose operands fit bytes and whose k is a multiple of 4
    take vpdpbusd (unsigned bytes times signed bytes, four per lane) the
    same way; a signed left operand is made unsigned by adding 128 (its
    word xor 0x80808080) and 128 x b's column sums, one more vpdpbusd per
    vector shared by all rows, are taken away at the end of the step.

    With `native-vector-bits`, last: vectors whose rows are a multiple of
    that width but not a power-of-two multiple (an 8 x 48 f32 register
    tile of 512-bit vectors) are split into vectors of that width, the
    loop-carried ones (a k loop's accumulators) included, through a 1:N
    type conversion of the loops: LLVM would widen such a row to the next
    power of two and legalize it element by element.
  }];
  let options = [
    Option<"x86PmaddwdBits", "x86-pmaddwd-bits", "int64_t", /*default=*/"0",
           "Compute the register tiles of integer GEMMs whose operands fit "
           "i16 (int8, int4) two steps of k at a time with x86's pmaddwd on "
           "vectors of this many bits (128: SSE2, 256: AVX2, 512: "
           "AVX-512BW; 0: off, one 32-bit multiply per product)">,
    Option<"x86VpdpbusdBits", "x86-vpdpbusd-bits", "int64_t",
           /*default=*/"0",
           "Compute the register tiles of integer GEMMs whose operands fit "
           "i8 four steps of k at a time with vpdpbusd on vectors of this "
           "many bits (512: AVX512-VNNI; 0: off)">,
    Option<"nativeVectorBits", "native-vector-bits", "int64_t",
           /*default=*/"0",
           "Split 1-D vectors whose length is a multiple of this many bits "
           "but not a power-of-two multiple (a 48-lane register tile row "
           "of 512-bit vectors) into vectors of this many bits (0: off)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def CPUParallelize : Pass<"tessera-cpu-parallelize", "::mlir::func::FuncOp"> {
  let summary = "Turn the thread slices of tessera-cpu-tile-and-vectorize "
                "into parallel loops with private scratch buffers";
  let description = [{
    Runs after bufferization (and after `buffer-loop-hoisting`). Every
    `scf.forall` (the per-thread slices of big ops) becomes an
    `scf.parallel` loop, which `convert-scf-to-openmp` later maps onto the
    OpenMP runtime; foralls nested in another become sequential loops.
    Scratch buffers that only the iterations of such a loop use (packing
    buffers hoisted out of it) move back into its body, so that every
    iteration, i.e. every thread, has its own: on the stack up to 512 KiB,
    on the heap above. Buffers used outside the loop (results, inputs) stay
    shared; the slices write disjoint parts of them.
  }];
  let dependentDialects = [
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def CPUWidenPackedInts
    : Pass<"tessera-cpu-widen-packed-ints", "::mlir::func::FuncOp"> {
  let summary = "Widen sub-byte integer buffers with vectors along their "
                "contiguous dimension";
  let description = [{
    Runs on buffers, before `convert-linalg-to-loops`. A `linalg.generic`
    that only widens a 4-bit integer buffer (one input of i4, ui4 or si4,
    the width the CPU pipeline packs; identity indexing maps, all loops
    parallel, a body that is one `arith.extsi` or `arith.extui` to 8..64
    bits, after a cast of ui4/si4 to i4; tessera-to-linalg makes
    one per int4 operand of `tessera.qmatmul`) would become scalar loops of
    one packed load, shift and store per element. Here it becomes loops
    over its outer dimensions (an `scf.parallel` over the rows for the
    threads when it has at least `parallel-min-elements` elements and is
    not already inside a parallel loop) and a loop along the innermost
    dimension of `vector.load` (marked word-aligned), extension and
    `vector.store`, `vector-bits` of result per step, then steps of 32
    bits of input for the rest of the row.

    Applies only where every step starts on a packed word: the innermost
    dimension is contiguous and its size, the other strides and the offset
    are multiples of 8 (32 bits of input). `tessera-emulate-narrow-int`
    turns each such load into a load of bytes and a `vector.bitcast`, and
    upstream's narrow-type rewrites the extension into shifts and
    interleaves of bytes.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "bits of the widened result per vector step (a power of two, "
           ">= 16)">,
    Option<"parallelMinElements", "parallel-min-elements", "int64_t",
           /*default=*/"65536",
           "elements from which the rows are split among the threads">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def InlineAllocaScopes
    : Pass<"tessera-inline-alloca-scopes", "::mlir::func::FuncOp"> {
  let summary = "Dissolve memref.alloca_scope ops into stacksave/stackrestore "
                "before their bodies become several blocks";
  let description = [{
    `convert-scf-to-openmp` wraps every parallel loop body in a
    `memref.alloca_scope`, which must keep a single block; the loops inside
    become many blocks in `convert-scf-to-cf`. This pass moves each scope's
    body into its parent block, between `llvm.intr.stacksave` and
    `llvm.intr.stackrestore` if the body allocates on the stack, as
    `finalize-memref-to-llvm` would lower it.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def CPUApproximateMath : Pass<"tessera-cpu-approximate-math"> {
  let summary = "Replace f32 math calls by vectorizable polynomial "
                "approximations";
  let description = [{
    On the CPU, `math.erf`/`math.erfc` have no LLVM instruction and become
    one libm call per element (`convert-math-to-libm` unrolls vectors), and
    vector `math.exp`/`math.tanh` are scalarized into libm calls by the
    back end. This pass rewrites the f32 forms of the ops named by `ops`
    (scalars and vectors; other element types keep libm) into MLIR's
    polynomial approximations, plain arithmetic that stays in vector
    registers: exact GELU over a million elements goes from 1.7 ms of erff
    calls to 0.16 ms at 2 threads (AVX-512).

    Accuracy measured against numpy/double libm over +-10 (erf, erfc, tanh)
    and -87..88 (exp) is documented with the test
    (test/e2e/approximate-math.mlir): within the f32 tolerances of the
    e2e tests (rtol 1e-4), a few ulp.
  }];
  let options = [
    ListOption<"ops", "ops", "std::string",
               "The math ops to approximate (erf, erfc, exp, tanh)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def FuseElementwiseOps : Pass<"tessera-fuse-elementwise-ops"> {
  let summary = "Fuse elementwise producers into their consumers, but not "
                "into contractions that read them repeatedly";
  let description = [{
    `linalg-fuse-elementwise-ops` with one more rule: a producer is not
    fused into a consumer with reduction loops whose indexing map of the
    producer's result leaves out one of its loops (each element read more
    than once, as the operands of a contraction are). Fused, the producer's
    body would be recomputed per read, and the contraction's body would no
    longer be a multiply-accumulate, which keeps the CPU code generator
    from tiling it for registers (`(q + b_q) . (k + b_k)`). Producers of
    reductions that read each element once (a softmax's sum of exps) are
    still fused.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def CPULibraryCalls : Pass<"tessera-cpu-library-calls", "::mlir::ModuleOp"> {
  let summary = "Replace selected linalg GEMMs by calls to oneDNN";
  let description = [{
    The "library path" of the CPU back end: GEMMs of the op kinds a
    `LibraryCallsConfig` selects (include/tessera/Transforms/
    LibraryCallsConfig.h; the `ops` option, default none) become calls to
    libtessera_dnnl.so (include/tessera/Runtime/DnnlKernels.h), a shim over
    oneDNN; other ops are left to the generated code.

      - `matmul`: `linalg.matmul` f32 x f32 -> f32 (`tessera_dnnl_sgemm`);
      - `batch_matmul`: `linalg.batch_matmul` f32 (`tessera_dnnl_sgemm_batched`);
      - `qmatmul`: int8 GEMMs accumulating in i32: `linalg.matmul`
        i8 x i8 -> i32 with signed casts (`tessera_dnnl_gemm_s8s8s32`) and
        the `linalg.generic` contraction `out += ext(a) * extsi(b)` of 8-bit
        operands that `tessera.qmatmul` lowers to for ui8 x i8
        (`tessera_dnnl_gemm_u8s8s32`). The zero-point corrections, scaling
        and requantization of `tessera.qmatmul` stay generated code.

    Only ops on tensors with static shapes, default indexing maps and no
    zero-sized dimension qualify, and only those of at least `min-flops`
    FLOPs (2 * batch * M * N * K).

    Runs on tensors, after tessera-to-linalg and before tiling and
    bufferization: each op becomes `bufferization.to_buffer` (read-only) of
    its operands as views with contiguous rows (`strided<[?, 1], offset:
    ?>`: any leading dimension and offset; an operand whose rows are not
    provably contiguous, such as a column-strided slice, is first copied
    with `linalg.copy` into a `tensor.empty`), a
    `memref.alloc` for the result, a `func.call` of the external function
    with bare pointers (`memref.extract_aligned_pointer_as_index` plus the
    view's offset, `llvm.inttoptr`), leading dimensions and batch strides
    read from the views' metadata, and `bufferization.to_tensor restrict
    writable` of the result. An init that is a zero `linalg.fill` or a
    `tensor.empty` is dropped (the call overwrites C); any other init is
    copied into the result buffer and accumulated into.
  }];
  let options = [
    ListOption<"ops", "ops", "std::string",
               "Op kinds to call oneDNN for: matmul, batch_matmul, qmatmul, "
               "conv, all, none (default: none)">,
    Option<"minFlops", "min-flops", "int64_t", /*default=*/"0",
           "Only ops of at least this many FLOPs (GEMMs: 2 * batch * M * N "
           "* K; convolutions: 2 * N * F * OH * OW * C * KH * KW)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def GPUCollapseParallelLoops : Pass<"tessera-gpu-collapse-parallel-loops",
                                    "::mlir::func::FuncOp"> {
  let summary = "Collapse the dimensions of outermost parallel loops into one";
  let description = [{
    Before the parallel loops of a function are tiled into GPU workgroups,
    the dimensions of each outermost `scf.parallel` are combined into one
    (its index delinearized in the body), so that every point of the
    iteration space gets a thread of its own: tiling the first dimension by
    the workgroup size and mapping it to `x` then keeps all threads busy,
    whatever the rank and the extents (a leading batch dimension of 1 would
    otherwise leave 63 of 64 threads idle and make each thread loop over
    the rest). This also keeps the work of one invocation small: lavapipe
    (llvmpipe) ends any shader loop after 65535 iterations.

    Loops whose bounds are not constants, and loops with more points than
    `max-points` (the largest one-dimensional grid times the workgroup
    size), are left as they are.

    With `coarsening` = c > 1 (a GPU tuning knob), each thread computes c
    points of a collapsed (or already one-dimensional) loop: the loop
    becomes one over ceil(N / (b * c)) * b points p (b = `block-size`, the
    tile size scf-parallel-loop-tiling uses next, so that p / b is the
    workgroup and p % b the thread), whose body runs the original body at
    points w * b * c + j * b + t for j = 0 .. c-1 that are below N. The
    threads of a workgroup thus touch consecutive points at every j (the
    accesses stay coalesced), and a workgroup covers b * c consecutive
    points. c = 1 leaves the loops as collapsing alone makes them.
  }];
  let options = [
    Option<"maxPoints", "max-points", "int64_t", /*default=*/"65535 * 64",
           "Leave loops with more points than this uncollapsed">,
    Option<"coarsening", "coarsening", "int64_t", /*default=*/"1",
           "Points of a collapsed loop each GPU thread computes">,
    Option<"blockSize", "block-size", "int64_t", /*default=*/"64",
           "Threads per workgroup the loops are tiled by next (the layout "
           "of coarsened points)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

def GPUSharedMemoryTiling : Pass<"tessera-gpu-shared-memory-tiling",
                                 "::mlir::func::FuncOp"> {
  let summary = "Compute matmuls in workgroup tiles staged in workgroup "
                "memory";
  let description = [{
    The GPU pipelines give every other linalg op one thread per output
    point, reading its operands from global memory: a matmul reads each
    element of A N times and each of B M times. This pass, run on buffers
    before `convert-linalg-to-parallel-loops`, replaces each contraction
    that is a GEMM C[b, m, n] += A[b, m, k] * B[b, k, n] (GPUContraction.h:
    a body `out + x * y`, float or integer, where x is computed from some
    inputs' elements alone, e.g. an `extsi` of an i8 or a quantization of
    an f32, and y from the others; or `out + T(a, b)` for any term of two
    inputs' elements, such as XNOR's ctpop(a ^ b); static shapes, every
    operand indexed by loop dims; each of b, m, n, k one or more loop dims,
    flattened; dims of extent 1 index 0) with a `gpu.launch` whose
    workgroups each compute a `tile-m` x `tile-n` tile of C (one per batch
    element along z). That takes in `linalg.matmul` / `batch_matmul` with
    any operand transposed, 1x1 convolutions of stride 1 (the filter as A,
    the pixels as N), and `linalg.generic` contractions such as Q K^T. The
    roles are chosen so that C's innermost dimension is an n dim:

    - two workgroup attributions hold a `tile-m` x `tile-k` slice of A's
      factors and a `tile-k` x `tile-n` slice of B's (rank-1, row-major,
      in the factors' types; a factor is computed once, as it is staged);
    - for each K-slice, the `threads-x` x `threads-y` threads copy the
      slices cooperatively, walking each along the operand's innermost
      dimension so that neighbouring threads read neighbouring words (zero
      past the edges of A and B), wait at a
      `gpu.barrier`, accumulate from workgroup memory, and wait again;
    - each thread computes (tile-m / threads-y) x (tile-n / threads-x)
      outputs, rows ty + i * threads-y and columns tx + j * threads-x of
      the tile, accumulating from C's value in K order (the same sums as
      the loop the op would become), stored where inside C.

    Bounds checks are emitted only where a dimension is not a multiple of
    its tile (past K, a term that is not a product is skipped). Matmuls
    smaller than one tile in M or N are left to the one-thread-per-output
    lowering; a K shallower than `tile-k` takes slices of depth K. The
    defaults (32 x 32 x 32 tiles, 16 x 16 threads, 8 KiB of workgroup
    memory in f32) stay within WebGPU's default limits (256 invocations, 16
    KiB of workgroup storage); tiles of 4-byte elements taking more than
    `max-workgroup-bytes`, and more threads than `max-threads`, are an
    error naming the knob, while wider factors (i64 words) that do not fit
    keep one thread per output. These are GPU tuning knobs
    (TuningSpace.h: the C tile, the K-slice depth and the outputs per
    thread, the threads derived as tile / outputs): every legal
    combination computes the same sums in K order.
  }];
  let options = [
    Option<"tileM", "tile-m", "int64_t", /*default=*/"32",
           "Rows of C per workgroup">,
    Option<"tileN", "tile-n", "int64_t", /*default=*/"32",
           "Columns of C per workgroup">,
    Option<"tileK", "tile-k", "int64_t", /*default=*/"32",
           "Depth of the K-slices staged in workgroup memory">,
    Option<"threadsX", "threads-x", "int64_t", /*default=*/"16",
           "Threads per workgroup along N">,
    Option<"threadsY", "threads-y", "int64_t", /*default=*/"16",
           "Threads per workgroup along M">,
    Option<"maxWorkgroupBytes", "max-workgroup-bytes", "int64_t",
           /*default=*/"16384",
           "Workgroup memory the tiles may take (WebGPU's default limit)">,
    Option<"maxThreads", "max-threads", "int64_t", /*default=*/"256",
           "Threads a workgroup may have (WebGPU's default limit)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def GPUHostBuffers : Pass<"tessera-gpu-host-buffers", "::mlir::ModuleOp"> {
  let summary = "Put every buffer of host code in memory the GPU runtime owns";
  let description = [{
    GPU kernels can only access memory their runtime allocated: a Vulkan
    kernel binds storage buffers, which must be `VkBuffer`s. Runs on host
    code with `gpu.launch` regions (after `convert-parallel-loops-to-gpu`,
    before `gpu-kernel-outlining`) and makes every buffer it uses a
    host-shared GPU allocation, mapped into the host's address space, so
    that the host code between kernels reads and writes the same memory:

    - `memref.alloc` / `memref.alloca` outside `gpu.launch` become
      `gpu.alloc host_shared`, `memref.dealloc` becomes `gpu.dealloc`
      (allocas are freed at the end of their block).
    - `memref.get_global` (constants) becomes a host-shared copy of the
      global, made at the start of the function and freed at its returns.
    - Memref arguments of public functions (the caller's buffers, as the
      runtime ABI passes them) are copied into host-shared buffers at entry
      when something reads them, and back at each return when something
      writes them, so that the compiled function keeps the CPU's ABI.

    Host-shared allocations are synchronous (`gpu.alloc host_shared` has no
    async form); a `gpu.dealloc` waits on a stream of its own, since its
    lowering (`gpu-to-llvm`) needs one.
  }];
  let dependentDialects = [
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def GPUKernelizeHostCode : Pass<"tessera-gpu-kernelize-host-code",
                                "::mlir::func::FuncOp"> {
  let summary = "Move the computation left in host code into GPU kernels";
  let description = [{
    After `convert-parallel-loops-to-gpu`, host code still computes where a
    linalg op had no parallel loop (a full reduction is a host `scf.for`)
    and where kernels take scalars read from buffers (coefficients
    extracted from a tensor become `memref.load`s passed to the kernel). A
    target whose host side can only launch kernels and copy buffers — the
    WebGPU runtime replays a manifest of dispatches and copies — needs all
    of it on the GPU:

    1. A scalar a `gpu.launch` uses that the host computes from constants
       and buffers (pure ops and `memref.load`s of buffers that nothing
       writes between the load and the launch) is recomputed at the start
       of the launch body; the host's copy is erased when dead.
    2. Each remaining run of host computation (ops with memory effects or
       regions, and the pure ops that depend on them) between structural
       ops (allocations, copies, views, launches) becomes a `gpu.launch` of
       one thread. Pure ops of a run that do not depend on it move in front
       of it.

    A run whose results later host code uses cannot become a kernel and is
    reported.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect"
  ];
}

def FlattenComplexBuffers : Pass<"tessera-flatten-complex-buffers",
                                 "::mlir::ModuleOp"> {
  let summary = "Store complex buffers as pairs of their element type";
  let description = [{
    WGSL has no complex type and its storage buffers are arrays of
    scalars. Every buffer of `complex<T>` elements with an identity layout
    (allocations, function arguments and results, copies) becomes one of
    `T` with a trailing dimension of 2 holding the real and imaginary
    parts — the same bytes, so callers pass the same data. A load of a
    complex element becomes two loads and a `complex.create`, a store two
    stores of `complex.re` / `complex.im`; complex arithmetic is left to
    `convert-complex-to-standard`, after which the creates fold into their
    uses. Views of complex buffers are reported (fold them into loads and
    stores first, e.g. with fold-memref-alias-ops).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def GPUSynchronousHostSharedAllocs
    : Pass<"tessera-gpu-synchronous-host-shared-allocs",
           "::mlir::func::FuncOp"> {
  let summary = "Take host-shared allocations out of async token chains";
  let description = [{
    `gpu-async-region` makes every GPU op of host code asynchronous, so that
    launches queue up on a stream and the host waits only before it touches
    memory (a `gpu.wait` before each op with side effects). It threads its
    token through `gpu.alloc host_shared` too, which `gpu-to-llvm` cannot
    lower: host-shared memory is allocated by the host, not in stream
    order. This pass makes each such allocation synchronous again, its
    token replaced by the tokens it depended on (one `gpu.wait async` joins
    several; none leaves a fresh one), so the chain keeps its order.

    Runs after `gpu-async-region`, before `gpu-to-llvm`. A buffer allocated
    while launches are pending is new memory to them: the runtime
    (libtessera_vulkan_rt.so) hands out memory released meanwhile only once
    they have run.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def GPULimitKernelBuffers : Pass<"tessera-gpu-limit-kernel-buffers",
                                 "::mlir::func::FuncOp"> {
  let summary = "Pack read-only buffers of launches over a binding limit";
  let description = [{
    Each buffer a kernel uses is a storage-buffer binding, and devices cap
    the bindings per shader stage (WebGPU's default
    maxStorageBuffersPerShaderStage is 8). Fused elementwise kernels easily
    use more (a conv + batch norm + quadratic neuron reads three maps and
    five per-channel vectors). For each `gpu.launch` (before outlining)
    that uses more than `max-buffers` buffers, the smallest buffers it only
    loads from, of one element type, are packed into one new buffer: copied
    into consecutive slices of it right before the launch (`memref.copy`
    into `memref.subview`s, which the runtime performs), freed after it,
    and the kernel's loads read the packed buffer at the slice's offset.
    Launches whose buffers cannot be packed (too few read-only buffers of
    one type) are left as they are: the target reports them.
  }];
  let options = [
    Option<"maxBuffers", "max-buffers", "int64_t", /*default=*/"8",
           "The most buffers a launch may use (0: no limit)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def GPUSPIRVEntryPointABI : Pass<"tessera-gpu-spirv-entry-point-abi",
                                 "::mlir::gpu::GPUModuleOp"> {
  let summary = "Give every GPU kernel its SPIR-V workgroup size";
  let description = [{
    `convert-gpu-to-spirv` lowers a `gpu.func` kernel only if it carries a
    `spirv.entry_point_abi` attribute: a Vulkan compute shader declares its
    workgroup size (`LocalSize`) in the binary, not at launch. This pass sets
    it from the kernel's `known_block_size` (which `gpu-kernel-outlining`
    records when the launch's block sizes are constants) and reports kernels
    whose block size is not known at compile time.
  }];
  let dependentDialects = ["::mlir::spirv::SPIRVDialect"];
}

def NVVMLowerMath : Pass<"tessera-nvvm-lower-math", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Lower math ops in CUDA kernels without libdevice";
  let description = [{
    `convert-gpu-to-nvvm` turns every math op into a call to NVIDIA's
    libdevice (`__nv_expf`, `__nv_fabsf`, ...), which only the CUDA
    toolkit ships: without it the PTX declares functions nothing defines,
    and the driver refuses to load it. Runs on a `gpu.module` before
    `convert-gpu-to-nvvm` and leaves no f32 math op for libdevice:

    - ops with a PTX instruction (`absf`, `fma`, `sqrt`, `floor`, `ceil`,
      `trunc`, `round`, `roundeven`, `copysign`, `ctpop`, `ctlz`, `cttz`,
      and `arith.maxnumf` / `arith.minnumf`)
      become calls of LLVM intrinsics (`llvm.call_intrinsic`), which the
      NVPTX back end selects directly;
    - transcendental f32 ops (`exp`, `log`, `sin`, `cos`, `tanh`, `erf`,
      ...) become MLIR's polynomial approximations (a few ulp), and `powf`,
      `sinh`, `tan`, ... are first expanded into those (f16/bf16 operands
      are computed in f32).

    What is left (e.g. f64 transcendentals, `arith.remf`) needs libdevice:
    with `libdevice=false` the pass reports each such op as an error naming
    it; with `libdevice=true` (the pipeline links the toolkit's
    `libdevice.10.bc`) it is left for `convert-gpu-to-nvvm`.
  }];
  let options = [
    Option<"libdevice", "libdevice", "bool", /*default=*/"false",
           "libdevice is linked: leave the ops without a lowering of their "
           "own to convert-gpu-to-nvvm's libdevice calls">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def PrintTuningSpace
    : Pass<"tessera-print-tuning-space", "::mlir::ModuleOp"> {
  let summary = "Print each kernel's class and pruned CPU tuning space";
  let description = [{
    For every linalg op that is a kernel (TuningSpace.h: not fills, copies,
    broadcasts or transposes; static shapes), prints its kernel class, its
    shape, the size of its class's declared space, the size after pruning
    by the device and the shape, and the first `limit` candidates (the
    default config first). Run it after tessera-to-linalg (the CPU
    pipeline's prefix). The device is the host unless the options describe
    another one (any option left at 0 keeps the host's value), e.g. a small
    device: `vector-width=4 registers=16 cores=1 l1-kb=16 l2-kb=128
    l3-kb=1024`.
    The IR is unchanged.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"0",
           "f32 lanes per SIMD register">,
    Option<"registers", "registers", "int64_t", /*default=*/"0",
           "SIMD registers">,
    Option<"cores", "cores", "int64_t", /*default=*/"0", "Hardware threads">,
    Option<"l1KB", "l1-kb", "int64_t", /*default=*/"0", "L1 data cache, KiB">,
    Option<"l2KB", "l2-kb", "int64_t", /*default=*/"0", "L2 cache, KiB">,
    Option<"l3KB", "l3-kb", "int64_t", /*default=*/"0", "L3 cache, KiB">,
    Option<"library", "library", "bool", /*default=*/"false",
           "oneDNN is available (library candidates)">,
    Option<"limit", "limit", "int64_t", /*default=*/"32",
           "Candidates kept per kernel">
  ];
}

def PrintGPUTuningSpace
    : Pass<"tessera-print-gpu-tuning-space", "::mlir::ModuleOp"> {
  let summary = "Print each GPU kernel's class and pruned GPU tuning space";
  let description = [{
    For every linalg op with static shapes that the GPU pipelines turn into
    a kernel, prints its GPU kernel class (GPUTuningSpace.h: `gpu-matmul`
    for the matmuls tessera-gpu-shared-memory-tiling computes in workgroup
    tiles, `gpu-nest` for every other loop nest), its shape, the knobs of
    its class with their legal values, the size of the declared space, the
    size after pruning by the device's limits and the shape, and the first
    `limit` points (the default first). Then the whole-module
    configurations that the Vulkan tuner measures and WebGPU artifacts ship
    as variants. Run it on linalg on tensors (the GPU prefix's first
    passes). The device is described by the options (the defaults are
    WebGPU's guaranteed limits). The IR is unchanged.
  }];
  let options = [
    Option<"maxInvocations", "max-invocations", "int64_t",
           /*default=*/"256", "Invocations per workgroup">,
    Option<"maxWorkgroupBytes", "max-workgroup-bytes", "int64_t",
           /*default=*/"16384", "Workgroup memory, bytes">,
    Option<"subgroupSize", "subgroup-size", "int64_t", /*default=*/"0",
           "Threads per subgroup (0: unknown)">,
    Option<"limit", "limit", "int64_t", /*default=*/"32",
           "Points kept per kernel class">
  ];
}

#endif // TESSERA_TRANSFORMS_PASSES_TD
