//===- VulkanRuntime.cpp - The mgpu* GPU runtime ABI over Vulkan ----------===//
//
// libtessera_vulkan_rt.so: what host code lowered by tessera-vulkan-pipeline
// (gpu-to-llvm) calls.
//
// - Memory: every allocation (mgpuMemAlloc) is a VkBuffer in host-visible,
//   host-coherent memory, persistently mapped; the mapped address is the
//   pointer host code and launches use, and a map from addresses back to
//   buffers lets a launch bind its pointer arguments as storage buffers.
//   (On lavapipe, and on integrated GPUs, that memory is the device's own.)
// - Modules: mgpuModuleLoad keeps the SPIR-V words and their interface;
//   mgpuModuleGetFunction creates the compute pipeline of an entry point
//   once, cached in the module.
// - Launches are recorded, not run: each with a descriptor set of its own,
//   into one command buffer, after a barrier that orders it after the
//   launches before it. The batch is submitted, and waited for with a
//   fence, when host code waits (mgpuStreamSynchronize,
//   mgpuEventSynchronize), copies (mgpuMemcpy) or unloads a module, or when
//   it holds kMaxPendingLaunches. Host code that waits only where it
//   touches memory (tessera-vulkan-pipeline makes launches async with
//   gpu-async-region) thus pays one submit and one wait per run of
//   launches, not per launch: on a real GPU these dominated the time of a
//   model. Host code that waits after every launch works as before, and
//   TESSERA_VULKAN_LAUNCH_BLOCKING=1 runs each launch at once.
//   Streams and events are placeholders (there is one queue, in order).
// - Errors cannot be returned through the mgpu* ABI: the first one is kept
//   (tessera_gpu_rt_take_error) and later launches are skipped until it is
//   taken. An allocation that fails falls back to host memory, so host code
//   never dereferences null.
//
//===----------------------------------------------------------------------===//

#include "SPIRVReflection.h"

#include <vulkan/vulkan.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace tessera::vulkan;

#define TESSERA_VK_EXPORT extern "C" __attribute__((visibility("default")))

namespace {
struct Buffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  size_t size = 0;
  bool hostFallback = false; // malloc'ed: the allocation failed
};

struct Module;

/// A kernel of a module: what mgpuModuleGetFunction returns. Owned by its
/// module, so it dies with it (a table of functions keyed by module address
/// would hand a later module, allocated at a freed one's address, the
/// destroyed pipelines of the old one: a tuner loads and unloads a module
/// per candidate).
struct Kernel {
  Module *module = nullptr;
  std::string name;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
};

struct Module {
  VkShaderModule shader = VK_NULL_HANDLE;
  ShaderInterface interface;
  std::map<std::string, std::unique_ptr<Kernel>> kernels;
};

class Runtime {
public:
  static Runtime &get() {
    static Runtime *runtime = new Runtime(); // outlives global destructors
    return *runtime;
  }

