//===- CPUCodegenConfig.cpp - Knobs of the CPU code generator -------------===//

#include "tessera/Transforms/CPUCodegenConfig.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
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

namespace {
/// One option of the config in pass-option syntax: its name and its field
/// (exactly one of the three members is set). The one table that both
/// toPassOptions and parsePassOptions read, in toPassOptions' order.
struct ConfigOption {
  llvm::StringLiteral name;
  int64_t CPUCodegenConfig::*integer = nullptr;
  bool CPUCodegenConfig::*flag = nullptr;
  CPUCodegenConfig::Choice CPUCodegenConfig::*choice = nullptr;
};
} // namespace

static const ConfigOption kConfigOptions[] = {
    {"mc", &CPUCodegenConfig::mc},
    {"nc", &CPUCodegenConfig::nc},
    {"kc", &CPUCodegenConfig::kc},
    {"mr", &CPUCodegenConfig::mr},
    {"nr", &CPUCodegenConfig::nr},
    {"kr", &CPUCodegenConfig::kr},
    {"vector-width", &CPUCodegenConfig::vectorWidth},
    {"vectorize", nullptr, &CPUCodegenConfig::vectorize},
    {"vectorize-elementwise", nullptr, &CPUCodegenConfig::vectorizeElementwise},
    {"pack-rhs", nullptr, &CPUCodegenConfig::packRhs},
    {"pack-lhs", nullptr, &CPUCodegenConfig::packLhs},
    {"parallel-chunks", &CPUCodegenConfig::parallelChunks},
    {"parallel-min-work", &CPUCodegenConfig::parallelMinWork},
    {"fuse-elementwise", nullptr, &CPUCodegenConfig::fuseElementwise},
    {"int-dot-pairs", nullptr, &CPUCodegenConfig::intDotPairs},
    {"int-dot-quads", nullptr, &CPUCodegenConfig::intDotQuads},
    {"short-reduction-tiles", nullptr, &CPUCodegenConfig::shortReductionTiles},
    {"transpose-result", nullptr, nullptr, &CPUCodegenConfig::transposeResult},
};

llvm::StringRef CPUCodegenConfig::choiceName(Choice choice) {
  switch (choice) {
  case Choice::Auto:
    return "auto";
  case Choice::No:
    return "false";
  case Choice::Yes:
    return "true";
  }
  return "auto";
}

std::string CPUCodegenConfig::toPassOptions() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      kConfigOptions, os,
      [&](const ConfigOption &option) {
        os << option.name << "=";
        if (option.integer)
          os << this->*option.integer;
        else if (option.flag)
          os << (this->*option.flag ? "true" : "false");
        else
          os << choiceName(this->*option.choice);
      },
      " ");
  return text;
}

bool CPUCodegenConfig::parsePassOptions(llvm::StringRef text,
                                        std::string &error) {
  llvm::SmallVector<llvm::StringRef> pairs;
  text.split(pairs, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef pair : pairs) {
    llvm::StringRef key = pair.split('=').first.trim();
    llvm::StringRef value = pair.split('=').second.trim();
    const ConfigOption *option =
        llvm::find_if(kConfigOptions, [&](const ConfigOption &option) {
          return option.name == key;
        });
    if (option == std::end(kConfigOptions)) {
      error = "unknown CPU codegen option '" + key.str() + "'";
      return false;
    }
    if (option->integer) {
      if (value.getAsInteger(10, this->*option->integer)) {
        error = "expected an integer for '" + key.str() + "', got '" +
                value.str() + "'";
        return false;
      }
      continue;
    }
    bool yes = value == "true" || value == "1";
    bool no = value == "false" || value == "0";
    if (option->flag && (yes || no)) {
      this->*option->flag = yes;
      continue;
    }
    if (option->choice && (yes || no || value == "auto")) {
      this->*option->choice = yes  ? Choice::Yes
                              : no ? Choice::No
                                   : Choice::Auto;
      continue;
    }
    error = std::string("expected ") +
            (option->choice ? "auto, true or false" : "true or false") +
            " for '" + key.str() + "', got '" + value.str() + "'";
    return false;
  }
  return true;
}
