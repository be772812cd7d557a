//===- BufferPool.h - Reused buffers for compiled code's temporaries ------===//
//
// Compiled models allocate their intermediate tensors on every call
// (memref.alloc, lowered with finalize-memref-to-llvm's generic functions)
// and free them before returning. Through malloc, every call of a model with
// large intermediates maps fresh pages from the kernel (glibc serves blocks
// over 32 MiB with mmap and unmaps them on free) and faults them in again:
// measured 5x slower on the FNO spectral convolution. These functions keep
// freed blocks for reuse by the next allocation of the same size instead.
//
// The JIT binds the generated code's calls to them; artifacts of
// tessera-compile link their own copy (libtessera_artifact_support.a).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BUFFERPOOL_H
#define TESSERA_RUNTIME_BUFFERPOOL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The allocation functions of code lowered with
 * finalize-memref-to-llvm{use-generic-functions}: malloc, aligned_alloc and
 * free semantics. Thread-safe. */
void *_mlir_memref_to_llvm_alloc(size_t size);
void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size);
void _mlir_memref_to_llvm_free(void *pointer);

/* Bytes of freed blocks the pool keeps for reuse (for tests and tools). */
size_t tessera_buffer_pool_cached_bytes(void);

#ifdef __cplusplus
}
#endif

#endif // TESSERA_RUNTIME_BUFFERPOOL_H
