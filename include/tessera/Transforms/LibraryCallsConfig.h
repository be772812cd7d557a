//===- LibraryCallsConfig.h - Which ops the CPU hands to oneDNN -*- C++ -*-===//
//
// The choice of `tessera-cpu-library-calls`, as one value that a tuner can
// build per op kind, print into the CPU pipeline and compare against the
// generated code. The default selects nothing: generated code everywhere.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TRANSFORMS_LIBRARYCALLSCONFIG_H
#define TESSERA_TRANSFORMS_LIBRARYCALLSCONFIG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::tessera {

/// Op kinds that become calls to oneDNN (through libtessera_dnnl.so) instead
/// of generated loops. Each kind covers ops with static shapes only:
///   matmul        linalg.matmul, f32 x f32 -> f32
///   batch_matmul  linalg.batch_matmul, f32 x f32 -> f32
///   qmatmul       int8 GEMMs with i32 accumulation: linalg.matmul
///                 i8 x i8 -> i32 (sign-extending) and the contraction
///                 linalg.generic that tessera.qmatmul lowers to for
///                 ui8 x i8 (zero-extended times sign-extended); the zero
///                 point corrections and scaling of tessera.qmatmul stay
///                 generated code around the call.
///   conv          linalg.conv_2d_nchw_fchw, f32 (any strides and
///                 dilations; padding is a tensor.pad before it).
struct LibraryCallsConfig {
  bool matmul = false;
  bool batchMatmul = false;
  bool qmatmul = false;
  bool conv = false;
  /// Only ops of at least this many FLOPs (2 * batch * M * N * K; for a
  /// convolution 2 * N * F * OH * OW * C * KH * KW) are called
  /// through the library: small GEMMs are cheaper inline.
  int64_t minFlops = 0;

  /// Whether any op kind is selected.
  bool any() const { return matmul || batchMatmul || qmatmul || conv; }

  /// The selected kinds by name, in the order above.
  std::vector<std::string> kinds() const;

  /// Selects the kinds named in `names` (each one of "matmul",
  /// "batch_matmul", "qmatmul", "conv", or "all" / "none"); on an unknown
  /// name sets `error` and returns false.
  bool selectKinds(llvm::ArrayRef<std::string> names, std::string &error);

  /// Parses a comma-separated list such as "matmul,qmatmul" ("" or "none":
  /// nothing; "all": every kind). Leaves minFlops at 0.
  static std::optional<LibraryCallsConfig> parse(llvm::StringRef list,
                                                 std::string &error);

  /// The options of `tessera-cpu-library-calls` for this config, in
  /// pass-pipeline syntax: "ops=matmul,qmatmul min-flops=0".
  std::string toPassOptions() const;
};

/// Whether `tessera-cpu-library-calls` can hand `op` to the library when
/// its kind is selected or the op is marked (`tessera.library_calls`): its
/// kind, element types and static shapes are among those above.
bool canCallLibrary(Operation *op);

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_LIBRARYCALLSCONFIG_H
