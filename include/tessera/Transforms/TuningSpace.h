//===- TuningSpace.h - Per-kernel tuning spaces of the CPU target -*- C++
//-*-===//
//
// After nn-JIT.web: each kernel class has a declared space of code
// generation knobs (millions of combinations); a description of the device
// (SIMD registers, caches, cores) and the kernel's shape prune it to a few
// dozen candidates, which the runtime's tuner (tessera/Runtime/Tuner.h)
// measures online.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TRANSFORMS_TUNINGSPACE_H
#define TESSERA_TRANSFORMS_TUNINGSPACE_H

#include "tessera/Transforms/CPUCodegenConfig.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::tessera {

/// The op or function attribute (a string in the syntax of
/// CPUCodegenConfig::toPassOptions) that overrides the pipeline's codegen
/// config in tessera-cpu-tile-and-vectorize: for one op and the ops the
/// pass makes of it (the tuner puts a tuned kernel's config on its ops), or
/// for a function's ops that carry none of their own (the tuner's
/// measuring modules).
inline constexpr llvm::StringLiteral kCPUConfigAttrName = "tessera.cpu_config";

/// Orders scored candidates by score, lowest first, ties in their order
/// (std::stable_sort's result, without its deprecated temporary buffer).
template <typename T>
void sortByScore(std::vector<std::pair<double, T>> &scored) {
  std::vector<size_t> order(scored.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return scored[a].first != scored[b].first
               ? scored[a].first < scored[b].first
               : a < b;
  });
  std::vector<std::pair<double, T>> sorted;
  sorted.reserve(scored.size());
  for (size_t i : order)
    sorted.push_back(std::move(scored[i]));
  scored = std::move(sorted);
}
/// The op or function attribute (unit) that makes tessera-cpu-library-calls
/// hand the GEMM (every GEMM of the function) to oneDNN, whatever its
/// options select.
inline constexpr llvm::StringLiteral kLibraryCallsAttrName =
    "tessera.library_calls";

enum class KernelClass { MatmulLike, ConvLike, Spectral, Elementwise, LowBit };
llvm::StringRef kernelClassName(KernelClass kernelClass);

/// What the pruning rules know of the CPU.
struct CPUDeviceDescription {
  std::string name;           // CPU model name (for the fingerprint)
  std::string features;       // the SIMD features that matter, space-separated
  int64_t vectorWidth = 8;    // f32 lanes per SIMD register
  int64_t simdRegisters = 16; // architectural vector registers
  int64_t cores = 1;          // hardware threads
  int64_t l1Bytes = 32 << 10; // L1 data cache per core
  int64_t l2Bytes = 512 << 10;
  int64_t l3Bytes = 8 << 20;
  bool hasLibrary = false; // oneDNN (libtessera_dnnl.so) is available
  /// x86 pmaddwd at `vectorWidth` (CPUCodegenConfig::intDotPairs).
  bool hasX86Pmaddwd = false;
  /// x86 vpdpbusd at `vectorWidth` (CPUCodegenConfig::intDotQuads).
  bool hasX86Vpdpbusd = false;

  /// This machine: SIMD width and registers from LLVM's host features,
  /// threads, cache sizes from /sys/devices/system/cpu/cpu0/cache (or
  /// sysconf; conservative defaults where neither says).
  static CPUDeviceDescription host();
  /// Everything a tuned config depends on, as one string (the cache keys
  /// hash it).
  std::string fingerprint() const;
};

/// One knob of a kernel class and its legal values (before pruning). For
/// booleans the values are 0 and 1; `library` is 1 for "call oneDNN".
struct TuningKnob {
  std::string name;
  std::vector<int64_t> values;
  std::string meaning;
};

/// The shape of a kernel as the space sees it: its class and, for
/// contractions, the GEMM sizes (the op's `m`, `n`, `k` loops, the others
/// folded into `batch`).
struct KernelShape {
  KernelClass kernelClass = KernelClass::Elementwise;
  /// The op is tiled as a contraction (register tiles, packing).
  bool contraction = false;
  /// tessera-cpu-library-calls can hand it to oneDNN (canCallLibrary: f32
  /// matmul / batch_matmul, int8 GEMMs, f32 NCHW convolutions).
  bool libraryEligible = false;
  /// Its products are of integers that fit i16 (accumulatesI16Products):
  /// pmaddwd can compute them in pairs of k (int-dot-pairs).
  bool i16Products = false;
  /// Its products are of integers that fit i8 (accumulatesI8Products):
  /// vpdpbusd can compute them in quads of k (int-dot-quads).
  bool i8Products = false;
  /// Its right operand must be packed and it can compute its result
  /// transposed instead (matchTransposedResult: then m and n trade places).
  bool transposableResult = false;
  int64_t batch = 1, m = 1, n = 1, k = 1;
  /// Points of the iteration space.
  double points = 0;
  /// 2 * points for contractions, points otherwise.
  double flops = 0;
  /// "matmul 1x512x512x512 f32": for people.
  std::string description;
};

/// Classifies a linalg op (after tessera-to-linalg); nullopt for ops that
/// are not kernels (fills, copies, non-linalg ops, dynamic shapes).
std::optional<KernelShape> analyzeKernel(Operation *op);

/// One point of a space: a codegen config (every field set) or the library.
struct TuningCandidate {
  CPUCodegenConfig config;
  bool library = false;
  /// "library", or the config's knobs in pass-option syntax (only those a
  /// kernel class tunes).
  std::string str() const;
  /// Parses `str()` back; the fields it does not name keep `defaults`.
  static std::optional<TuningCandidate> parse(llvm::StringRef text,
                                              const CPUCodegenConfig &defaults,
                                              std::string &error);
  bool operator==(const TuningCandidate &other) const {
    return str() == other.str();
  }
};

/// The declared space of a kernel class on a device: every knob and its
/// legal values. This table is the one place where the knobs are declared.
std::vector<TuningKnob> tuningKnobs(KernelClass kernelClass,
                                    const CPUDeviceDescription &device);

/// The number of points of the declared space (the product of the knobs'
/// value counts).
double tuningSpaceSize(llvm::ArrayRef<TuningKnob> knobs);

/// The pruned space of one kernel: the points that the device allows
/// (register tiles that fit in the SIMD registers, panels in L1, blocks in
/// L2, chunks no more than the cores) and that the shape makes distinct
/// (tiles no bigger than the dimensions), best first by a simple cost
/// model, at most `limit` of them. The first candidate is always the
/// default config (the untuned one). `unlimited`, if given, receives the
/// size of the pruned space before the cut to `limit`.
std::vector<TuningCandidate>
prunedTuningSpace(const KernelShape &shape, const CPUDeviceDescription &device,
                  const CPUCodegenConfig &defaults, size_t limit = 32,
                  size_t *unlimited = nullptr);

/// The default config of `device` (CPUCodegenConfig::forVectorWidth with the
/// device's width and cores).
CPUCodegenConfig defaultConfigFor(const CPUDeviceDescription &device);

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_TUNINGSPACE_H
