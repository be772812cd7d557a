//===- CUDARuntimeTest.cpp - libtessera_cuda_rt.so, driver or not --------===//
//
// The CUDA backend through the ABI that compiled host code calls. Without a
// driver (CI, this project's build machines) every call must fail softly,
// with a message, and never crash; with one, the calls must move data and
// run a kernel.
//
//===----------------------------------------------------------------------===//

#include "GPURuntimeABI.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

bool haveDriver() {
  char message[1024];
  return tessera_gpu_rt_init(message, sizeof(message)) == 0;
}

// Adds 1.0 to n floats: what convert-gpu-to-nvvm makes of a one-line kernel,
// written out by hand so that this test needs no compiler.
const char kAddOnePTX[] = R"(
.version 7.0
.target sm_52
.address_size 64
.visible .entry add_one(.param .u64 p, .param .u32 n) {
  .reg .pred %p<2>;
  .reg .b32 %r<6>;
  .reg .f32 %f<3>;
  .reg .b64 %rd<5>;
  ld.param.u64 %rd1, [p];
  ld.param.u32 %r1, [n];
  mov.u32 %r2, %ctaid.x;
  mov.u32 %r3, %ntid.x;
  mov.u32 %r4, %tid.x;
  mad.lo.s32 %r5, %r2, %r3, %r4;
  setp.ge.u32 %p1, %r5, %r1;
  @%p1 bra DONE;
  cvta.to.global.u64 %rd2, %rd1;
  mul.wide.u32 %rd3, %r5, 4;
  add.s64 %rd4, %rd2, %rd3;
  ld.global.f32 %f1, [%rd4];
  add.rn.f32 %f2, %f1, 0f3F800000;
  st.global.f32 [%rd4], %f2;
DONE:
  ret;
}
)";

TEST(CUDARuntime, NoDriverFailsWithAMessage) {
  if (haveDriver())
    GTEST_SKIP() << "a CUDA driver is present";
  char message[1024];
  EXPECT_EQ(tessera_gpu_rt_init(message, sizeof(message)), 1);
  EXPECT_EQ(
      std::string(message).rfind("CUDA driver not found: libcuda.so.1", 0), 0u)
      << message;
  // Truncation keeps a terminated string.
  char tiny[8];
  EXPECT_EQ(tessera_gpu_rt_init(tiny, sizeof(tiny)), 1);
  EXPECT_EQ(std::strlen(tiny), sizeof(tiny) - 1);
  tessera_gpu_rt_describe(message, sizeof(message));
  EXPECT_NE(std::string(message).find("CUDA driver not found"),
            std::string::npos);
}

TEST(CUDARuntime, NoDriverABICallsRecordTheErrorAndDoNotCrash) {
  if (haveDriver())
    GTEST_SKIP() << "a CUDA driver is present";
  takeGPURuntimeError();
  // The sequence of a module's constructor and of a launch, as gpu-to-llvm
  // emits it.
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kAddOnePTX), 3);
  EXPECT_EQ(module, nullptr);
  void *function = mgpuModuleGetFunction(module, "add_one");
  EXPECT_EQ(function, nullptr);
  void *stream = mgpuStreamCreate();
  EXPECT_EQ(stream, nullptr);
  void *buffer = mgpuMemAlloc(64, stream, /*isHostShared=*/true);
  EXPECT_EQ(buffer, nullptr);
  float host[16] = {0};
  mgpuMemcpy(buffer, host, sizeof(host), stream);
  mgpuMemset32(buffer, 0, 16, stream);
  void *params[2] = {&buffer, nullptr};
  mgpuLaunchKernel(function, 1, 1, 1, 16, 1, 1, 0, stream, params, nullptr, 2);
  mgpuStreamSynchronize(stream);
  mgpuStreamDestroy(stream);
  mgpuMemFree(buffer, stream);
  mgpuModuleUnload(module);
  EXPECT_EQ(mgpuModuleLoad(nullptr, 0), nullptr);

  // The first error is kept, reported once.
  std::string error = takeGPURuntimeError();
  EXPECT_EQ(error.rfind("CUDA driver not found: libcuda.so.1", 0), 0u) << error;
  EXPECT_EQ(takeGPURuntimeError(), "");
}

