//===- GPUTuningSpaceTest.cpp - The GPU space and the knobs' syntax -------===//

#include "tessera/Transforms/GPUTuningSpace.h"
#include "tessera/Pipelines/Pipelines.h"

#include <gtest/gtest.h>

#include <set>

using namespace mlir::tessera;

namespace {
TEST(GPUTuningSpace, DefaultFirstAndWithinLimits) {
  GPUDeviceLimits webgpu;
  for (GPUKernelClass kernelClass :
       {GPUKernelClass::Nest, GPUKernelClass::Matmul}) {
    size_t pruned = 0;
    std::vector<GPUTuningPoint> points =
        prunedGPUTuningSpace(kernelClass, webgpu, 32, &pruned);
    ASSERT_FALSE(points.empty());
    EXPECT_EQ(points.front(), GPUTuningPoint());
    EXPECT_LE(points.size(), 32u);
    EXPECT_GE(pruned, points.size());
    std::set<std::string> seen;
    for (const GPUTuningPoint &point : points) {
      EXPECT_TRUE(seen.insert(point.str()).second) << point.str();
      EXPECT_TRUE(fitsGPULimits(point, webgpu)) << point.str();
    }
  }
}

TEST(GPUTuningSpace, SmallDeviceGetsSmallerSpace) {
  GPUDeviceLimits big, small;
  small.maxInvocations = 64;
  small.maxWorkgroupBytes = 4096;
  size_t bigSize = 0, smallSize = 0;
  prunedGPUTuningSpace(GPUKernelClass::Matmul, big, 1000, &bigSize);
  std::vector<GPUTuningPoint> points =
      prunedGPUTuningSpace(GPUKernelClass::Matmul, small, 1000, &smallSize);
  EXPECT_LT(smallSize, bigSize);
  for (const GPUTuningPoint &point : points) {
    EXPECT_LE(point.matmulThreads(), 64) << point.str();
    EXPECT_LE(point.matmulWorkgroupBytes(), 4096) << point.str();
  }
  // The module's first configuration replaces the default tiling, which
  // does not fit.
  std::vector<GPUTuningPoint> module =
      gpuModuleTuningSpace(true, true, small, 32);
  EXPECT_TRUE(fitsGPULimits(module.front(), small));
}

TEST(GPUTuningSpace, ShapePrunesTiles) {
  GPUDeviceLimits webgpu;
  for (const GPUTuningPoint &point :
       prunedGPUTuningSpace(GPUKernelClass::Matmul, webgpu, 1000, nullptr,
                            /*m=*/24, /*n=*/16, /*k=*/40))
    EXPECT_TRUE(point.tileM <= 24 && point.tileN <= 16 && point.tileK <= 40)
        << point.str();
}

TEST(GPUPipelineOptions, KnobsRoundTrip) {
  GPUPipelineOptions options;
  EXPECT_EQ(options.knobString(),
            "block=64 coarsening=1 tile=32x32 k=32 outputs=2x2");
  std::string error;
  ASSERT_TRUE(options.parseKnobs("block=128 coarsening=4 tile=64x16 k=8 "
                                 "outputs=4x1",
                                 error))
      << error;
  EXPECT_EQ(options.knobString(),
            "block=128 coarsening=4 tile=64x16 k=8 outputs=4x1");
  GPUTuningPoint point;
  point.blockSize = 128;
  point.coarsening = 4;
  point.tileM = 64;
  point.tileN = 16;
  point.tileK = 8;
  point.outputsM = 4;
  point.outputsN = 1;
  EXPECT_EQ(point.str(), options.knobString());
  EXPECT_FALSE(options.parseKnobs("outputs=3x2", error));
  EXPECT_NE(error.find("outputs=3x2 does not divide tile=64x16"),
            std::string::npos)
      << error;
  EXPECT_FALSE(options.parseKnobs("warp=32", error));
  EXPECT_NE(error.find("unknown GPU knob 'warp'"), std::string::npos);
  EXPECT_FALSE(options.parseKnobs("coarsening=0", error));
  // A failed parse changes nothing.
  EXPECT_EQ(options.coarsening, 4);
}
} // namespace
