//===- GPURuntimeABI.h - The mgpu* ABI the GPU runtime libraries export ---===//
//
// What compiled host code calls in libtessera_cuda_rt.so and
// libtessera_vulkan_rt.so (lib/Runtime/CUDA/CUDARuntimeABI.cpp,
// lib/Runtime/Vulkan/VulkanRuntime.cpp), for the tests that call them
// directly; each test links one of the libraries.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_UNITTESTS_RUNTIME_GPURUNTIMEABI_H
#define TESSERA_UNITTESTS_RUNTIME_GPURUNTIMEABI_H

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" {
int tessera_gpu_rt_init(char *message, size_t size);
int tessera_gpu_rt_take_error(char *message, size_t size);
void tessera_gpu_rt_describe(char *message, size_t size);
void *mgpuModuleLoad(void *data, size_t size);
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedMemBytes, void *stream,
                      void **params, void **extra, size_t paramsCount);
void *mgpuStreamCreate();
void mgpuStreamDestroy(void *stream);
void mgpuStreamSynchronize(void *stream);
void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, bool isHostShared);
void mgpuMemFree(void *ptr, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream);
void mgpuMemset32(void *dst, unsigned value, size_t count, void *stream);
}

/// The runtime's first error since the last take, or "".
inline std::string takeGPURuntimeError() {
  char message[4096];
  if (!tessera_gpu_rt_take_error(message, sizeof(message)))
    return "";
  return message;
}

#endif // TESSERA_UNITTESTS_RUNTIME_GPURUNTIMEABI_H
