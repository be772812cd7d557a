//===- Helpers.h - WGSL functions for arith/math semantics -----*- C++ -*-===//
//
// Internal to the WGSL emitter.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_TARGET_WGSL_HELPERS_H
#define TESSERA_LIB_TARGET_WGSL_HELPERS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::tessera::wgsl {

/// The WGSL source of the module-scope helper function `name`: f32_from_bits,
/// isnan_f32, isinf_f32, maximumf_f32, minimumf_f32, maxnumf_f32,
/// minnumf_f32, floordiv_i32, ceildiv_i32, round_f32 or erf_f32. Appends the
/// helpers it calls to `dependencies`.
std::string
getHelperSource(llvm::StringRef name,
                llvm::SmallVectorImpl<llvm::StringRef> &dependencies);

} // namespace mlir::tessera::wgsl

#endif // TESSERA_LIB_TARGET_WGSL_HELPERS_H
