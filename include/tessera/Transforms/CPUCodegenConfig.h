//===- CPUCodegenConfig.h - Knobs of the CPU code generator -----*- C++ -*-===//
//
// The parameters of `tessera-cpu-tile-and-vectorize`, as one value that a
// tuner can build, print into the CPU pipeline and search over.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TRANSFORMS_CPUCODEGENCONFIG_H
#define TESSERA_TRANSFORMS_CPUCODEGENCONFIG_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::tessera {

/// Tile sizes and vectorization switches of the CPU code generator.
///
/// Contraction-like ops (matmul, batch_matmul, generic ops with reduction
/// loops) are tiled for the caches with [mc, nc, kc] and for the registers
/// with [mr, nr, kr]: `m` is the output's second innermost dimension, `n`
/// its innermost one (the vector lanes), `k` the innermost reduction
/// dimension. A register tile is a `vector<mr x nr>` accumulator, updated by
/// `kr` outer products per step of the reduction loop.
///
/// In every field, 0 means "the default for the target" (filled in by
/// `resolved()`), and a negative tile size leaves that dimension untiled at
/// that level.
struct CPUCodegenConfig {
  /// A switch whose default the code generator decides per op.
  enum class Choice { Auto, No, Yes };

  // Cache tiles.
  int64_t mc = 0;
  int64_t nc = 0;
  int64_t kc = 0;
  // Register tiles.
  int64_t mr = 0;
  int64_t nr = 0;
  int64_t kr = 0;
  /// f32 lanes of one SIMD register.
  int64_t vectorWidth = 0;
  /// Vectorize the register tiles (false: tile only, the tiles become
  /// scalar loops).
  bool vectorize = true;
  /// Tile and vectorize elementwise ops and reductions along their inputs'
  /// innermost dimension (row sums and maxima) too (false: scalar loops).
  bool vectorizeElementwise = true;
  /// Pack the right-hand operands of big contractions (those indexed by n
  /// and not by m, e.g. B of A x B) into panels of nr columns, [N/nr, ..,
  /// K, nr], so that the register tiles read them contiguously instead of
  /// with the stride of a row (which conflicts in the caches at power-of-two
  /// sizes). Costs one copy of those operands.
  bool packRhs = true;
  /// Likewise for the left-hand operands (indexed by m and k, not n: A),
  /// into panels of mr rows [M/mr, .., K, mr]. Off by default: on this
  /// project's AVX2 host it measured slower (the left operand's rows are
  /// each reused for 16 steps of k from L1 anyway).
  bool packLhs = false;
  /// Big ops (at least `parallelMinWork` points in their iteration space)
  /// are split into this many slices along one parallel loop that divides
  /// evenly (batch dimensions first, then the output's columns, then its
  /// rows), as an scf.forall whose slices run on the runtime's threads
  /// (tessera-cpu-parallelize). 0: the host's hardware threads; 1: no
  /// splitting (single-threaded code).
  int64_t parallelChunks = 0;

  /// Ops with fewer points than this stay in one piece: below, forking and
  /// joining the threads (a few microseconds) costs more than it saves.
  /// 0: the default, 65536.
  int64_t parallelMinWork = 0;

  /// Fuse an elementwise consumer of a contraction's result (bias, BN
  /// scale/shift, activation, residual add: its epilogue) into the
  /// contraction's thread slices and column strips, together with the
  /// elementwise producers of its operands that no strip recomputes, so that
  /// each strip of the result is finished while it is in the caches instead
  /// of being written out in full and read back by a second loop nest.
  bool fuseElementwise = true;

  /// Integer contractions whose operands fit i16 (int8, int4: sign-extended
  /// from at most 16 bits or zero-extended from at most 15) and accumulate
  /// in i32 take an even `kr` (kr rounded up to one), so that
  /// tessera-cpu-lower-vectors can compute them two steps of k per
  /// instruction with x86's pmaddwd (vpdpwssd with VNNI) instead of one
  /// 32-bit multiply and add per product. The CPU pipeline ignores it where
  /// the host lacks pmaddwd at `vectorWidth` lanes (hasX86Pmaddwd).
  bool intDotPairs = true;

