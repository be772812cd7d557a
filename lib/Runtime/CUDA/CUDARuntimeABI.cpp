//===- CUDARuntimeABI.cpp - The mgpu* ABI over the CUDA driver API
//---------===//
//
// Host code lowered by `gpu-to-llvm` calls these functions (upstream MLIR's
// GPU runtime ABI: mgpuModuleLoad, mgpuLaunchKernel, mgpuMemAlloc, ...); this
// is Tessera's own implementation on top of the driver API that
// CUDADriver.cpp loads with dlopen.
//
// The ABI has no error results. A failing call records its error (the first
// one on the calling thread is kept), returns a null handle, and later calls
// that get a null handle do nothing: the runtime checks for an error after
// loading a module and after every call (tessera_gpu_rt_take_error), and
// reports it instead of crashing.
//
//===----------------------------------------------------------------------===//

#include "CUDADriver.h"

#include <cstring>
#include <string>

using namespace tessera::cuda;

#define TESSERA_CUDA_EXPORT extern "C" __attribute__((visibility("default")))

namespace {
thread_local std::string pendingError;

void recordError(const std::string &message) {
  if (pendingError.empty())
    pendingError = message;
}

/// The driver, or null with the reason recorded.
const DriverAPI *api() {
  std::string error;
  const DriverAPI *a = getDriver(&error);
  if (!a)
    recordError(error);
  return a;
}

/// Records a failed call; true if it succeeded.
bool check(const char *call, CUresult result) {
  if (result == CUDA_SUCCESS)
    return true;
  recordError(formatError(call, result));
  return false;
}

/// Makes the primary context current on this thread for one ABI call (the
/// JIT-compiled code may run on any thread) and restores the previous one.
class ScopedContext {
public:
  explicit ScopedContext(const DriverAPI *a) : a(a) {
    if (a)
      pushed =
          check("cuCtxPushCurrent", a->cuCtxPushCurrent(getPrimaryContext()));
  }
  ~ScopedContext() {
    if (pushed)
      a->cuCtxPopCurrent(nullptr);
  }

private:
  const DriverAPI *a;
  bool pushed = false;
};

CUmodule loadModule(const void *data, int optLevel, bool setOptLevel) {
  const DriverAPI *a = api();
  if (!a || !data)
    return nullptr;
  ScopedContext scope(a);
  // PTX is compiled by the driver's JIT here: keep its log for the error.
  char log[8192] = {0};
  int options[3] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                    CU_JIT_OPTIMIZATION_LEVEL};
  void *values[3] = {log, reinterpret_cast<void *>(sizeof(log) - 1),
                     reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  CUmodule module = nullptr;
  CUresult result = a->cuModuleLoadDataEx(&module, data, setOptLevel ? 3 : 2,
                                          options, values);
  if (result != CUDA_SUCCESS) {
    std::string message = formatError("cuModuleLoadDataEx", result);
    if (log[0])
      message += ": " + std::string(log);
    recordError(message);
    return nullptr;
  }
  return module;
}
} // namespace

//===----------------------------------------------------------------------===//
// Tessera's probe and error ABI (shared with the other GPU backends)
//===----------------------------------------------------------------------===//

static int copyMessage(const std::string &text, char *message, size_t size) {
  if (message && size) {
    size_t n = text.size() < size - 1 ? text.size() : size - 1;
    std::memcpy(message, text.data(), n);
    message[n] = 0;
  }
  return 1;
}

/// 0 if the driver loads and a device is usable, with the device in
/// `message` ("NVIDIA H200 (sm_90), CUDA driver 13.0"); else 1, with why
/// ("CUDA driver not found: libcuda.so.1: ..."). Messages are truncated to
/// `size` bytes, NUL included.
TESSERA_CUDA_EXPORT int tessera_gpu_rt_init(char *message, size_t size) {
  std::string error;
  if (getDriver(&error)) {
    copyMessage(describeDevice(), message, size);
    return 0;
  }
  return copyMessage(error, message, size);
}

/// The device's identity and limits for tuners (deviceInfo): 0, or 1 with
/// why the driver is unusable.
TESSERA_CUDA_EXPORT int tessera_gpu_rt_device_info(char *message, size_t size) {
  std::string error;
  if (!getDriver(&error))
    return copyMessage(error, message, size);
  copyMessage(deviceInfo(), message, size);
  return 0;
}

/// The first error of an ABI call on this thread since the last take: 1 and
/// the message, or 0 if none. Clears it.
TESSERA_CUDA_EXPORT int tessera_gpu_rt_take_error(char *message, size_t size) {
  if (pendingError.empty())
    return 0;
  std::string error;
  error.swap(pendingError);
  return copyMessage(error, message, size);
}

