//===- CPUCodegenConfig.cpp - Knobs of the CPU code generator -------------===//

#include "tessera/Transforms/CPUCodegenConfig.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>

using namespace mlir::tessera;

/// Whether the host CPU has the LLVM target feature `name` (read once).
static bool hostHas(llvm::StringRef name) {
  static const llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  return features.lookup(name);
}

int64_t CPUCodegenConfig::hostVectorWidth() {
  static const int64_t width = [] {
    if (hostHas("avx512f"))
      return int64_t(16);
    if (hostHas("avx") || hostHas("avx2"))
      return int64_t(8);
    return int64_t(4);
  }();
  return width;
}

bool CPUCodegenConfig::hostHasX86Pmaddwd(int64_t vectorWidth) {
  llvm::StringRef feature = vectorWidth == 16  ? "avx512bw"
                            : vectorWidth == 8 ? "avx2"
                            : vectorWidth == 4 ? "sse2"
                                               : "";
  return !feature.empty() && hostHas(feature);
}

bool CPUCodegenConfig::hostHasX86Vpdpbusd(int64_t vectorWidth) {
  return vectorWidth == 16 && hostHas("avx512vnni") && hostHas("avx512bw");
}

int64_t CPUCodegenConfig::hostThreads() {
  return std::max<int64_t>(1,
                           llvm::hardware_concurrency().compute_thread_count());
}

CPUCodegenConfig CPUCodegenConfig::forVectorWidth(int64_t vectorWidth) {
  if (vectorWidth <= 0)
    vectorWidth = hostVectorWidth();
  CPUCodegenConfig config;
  config.vectorWidth = vectorWidth;
  // Register tile: mr rows of nr = 2 vectors. With 16 architectural vector
  // registers (AVX2, SSE) 6 x 2 accumulators + 2 right-hand vectors + 1
  // broadcast leave one spare; AVX-512's 32 registers take 8 x 2.
  config.nr = 2 * vectorWidth;
  config.mr = vectorWidth >= 16 ? 8 : 6;
  config.kr = 1;
  // Cache tiles: a kc x nr panel of the right operand (16 KiB for f32 at 8
  // lanes) stays in L1, the mc x kc block of the left one (72 KiB) in L2.
  config.kc = 256;
  config.mc = 12 * config.mr;
  config.nc = 256;
  config.parallelChunks = hostThreads();
  config.parallelMinWork = int64_t(1) << 16;
  return config;
}

CPUCodegenConfig CPUCodegenConfig::host() {
  return forVectorWidth(hostVectorWidth());
}

int64_t CPUCodegenConfig::lanesFor(int64_t elementBits) const {
  return std::max<int64_t>(1, vectorWidth * 32 /
                                  std::max<int64_t>(8, elementBits));
}

CPUCodegenConfig CPUCodegenConfig::resolved() const {
  CPUCodegenConfig defaults = forVectorWidth(vectorWidth);
  CPUCodegenConfig result = *this;
  auto fill = [](int64_t &field, int64_t fallback) {
    if (field == 0)
      field = fallback;
  };
  fill(result.vectorWidth, defaults.vectorWidth);
  fill(result.mc, defaults.mc);
  fill(result.nc, defaults.nc);
  fill(result.kc, defaults.kc);
  fill(result.mr, defaults.mr);
  fill(result.nr, defaults.nr);
  fill(result.kr, defaults.kr);
  fill(result.parallelChunks, defaults.parallelChunks);
  fill(result.parallelMinWork, defaults.parallelMinWork);
  return result;
}

std::string CPUCodegenConfig::toPassOptions() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "mc=" << mc << " nc=" << nc << " kc=" << kc << " mr=" << mr
     << " nr=" << nr << " kr=" << kr << " vector-width=" << vectorWidth
     << " vectorize=" << (vectorize ? "true" : "false")
     << " vectorize-elementwise=" << (vectorizeElementwise ? "true" : "false")
     << " pack-rhs=" << (packRhs ? "true" : "false")
     << " pack-lhs=" << (packLhs ? "true" : "false")
     << " parallel-chunks=" << parallelChunks
     << " parallel-min-work=" << parallelMinWork
     << " fuse-elementwise=" << (fuseElementwise ? "true" : "false")
     << " int-dot-pairs=" << (intDotPairs ? "true" : "false")
     << " int-dot-quads=" << (intDotQuads ? "true" : "false")
     << " short-reduction-tiles=" << (shortReductionTiles ? "true" : "false");
  return text;
}

bool CPUCodegenConfig::parsePassOptions(llvm::StringRef text,
                                        std::string &error) {
  llvm::SmallVector<llvm::StringRef> pairs;
  text.split(pairs, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef pair : pairs) {
    auto [key, value] = pair.split('=');
    key = key.trim();
    value = value.trim();
    bool *flag = llvm::StringSwitch<bool *>(key)
                     .Case("vectorize", &vectorize)
                     .Case("vectorize-elementwise", &vectorizeElementwise)
                     .Case("pack-rhs", &packRhs)
                     .Case("pack-lhs", &packLhs)
                     .Case("fuse-elementwise", &fuseElementwise)
                     .Case("int-dot-pairs", &intDotPairs)
                     .Case("int-dot-quads", &intDotQuads)
                     .Case("short-reduction-tiles", &shortReductionTiles)
                     .Default(nullptr);
    if (flag) {
      if (value == "true" || value == "1")
        *flag = true;
      else if (value == "false" || value == "0")
        *flag = false;
      else {
        error = "expected true or false for '" + key.str() + "', got '" +
                value.str() + "'";
        return false;
      }
      continue;
    }
    int64_t *field = llvm::StringSwitch<int64_t *>(key)
                         .Case("mc", &mc)
                         .Case("nc", &nc)
                         .Case("kc", &kc)
                         .Case("mr", &mr)
                         .Case("nr", &nr)
                         .Case("kr", &kr)
                         .Case("vector-width", &vectorWidth)
                         .Case("parallel-chunks", &parallelChunks)
                         .Case("parallel-min-work", &parallelMinWork)
                         .Default(nullptr);
    if (!field) {
      error = "unknown CPU codegen option '" + key.str() + "'";
      return false;
    }
    if (value.getAsInteger(10, *field)) {
      error = "expected an integer for '" + key.str() + "', got '" +
              value.str() + "'";
      return false;
    }
  }
  return true;
}