  /// Creates the instance and device once; false with the reason if there
  /// is no usable Vulkan device.
  bool init(std::string &why) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!initialized) {
      initialized = true;
      initError = createDevice();
    }
    why = initError;
    return initError.empty();
  }

  std::string deviceName() {
    std::string why;
    if (!init(why))
      return "";
    VkPhysicalDeviceProperties properties;
    vkGetPhysicalDeviceProperties(physicalDevice, &properties);
    return properties.deviceName;
  }

  /// What a tuner needs to know of the device: one "key=value" per line
  /// (name, vendor, device, driver, api, max-invocations,
  /// max-workgroup-bytes, subgroup-size); "" without a device.
  std::string deviceInfo() {
    std::string why;
    if (!init(why))
      return "";
    VkPhysicalDeviceSubgroupProperties subgroup{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
    VkPhysicalDeviceProperties2 properties2{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    properties2.pNext = &subgroup;
    vkGetPhysicalDeviceProperties2(physicalDevice, &properties2);
    const VkPhysicalDeviceProperties &p = properties2.properties;
    return std::string("name=") + p.deviceName +
           "\nvendor=" + std::to_string(p.vendorID) +
           "\ndevice=" + std::to_string(p.deviceID) +
           "\ndriver=" + std::to_string(p.driverVersion) +
           "\napi=" + std::to_string(p.apiVersion) + "\nmax-invocations=" +
           std::to_string(p.limits.maxComputeWorkGroupInvocations) +
           "\nmax-workgroup-bytes=" +
           std::to_string(p.limits.maxComputeSharedMemorySize) +
           "\nmax-workgroup-size-x=" +
           std::to_string(p.limits.maxComputeWorkGroupSize[0]) +
           "\nsubgroup-size=" + std::to_string(subgroup.subgroupSize) + "\n";
  }

  void error(const char *format, ...) {
    char text[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof(text), format, args);
    va_end(args);
    std::lock_guard<std::mutex> lock(errorMutex);
    if (firstError.empty())
      firstError = text;
  }

  bool hasError() {
    std::lock_guard<std::mutex> lock(errorMutex);
    return !firstError.empty();
  }

  std::string takeError() {
    std::lock_guard<std::mutex> lock(errorMutex);
    std::string e;
    e.swap(firstError);
    return e;
  }

  void *allocate(size_t size);
  void release(void *pointer);
  Module *loadModule(const void *data, size_t size);
  void unloadModule(Module *module);
  Kernel *getKernel(Module *module, const char *name);
  void launch(Kernel *kernel, Module *module, uint32_t gx, uint32_t gy,
              uint32_t gz, void **params, size_t numParams);
  /// Runs the launches recorded so far and waits for them.
  void synchronize() {
    std::lock_guard<std::mutex> lock(mutex);
    submitPending();
  }

private:
  std::string createDevice();
  /// The buffer that holds `pointer`, and the offset of the pointer in it.
  Buffer *findBuffer(void *pointer, size_t &offset);
  bool createBuffer(size_t size, Buffer &buffer, void *&mapped);
  void destroyBuffer(Buffer &buffer);
  /// A buffer of at least `size` bytes: an idle one of the same size if
  /// there is one, else a new one (mutex held).
  bool acquireBuffer(size_t size, Buffer &buffer, void *&mapped);
  /// Keeps a buffer no longer used for reuse, or destroys it if the idle
  /// ones hold too much memory already (mutex held).
  void recycleBuffer(Buffer &buffer, void *mapped);
  /// The launch objects (mutex held): allocated on first use, reused.
  bool prepareLaunchObjects(size_t bindings, std::string &why);
  /// Records a dispatch of `kernel` into the pending batch (mutex held).
  VkResult recordLaunch(Kernel *kernel, const std::vector<Binding> &bindings,
                        const std::vector<VkDescriptorBufferInfo> &infos,
                        uint32_t gx, uint32_t gy, uint32_t gz);
  /// Submits the pending batch, if any, and waits for it, then recycles
  /// what its launches held (mutex held).
  void submitPending();
  /// Submits the pending launches and waits for them (mutex held).
  void runBatch();
  /// Records into the batch: the `before` accesses of the shaders recorded
  /// so far are done, and visible to the `after` accesses of `stage`.
  void recordBarrierAfterShaders(VkAccessFlags before, VkAccessFlags after,
                                 VkPipelineStageFlags stage);

  std::mutex mutex;      // device objects, buffers, modules
  std::mutex errorMutex; // firstError
  bool initialized = false;
  std::string initError, firstError;
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;
  uint32_t memoryType = 0;
  VkCommandPool commandPool = VK_NULL_HANDLE;
  VkPhysicalDeviceLimits limits{};
  std::map<uintptr_t, Buffer> buffers; // by mapped address
  // Released buffers, by size, with their mapped addresses. A model
  // allocates the same sizes on every call (its intermediates, the
  // launches' scalars); allocating device memory is a driver call that
  // costs more than a small kernel's launch on real GPUs.
  std::multimap<size_t, std::pair<Buffer, void *>> idleBuffers;
  size_t idleBytes = 0;
  static constexpr size_t kMaxIdleBytes = size_t(256) << 20;
  // The pending batch (under the mutex): one command buffer, fence and
  // descriptor pool serve every batch instead of being created for each.
  VkCommandBuffer launchCommands = VK_NULL_HANDLE;
  VkFence launchFence = VK_NULL_HANDLE;
  VkDescriptorPool launchPool = VK_NULL_HANDLE;
  size_t launchPoolBindings = 0; // per set; kMaxPendingLaunches sets
  static constexpr size_t kMaxPendingLaunches = 64;
  size_t pendingLaunches = 0;
  // TESSERA_VULKAN_LAUNCH_BLOCKING=1 (as CUDA_LAUNCH_BLOCKING): every launch
  // runs at once, so that a failure names its kernel.
  const bool launchBlocking = [] {
    const char *value = std::getenv("TESSERA_VULKAN_LAUNCH_BLOCKING");
    return value && std::strcmp(value, "0") != 0 && *value;
  }();
  std::string firstPendingKernel; // names the batch in errors
  // Buffers the pending launches may still read or write: their scalars,
  // and buffers host code released meanwhile (a later allocation must not
  // hand host code memory a pending launch still uses). Idle once the
  // batch has run.
  std::vector<std::pair<Buffer, void *>> busyBuffers;
};

std::string vkError(const char *what, VkResult result) {
  return std::string(what) + " failed (VkResult " + std::to_string(result) +
         ")";
}

std::string Runtime::createDevice() {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "tessera";
  app.apiVersion = VK_API_VERSION_1_1;
  VkInstanceCreateInfo instanceInfo{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  instanceInfo.pApplicationInfo = &app;
  VkResult r = vkCreateInstance(&instanceInfo, nullptr, &instance);
  if (r != VK_SUCCESS)
    return "no Vulkan device: cannot create a Vulkan 1.1 instance (VkResult " +
           std::to_string(r) +
           "; is a Vulkan driver installed, e.g. mesa-vulkan-drivers?)";
  uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  if (count == 0)
    return "no Vulkan device: the Vulkan loader found no physical device "
           "(install a driver, e.g. mesa-vulkan-drivers for lavapipe)";

  // Prefer a discrete GPU, then an integrated one, then anything else
  // (lavapipe is a CPU); TESSERA_VULKAN_DEVICE=<index> overrides.
  auto rank = [](VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return 0;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return 1;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    default:
      return 3;
    }
  };
  std::string reasons;
  int bestRank = 99;
  const char *chosen = std::getenv("TESSERA_VULKAN_DEVICE");
  for (uint32_t i = 0; i < count; ++i) {
    if (chosen && std::to_string(i) != chosen)
      continue;
    VkPhysicalDeviceProperties properties;
    vkGetPhysicalDeviceProperties(devices[i], &properties);
    if (properties.apiVersion < VK_API_VERSION_1_1) {
      reasons += std::string(reasons.empty() ? "" : "; ") +
                 properties.deviceName + " supports only Vulkan 1.0";
      continue;
    }
    uint32_t families = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(devices[i], &families, nullptr);
    std::vector<VkQueueFamilyProperties> familyProps(families);
    vkGetPhysicalDeviceQueueFamilyProperties(devices[i], &families,
                                             familyProps.data());
    int family = -1;
    for (uint32_t f = 0; f < families && family < 0; ++f)
      if (familyProps[f].queueFlags & VK_QUEUE_COMPUTE_BIT)
        family = static_cast<int>(f);
    if (family < 0) {
      reasons += std::string(reasons.empty() ? "" : "; ") +
                 properties.deviceName + " has no compute queue";
      continue;
    }
    if (rank(properties.deviceType) < bestRank) {
      bestRank = rank(properties.deviceType);
      physicalDevice = devices[i];
      queueFamily = static_cast<uint32_t>(family);
      limits = properties.limits;
    }
  }
  if (!physicalDevice)
    return "no Vulkan device: " +
           (reasons.empty() ? std::string("TESSERA_VULKAN_DEVICE=") +
                                  (chosen ? chosen : "") + " names no device"
                            : reasons);

  // Kernels use 8/16/64-bit integers and f64 as the tensors are typed.
  VkPhysicalDeviceFeatures supported;
  vkGetPhysicalDeviceFeatures(physicalDevice, &supported);
  VkPhysicalDevice8BitStorageFeatures storage8{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES};
  VkPhysicalDevice16BitStorageFeatures storage16{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES};
  VkPhysicalDeviceShaderFloat16Int8Features int8{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES};
  storage8.pNext = &storage16;
  storage16.pNext = &int8;
  VkPhysicalDeviceFeatures2 features2{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features2.pNext = &storage8;
  vkGetPhysicalDeviceFeatures2(physicalDevice, &features2);
  VkPhysicalDeviceFeatures enabled{};
  enabled.shaderInt64 = supported.shaderInt64;
  enabled.shaderInt16 = supported.shaderInt16;
  enabled.shaderFloat64 = supported.shaderFloat64;
  storage8.uniformAndStorageBuffer8BitAccess = VK_FALSE;
  storage8.storagePushConstant8 = VK_FALSE;
  storage16.uniformAndStorageBuffer16BitAccess = VK_FALSE;
  storage16.storagePushConstant16 = VK_FALSE;
  storage16.storageInputOutput16 = VK_FALSE;
  int8.shaderFloat16 = VK_FALSE;
  features2.features = enabled;

  std::vector<const char *> extensions;
  uint32_t extensionCount = 0;
  vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, &extensionCount,
                                       nullptr);
  std::vector<VkExtensionProperties> available(extensionCount);
  vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, &extensionCount,
                                       available.data());
  for (const char *name :
       {"VK_KHR_8bit_storage", "VK_KHR_16bit_storage",
        "VK_KHR_shader_float16_int8", "VK_KHR_storage_buffer_storage_class"})
    for (auto &e : available)
      if (std::strcmp(e.extensionName, name) == 0)
        extensions.push_back(name);

  float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queueInfo.queueFamilyIndex = queueFamily;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;
  VkDeviceCreateInfo deviceInfo{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  deviceInfo.pNext = &features2;
  deviceInfo.queueCreateInfoCount = 1;
  deviceInfo.pQueueCreateInfos = &queueInfo;
  deviceInfo.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  deviceInfo.ppEnabledExtensionNames = extensions.data();
  r = vkCreateDevice(physicalDevice, &deviceInfo, nullptr, &device);
  if (r != VK_SUCCESS)
    return "no Vulkan device: " + vkError("vkCreateDevice", r);
  vkGetDeviceQueue(device, queueFamily, 0, &queue);

  VkPhysicalDeviceMemoryProperties memory;
  vkGetPhysicalDeviceMemoryProperties(physicalDevice, &memory);
  const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                       VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  bool found = false;
  for (uint32_t i = 0; i < memory.memoryTypeCount && !found; ++i)
    if ((memory.memoryTypes[i].propertyFlags & wanted) == wanted) {
      memoryType = i;
      found = true;
    }
  if (!found)
    return "no Vulkan device: the device has no host-visible coherent memory";

  VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  poolInfo.queueFamilyIndex = queueFamily;
  r = vkCreateCommandPool(device, &poolInfo, nullptr, &commandPool);
  if (r != VK_SUCCESS)
    return "no Vulkan device: " + vkError("vkCreateCommandPool", r);
  return "";
}

/// The bytes of a buffer for `size`: zero-sized buffers are not allowed, and
/// the size is rounded up so that a buffer of scalars (and its descriptor
/// range) stays valid.
static size_t bufferBytes(size_t size) {
  return size == 0 ? 16 : (size + 15) / 16 * 16;
}

bool Runtime::createBuffer(size_t size, Buffer &buffer, void *&mapped) {
  size_t bytes = bufferBytes(size);
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = bytes;
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkResult r = vkCreateBuffer(device, &info, nullptr, &buffer.buffer);
  if (r != VK_SUCCESS) {
    error("%s", vkError("vkCreateBuffer", r).c_str());
    return false;
  }
  VkMemoryRequirements requirements;
  vkGetBufferMemoryRequirements(device, buffer.buffer, &requirements);
  VkMemoryAllocateInfo allocInfo{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  allocInfo.allocationSize = requirements.size;
  allocInfo.memoryTypeIndex = memoryType;
  r = vkAllocateMemory(device, &allocInfo, nullptr, &buffer.memory);
  if (r == VK_SUCCESS)
    r = vkBindBufferMemory(device, buffer.buffer, buffer.memory, 0);
  if (r == VK_SUCCESS)
    r = vkMapMemory(device, buffer.memory, 0, VK_WHOLE_SIZE, 0, &mapped);
  if (r != VK_SUCCESS) {
    error("allocating %zu bytes of Vulkan memory failed (VkResult %d)", size,
          static_cast<int>(r));
    destroyBuffer(buffer);
    return false;
  }
  buffer.size = bytes;
  return true;
}

void Runtime::destroyBuffer(Buffer &buffer) {
  if (buffer.memory)
    vkFreeMemory(device, buffer.memory, nullptr);
  if (buffer.buffer)
    vkDestroyBuffer(device, buffer.buffer, nullptr);
  buffer = Buffer();
}

bool Runtime::acquireBuffer(size_t size, Buffer &buffer, void *&mapped) {
  auto idle = idleBuffers.find(bufferBytes(size));
  if (idle == idleBuffers.end())
    return createBuffer(size, buffer, mapped);
  buffer = idle->second.first;
  mapped = idle->second.second;
  idleBytes -= buffer.size;
  idleBuffers.erase(idle);
  return true;
}

void Runtime::recycleBuffer(Buffer &buffer, void *mapped) {
  if (idleBytes + buffer.size > kMaxIdleBytes) {
    destroyBuffer(buffer);
    return;
  }
  idleBytes += buffer.size;
  idleBuffers.emplace(buffer.size, std::make_pair(buffer, mapped));
  buffer = Buffer();
}

void *Runtime::allocate(size_t size) {
  std::string why;
  Buffer buffer;
  void *mapped = nullptr;
  if (init(why)) {
    std::lock_guard<std::mutex> lock(mutex);
    if (acquireBuffer(size, buffer, mapped)) {
      buffers[reinterpret_cast<uintptr_t>(mapped)] = buffer;
      return mapped;
    }
  } else {
    error("%s", why.c_str());
  }
  // Host memory keeps the host code safe; launches that use it report it.
  buffer = Buffer();
  buffer.hostFallback = true;
  buffer.size = size;
  mapped = std::calloc(1, size ? size : 1);
  std::lock_guard<std::mutex> lock(mutex);
  buffers[reinterpret_cast<uintptr_t>(mapped)] = buffer;
  return mapped;
}

void Runtime::release(void *pointer) {
  if (!pointer)
    return;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = buffers.find(reinterpret_cast<uintptr_t>(pointer));
  if (it == buffers.end()) {
    error("mgpuMemFree: %p was not allocated by mgpuMemAlloc", pointer);
    return;
  }
  if (it->second.hostFallback)
    std::free(pointer);
  else if (pendingLaunches > 0)
    busyBuffers.emplace_back(it->second, pointer);
  else
    recycleBuffer(it->second, pointer);
  buffers.erase(it);
}

Buffer *Runtime::findBuffer(void *pointer, size_t &offset) {
  auto address = reinterpret_cast<uintptr_t>(pointer);
  auto it = buffers.upper_bound(address);
  if (it == buffers.begin())
    return nullptr;
  --it;
  if (address >= it->first + std::max<size_t>(it->second.size, 1))
    return nullptr;
  offset = address - it->first;
  return &it->second;
}

Module *Runtime::loadModule(const void *data, size_t size) {
  std::string why;
  if (!init(why)) {
    error("%s", why.c_str());
    return nullptr;
  }
  if (size % 4 != 0) {
    error("mgpuModuleLoad: %zu bytes is not a SPIR-V module", size);
    return nullptr;
  }
  // The binary is a global string of the host code: copy it aligned.
  std::vector<uint32_t> words(size / 4);
  std::memcpy(words.data(), data, size);
  auto module = std::make_unique<Module>();
  std::string reflectError;
  if (!reflect(words.data(), words.size(), module->interface, reflectError)) {
    error("mgpuModuleLoad: %s", reflectError.c_str());
    return nullptr;
  }
  VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = size;
  info.pCode = words.data();
  std::lock_guard<std::mutex> lock(mutex);
  VkResult r = vkCreateShaderModule(device, &info, nullptr, &module->shader);
  if (r != VK_SUCCESS) {
    error("%s", vkError("vkCreateShaderModule", r).c_str());
    return nullptr;
  }
  return module.release();
}

void Runtime::unloadModule(Module *module) {
  if (!module)
    return;
  std::lock_guard<std::mutex> lock(mutex);
  submitPending(); // they may use this module's pipelines
  vkDeviceWaitIdle(device);
  for (auto &[name, kernel] : module->kernels) {
    vkDestroyPipeline(device, kernel->pipeline, nullptr);
    vkDestroyPipelineLayout(device, kernel->pipelineLayout, nullptr);
    vkDestroyDescriptorSetLayout(device, kernel->setLayout, nullptr);
  }
  vkDestroyShaderModule(device, module->shader, nullptr);
  delete module;
}

Kernel *Runtime::getKernel(Module *module, const char *name) {
  if (!module || !name)
    return nullptr; // the module load already reported why
  std::lock_guard<std::mutex> lock(mutex);
  auto cached = module->kernels.find(name);
  if (cached != module->kernels.end())
    return cached->second.get();
  if (!module->interface.entryPoints.count(name)) {
    error("mgpuModuleGetFunction: the SPIR-V module has no entry point '%s'",
          name);
    return nullptr;
  }
  for (const Binding &b : module->interface.bindings)
    if (b.set != 0) {
      error("kernel '%s' uses descriptor set %u; only set 0 is bound", name,
            b.set);
      return nullptr;
    }
  auto kernel = std::make_unique<Kernel>();
  kernel->module = module;
  kernel->name = name;
  std::vector<VkDescriptorSetLayoutBinding> layoutBindings;
  for (const Binding &b : module->interface.bindings) {
    VkDescriptorSetLayoutBinding lb{};
    lb.binding = b.binding;
    lb.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    lb.descriptorCount = 1;
    lb.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    layoutBindings.push_back(lb);
  }
  VkDescriptorSetLayoutCreateInfo setInfo{
      VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  setInfo.bindingCount = static_cast<uint32_t>(layoutBindings.size());
  setInfo.pBindings = layoutBindings.data();
  VkResult r = vkCreateDescriptorSetLayout(device, &setInfo, nullptr,
                                           &kernel->setLayout);
  VkPipelineLayoutCreateInfo layoutInfo{
      VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &kernel->setLayout;
  if (r == VK_SUCCESS)
    r = vkCreatePipelineLayout(device, &layoutInfo, nullptr,
                               &kernel->pipelineLayout);
  VkComputePipelineCreateInfo pipelineInfo{
      VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  pipelineInfo.stage.sType =
      VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  pipelineInfo.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  pipelineInfo.stage.module = module->shader;
  pipelineInfo.stage.pName = kernel->name.c_str();
  pipelineInfo.layout = kernel->pipelineLayout;
  if (r == VK_SUCCESS)
    r = vkCreateComputePipelines(device, VK_NULL_HANDLE, 1, &pipelineInfo,
                                 nullptr, &kernel->pipeline);
  if (r != VK_SUCCESS) {
    error("creating the compute pipeline of kernel '%s' failed (VkResult %d)",
          name, static_cast<int>(r));
    return nullptr;
  }
  Kernel *result = kernel.get();
  module->kernels[name] = std::move(kernel);
  return result;
}

void Runtime::launch(Kernel *kernel, Module *module, uint32_t gx, uint32_t gy,
                     uint32_t gz, void **params, size_t numParams) {
  if (!kernel || hasError())
    return; // reported already
  const std::vector<Binding> &bindings = module->interface.bindings;
  if (numParams != bindings.size()) {
    error("kernel '%s' has %zu storage buffers but was launched with %zu "
          "arguments",
          kernel->name.c_str(), bindings.size(), numParams);
    return;
  }
  if (gx == 0 || gy == 0 || gz == 0)
    return; // an empty grid does nothing
  if (gx > limits.maxComputeWorkGroupCount[0] ||
      gy > limits.maxComputeWorkGroupCount[1] ||
      gz > limits.maxComputeWorkGroupCount[2]) {
    error("kernel '%s': grid %ux%ux%u exceeds the device's limits %ux%ux%u",
          kernel->name.c_str(), gx, gy, gz, limits.maxComputeWorkGroupCount[0],
          limits.maxComputeWorkGroupCount[1],
          limits.maxComputeWorkGroupCount[2]);
    return;
  }

  std::lock_guard<std::mutex> lock(mutex);
  // A full batch runs first; so does one whose descriptor pool is too
  // small for this kernel (the pool is recreated).
  if (pendingLaunches == kMaxPendingLaunches ||
      bindings.size() > launchPoolBindings)
    submitPending();
  // Scalars travel in small buffers of their own, idle once the batch ran.
  std::vector<VkDescriptorBufferInfo> infos(bindings.size());
  bool ok = true;
  for (size_t i = 0; i < bindings.size() && ok; ++i) {
    const Binding &b = bindings[i];
    if (b.scalarBytes) {
      Buffer scalar;
      void *mapped = nullptr;
      if (!acquireBuffer(b.scalarBytes, scalar, mapped)) {
        ok = false;
        break;
      }
      // Index scalars are i64 on the host and i32 in the shader: the low
      // bytes (little-endian) are the value.
      std::memcpy(mapped, params[i], b.scalarBytes);
      busyBuffers.emplace_back(scalar, mapped);
      infos[i] = {scalar.buffer, 0, VK_WHOLE_SIZE};
      continue;
    }
    void *pointer = *static_cast<void **>(params[i]);
    size_t offset = 0;
    Buffer *buffer = findBuffer(pointer, offset);
    if (!buffer || buffer->hostFallback) {
      error("kernel '%s' argument %zu (%p) is not in Vulkan memory: buffers "
            "of kernels must come from mgpuMemAlloc",
            kernel->name.c_str(), i, pointer);
      ok = false;
      break;
    }
    if (offset % limits.minStorageBufferOffsetAlignment != 0) {
      error("kernel '%s' argument %zu starts at offset %zu of its buffer, "
            "not a multiple of the device's storage buffer alignment %llu",
            kernel->name.c_str(), i, offset,
            static_cast<unsigned long long>(
                limits.minStorageBufferOffsetAlignment));
      ok = false;
      break;
    }
    infos[i] = {buffer->buffer, offset, VK_WHOLE_SIZE};
  }
  std::string why;
  if (ok && !prepareLaunchObjects(bindings.size(), why)) {
    error("launching kernel '%s' failed: %s", kernel->name.c_str(),
          why.c_str());
    ok = false;
  }
  if (ok) {
    VkResult r = recordLaunch(kernel, bindings, infos, gx, gy, gz);
    if (r != VK_SUCCESS)
      error("recording the launch of kernel '%s' failed (VkResult %d)",
            kernel->name.c_str(), static_cast<int>(r));
    ok = r == VK_SUCCESS;
  }
  // A launch that was not recorded leaves scalars that nothing pending
  // uses: recycled at once (else with the batch).
  if (launchBlocking || (!ok && pendingLaunches == 0))
    submitPending();
}

VkResult Runtime::recordLaunch(Kernel *kernel,
                               const std::vector<Binding> &bindings,
                               const std::vector<VkDescriptorBufferInfo> &infos,
                               uint32_t gx, uint32_t gy, uint32_t gz) {
  VkDescriptorSet set = VK_NULL_HANDLE;
  VkDescriptorSetAllocateInfo setInfo{
      VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  setInfo.descriptorPool = launchPool;
  setInfo.descriptorSetCount = 1;
  setInfo.pSetLayouts = &kernel->setLayout;
  VkResult r = vkAllocateDescriptorSets(device, &setInfo, &set);
  if (r != VK_SUCCESS)
    return r;
  std::vector<VkWriteDescriptorSet> writes;
  for (size_t i = 0; i < bindings.size(); ++i) {
    VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    w.dstSet = set;
    w.dstBinding = bindings[i].binding;
    w.descriptorCount = 1;
    w.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    w.pBufferInfo = &infos[i];
    writes.push_back(w);
  }
  vkUpdateDescriptorSets(device, static_cast<uint32_t>(writes.size()),
                         writes.data(), 0, nullptr);
  if (pendingLaunches == 0) {
    // Beginning a command buffer of a pool made with
    // VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT resets it.
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    r = vkBeginCommandBuffer(launchCommands, &begin);
    if (r != VK_SUCCESS)
      return r;
    firstPendingKernel = kernel->name;
  } else {
    // Each launch reads what the ones before it wrote, and may overwrite
    // what they read: every launch waits for the previous ones' shaders.
    const VkAccessFlags shaderAccess =
        VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    recordBarrierAfterShaders(shaderAccess, shaderAccess,
                              VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT);
  }
  vkCmdBindPipeline(launchCommands, VK_PIPELINE_BIND_POINT_COMPUTE,
                    kernel->pipeline);
  vkCmdBindDescriptorSets(launchCommands, VK_PIPELINE_BIND_POINT_COMPUTE,
                          kernel->pipelineLayout, 0, 1, &set, 0, nullptr);
  vkCmdDispatch(launchCommands, gx, gy, gz);
  ++pendingLaunches;
  return VK_SUCCESS;
}

void Runtime::submitPending() {
  if (pendingLaunches > 0)
    runBatch();
  // Idle now (also the scalars of a launch that failed before recording).
  for (auto &[buffer, mapped] : busyBuffers)
    recycleBuffer(buffer, mapped);
  busyBuffers.clear();
}

void Runtime::recordBarrierAfterShaders(VkAccessFlags before,
                                        VkAccessFlags after,
                                        VkPipelineStageFlags stage) {
  VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = before;
  barrier.dstAccessMask = after;
  vkCmdPipelineBarrier(launchCommands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                       stage, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

void Runtime::runBatch() {
  // Shader writes become visible to the host after the fence.
  recordBarrierAfterShaders(VK_ACCESS_SHADER_WRITE_BIT, VK_ACCESS_HOST_READ_BIT,
                            VK_PIPELINE_STAGE_HOST_BIT);
  VkResult r = vkEndCommandBuffer(launchCommands);
  if (r == VK_SUCCESS)
    r = vkResetFences(device, 1, &launchFence);
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &launchCommands;
  if (r == VK_SUCCESS)
    r = vkQueueSubmit(queue, 1, &submit, launchFence);
  if (r == VK_SUCCESS)
    r = vkWaitForFences(device, 1, &launchFence, VK_TRUE, UINT64_MAX);
  if (r != VK_SUCCESS)
    error("running %zu kernel launch(es), the first of kernel '%s', failed "
          "(VkResult %d)",
          pendingLaunches, firstPendingKernel.c_str(), static_cast<int>(r));
  pendingLaunches = 0;
  vkResetDescriptorPool(device, launchPool, 0);
}

bool Runtime::prepareLaunchObjects(size_t bindings, std::string &why) {
  VkResult r = VK_SUCCESS;
  if (!launchCommands) {
    VkCommandBufferAllocateInfo commandInfo{
        VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    commandInfo.commandPool = commandPool;
    commandInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    commandInfo.commandBufferCount = 1;
    r = vkAllocateCommandBuffers(device, &commandInfo, &launchCommands);
    if (r != VK_SUCCESS) {
      launchCommands = VK_NULL_HANDLE;
      why = vkError("vkAllocateCommandBuffers", r);
      return false;
    }
  }
  if (!launchFence) {
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    r = vkCreateFence(device, &fenceInfo, nullptr, &launchFence);
    if (r != VK_SUCCESS) {
      launchFence = VK_NULL_HANDLE;
      why = vkError("vkCreateFence", r);
      return false;
    }
  }
  // A set per launch of a batch, each with as many storage buffers as the
  // widest kernel so far (recreated only between batches: launch() submits
  // the pending one first).
  if (!launchPool || bindings > launchPoolBindings) {
    if (launchPool)
      vkDestroyDescriptorPool(device, launchPool, nullptr);
    launchPool = VK_NULL_HANDLE;
    launchPoolBindings =
        std::max(std::max(bindings, launchPoolBindings), size_t(8));
    VkDescriptorPoolSize poolSize{
        VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
        static_cast<uint32_t>(launchPoolBindings * kMaxPendingLaunches)};
    VkDescriptorPoolCreateInfo poolInfo{
        VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = kMaxPendingLaunches;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    r = vkCreateDescriptorPool(device, &poolInfo, nullptr, &launchPool);
    if (r != VK_SUCCESS) {
      launchPool = VK_NULL_HANDLE;
      launchPoolBindings = 0;
      why = vkError("vkCreateDescriptorPool", r);
      return false;
    }
  }
  return true;
}
} // namespace

//===----------------------------------------------------------------------===//
// The mgpu* ABI (as gpu-to-llvm and gpu.binary's translation call it)
//===----------------------------------------------------------------------===//

TESSERA_VK_EXPORT void *mgpuModuleLoad(void *data, size_t size) {
  return Runtime::get().loadModule(data, size);
}

TESSERA_VK_EXPORT void *mgpuModuleLoadJIT(void *, int) {
  Runtime::get().error("mgpuModuleLoadJIT: the Vulkan runtime loads SPIR-V "
                       "binaries, not assembly");
  return nullptr;
}

TESSERA_VK_EXPORT void mgpuModuleUnload(void *module) {
  Runtime::get().unloadModule(static_cast<Module *>(module));
}

TESSERA_VK_EXPORT void *mgpuModuleGetFunction(void *module, const char *name) {
  return Runtime::get().getKernel(static_cast<Module *>(module), name);
}

TESSERA_VK_EXPORT void
mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                 intptr_t /*blockX*/, intptr_t /*blockY*/, intptr_t /*blockZ*/,
                 int32_t sharedMemoryBytes, void * /*stream*/, void **params,
                 void ** /*extra*/, size_t numParams) {
  auto *kernel = static_cast<Kernel *>(function);
  if (!kernel)
    return; // loading the module or the kernel failed: reported
  if (sharedMemoryBytes != 0) {
    Runtime::get().error("kernel '%s': dynamic shared memory is not supported "
                         "by the Vulkan runtime",
                         kernel->name.c_str());
    return;
  }
  // The block size is the shader's LocalSize, fixed at compile time.
  Runtime::get().launch(kernel, kernel->module, static_cast<uint32_t>(gridX),
                        static_cast<uint32_t>(gridY),
                        static_cast<uint32_t>(gridZ), params, numParams);
}

// One queue, in order: streams and events only need to be values; waiting
// for any of them runs every pending launch.
TESSERA_VK_EXPORT void *mgpuStreamCreate() {
  static char stream;
  return &stream;
}
TESSERA_VK_EXPORT void mgpuStreamDestroy(void *) {}
TESSERA_VK_EXPORT void mgpuStreamSynchronize(void *) {
  Runtime::get().synchronize();
}
TESSERA_VK_EXPORT void mgpuStreamWaitEvent(void *, void *) {}
TESSERA_VK_EXPORT void *mgpuEventCreate() {
  static char event;
  return &event;
}
TESSERA_VK_EXPORT void mgpuEventDestroy(void *) {}
TESSERA_VK_EXPORT void mgpuEventRecord(void *, void *) {}
TESSERA_VK_EXPORT void mgpuEventSynchronize(void *) {
  Runtime::get().synchronize();
}

TESSERA_VK_EXPORT void *mgpuMemAlloc(uint64_t sizeBytes, void * /*stream*/,
                                     bool /*isHostShared*/) {
  return Runtime::get().allocate(sizeBytes);
}

TESSERA_VK_EXPORT void mgpuMemFree(void *pointer, void * /*stream*/) {
  Runtime::get().release(pointer);
}

TESSERA_VK_EXPORT void mgpuMemcpy(void *dst, void *src, size_t sizeBytes,
                                  void * /*stream*/) {
  // Every allocation is host-mapped: a copy once the launches have run.
  Runtime::get().synchronize();
  std::memmove(dst, src, sizeBytes);
}

//===----------------------------------------------------------------------===//
// Tessera's probe and error ABI (shared with the CUDA runtime)
//===----------------------------------------------------------------------===//

static void copyMessage(const std::string &text, char *message, size_t size) {
  if (message && size) {
    std::snprintf(message, size, "%s", text.c_str());
  }
}

/// 0 if a Vulkan device is usable (`message`: its name), else nonzero with
/// the reason in `message`.
TESSERA_VK_EXPORT int tessera_gpu_rt_init(char *message, size_t size) {
  std::string why;
  if (!Runtime::get().init(why)) {
    copyMessage(why, message, size);
    return 1;
  }
  copyMessage(Runtime::get().deviceName(), message, size);
  return 0;
}

/// The device's identity and limits (Runtime::deviceInfo), for tuners: 0
/// on success, nonzero (with the reason) without a device.
TESSERA_VK_EXPORT int tessera_gpu_rt_device_info(char *message, size_t size) {
  std::string why;
  if (!Runtime::get().init(why)) {
    copyMessage(why, message, size);
    return 1;
  }
  copyMessage(Runtime::get().deviceInfo(), message, size);
  return 0;
}

/// The first error of the mgpu* calls since the last take (nonzero), or 0.
TESSERA_VK_EXPORT int tessera_gpu_rt_take_error(char *message, size_t size) {
  std::string error = Runtime::get().takeError();
  if (error.empty())
    return 0;
  copyMessage(error, message, size);
  return 1;
}
