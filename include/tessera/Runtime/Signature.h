//===- Signature.h - Function signatures and the artifact manifest -*- C++ -*-===//
//
// What the runtime knows of a callable function: its tensor inputs and
// results. Taken from the func.func before lowering (JIT), or read back from
// the manifest string that tessera-compile embeds in a shared library.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_SIGNATURE_H
#define TESSERA_RUNTIME_SIGNATURE_H

#include "tessera-c/runtime.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
class Type;
} // namespace mlir

namespace tessera::runtime {

struct TensorSpec {
  tessera_dtype dtype;
  std::vector<int64_t> shape;

  int64_t numElements() const;
  std::string str() const; // e.g. "f32[8x32x64x64]"
};

struct FunctionSignature {
  std::string name;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> results;
  /// The words i4/u4 tensors are passed packed in (tessera-emulate-narrow-int's
  /// container-bits): 8 on the CPU, 32 on GPU targets. Either way element k
  /// is in the nibble at bit 4k of the little-endian buffer; the buffer
  /// holds whole words (ceil(n / (bits / 4)) of them).
  unsigned packedWordBits = 8;
};

/// Name of the global holding the manifest in a compiled artifact, and the
/// prefix of the packed entry points (void entry(void **descriptors)).
inline constexpr const char *kManifestSymbol = "tessera_manifest";
inline constexpr const char *kEntryPrefix = "tessera_entry_";

/// Maps an MLIR element type to a runtime dtype; false if unsupported.
bool dtypeFromType(mlir::Type type, tessera_dtype &dtype);

/// Reads the signatures of the public functions of `module`. Fails with a
/// message naming the function for non-tensor or dynamically shaped
/// arguments/results, or unsupported element types.
bool collectSignatures(mlir::ModuleOp module,
                       std::vector<FunctionSignature> &signatures,
                       std::string &error);

/// Text form embedded in artifacts:
///   tessera-manifest 1
///   function NAME
///   input f32 8x32x64x64
///   result f32 8x1x64x64
///   packed-word-bits 32        (only if not 8)
///   end
std::string serializeManifest(const std::vector<FunctionSignature> &sigs);
bool parseManifest(llvm::StringRef text, std::vector<FunctionSignature> &sigs,
                   std::string &error);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_SIGNATURE_H
