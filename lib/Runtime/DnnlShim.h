//===- DnnlShim.h - What the files of libtessera_dnnl.so share --*- C++ -*-===//
//
// Internal to libtessera_dnnl.so (DnnlKernels.cpp: GEMMs,
// DnnlConvolution.cpp: convolutions): the process's oneDNN engine, a stream
// per thread, and the one-time warning of a failed primitive. The library
// is built with hidden visibility: only TESSERA_DNNL_EXPORT functions (those
// of include/tessera/Runtime/DnnlKernels.h) are exported.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_RUNTIME_DNNLSHIM_H
#define TESSERA_LIB_RUNTIME_DNNLSHIM_H

#include <oneapi/dnnl/dnnl.h>

#include <atomic>

#define TESSERA_DNNL_EXPORT extern "C" __attribute__((visibility("default")))

namespace tessera::dnnl_shim {

/// The CPU engine, created on first use; null if oneDNN cannot make one.
dnnl_engine_t engine();

/// This thread's stream (streams are not thread-safe); null on failure.
dnnl_stream_t stream();

/// The primitive descriptor of `desc` on the engine, for a primitive that
/// writes its result (`accumulate` false) or adds it to what the
/// destination holds (a sum post-op); on failure `pd` is null and the
/// status says why.
dnnl_status_t createPrimitiveDesc(const_dnnl_op_desc_t desc, bool accumulate,
                                  dnnl_primitive_desc_t &pd);

/// Reports a oneDNN failure once per kind of call; the caller falls back
/// to its reference loops.
void warnOnce(std::atomic<bool> &warned, const char *what,
              dnnl_status_t status);

} // namespace tessera::dnnl_shim

#endif // TESSERA_LIB_RUNTIME_DNNLSHIM_H