  /// Integer contractions whose operands fit i8 (int8, int4) take a kr that
  /// is a multiple of 4 and at least 16 instead (kr up to 16 compiles the
  /// same), and keep their left operand in bytes, so
  /// that tessera-cpu-lower-vectors can compute them four steps of k per
  /// instruction with vpdpbusd (AVX512-VNNI). The CPU pipeline ignores it
  /// where the host lacks it at `vectorWidth` lanes (hasX86Vpdpbusd).
  bool intDotQuads = true;

  /// Contractions with a short reduction (k <= 64 in all) and full register
  /// tiles of two vectors' width take tiles half as high and twice as wide
  /// (mr / 2 x 2 nr: the same accumulators), which need half the
  /// broadcasts of the left operand per step of k: with few steps per
  /// tile those, and the tile's loads and stores, are what it costs, not
  /// its FMAs (measured on AVX-512, one thread: f32 128 x 4096 with k = 3
  /// to 64 1.2-1.9x faster as 4 x 64 than as 8 x 32; on par from k = 128
  /// and for 512^3, 1024^3). The tuner's candidates turn it off: they are
  /// measured as the tiles they name.
  bool shortReductionTiles = true;

  /// Contractions whose result has its m and n dimensions both (a batched
  /// A x B^T, attention's P x V: out[d, i] = sum_t V[d, t] P[i, t]) compute
  /// it transposed, m innermost (out^T = B A^T: the vectors run along m,
  /// the right operand's rows are broadcast from where they lie), and
  /// their consumers read it through the transposition. Worth it where the
  /// right operand is transposed (only packed can it be vectorized along
  /// n) and much bigger than the left one and the result: P x V packs a
  /// 16 x 112 V instead of a 3136 x 112 P per head. `Auto`: where packing
  /// the right operand would copy more than twice what the transposed form
  /// copies and transposes (CPUContractionLoops.h); the tuner measures
  /// both ways.
  Choice transposeResult = Choice::Auto;

  /// "auto", "false" or "true".
  static llvm::StringRef choiceName(Choice choice);

  /// Whether the host has vpdpbusd on vectors of `vectorWidth` f32 lanes
  /// (AVX512-VNNI with 16; other widths are not used).
  static bool hostHasX86Vpdpbusd(int64_t vectorWidth);

  /// Whether the host has pmaddwd on vectors of `vectorWidth` f32 lanes:
  /// AVX-512BW for 16, AVX2 for 8, SSE2 for 4.
  static bool hostHasX86Pmaddwd(int64_t vectorWidth);

  /// f32 lanes of the host's widest SIMD registers: 16 with AVX-512F, 8
  /// with AVX (x86), 4 otherwise (SSE, NEON).
  static int64_t hostVectorWidth();

  /// Hardware threads of the host (its default parallelChunks).
  static int64_t hostThreads();

  /// The defaults for a target with `vectorWidth`-lane f32 registers:
  /// nr = 2 vectors, mr = 6 (8 with 16 lanes, whose ISA has 32 registers),
  /// kr = 1, kc = 256, mc = 72 (a multiple of mr), nc = 256.
  static CPUCodegenConfig forVectorWidth(int64_t vectorWidth);

  /// `forVectorWidth(hostVectorWidth())`.
  static CPUCodegenConfig host();

  /// Lanes of one SIMD register (`vectorWidth` f32 lanes' worth) for
  /// elements of `elementBits` bits (sub-byte ones counted as bytes).
  int64_t lanesFor(int64_t elementBits) const;

  /// This config with every 0 replaced by the default of its vector width
  /// (the host's if that is 0 too).
  CPUCodegenConfig resolved() const;

  /// The options of `tessera-cpu-tile-and-vectorize` for this config, in
  /// pass-pipeline syntax: "mc=.. nc=.. kc=.. mr=.. nr=.. kr=..
  /// vector-width=.. vectorize=.. vectorize-elementwise=.. pack-rhs=..
  /// pack-lhs=.. parallel-chunks=.. parallel-min-work=.. fuse-elementwise=..
  /// int-dot-pairs=.. int-dot-quads=.. short-reduction-tiles=..
  /// transpose-result=..".
  std::string toPassOptions() const;

  /// Sets the fields named in `text`, in the syntax of `toPassOptions()`
  /// (space-separated key=value pairs, any subset, in any order). Returns
  /// false with a message in `error` on an unknown key or a bad value.
  bool parsePassOptions(llvm::StringRef text, std::string &error);
};

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_CPUCODEGENCONFIG_H
