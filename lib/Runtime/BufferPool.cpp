//===- BufferPool.cpp - Reused buffers for compiled code's temporaries ----===//
//
// Every block carries a header just before the pointer handed out: the
// block's size, its base address and the user pointer's offset. free()
// pushes the block on a free list (linked through the headers) in a bucket
// hashed from (size, offset); allocate() takes a block of exactly that size
// and offset from it. A model allocates the same sizes on every call, so
// exact reuse is what matters. At most kMaxCachedBytes stay cached; beyond
// that, freed blocks go back to the system.
//
// Plain C library only (no libstdc++): artifacts of tessera-compile link
// this file statically and are linked as C.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/BufferPool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

namespace {

/// The user pointer is aligned to at least this, and the header fits in
/// front of it (compiled code asks for alignments of at most 64 bytes; a
/// larger one gets a larger offset).
constexpr size_t kMinAlignment = 64;
constexpr size_t kMaxCachedBytes = size_t(2) << 30;
constexpr size_t kBuckets = 256;

struct Header {
  /// Bytes from `base` to the end of the block.
  size_t blockBytes;
  /// Offset of the user pointer from `base`.
  size_t offset;
  /// What aligned_alloc returned.
  void *base;
  /// Next free block of the same bucket (while the block is free).
  Header *next;
};

pthread_mutex_t poolMutex = PTHREAD_MUTEX_INITIALIZER;
Header *freeLists[kBuckets];
size_t cachedBytes;

size_t bucketOf(size_t blockBytes, size_t offset) {
  uint64_t key = uint64_t(blockBytes) * 0x9E3779B97F4A7C15ull ^ offset;
  return size_t(key >> 56) % kBuckets;
}

Header *headerOf(void *pointer) {
  return reinterpret_cast<Header *>(static_cast<char *>(pointer) -
                                    sizeof(Header));
}

void *allocate(size_t alignment, size_t size) {
  if (alignment < kMinAlignment)
    alignment = kMinAlignment;
  if (alignment & (alignment - 1))
    return nullptr;
  size_t offset = alignment; // >= sizeof(Header)
  size_t blockBytes = (offset + size + alignment - 1) / alignment * alignment;
  size_t bucket = bucketOf(blockBytes, offset);
  pthread_mutex_lock(&poolMutex);
  for (Header **link = &freeLists[bucket]; *link; link = &(*link)->next) {
    Header *header = *link;
    if (header->blockBytes == blockBytes && header->offset == offset) {
      *link = header->next;
      cachedBytes -= blockBytes;
      pthread_mutex_unlock(&poolMutex);
      return static_cast<char *>(header->base) + offset;
    }
  }
  pthread_mutex_unlock(&poolMutex);
  void *base = aligned_alloc(alignment, blockBytes);
  if (!base)
    return nullptr;
  void *user = static_cast<char *>(base) + offset;
  *headerOf(user) = Header{blockBytes, offset, base, nullptr};
  return user;
}

} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(size_t size) {
  return allocate(kMinAlignment, size);
}

extern "C" void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment,
                                                    size_t size) {
  return allocate(alignment, size);
}

extern "C" void _mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  Header *header = headerOf(pointer);
  pthread_mutex_lock(&poolMutex);
  if (cachedBytes + header->blockBytes <= kMaxCachedBytes) {
    size_t bucket = bucketOf(header->blockBytes, header->offset);
    header->next = freeLists[bucket];
    freeLists[bucket] = header;
    cachedBytes += header->blockBytes;
    pthread_mutex_unlock(&poolMutex);
    return;
  }
  pthread_mutex_unlock(&poolMutex);
  free(header->base);
}

extern "C" size_t tessera_buffer_pool_cached_bytes(void) {
  pthread_mutex_lock(&poolMutex);
  size_t bytes = cachedBytes;
  pthread_mutex_unlock(&poolMutex);
  return bytes;
}