TEST(CUDARuntime, RunsAKernel) {
  if (!haveDriver())
    GTEST_SKIP() << "no CUDA driver";
  takeGPURuntimeError();
  char description[256];
  tessera_gpu_rt_describe(description, sizeof(description));
  std::printf("device: %s\n", description);

  void *module = mgpuModuleLoadJIT(const_cast<char *>(kAddOnePTX), 3);
  ASSERT_NE(module, nullptr) << takeGPURuntimeError();
  void *function = mgpuModuleGetFunction(module, "add_one");
  ASSERT_NE(function, nullptr) << takeGPURuntimeError();

  constexpr unsigned n = 1000;
  std::vector<float> host(n);
  for (unsigned i = 0; i < n; ++i)
    host[i] = static_cast<float>(i);
  void *stream = mgpuStreamCreate();
  // Device memory, copied both ways.
  void *device = mgpuMemAlloc(n * sizeof(float), stream, false);
  ASSERT_NE(device, nullptr) << takeGPURuntimeError();
  mgpuMemcpy(device, host.data(), n * sizeof(float), stream);
  unsigned count = n;
  void *params[] = {&device, &count};
  mgpuLaunchKernel(function, (n + 127) / 128, 1, 1, 128, 1, 1, 0, stream,
                   params, nullptr, 2);
  std::vector<float> result(n, -1.0f);
  mgpuMemcpy(result.data(), device, n * sizeof(float), stream);
  mgpuStreamSynchronize(stream);
  ASSERT_EQ(takeGPURuntimeError(), "");
  for (unsigned i = 0; i < n; ++i)
    ASSERT_EQ(result[i], static_cast<float>(i) + 1.0f) << "at " << i;

  // Host-shared (managed) memory: the host writes and reads it directly.
  auto *shared =
      static_cast<float *>(mgpuMemAlloc(n * sizeof(float), nullptr, true));
  ASSERT_NE(shared, nullptr) << takeGPURuntimeError();
  for (unsigned i = 0; i < n; ++i)
    shared[i] = 2.0f * i;
  void *sharedParams[] = {&shared, &count};
  mgpuLaunchKernel(function, (n + 127) / 128, 1, 1, 128, 1, 1, 0, stream,
                   sharedParams, nullptr, 2);
  mgpuStreamSynchronize(stream);
  ASSERT_EQ(takeGPURuntimeError(), "");
  for (unsigned i = 0; i < n; ++i)
    ASSERT_EQ(shared[i], 2.0f * i + 1.0f) << "at " << i;

  mgpuMemFree(shared, nullptr);
  mgpuMemFree(device, stream);
  mgpuStreamDestroy(stream);
  mgpuModuleUnload(module);
  EXPECT_EQ(takeGPURuntimeError(), "");
}

TEST(CUDARuntime, BadPTXReportsTheJITLog) {
  if (!haveDriver())
    GTEST_SKIP() << "no CUDA driver";
  takeGPURuntimeError();
  char bad[] = ".version 7.0\n.target sm_52\n.address_size 64\n"
               ".visible .entry broken() { not_an_instruction; }\n";
  EXPECT_EQ(mgpuModuleLoadJIT(bad, 3), nullptr);
  std::string error = takeGPURuntimeError();
  EXPECT_NE(error.find("cuModuleLoadDataEx failed"), std::string::npos)
      << error;
  // A launch with a null function is skipped, not a crash.
  mgpuLaunchKernel(nullptr, 1, 1, 1, 1, 1, 1, 0, nullptr, nullptr, nullptr, 0);
}

} // namespace
