//===- TuningSpaceTest.cpp - Tuning spaces and their pruning --------------===//

#include "tessera/Transforms/TuningSpace.h"

#include "llvm/ADT/STLExtras.h"

#include <gtest/gtest.h>

#include <set>

using namespace mlir::tessera;

namespace {
KernelShape gemm(int64_t m, int64_t n, int64_t k) {
  KernelShape shape;
  shape.kernelClass = KernelClass::MatmulLike;
  shape.contraction = true;
  shape.libraryEligible = true;
  shape.m = m;
  shape.n = n;
  shape.k = k;
  shape.points = double(m) * n * k;
  shape.flops = 2 * shape.points;
  return shape;
}

CPUDeviceDescription bigDevice() {
  CPUDeviceDescription d;
  d.vectorWidth = 16;
  d.simdRegisters = 32;
  d.cores = 8;
  d.l1Bytes = 48 << 10;
  d.l2Bytes = 1 << 20;
  d.l3Bytes = 32 << 20;
  d.hasLibrary = true;
  return d;
}

CPUDeviceDescription smallDevice() {
  CPUDeviceDescription d;
  d.vectorWidth = 4;
  d.simdRegisters = 16;
  d.cores = 1;
  d.l1Bytes = 16 << 10;
  d.l2Bytes = 128 << 10;
  d.l3Bytes = 1 << 20;
  return d;
}

size_t prunedSize(const KernelShape &shape, const CPUDeviceDescription &d) {
  size_t size = 0;
  prunedTuningSpace(shape, d, defaultConfigFor(d), 1000000, &size);
  return size;
}
} // namespace

TEST(TuningSpace, DeclaredSpaceIsLargePrunedIsDozens) {
  CPUDeviceDescription d = bigDevice();
  double declared = tuningSpaceSize(tuningKnobs(KernelClass::MatmulLike, d));
  EXPECT_GT(declared, 1e6);
  std::vector<TuningCandidate> candidates = prunedTuningSpace(
      gemm(256, 256, 256), d, defaultConfigFor(d), /*limit=*/32);
  EXPECT_LE(candidates.size(), 32u);
  EXPECT_GE(candidates.size(), 12u);
  // Distinct points, the default first.
  std::set<std::string> seen;
  for (const TuningCandidate &c : candidates)
    EXPECT_TRUE(seen.insert(c.str()).second) << c.str();
  EXPECT_EQ(candidates.front().str(),
            defaultConfigFor(d).resolved().toPassOptions());
}

TEST(TuningSpace, SmallDeviceGetsSmallerSpace) {
  KernelShape shape = gemm(256, 256, 256);
  size_t big = prunedSize(shape, bigDevice());
  size_t small = prunedSize(shape, smallDevice());
  EXPECT_GT(small, 0u);
  EXPECT_LT(small, big);
  // A smaller L1 alone shrinks it too (fewer kc x nr panels fit).
  CPUDeviceDescription smallL1 = bigDevice();
  smallL1.l1Bytes = 16 << 10;
  EXPECT_LT(prunedSize(shape, smallL1), big);
  // And one core drops the thread variants.
  CPUDeviceDescription oneCore = bigDevice();
  oneCore.cores = 1;
  EXPECT_LT(prunedSize(shape, oneCore), big);
}

TEST(TuningSpace, PruningRespectsTheDevice) {
  CPUDeviceDescription d = smallDevice();
  for (const TuningCandidate &c :
       prunedTuningSpace(gemm(512, 512, 512), d, defaultConfigFor(d), 1000)) {
    ASSERT_FALSE(c.library) << "no library on this device";
    const CPUCodegenConfig &k = c.config;
    EXPECT_EQ(k.vectorWidth, 4);
    EXPECT_EQ(k.nr % 4, 0);
    EXPECT_LE(k.mr * (k.nr / 4) + k.kr * (k.nr / 4) + k.kr, 16) << c.str();
    EXPECT_LE(k.parallelChunks, 1);
  }
}

