//===- VulkanRuntimeTest.cpp - libtessera_vulkan_rt.so through its ABI ----===//
//
// The Vulkan backend through the ABI that compiled host code calls, on the
// machine's Vulkan device (lavapipe in CI); skipped without one. The SPIR-V
// comes from tessera-compile --dump-kernels, as a model's kernels would.
//
//===----------------------------------------------------------------------===//

#include "GPURuntimeABI.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

/// The SPIR-V of the one kernel of `y = x <op> c` on 64 floats (a kernel
/// named k_kernel, bindings x and y, one workgroup of 64), compiled by
/// tessera-compile in `dir`.
std::vector<char> compileKernel(const std::string &dir, const char *op,
                                const char *constant) {
  std::string model = dir + "/" + op + ".mlir";
  std::ofstream(model) << "func.func @k(%x: tensor<64xf32>) -> "
                          "tensor<64xf32> {\n  %c = arith.constant dense<"
                       << constant << "> : tensor<64xf32>\n  %y = arith." << op
                       << " %x, %c : tensor<64xf32>\n  return %y : "
                          "tensor<64xf32>\n}\n";
  std::string kernels = dir + "/" + op;
  std::string cmd = std::string(TESSERA_BIN_DIR) + "/tessera-compile " + model +
                    " --target=vulkan -o " + dir + "/" + op +
                    ".so --dump-kernels=" + kernels + " 2>&1";
  if (std::system(cmd.c_str()) != 0)
    return {};
  std::ifstream spirv(kernels + "/k_kernel.spv", std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(spirv), {});
}

class VulkanRuntime : public ::testing::Test {
protected:
  void SetUp() override {
    char message[1024];
    if (tessera_gpu_rt_init(message, sizeof(message)) != 0)
      GTEST_SKIP() << "no Vulkan device: " << message;
    char pattern[] = "/tmp/tessera-vulkan-rt-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir = pattern;
  }
  void TearDown() override {
    if (!dir.empty())
      std::system(("rm -rf " + dir).c_str());
  }
  std::string dir;
};

// A module loaded after another was unloaded runs its own kernel, even
// where it is allocated at the freed module's address and its kernel has
// the same name (as when a tuner loads and unloads a module per
// candidate). The functions of a module once lived in a table keyed by
// the module's address, which handed the new module the old one's
// destroyed pipeline: wrong results or a crash in the driver.
TEST_F(VulkanRuntime, ReloadedModulesRunTheirOwnKernels) {
  std::vector<char> add = compileKernel(dir, "addf", "1.0");
  std::vector<char> mul = compileKernel(dir, "mulf", "3.0");
  ASSERT_FALSE(add.empty());
  ASSERT_FALSE(mul.empty());
  auto *x =
      static_cast<float *>(mgpuMemAlloc(64 * sizeof(float), nullptr, false));
  auto *y =
      static_cast<float *>(mgpuMemAlloc(64 * sizeof(float), nullptr, false));
  ASSERT_NE(x, nullptr);
  ASSERT_NE(y, nullptr);
  for (int i = 0; i < 64; ++i)
    x[i] = float(i);
  for (int round = 0; round < 8; ++round) {
    bool adding = round % 2 == 0;
    std::vector<char> &spirv = adding ? add : mul;
    void *module = mgpuModuleLoad(spirv.data(), spirv.size());
    ASSERT_NE(module, nullptr) << takeGPURuntimeError();
    void *function = mgpuModuleGetFunction(module, "k_kernel");
    ASSERT_NE(function, nullptr) << takeGPURuntimeError();
    void *params[] = {&x, &y};
    std::memset(y, 0, 64 * sizeof(float));
    mgpuLaunchKernel(function, 1, 1, 1, 64, 1, 1, 0, nullptr, params, nullptr,
                     2);
    mgpuStreamSynchronize(nullptr);
    ASSERT_EQ(takeGPURuntimeError(), "");
    for (int i = 0; i < 64; ++i)
      ASSERT_EQ(y[i], adding ? float(i) + 1.0f : float(i) * 3.0f)
          << "round " << round << ", element " << i;
    mgpuModuleUnload(module);
  }
  mgpuMemFree(x, nullptr);
  mgpuMemFree(y, nullptr);
}

/// A loaded kernel of `y = x <op> c` on 64 floats (see compileKernel).
struct LoadedKernel {
  void *module = nullptr;
  void *function = nullptr;
  ~LoadedKernel() {
    if (module)
      mgpuModuleUnload(module);
  }
  /// Loads k_kernel of `spirv`: "" or the runtime's error.
  std::string load(std::vector<char> &spirv) {
    module = mgpuModuleLoad(spirv.data(), spirv.size());
    if (module)
      function = mgpuModuleGetFunction(module, "k_kernel");
    return function ? "" : "loading k_kernel failed: " + takeGPURuntimeError();
  }
  void launch(float *x, float *y) {
    void *params[] = {&x, &y};
    mgpuLaunchKernel(function, 1, 1, 1, 64, 1, 1, 0, nullptr, params, nullptr,
                     2);
  }
};

float *allocFloats() {
  return static_cast<float *>(mgpuMemAlloc(64 * sizeof(float), nullptr, false));
}

// Launches are recorded and run when the host waits, in order: each one
// reads what the one before it wrote. 150 launches fill more than one
// batch (the runtime submits a full one on its own).
TEST_F(VulkanRuntime, LaunchesRunInOrderWhenTheHostWaits) {
  std::vector<char> spirv = compileKernel(dir, "addf", "1.0");
  ASSERT_FALSE(spirv.empty());
  LoadedKernel add;
  ASSERT_EQ(add.load(spirv), "");
  float *a = allocFloats(), *b = allocFloats();
  for (int i = 0; i < 64; ++i)
    a[i] = float(i);
  for (int step = 0; step < 150; ++step)
    step % 2 == 0 ? add.launch(a, b) : add.launch(b, a);
  mgpuStreamSynchronize(nullptr);
  ASSERT_EQ(takeGPURuntimeError(), "");
  // The last launch (an odd step) wrote a.
  for (int i = 0; i < 64; ++i)
    ASSERT_EQ(a[i], float(i) + 150.0f) << "element " << i;
  mgpuMemFree(a, nullptr);
  mgpuMemFree(b, nullptr);
}

// Memory host code frees while a launch that reads it is pending is not
// handed out again before the launch ran: the host writing into a new
// allocation must not change what the launch reads (gpu-async-region's
// host code frees buffers on the stream, before it waits).
TEST_F(VulkanRuntime, MemoryFreedUnderPendingLaunchesIsNotReusedEarly) {
  std::vector<char> spirv = compileKernel(dir, "mulf", "2.0");
  ASSERT_FALSE(spirv.empty());
  LoadedKernel mul;
  ASSERT_EQ(mul.load(spirv), "");
  float *x = allocFloats(), *y = allocFloats();
  for (int i = 0; i < 64; ++i)
    x[i] = float(i);
  mul.launch(x, y);
  mgpuMemFree(x, nullptr);
  float *reused = allocFloats();
  for (int i = 0; i < 64; ++i)
    reused[i] = -1.0f;
  mgpuStreamSynchronize(nullptr);
  ASSERT_EQ(takeGPURuntimeError(), "");
  for (int i = 0; i < 64; ++i)
    ASSERT_EQ(y[i], float(i) * 2.0f) << "element " << i;
  mgpuMemFree(reused, nullptr);
  mgpuMemFree(y, nullptr);
}

} // namespace
