//===- CPUCodegenConfigTest.cpp - The CPU code generator's knobs ----------===//
//
// CPUCodegenConfig: defaults per vector width, resolution of the zeros,
// the round trip through pass options, and its place in the CPU pipeline.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/CPUCodegenConfig.h"
#include "tessera/Pipelines/Pipelines.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

using mlir::tessera::CPUCodegenConfig;
using mlir::tessera::CPUPipelineOptions;

namespace {

TEST(CPUCodegenConfig, DefaultsFollowTheVectorWidth) {
  CPUCodegenConfig avx2 = CPUCodegenConfig::forVectorWidth(8);
  EXPECT_EQ(avx2.vectorWidth, 8);
  EXPECT_EQ(avx2.nr, 16);
  EXPECT_EQ(avx2.mr, 6);
  EXPECT_EQ(avx2.kr, 1);
  EXPECT_EQ(avx2.mc % avx2.mr, 0);
  EXPECT_GT(avx2.kc, 0);
  EXPECT_GT(avx2.nc, 0);
  EXPECT_TRUE(avx2.vectorize);
  EXPECT_TRUE(avx2.packRhs);
  EXPECT_FALSE(avx2.packLhs);

  CPUCodegenConfig avx512 = CPUCodegenConfig::forVectorWidth(16);
  EXPECT_EQ(avx512.nr, 32);
  EXPECT_EQ(avx512.mr, 8);

  int64_t host = CPUCodegenConfig::hostVectorWidth();
  EXPECT_TRUE(host == 4 || host == 8 || host == 16) << host;
  EXPECT_EQ(CPUCodegenConfig::host().vectorWidth, host);
}

TEST(CPUCodegenConfig, ResolvedFillsOnlyZeros) {
  CPUCodegenConfig config;
  config.vectorWidth = 8;
  config.mr = 4;
  config.kc = -1;
  CPUCodegenConfig resolved = config.resolved();
  EXPECT_EQ(resolved.mr, 4);
  EXPECT_EQ(resolved.kc, -1);
  EXPECT_EQ(resolved.nr, 16);
  EXPECT_EQ(resolved.mc, CPUCodegenConfig::forVectorWidth(8).mc);
}

TEST(CPUCodegenConfig, PassOptionsRoundTrip) {
  CPUCodegenConfig config = CPUCodegenConfig::forVectorWidth(8);
  config.mc = 48;
  config.nr = 8;
  config.vectorizeElementwise = false;
  config.packLhs = true;
  config.parallelChunks = 3;
  config.parallelMinWork = 1;
  config.fuseElementwise = false;
  config.intDotPairs = false;
  config.intDotQuads = false;
  config.shortReductionTiles = false;
  config.transposeResult = CPUCodegenConfig::Choice::Yes;
  CPUCodegenConfig parsed;
  std::string error;
  ASSERT_TRUE(parsed.parsePassOptions(config.toPassOptions(), error)) << error;
  EXPECT_EQ(parsed.toPassOptions(), config.toPassOptions());
  EXPECT_EQ(parsed.mc, 48);
  EXPECT_FALSE(parsed.vectorizeElementwise);
  EXPECT_TRUE(parsed.packLhs);
  EXPECT_EQ(parsed.parallelChunks, 3);
  EXPECT_EQ(parsed.parallelMinWork, 1);
  EXPECT_FALSE(parsed.fuseElementwise);
  EXPECT_FALSE(parsed.intDotPairs);
  EXPECT_FALSE(parsed.intDotQuads);
  EXPECT_FALSE(parsed.shortReductionTiles);
  EXPECT_TRUE(CPUCodegenConfig().shortReductionTiles);
  EXPECT_EQ(parsed.transposeResult, CPUCodegenConfig::Choice::Yes);
}

TEST(CPUCodegenConfig, ChoicesTakeAutoTrueFalse) {
  CPUCodegenConfig config;
  EXPECT_EQ(config.transposeResult, CPUCodegenConfig::Choice::Auto);
  EXPECT_NE(config.toPassOptions().find("transpose-result=auto"),
            std::string::npos);
  std::string error;
  ASSERT_TRUE(config.parsePassOptions("transpose-result=false", error))
      << error;
  EXPECT_EQ(config.transposeResult, CPUCodegenConfig::Choice::No);
  ASSERT_TRUE(config.parsePassOptions("transpose-result=1", error)) << error;
  EXPECT_EQ(config.transposeResult, CPUCodegenConfig::Choice::Yes);
  ASSERT_TRUE(config.parsePassOptions("transpose-result=auto", error)) << error;
  EXPECT_EQ(config.transposeResult, CPUCodegenConfig::Choice::Auto);
  EXPECT_FALSE(config.parsePassOptions("transpose-result=maybe", error));
  EXPECT_EQ(error,
            "expected auto, true or false for 'transpose-result', got 'maybe'");
  EXPECT_FALSE(config.parsePassOptions("vectorize=auto", error));
  EXPECT_EQ(error, "expected true or false for 'vectorize', got 'auto'");
  EXPECT_FALSE(config.parsePassOptions("tile=3", error));
  EXPECT_EQ(error, "unknown CPU codegen option 'tile'");
}

TEST(CPUCodegenConfig, FlagsTakeTrueFalseOneZero) {
  CPUCodegenConfig config;
  std::string error;
  ASSERT_TRUE(config.parsePassOptions(
      "pack-rhs=0 short-reduction-tiles=false pack-lhs=1", error))
      << error;
  EXPECT_FALSE(config.packRhs);
  EXPECT_FALSE(config.shortReductionTiles);
  EXPECT_TRUE(config.packLhs);
  EXPECT_FALSE(config.parsePassOptions("short-reduction-tiles=maybe", error));
  EXPECT_EQ(error,
            "expected true or false for 'short-reduction-tiles', got 'maybe'");
  EXPECT_FALSE(config.parsePassOptions("mr=x", error));
  EXPECT_EQ(error, "expected an integer for 'mr', got 'x'");
}

TEST(CPUCodegenConfig, ThreadSlicesDefaultToTheHostsThreads) {
  CPUCodegenConfig resolved = CPUCodegenConfig().resolved();
  EXPECT_EQ(resolved.parallelChunks, CPUCodegenConfig::hostThreads());
  EXPECT_GE(resolved.parallelChunks, 1);
  EXPECT_GT(resolved.parallelMinWork, 1);
}

TEST(CPUPipeline, ThreadsSetTheSlicesAndTheOpenMPThreads) {
  CPUPipelineOptions options;
  options.threads = 3;
  std::string text = mlir::tessera::getCPUPipelineText(options);
  EXPECT_NE(text.find("parallel-chunks=3 "), std::string::npos) << text;
  EXPECT_NE(text.find("convert-scf-to-openmp{num-threads=3}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tessera-cpu-parallelize"), std::string::npos);
  // An explicit codegen choice wins over the thread count.
  options.codegen.parallelChunks = 1;
  text = mlir::tessera::getCPUPipelineText(options);
  EXPECT_NE(text.find("parallel-chunks=1 "), std::string::npos) << text;
}

TEST(CPUCodegenConfig, ParseRejectsUnknownKeysAndBadValues) {
  CPUCodegenConfig config;
  std::string error;
  EXPECT_FALSE(config.parsePassOptions("mc=12 unroll=4", error));
  EXPECT_NE(error.find("unroll"), std::string::npos) << error;
  EXPECT_FALSE(config.parsePassOptions("mr=six", error));
  EXPECT_FALSE(config.parsePassOptions("vectorize=maybe", error));
  EXPECT_TRUE(config.parsePassOptions("  kr=2   vectorize=false ", error));
  EXPECT_EQ(config.kr, 2);
  EXPECT_FALSE(config.vectorize);
}

TEST(CPUPipeline, NamesTheConfigOrNoCodegen) {
  CPUPipelineOptions options;
  options.codegen.vectorWidth = 8;
  options.codegen.mc = 36;
  std::string text = mlir::tessera::getCPUPipelineText(options);
  EXPECT_NE(text.find("tessera-cpu-tile-and-vectorize{mc=36 "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tessera-cpu-lower-vectors"), std::string::npos);
  EXPECT_NE(text.find("convert-vector-to-llvm"), std::string::npos);

  options.tileAndVectorize = false;
  text = mlir::tessera::getCPUPipelineText(options);
  EXPECT_EQ(text.find("tessera-cpu-tile-and-vectorize"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("tessera-cpu-lower-vectors"), std::string::npos);
  EXPECT_NE(text.find("convert-linalg-to-loops"), std::string::npos);
}

TEST(CPUPipeline, IntegerPairsAndQuadsOnlyWhereTheHostHasThem) {
  for (int64_t width : {4, 8, 16}) {
    CPUPipelineOptions options;
    options.codegen.vectorWidth = width;
    std::string text = mlir::tessera::getCPUPipelineText(options);
    bool has = CPUCodegenConfig::hostHasX86Pmaddwd(width);
    std::string bits = std::to_string(has ? width * 32 : 0);
    EXPECT_NE(text.find(has ? "int-dot-pairs=true" : "int-dot-pairs=false"),
              std::string::npos)
        << text;
    EXPECT_NE(
        text.find("tessera-cpu-lower-vectors{x86-pmaddwd-bits=" + bits + " "),
        std::string::npos)
        << text;
    bool quads = CPUCodegenConfig::hostHasX86Vpdpbusd(width);
    EXPECT_NE(text.find(quads ? "int-dot-quads=true" : "int-dot-quads=false"),
              std::string::npos)
        << text;
    // Register tile rows split at the vector width (3-vector rows).
    std::string native =
        " native-vector-bits=" + std::to_string(width * 32) + "}";
    EXPECT_NE(text.find(" x86-vpdpbusd-bits=" +
                        std::to_string(quads ? width * 32 : 0) + native),
              std::string::npos)
        << text;
    // Asked not to: off everywhere.
    options.codegen.intDotPairs = false;
    options.codegen.intDotQuads = false;
    text = mlir::tessera::getCPUPipelineText(options);
    EXPECT_NE(text.find("int-dot-pairs=false"), std::string::npos) << text;
    EXPECT_NE(text.find("x86-pmaddwd-bits=0 x86-vpdpbusd-bits=0" + native),
              std::string::npos)
        << text;
  }
}

TEST(CPUPipeline, ApproximatesMathUnlessAskedNotTo) {
  CPUPipelineOptions options;
  std::string text = mlir::tessera::getCPUPipelineText(options);
  size_t approximate = text.find("tessera-cpu-approximate-math{");
  ASSERT_NE(approximate, std::string::npos) << text;
  // Before the math ops become LLVM intrinsics and libm calls.
  EXPECT_LT(approximate, text.find("convert-math-to-libm"));
  EXPECT_LT(approximate, text.find("convert-math-to-llvm"));

  options.approximateMath = false;
  text = mlir::tessera::getCPUPipelineText(options);
  EXPECT_EQ(text.find("tessera-cpu-approximate-math"), std::string::npos);

  ::setenv("TESSERA_CPU_APPROXIMATE_MATH", "0", 1);
  EXPECT_FALSE(CPUPipelineOptions::fromEnvironment().approximateMath);
  ::setenv("TESSERA_CPU_APPROXIMATE_MATH", "1", 1);
  EXPECT_TRUE(CPUPipelineOptions::fromEnvironment().approximateMath);
  ::unsetenv("TESSERA_CPU_APPROXIMATE_MATH");
  EXPECT_TRUE(CPUPipelineOptions::fromEnvironment().approximateMath);
}

TEST(CPUPipeline, EnvironmentOverridesTheDefaults) {
  ::setenv("TESSERA_CPU_CODEGEN", "off", 1);
  EXPECT_FALSE(CPUPipelineOptions::fromEnvironment().tileAndVectorize);
  ::setenv("TESSERA_CPU_CODEGEN", "nc=128 pack-rhs=false fuse-elementwise=0",
           1);
  CPUPipelineOptions options = CPUPipelineOptions::fromEnvironment();
  EXPECT_TRUE(options.tileAndVectorize);
  EXPECT_EQ(options.codegen.nc, 128);
  EXPECT_FALSE(options.codegen.packRhs);
  EXPECT_FALSE(options.codegen.fuseElementwise);
  ::setenv("TESSERA_CPU_CODEGEN", "nc=wide", 1);
  std::string error;
  options = CPUPipelineOptions::fromEnvironment(&error);
  EXPECT_NE(error.find("TESSERA_CPU_CODEGEN"), std::string::npos) << error;
  EXPECT_TRUE(options.tileAndVectorize);
  EXPECT_EQ(options.codegen.nc, 0);
  ::unsetenv("TESSERA_CPU_CODEGEN");
}

} // namespace