TEST(TuningSpace, ShapeBoundsTheTiles) {
  CPUDeviceDescription d = bigDevice();
  // A small GEMM: no tile exceeds the dimensions.
  for (const TuningCandidate &c :
       prunedTuningSpace(gemm(8, 16, 24), d, defaultConfigFor(d), 1000)) {
    if (c.library || c.str() == defaultConfigFor(d).resolved().toPassOptions())
      continue;
    EXPECT_LE(c.config.mr, 8);
    EXPECT_LE(c.config.kc, 24);
    EXPECT_LE(c.config.nr, 16);
  }
  EXPECT_LT(prunedSize(gemm(8, 16, 24), d), prunedSize(gemm(512, 512, 512), d));
}

// The default config keeps the code generator's reshaping of tiles for short
// reductions; the other candidates are measured as the tiles they name.
TEST(TuningSpace, CandidatesAreTheTilesTheyName) {
  CPUDeviceDescription d = bigDevice();
  std::vector<TuningCandidate> candidates =
      prunedTuningSpace(gemm(128, 4096, 32), d, defaultConfigFor(d), 24);
  ASSERT_GT(candidates.size(), 2u);
  EXPECT_TRUE(candidates.front().config.shortReductionTiles);
  for (const TuningCandidate &c : llvm::drop_begin(candidates))
    if (!c.library)
      EXPECT_FALSE(c.config.shortReductionTiles) << c.str();
}

TEST(TuningSpace, LibraryOnlyWhereAvailableAndEligible) {
  KernelShape shape = gemm(128, 128, 128);
  auto hasLibrary = [](const std::vector<TuningCandidate> &list) {
    for (const TuningCandidate &c : list)
      if (c.library)
        return true;
    return false;
  };
  CPUDeviceDescription d = bigDevice();
  EXPECT_TRUE(hasLibrary(prunedTuningSpace(shape, d, defaultConfigFor(d), 8)));
  shape.libraryEligible = false;
  EXPECT_FALSE(hasLibrary(prunedTuningSpace(shape, d, defaultConfigFor(d), 8)));
}

TEST(TuningSpace, WindowedConvolutionMayCallTheLibrary) {
  // A 3x3 f32 NCHW convolution, 32 -> 32 channels on 64x64 (conv-like: the
  // tiles of its im2col GEMM, m = 32 output channels, n = 64 x 64 pixels,
  // k = 32 x 3 x 3, and oneDNN where it can take the op and the device has
  // it).
  KernelShape shape = gemm(32, 4096, 288);
  shape.kernelClass = KernelClass::ConvLike;
  shape.libraryEligible = true;
  auto libraries = [](const std::vector<TuningCandidate> &list) {
    return llvm::count_if(list,
                          [](const TuningCandidate &c) { return c.library; });
  };
  CPUDeviceDescription d = bigDevice();
  std::vector<TuningCandidate> withLibrary =
      prunedTuningSpace(shape, d, defaultConfigFor(d), 8);
  EXPECT_EQ(libraries(withLibrary), 1);
  EXPECT_FALSE(withLibrary.front().library) << "the default comes first";
  EXPECT_EQ(withLibrary.size(), 8u) << "register tiles of the im2col GEMM";
  EXPECT_TRUE(llvm::any_of(withLibrary, [&](const TuningCandidate &c) {
    return !c.library && c.config.mr != withLibrary.front().config.mr;
  }));
  // The knob is declared for the class.
  EXPECT_TRUE(
      llvm::any_of(tuningKnobs(KernelClass::ConvLike, d),
                   [](const TuningKnob &k) { return k.name == "library"; }));
  shape.libraryEligible = false;
  std::vector<TuningCandidate> ineligible =
      prunedTuningSpace(shape, d, defaultConfigFor(d), 8);
  EXPECT_EQ(libraries(ineligible), 0);
  EXPECT_EQ(ineligible.size(), 8u);
  shape.libraryEligible = true;
  d.hasLibrary = false;
  EXPECT_EQ(libraries(prunedTuningSpace(shape, d, defaultConfigFor(d), 8)), 0);
}