/// The device the backend runs on, e.g. "NVIDIA H200 (sm_90), CUDA driver
/// 13.0", or why there is none.
TESSERA_CUDA_EXPORT void tessera_gpu_rt_describe(char *message, size_t size) {
  copyMessage(describeDevice(), message, size);
}

//===----------------------------------------------------------------------===//
// Modules and kernels
//===----------------------------------------------------------------------===//

/// A cubin or fatbin (gpu-module-to-binary format=bin|fatbin).
TESSERA_CUDA_EXPORT void *mgpuModuleLoad(void *data, size_t /*size*/) {
  return loadModule(data, 0, /*setOptLevel=*/false);
}

/// NUL-terminated PTX (format=isa), compiled by the driver at `optLevel`.
TESSERA_CUDA_EXPORT void *mgpuModuleLoadJIT(void *data, int optLevel) {
  return loadModule(data, optLevel, /*setOptLevel=*/true);
}

TESSERA_CUDA_EXPORT void mgpuModuleUnload(void *module) {
  const DriverAPI *a = getDriver();
  if (a && module)
    a->cuModuleUnload(static_cast<CUmodule>(module));
}

TESSERA_CUDA_EXPORT void *mgpuModuleGetFunction(void *module,
                                                const char *name) {
  const DriverAPI *a = api();
  if (!a || !module)
    return nullptr;
  CUfunction function = nullptr;
  if (!check("cuModuleGetFunction",
             a->cuModuleGetFunction(&function, static_cast<CUmodule>(module),
                                    name)))
    return nullptr;
  return function;
}

TESSERA_CUDA_EXPORT void
mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                 intptr_t blockX, intptr_t blockY, intptr_t blockZ,
                 int32_t sharedMemBytes, void *stream, void **params,
                 void **extra, size_t /*paramsCount*/) {
  const DriverAPI *a = api();
  if (!a || !function)
    return;
  // The driver takes 32-bit dimensions: a larger grid is an error, not a
  // silently truncated launch.
  for (intptr_t dim : {gridX, gridY, gridZ, blockX, blockY, blockZ})
    if (dim < 1 || dim > 0x7fffffff) {
      recordError("kernel launch with a grid or block dimension of " +
                  std::to_string(dim));
      return;
    }
  ScopedContext scope(a);
  check("cuLaunchKernel",
        a->cuLaunchKernel(static_cast<CUfunction>(function), gridX, gridY,
                          gridZ, blockX, blockY, blockZ, sharedMemBytes,
                          static_cast<CUstream>(stream), params, extra));
}

//===----------------------------------------------------------------------===//
// Streams and events
//===----------------------------------------------------------------------===//

