//===- Npy.h - Read and write NumPy .npy files ------------------*- C++ -*-===//
//
// The exchange format of tessera-run: little-endian, C-order .npy files of
// version 1, 2 or 3 with dtypes <f4 <f8 <i4 <i8 |i1 |u1 |b1 <c8. i4/u4 data
// travels as |i1/|u1 with one value per byte.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_NPY_H
#define TESSERA_RUNTIME_NPY_H

#include "tessera/Runtime/Runtime.h"

#include <string>

namespace tessera::npy {

/// Reads `path` into `tensor`; on failure returns false and a message that
/// names the file and the problem.
bool read(const std::string &path, Tensor &tensor, std::string &error);

/// Writes `tensor` to `path` (version 1.0; i4/u4 as |i1/|u1).
bool write(const std::string &path, const Tensor &tensor, std::string &error);

} // namespace tessera::npy

#endif // TESSERA_RUNTIME_NPY_H