TEST(TuningSpace, IntegerPairsWhereTheDeviceHasPmaddwd) {
  KernelShape shape = gemm(128, 128, 256);
  shape.kernelClass = KernelClass::LowBit;
  shape.i16Products = true;
  CPUDeviceDescription d = bigDevice();
  auto withoutPairs = [](const std::vector<TuningCandidate> &list) {
    return llvm::count_if(list, [](const TuningCandidate &c) {
      return !c.library && !c.config.intDotPairs;
    });
  };
  // Without pmaddwd the knob changes nothing: no candidate turns it off.
  std::vector<TuningCandidate> candidates =
      prunedTuningSpace(shape, d, defaultConfigFor(d), 64);
  EXPECT_EQ(withoutPairs(candidates), 0);
  // With it: one candidate computes the products one at a time (the
  // default's tiles), and no odd kr is tried (it compiles as the next even
  // one).
  d.hasX86Pmaddwd = true;
  candidates = prunedTuningSpace(shape, d, defaultConfigFor(d), 64);
  EXPECT_EQ(withoutPairs(candidates), 1);
  for (const TuningCandidate &c : llvm::drop_begin(candidates))
    if (!c.library && c.config.intDotPairs)
      EXPECT_EQ(c.config.kr % 2, 0) << c.str();
  // Other integer products (i32) keep every kr and the pairs' default.
  shape.i16Products = false;
  candidates = prunedTuningSpace(shape, d, defaultConfigFor(d), 1000);
  EXPECT_EQ(withoutPairs(candidates), 0);
  EXPECT_TRUE(llvm::any_of(
      candidates, [](const TuningCandidate &c) { return c.config.kr == 1; }));
  EXPECT_NE(d.fingerprint(), bigDevice().fingerprint());
}

TEST(TuningSpace, IntegerQuadsWhereTheDeviceHasVpdpbusd) {
  KernelShape shape = gemm(128, 128, 256);
  shape.kernelClass = KernelClass::LowBit;
  shape.i16Products = true;
  shape.i8Products = true;
  CPUDeviceDescription d = bigDevice();
  d.hasX86Pmaddwd = true;
  d.hasX86Vpdpbusd = true;
  std::vector<TuningCandidate> candidates =
      prunedTuningSpace(shape, d, defaultConfigFor(d), 64);
  // One candidate in pairs, one with neither; every kr up to 16 compiles
  // the same in quads, so only kr = 1 is tried there.
  EXPECT_EQ(llvm::count_if(candidates,
                           [](const TuningCandidate &c) {
                             return !c.library && !c.config.intDotQuads &&
                                    c.config.intDotPairs;
                           }),
            1);
  EXPECT_EQ(llvm::count_if(candidates,
                           [](const TuningCandidate &c) {
                             return !c.library && !c.config.intDotPairs;
                           }),
            1);
  for (const TuningCandidate &c : candidates)
    if (!c.library && c.config.intDotQuads)
      EXPECT_EQ(c.config.kr, 1) << c.str();
  EXPECT_GT(candidates.size(), 8u);
}

TEST(TuningSpace, ElementwiseSpaceIsSmall) {
  KernelShape shape;
  shape.kernelClass = KernelClass::Elementwise;
  shape.points = 1 << 20;
  shape.flops = shape.points;
  CPUDeviceDescription d = bigDevice();
  size_t pruned = 0;
  auto candidates =
      prunedTuningSpace(shape, d, defaultConfigFor(d), 32, &pruned);
  EXPECT_LE(pruned, 8u);
  EXPECT_GE(candidates.size(), 2u);
}

TEST(TuningSpace, CandidateRoundTrips) {
  CPUDeviceDescription d = bigDevice();
  CPUCodegenConfig defaults = defaultConfigFor(d).resolved();
  std::string error;
  for (const TuningCandidate &c :
       prunedTuningSpace(gemm(96, 96, 96), d, defaults, 16)) {
    std::optional<TuningCandidate> parsed =
        TuningCandidate::parse(c.str(), defaults, error);
    ASSERT_TRUE(parsed) << error;
    EXPECT_EQ(parsed->str(), c.str());
  }
  EXPECT_FALSE(TuningCandidate::parse("mr=x", defaults, error));
  EXPECT_NE(error.find("mr"), std::string::npos);
}

TEST(TuningSpace, HostDescription) {
  CPUDeviceDescription host = CPUDeviceDescription::host();
  EXPECT_GE(host.vectorWidth, 4);
  EXPECT_GE(host.cores, 1);
  EXPECT_GT(host.l1Bytes, 0);
  EXPECT_NE(host.fingerprint(), smallDevice().fingerprint());
}
