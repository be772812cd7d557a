//===- CUDADriver.cpp - Load libcuda.so.1 and initialize the driver -------===//

#include "CUDADriver.h"

#include <atomic>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

namespace tessera::cuda {
namespace {

/// The loaded driver, or why there is none.
struct LoadedDriver {
  DriverAPI api{};
  void *library = nullptr;
  CUcontext context = nullptr;
  CUdevice device = 0;
  bool ok = false;
  std::string error;
};

std::atomic<int> defaultDevice{-1};

std::string describeError(const DriverAPI &api, const char *call,
                          CUresult result) {
  std::string text = std::string(call) + " failed: ";
  const char *name = nullptr, *description = nullptr;
  if (api.cuGetErrorName)
    api.cuGetErrorName(result, &name);
  if (api.cuGetErrorString)
    api.cuGetErrorString(result, &description);
  text += name ? name : "CUDA error " + std::to_string(result);
  if (description)
    text += std::string(" (") + description + ")";
  return text;
}

/// Resolves `name` into `slot`; false (with `error`) if libcuda lacks it,
/// which means a driver older than the ABI this backend needs.
template <typename Fn>
bool resolve(void *library, const char *name, Fn &slot, std::string &error) {
  slot = reinterpret_cast<Fn>(dlsym(library, name));
  if (slot)
    return true;
  error = std::string("CUDA driver too old: libcuda.so.1 has no ") + name;
  return false;
}

bool resolveAll(LoadedDriver &d) {
  void *l = d.library;
  DriverAPI &a = d.api;
  std::string &e = d.error;
  return resolve(l, "cuInit", a.cuInit, e) &&
         resolve(l, "cuDriverGetVersion", a.cuDriverGetVersion, e) &&
         resolve(l, "cuGetErrorName", a.cuGetErrorName, e) &&
         resolve(l, "cuGetErrorString", a.cuGetErrorString, e) &&
         resolve(l, "cuDeviceGetCount", a.cuDeviceGetCount, e) &&
         resolve(l, "cuDeviceGet", a.cuDeviceGet, e) &&
         resolve(l, "cuDeviceGetName", a.cuDeviceGetName, e) &&
         resolve(l, "cuDeviceGetAttribute", a.cuDeviceGetAttribute, e) &&
         resolve(l, "cuDevicePrimaryCtxRetain", a.cuDevicePrimaryCtxRetain,
                 e) &&
         resolve(l, "cuCtxPushCurrent_v2", a.cuCtxPushCurrent, e) &&
         resolve(l, "cuCtxPopCurrent_v2", a.cuCtxPopCurrent, e) &&
         resolve(l, "cuModuleLoadDataEx", a.cuModuleLoadDataEx, e) &&
         resolve(l, "cuModuleUnload", a.cuModuleUnload, e) &&
         resolve(l, "cuModuleGetFunction", a.cuModuleGetFunction, e) &&
         resolve(l, "cuLaunchKernel", a.cuLaunchKernel, e) &&
         resolve(l, "cuStreamCreate", a.cuStreamCreate, e) &&
         resolve(l, "cuStreamDestroy_v2", a.cuStreamDestroy, e) &&
         resolve(l, "cuStreamSynchronize", a.cuStreamSynchronize, e) &&
         resolve(l, "cuStreamWaitEvent", a.cuStreamWaitEvent, e) &&
         resolve(l, "cuEventCreate", a.cuEventCreate, e) &&
         resolve(l, "cuEventDestroy_v2", a.cuEventDestroy, e) &&
         resolve(l, "cuEventRecord", a.cuEventRecord, e) &&
         resolve(l, "cuEventSynchronize", a.cuEventSynchronize, e) &&
         resolve(l, "cuMemAlloc_v2", a.cuMemAlloc, e) &&
         resolve(l, "cuMemAllocManaged", a.cuMemAllocManaged, e) &&
         resolve(l, "cuMemFree_v2", a.cuMemFree, e) &&
         resolve(l, "cuMemcpyAsync", a.cuMemcpyAsync, e) &&
         resolve(l, "cuMemsetD32Async", a.cuMemsetD32Async, e) &&
         resolve(l, "cuMemsetD16Async", a.cuMemsetD16Async, e) &&
         resolve(l, "cuMemHostRegister_v2", a.cuMemHostRegister, e) &&
         resolve(l, "cuMemHostUnregister", a.cuMemHostUnregister, e);
}

/// The device ordinal: mgpuSetDefaultDevice, else $TESSERA_CUDA_DEVICE,
/// else 0.
int selectedDevice() {
  int ordinal = defaultDevice.load();
  if (ordinal >= 0)
    return ordinal;
  if (const char *env = std::getenv("TESSERA_CUDA_DEVICE"))
    return std::atoi(env);
  return 0;
}

void load(LoadedDriver &d) {
  // libcuda.so.1 is the driver's soname; the unversioned libcuda.so is the
  // toolkit's link-time stub, which cannot run anything.
  d.library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!d.library) {
    const char *why = dlerror();
    d.error = std::string("CUDA driver not found: ") +
              (why ? why : "libcuda.so.1: cannot be loaded") +
              " (the cuda target needs an NVIDIA GPU and its driver)";
    return;
  }
  if (!resolveAll(d))
    return;
  DriverAPI &a = d.api;
  if (CUresult r = a.cuInit(0); r != CUDA_SUCCESS) {
    d.error = "CUDA driver unusable: " + describeError(d.api, "cuInit", r);
    return;
  }
  int count = 0;
  if (CUresult r = a.cuDeviceGetCount(&count); r != CUDA_SUCCESS) {
    d.error =
        "CUDA driver unusable: " + describeError(d.api, "cuDeviceGetCount", r);
    return;
  }
  int ordinal = selectedDevice();
  if (ordinal < 0 || ordinal >= count) {
    d.error = "no CUDA device " + std::to_string(ordinal) +
              " (the driver sees " + std::to_string(count) + ")";
    return;
  }
  if (CUresult r = a.cuDeviceGet(&d.device, ordinal); r != CUDA_SUCCESS) {
    d.error = describeError(d.api, "cuDeviceGet", r);
    return;
  }
  if (CUresult r = a.cuDevicePrimaryCtxRetain(&d.context, d.device);
      r != CUDA_SUCCESS) {
    d.error = describeError(d.api, "cuDevicePrimaryCtxRetain", r);
    return;
  }
  d.ok = true;
}

// Loaded once; never unloaded: kernels' module destructors may run during
// process exit, after any static object here would have been destroyed.
LoadedDriver &driver() {
  static LoadedDriver *d = [] {
    auto *loaded = new LoadedDriver;
    load(*loaded);
    return loaded;
  }();
  return *d;
}

} // namespace