TESSERA_CUDA_EXPORT void *mgpuStreamCreate() {
  const DriverAPI *a = api();
  if (!a)
    return nullptr;
  ScopedContext scope(a);
  CUstream stream = nullptr;
  check("cuStreamCreate", a->cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  return stream;
}

TESSERA_CUDA_EXPORT void mgpuStreamDestroy(void *stream) {
  const DriverAPI *a = getDriver();
  if (a && stream)
    check("cuStreamDestroy", a->cuStreamDestroy(static_cast<CUstream>(stream)));
}

TESSERA_CUDA_EXPORT void mgpuStreamSynchronize(void *stream) {
  const DriverAPI *a = getDriver();
  if (a && stream)
    check("cuStreamSynchronize",
          a->cuStreamSynchronize(static_cast<CUstream>(stream)));
}

TESSERA_CUDA_EXPORT void mgpuStreamWaitEvent(void *stream, void *event) {
  const DriverAPI *a = getDriver();
  if (a && stream && event)
    check("cuStreamWaitEvent",
          a->cuStreamWaitEvent(static_cast<CUstream>(stream),
                               static_cast<CUevent>(event), 0));
}

TESSERA_CUDA_EXPORT void *mgpuEventCreate() {
  const DriverAPI *a = api();
  if (!a)
    return nullptr;
  ScopedContext scope(a);
  CUevent event = nullptr;
  check("cuEventCreate", a->cuEventCreate(&event, CU_EVENT_DISABLE_TIMING));
  return event;
}

TESSERA_CUDA_EXPORT void mgpuEventDestroy(void *event) {
  const DriverAPI *a = getDriver();
  if (a && event)
    check("cuEventDestroy", a->cuEventDestroy(static_cast<CUevent>(event)));
}

TESSERA_CUDA_EXPORT void mgpuEventSynchronize(void *event) {
  const DriverAPI *a = getDriver();
  if (a && event)
    check("cuEventSynchronize",
          a->cuEventSynchronize(static_cast<CUevent>(event)));
}

TESSERA_CUDA_EXPORT void mgpuEventRecord(void *event, void *stream) {
  const DriverAPI *a = getDriver();
  if (a && event)
    check("cuEventRecord", a->cuEventRecord(static_cast<CUevent>(event),
                                            static_cast<CUstream>(stream)));
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

/// Device memory, or with `isHostShared` managed (unified) memory that host
/// code reads and writes at the same address (gpu.alloc host_shared).
TESSERA_CUDA_EXPORT void *mgpuMemAlloc(uint64_t sizeBytes, void * /*stream*/,
                                       bool isHostShared) {
  const DriverAPI *a = api();
  if (!a)
    return nullptr;
  ScopedContext scope(a);
  CUdeviceptr ptr = 0;
  // A zero-sized buffer (an empty tensor) still gets a distinct address.
  size_t size = sizeBytes ? sizeBytes : 1;
  if (isHostShared)
    check("cuMemAllocManaged",
          a->cuMemAllocManaged(&ptr, size, CU_MEM_ATTACH_GLOBAL));
  else
    check("cuMemAlloc", a->cuMemAlloc(&ptr, size));
  return reinterpret_cast<void *>(ptr);
}

TESSERA_CUDA_EXPORT void mgpuMemFree(void *ptr, void * /*stream*/) {
  const DriverAPI *a = getDriver();
  if (!a || !ptr)
    return;
  ScopedContext scope(a);
  check("cuMemFree", a->cuMemFree(reinterpret_cast<CUdeviceptr>(ptr)));
}

/// Any direction: with unified addressing the driver tells host from device
/// pointers.
TESSERA_CUDA_EXPORT void mgpuMemcpy(void *dst, void *src, size_t sizeBytes,
                                    void *stream) {
  const DriverAPI *a = api();
  if (!a || !dst || !src || !sizeBytes)
    return;
  ScopedContext scope(a);
  check("cuMemcpyAsync",
        a->cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                         reinterpret_cast<CUdeviceptr>(src), sizeBytes,
                         static_cast<CUstream>(stream)));
}

TESSERA_CUDA_EXPORT void mgpuMemset32(void *dst, unsigned value, size_t count,
                                      void *stream) {
  const DriverAPI *a = api();
  if (!a || !dst)
    return;
  ScopedContext scope(a);
  check("cuMemsetD32Async",
        a->cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                            static_cast<CUstream>(stream)));
}

TESSERA_CUDA_EXPORT void mgpuMemset16(void *dst, unsigned short value,
                                      size_t count, void *stream) {
  const DriverAPI *a = api();
  if (!a || !dst)
    return;
  ScopedContext scope(a);
  check("cuMemsetD16Async",
        a->cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                            static_cast<CUstream>(stream)));
}

TESSERA_CUDA_EXPORT void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes) {
  const DriverAPI *a = api();
  if (!a || !ptr)
    return;
  ScopedContext scope(a);
  check("cuMemHostRegister", a->cuMemHostRegister(ptr, sizeBytes, 0));
}

TESSERA_CUDA_EXPORT void mgpuMemHostUnregister(void *ptr) {
  const DriverAPI *a = getDriver();
  if (!a || !ptr)
    return;
  ScopedContext scope(a);
  check("cuMemHostUnregister", a->cuMemHostUnregister(ptr));
}

namespace {
/// The head of a ranked memref descriptor (StridedMemRefType without the
/// MLIR runtime header): sizes[rank] and strides[rank] follow `offset`.
struct MemRefHead {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizesAndStrides[1];
};
} // namespace

/// gpu.host_register of a contiguous memref.
TESSERA_CUDA_EXPORT void mgpuMemHostRegisterMemRef(int64_t rank,
                                                   MemRefHead *descriptor,
                                                   int64_t elementSizeBytes) {
  if (!descriptor)
    return;
  int64_t elements = 1;
  for (int64_t i = 0; i < rank; ++i)
    elements *= descriptor->sizesAndStrides[i];
  mgpuMemHostRegister(descriptor->aligned +
                          descriptor->offset * elementSizeBytes,
                      elements * elementSizeBytes);
}

TESSERA_CUDA_EXPORT void mgpuMemHostUnregisterMemRef(int64_t /*rank*/,
                                                     MemRefHead *descriptor,
                                                     int64_t elementSizeBytes) {
  if (descriptor)
    mgpuMemHostUnregister(descriptor->aligned +
                          descriptor->offset * elementSizeBytes);
}

TESSERA_CUDA_EXPORT void mgpuSetDefaultDevice(int32_t device) {
  setDefaultDevice(device);
}
