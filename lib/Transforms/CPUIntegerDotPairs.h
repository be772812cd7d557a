//===- CPUIntegerDotPairs.h - Narrow integer products in pairs --*- C++ -*-===//
//
// Part of tessera-cpu-lower-vectors: the register tiles of integer GEMMs
// (int8/int4 operands, i32 accumulators) computed two steps of k per
// instruction with x86's pmaddwd (vpdpwssd with VNNI), or four with
// vpdpbusd (AVX512-VNNI), instead of one 32-bit multiply and one add per
// product. Internal to the pass.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_TRANSFORMS_CPUINTEGERDOTPAIRS_H
#define TESSERA_LIB_TRANSFORMS_CPUINTEGERDOTPAIRS_H

#include "mlir/IR/PatternMatch.h"

#include <cstdint>

namespace mlir::tessera {

/// The name of the x86 intrinsic that multiplies 16-bit lanes and adds
/// adjacent pairs of products into 32-bit lanes (pmaddwd) on vectors of
/// `bits` bits (128, 256 or 512), or an empty string for other widths.
llvm::StringRef x86PmaddwdIntrinsic(int64_t bits);

/// Rewrites an accumulation of a register tile, acc[m, n] += sum over an
/// even number of k of a[m, k] * b[k, n] with both operands sign-extended
/// from at most 16 bits or zero-extended from at most 15 (so that each
/// fits a signed i16) and acc of i32, into `llvm.call_intrinsic` of
/// x86PmaddwdIntrinsic(bits) on pairs of k: b's two rows interleaved once
/// per pair, a's two values of each row broadcast as one i32. Every pair
/// sum fits an i32 and the additions wrap like the original's, so the
/// result is bit for bit the same. Two forms, as tessera-cpu-tile-and-
/// vectorize leaves them: `vector.multi_reduction <add>` of `arith.muli`
/// of extended `vector.transfer_read`s that broadcast a along n and b along
/// m (generic contractions), and `vector.contract` of a by b (named ones).
/// The accumulator's rows must be whole vectors of bits / 32 lanes. LLVM
/// selects vpdpwssd for `acc + pmaddwd` where the CPU has AVX512-VNNI or
/// AVX-VNNI.
///
/// With `vpdpbusdBits` (512: AVX512-VNNI), tiles whose operands fit bytes
/// (a of at most 8 bits either way, b signed of at most 8 or unsigned of
/// at most 7) and whose k is a multiple of 4 take vpdpbusd instead: four
/// steps of k per instruction, b's four rows interleaved once per quad, a's
/// four bytes broadcast as one i32; a signed a is made unsigned by adding
/// 128, and 128 x b's column sums (one more vpdpbusd per vector of the
/// row, shared by all rows) are taken away again. Exact modulo 2^32.
void populateX86IntegerDotPairsPatterns(RewritePatternSet &patterns,
                                        int64_t pmaddwdBits,
                                        int64_t vpdpbusdBits = 0);

/// The name of vpdpbusd's intrinsic on vectors of `bits` bits (512), or an
/// empty string.
llvm::StringRef x86VpdpbusdIntrinsic(int64_t bits);

} // namespace mlir::tessera

#endif // TESSERA_LIB_TRANSFORMS_CPUINTEGERDOTPAIRS_H