const DriverAPI *getDriver(std::string *error) {
  LoadedDriver &d = driver();
  if (!d.ok) {
    if (error)
      *error = d.error;
    return nullptr;
  }
  return &d.api;
}

CUcontext getPrimaryContext() { return driver().context; }

std::string formatError(const char *call, CUresult result) {
  return describeError(driver().api, call, result);
}

std::string describeDevice() {
  std::string error;
  const DriverAPI *a = getDriver(&error);
  if (!a)
    return error;
  const LoadedDriver &d = driver();
  char name[256] = {0};
  int major = 0, minor = 0, version = 0;
  a->cuDeviceGetName(name, sizeof(name) - 1, d.device);
  a->cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                          d.device);
  a->cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                          d.device);
  a->cuDriverGetVersion(&version);
  return std::string(name) + " (sm_" + std::to_string(major) +
         std::to_string(minor) + "), CUDA driver " +
         std::to_string(version / 1000) + "." +
         std::to_string(version % 1000 / 10);
}

std::string deviceInfo() {
  std::string error;
  const DriverAPI *a = getDriver(&error);
  if (!a)
    return "";
  const LoadedDriver &d = driver();
  char name[256] = {0};
  int major = 0, minor = 0, version = 0, threads = 0, shared = 0, warp = 0;
  a->cuDeviceGetName(name, sizeof(name) - 1, d.device);
  a->cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                          d.device);
  a->cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                          d.device);
  a->cuDeviceGetAttribute(&threads, CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK,
                          d.device);
  a->cuDeviceGetAttribute(
      &shared, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK, d.device);
  a->cuDeviceGetAttribute(&warp, CU_DEVICE_ATTRIBUTE_WARP_SIZE, d.device);
  a->cuDriverGetVersion(&version);
  return std::string("name=") + name + "\ncc=" + std::to_string(major) +
         std::to_string(minor) + "\ndriver=" + std::to_string(version) +
         "\nmax-invocations=" + std::to_string(threads) +
         "\nmax-workgroup-bytes=" + std::to_string(shared) +
         "\nsubgroup-size=" + std::to_string(warp) + "\n";
}

void setDefaultDevice(int ordinal) { defaultDevice.store(ordinal); }

} // namespace tessera::cuda
