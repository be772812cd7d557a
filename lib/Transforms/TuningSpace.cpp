//===- TuningSpace.cpp - Per-kernel tuning spaces of the CPU target -------===//
//
// The declared knobs per kernel class, the host's device description, and
// the pruning rules that cut a space of millions of points to a few dozen
// candidates for one kernel on one device.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/TuningSpace.h"
#include "tessera/Transforms/CPUContractionLoops.h"
#include "tessera/Transforms/LibraryCallsConfig.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unistd.h>

using namespace mlir;
using namespace mlir::tessera;

llvm::StringRef mlir::tessera::kernelClassName(KernelClass kernelClass) {
  switch (kernelClass) {
  case KernelClass::MatmulLike:
    return "matmul-like";
  case KernelClass::ConvLike:
    return "conv-like";
  case KernelClass::Spectral:
    return "spectral";
  case KernelClass::Elementwise:
    return "elementwise/reduction";
  case KernelClass::LowBit:
    return "low-bit";
  }
  return "unknown";
}

//===----------------------------------------------------------------------===//
// The device
//===----------------------------------------------------------------------===//

/// A cache size such as "48K" or "1024K" from sysfs, in bytes; 0 if absent.
static int64_t readSysfsCacheSize(int index, llvm::StringRef wantType,
                                  int wantLevel) {
  std::string dir =
      "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
  auto read = [&](llvm::StringRef file) -> std::string {
    auto buffer = llvm::MemoryBuffer::getFile(dir + file.str());
    if (!buffer)
      return "";
    return (*buffer)->getBuffer().trim().str();
  };
  std::string level = read("level"), type = read("type"), size = read("size");
  if (level != std::to_string(wantLevel) ||
      (type != wantType.str() && type != "Unified"))
    return 0;
  llvm::StringRef text(size);
  int64_t scale = 1;
  if (text.consume_back("K"))
    scale = 1 << 10;
  else if (text.consume_back("M"))
    scale = 1 << 20;
  int64_t value;
  if (text.getAsInteger(10, value))
    return 0;
  return value * scale;
}

static int64_t hostCacheSize(int level) {
  for (int index = 0; index < 8; ++index)
    if (int64_t size = readSysfsCacheSize(index, "Data", level))
      return size;
  // Containers often hide sysfs's cache directory; glibc still knows.
  long size = level == 1   ? sysconf(_SC_LEVEL1_DCACHE_SIZE)
              : level == 2 ? sysconf(_SC_LEVEL2_CACHE_SIZE)
                           : sysconf(_SC_LEVEL3_CACHE_SIZE);
  return size > 0 ? size : 0;
}

CPUDeviceDescription CPUDeviceDescription::host() {
  static const CPUDeviceDescription description = [] {
    CPUDeviceDescription d;
    d.name = llvm::sys::getHostCPUName().str();
    if (auto cpuinfo = llvm::MemoryBuffer::getFile("/proc/cpuinfo",
                                                   /*IsText=*/true)) {
      llvm::StringRef rest = (*cpuinfo)->getBuffer();
      while (!rest.empty()) {
        llvm::StringRef line;
        std::tie(line, rest) = rest.split('\n');
        if (line.starts_with("model name")) {
          d.name += " (" + line.split(':').second.trim().str() + ")";
          break;
        }
      }
    }
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    for (const char *name : {"sse4.2", "avx", "avx2", "fma", "avx512f",
                             "avx512vnni", "avxvnni", "neon"})
      if (features.lookup(name))
        d.features += (d.features.empty() ? "" : " ") + std::string(name);
    d.vectorWidth = CPUCodegenConfig::hostVectorWidth();
    d.hasX86Pmaddwd = CPUCodegenConfig::hostHasX86Pmaddwd(d.vectorWidth);
    d.hasX86Vpdpbusd = CPUCodegenConfig::hostHasX86Vpdpbusd(d.vectorWidth);
    // x86 has 32 vector registers with AVX-512, 16 before; AArch64 32.
    d.simdRegisters =
        features.lookup("avx512f") || features.lookup("neon") ? 32 : 16;
    d.cores = CPUCodegenConfig::hostThreads();
    if (int64_t size = hostCacheSize(1))
      d.l1Bytes = size;
    if (int64_t size = hostCacheSize(2))
      d.l2Bytes = size;
    if (int64_t size = hostCacheSize(3))
      d.l3Bytes = size;
    return d;
  }();
  return description;
}

std::string CPUDeviceDescription::fingerprint() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << name << "; " << features << "; vw=" << vectorWidth
     << " regs=" << simdRegisters << " cores=" << cores << " l1=" << l1Bytes
     << " l2=" << l2Bytes << " l3=" << l3Bytes
     << " library=" << (hasLibrary ? 1 : 0)
     << " pmaddwd=" << (hasX86Pmaddwd ? 1 : 0)
     << " vpdpbusd=" << (hasX86Vpdpbusd ? 1 : 0);
  return text;
}

CPUCodegenConfig
mlir::tessera::defaultConfigFor(const CPUDeviceDescription &device) {
  CPUCodegenConfig config =
      CPUCodegenConfig::forVectorWidth(device.vectorWidth);
  config.parallelChunks = device.cores;
  return config;
}

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

/// Whether two different inputs play A and B of a matmul for the loops
/// the code generator tiles: one not indexed by n (shared by the nr columns
/// of a register tile), another not indexed by m (shared by its mr rows).
/// Reductions that read one operand (a mean, the bit packing of a binary
/// convolution, which gathers its values itself) have no such reuse.
static bool readsTwoOperands(linalg::LinalgOp op,
                             const ContractionLoops &loops) {
  SmallVector<AffineMap> maps;
  for (OpOperand *input : op.getDpsInputOperands())
    if (auto type = dyn_cast<ShapedType>(input->get().getType());
        type && type.getRank() > 0)
      maps.push_back(op.getMatchingIndexingMap(input));
  for (auto [i, a] : llvm::enumerate(maps))
    for (auto [j, b] : llvm::enumerate(maps))
      if (i != j && !a.isFunctionOfDim(loops.n) && !b.isFunctionOfDim(loops.m))
        return true;
  return false;
}

std::optional<KernelShape> mlir::tessera::analyzeKernel(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || linalgOp.hasDynamicShape() ||
      !linalgOp.hasPureTensorSemantics() || linalgOp.getNumDpsInits() == 0 ||
      isa<linalg::FillOp, linalg::CopyOp, linalg::BroadcastOp,
          linalg::TransposeOp>(op))
    return std::nullopt;
  SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
  KernelShape shape;
  shape.points = 1;
  for (int64_t range : ranges)
    shape.points *= static_cast<double>(range);
  if (shape.points == 0)
    return std::nullopt;
  Type element = getElementTypeOrSelf(linalgOp.getDpsInitOperand(0)->get());
  bool complex = isa<ComplexType>(element);
  bool integer = isa<IntegerType>(element);
  std::string kind = op->getName().stripDialect().str();

  auto set = [&](int64_t batch, int64_t m, int64_t n, int64_t k) {
    shape.batch = batch;
    shape.m = m;
    shape.n = n;
    shape.k = k;
  };
  // A contraction's n as the code generator tiles it: its loops merged.
  auto mergedN = [&](const ContractionLoops &loops) {
    int64_t n = 1;
    for (int64_t loop : mergedNLoops(op, loops))
      n *= ranges[loop];
    return n;
  };
  bool reduces = linalgOp.getNumReductionLoops() != 0;
  auto conv = isa<linalg::ConvolutionOpInterface>(op)
                  ? linalg::inferConvolutionDims(linalgOp)
                  : FailureOr<linalg::ConvolutionDimensions>(failure());
  auto contraction = reduces && !succeeded(conv)
                         ? linalg::inferContractionDims(linalgOp)
                         : FailureOr<linalg::ContractionDimensions>(failure());
  if (succeeded(conv)) {
    // A 1x1 stride-1 convolution is tiled as a contraction
    // (tessera-cpu-tile-and-vectorize rewrites it first).
    bool pointwise =
        llvm::all_of(conv->filterLoop,
                     [&](unsigned loop) { return ranges[loop] == 1; }) &&
        llvm::all_of(conv->strides, [](int64_t s) { return s == 1; });
    auto product = [&](ArrayRef<unsigned> loops) {
      int64_t p = 1;
      for (unsigned loop : loops)
        p *= ranges[loop];
      return p;
    };
    // The code generator contracts over the flattened image (its rows and
    // columns collapsed into one loop, or the im2col columns): in NCHW the
    // image is n (the output's innermost dimensions) and the output
    // channels m; with the channels last (NHWC) the other way round.
    AffineMap outputMap = linalgOp.getIndexingMapsArray().back();
    bool channelsLast = outputMap.getNumResults() != 0 &&
                        llvm::any_of(conv->outputChannel, [&](unsigned loop) {
                          return outputMap.getResults().back() ==
                                 getAffineDimExpr(loop, op->getContext());
                        });
    int64_t image = product(conv->outputImage);
    int64_t channels = product(conv->outputChannel);
    int64_t n = channelsLast ? channels : image;
    int64_t m = channelsLast ? image : channels;
    int64_t k = product(conv->inputChannel) * product(conv->filterLoop);
    set(static_cast<int64_t>(shape.points / (double(m) * n * k)), m, n, k);
    // A windowed f32 NCHW convolution is an im2col copy and a GEMM of
    // these sizes (windowedConvolutionToIm2Col), tiled with the op's config.
    bool im2col = isa<linalg::Conv2DNchwFchwOp>(op) && element.isF32();
    shape.contraction = (pointwise || im2col) && !complex;
    shape.libraryEligible = canCallLibrary(op);
    shape.kernelClass = integer     ? KernelClass::LowBit
                        : pointwise ? KernelClass::MatmulLike
                                    : KernelClass::ConvLike;
  } else if (succeeded(contraction) && !contraction->m.empty() &&
             !contraction->n.empty() && !contraction->k.empty()) {
    int64_t m = ranges[contraction->m.back()];
    int64_t n = ranges[contraction->n.back()];
    int64_t k = ranges[contraction->k.back()];
    // The loops the code generator tiles by mr, nr and kc, where it reads
    // the op differently (the output's innermost loops are its n:
    // Kronecker attention's P x V contracts into [.., d, i, j] with n the
    // merged i and j, not d).
    if (std::optional<ContractionLoops> loops = matchContraction(op);
        loops && loops->m >= 0) {
      m = ranges[loops->m];
      n = mergedN(*loops);
      k = ranges[loops->k];
      shape.transposableResult = matchTransposedResult(op, *loops).has_value();
    }
    set(static_cast<int64_t>(shape.points / (double(m) * n * k)), m, n, k);
    shape.contraction = !complex;
    shape.kernelClass = complex   ? KernelClass::Spectral
                        : integer ? KernelClass::LowBit
                                  : KernelClass::MatmulLike;
    shape.libraryEligible = canCallLibrary(op);
    shape.i16Products = accumulatesI16Products(op);
    shape.i8Products = accumulatesI8Products(op);
  } else if (std::optional<ContractionLoops> loops =
                 reduces && !complex ? matchContraction(op) : std::nullopt;
             loops && loops->m >= 0 && readsTwoOperands(linalgOp, *loops)) {
    // A contraction that is not one multiply-accumulate: the spectral
    // convolution's DFT stages (a real and an imaginary output, each a sum
    // of products of real and imaginary parts), XNOR's popcount sums of
    // packed bits. The code generator tiles it like a matmul, with one
    // accumulator per output.
    int64_t m = ranges[loops->m], n = mergedN(*loops), k = ranges[loops->k];
    set(static_cast<int64_t>(shape.points / (double(m) * n * k)), m, n, k);
    shape.contraction = true;
    shape.kernelClass = integer ? KernelClass::LowBit : KernelClass::Spectral;
  } else {
    shape.kernelClass =
        complex ? KernelClass::Spectral : KernelClass::Elementwise;
    shape.m = ranges.size() > 1 ? ranges[ranges.size() - 2] : 1;
    shape.n = ranges.empty() ? 1 : ranges.back();
  }
  shape.flops =
      shape.contraction || succeeded(conv) ? 2 * shape.points : shape.points;
  // Binary contractions (popcounts of packed bits) do one multiply-add per
  // bit of a word, as binary GEMMs are counted.
  if (shape.contraction && integer &&
      linalgOp.getBlock()
          ->walk([](math::CtPopOp) { return WalkResult::interrupt(); })
          .wasInterrupted())
    shape.flops *= element.getIntOrFloatBitWidth();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << kind << " ";
  llvm::interleave(ranges, os, "x");
  os << " " << element;
  if (shape.contraction)
    os << " (batch " << shape.batch << ", m " << shape.m << ", n " << shape.n
       << ", k " << shape.k << ")";
  shape.description = text;
  return shape;
}

//===----------------------------------------------------------------------===//
// The declared spaces
//===----------------------------------------------------------------------===//

std::vector<TuningKnob>
mlir::tessera::tuningKnobs(KernelClass kernelClass,
                           const CPUDeviceDescription &device) {
  std::vector<TuningKnob> knobs;
  std::vector<int64_t> chunks = {1, 2, 4, 8, 16, 32, 64};
  // Contractions (and 1x1 convolutions, which become contractions): the
  // GotoBLAS loop nest's tiles, its unroll factor, packing, threads, and
  // oneDNN instead of generated code. Windowed convolutions (conv-like)
  // have the same knobs: the f32 NCHW ones are generated as an im2col GEMM
  // (their tiles) or called in oneDNN; others are loops (their threads).
  // The spectral convolution's DFT stages are contractions too (several
  // outputs, no library GEMM for them); its complex arithmetic is scalar
  // loops, for which only the threads knobs below matter.
  if (kernelClass == KernelClass::MatmulLike ||
      kernelClass == KernelClass::LowBit ||
      kernelClass == KernelClass::Spectral ||
      kernelClass == KernelClass::ConvLike) {
    knobs = {
        {"mr",
         {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24},
         "rows of the register tile"},
        {"nr/vector-width",
         {1, 2, 3, 4},
         "columns of the register tile, in SIMD vectors"},
        {"kr",
         {1, 2, 4},
         "unroll factor of the reduction (outer products "
         "per step)"},
        {"kc",
         {16, 32, 64, 128, 192, 256, 384, 512, 768, 1024},
         "reduction depth of a cache block"},
        {"mc/mr",
         {1, 2, 4, 8, 12, 16, 24, 32, 48, 64},
         "rows of a cache block, in register tiles"},
        {"nc/nr",
         {1, 2, 4, 8, 16, 32},
         "columns of a cache block, in "
         "register tiles"},
        {"pack-rhs", {0, 1}, "pack B into nr-column panels"},
        {"pack-lhs", {0, 1}, "pack A into mr-row panels"},
        {"parallel-chunks", chunks, "slices for the threads"},
        {"vector-width", {4, 8, 16}, "f32 lanes per vector"},
    };
    if (kernelClass == KernelClass::Spectral ||
        kernelClass == KernelClass::ConvLike)
      knobs.push_back({"parallel-min-work",
                       {4096, 16384, 65536, 262144},
                       kernelClass == KernelClass::Spectral
                           ? "smallest op that is split for the threads "
                             "(complex arithmetic)"
                           : "smallest op that is split for the threads "
                             "(convolutions generated as loops)"});
    // Contractions of two operands (not the DFT stages' several outputs,
    // not the im2col GEMMs, whose right operand is never transposed).
    if (kernelClass == KernelClass::MatmulLike ||
        kernelClass == KernelClass::LowBit)
      knobs.push_back({"transpose-result",
                       {0, 1},
                       "compute the result transposed, vectors along m "
                       "(A x B^T with a big B)"});
    if (kernelClass != KernelClass::Spectral)
      knobs.push_back(
          {"library", {0, 1}, "call oneDNN instead of generated code"});
    if (kernelClass == KernelClass::LowBit) {
      knobs.push_back({"int-dot-pairs",
                       {0, 1},
                       "x86 pmaddwd on pairs of k (products of integers "
                       "that fit i16), else one 32-bit multiply each"});
      knobs.push_back({"int-dot-quads",
                       {0, 1},
                       "x86 vpdpbusd on quads of k (products of integers "
                       "that fit i8), else pairs"});
    }
    return knobs;
  }
  // Everything else is generated as vectors of the output's innermost
  // dimension (elementwise), as vector accumulators of the reduced rows
  // (reductions along the inputs' innermost dimension) or as scalar loops
  // (complex arithmetic): what can change is the vectors and the threads.
  if (kernelClass == KernelClass::Elementwise)
    knobs.push_back({"vectorize-elementwise",
                     {0, 1},
                     "one SIMD vector per step (else scalar loops)"});
  if (kernelClass == KernelClass::Elementwise)
    knobs.push_back({"vector-width", {4, 8, 16}, "f32 lanes per vector"});
  knobs.push_back({"parallel-chunks", chunks, "slices for the threads"});
  knobs.push_back({"parallel-min-work",
                   {4096, 16384, 65536, 262144},
                   "smallest op that is split for the threads"});
  (void)device;
  return knobs;
}

double mlir::tessera::tuningSpaceSize(llvm::ArrayRef<TuningKnob> knobs) {
  double size = 1;
  for (const TuningKnob &knob : knobs)
    size *= static_cast<double>(knob.values.size());
  return size;
}

//===----------------------------------------------------------------------===//
// Candidates
//===----------------------------------------------------------------------===//

std::string TuningCandidate::str() const {
  return library ? "library" : config.toPassOptions();
}

std::optional<TuningCandidate>
TuningCandidate::parse(llvm::StringRef text, const CPUCodegenConfig &defaults,
                       std::string &error) {
  TuningCandidate candidate;
  candidate.config = defaults;
  if (text.trim() == "library") {
    candidate.library = true;
    return candidate;
  }
  if (!candidate.config.parsePassOptions(text, error))
    return std::nullopt;
  return candidate;
}

static int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

namespace {
/// A crude cost model, used only to order the pruned candidates (the
/// measurements decide): padding waste x loads per FMA x short-k overhead
/// x copies, divided by the threads used. `copiesPerPoint`: the elements
/// that packing (or transposing a result) copies, per point of the
/// iteration space; a transposing copy of an element is counted as 16
/// vector FMAs' lanes.
double estimateCost(const KernelShape &shape, const CPUCodegenConfig &c,
                    const CPUDeviceDescription &device,
                    double copiesPerPoint = 0) {
  double vectors = double(c.nr) / c.vectorWidth;
  double waste = double(roundUp(shape.m, c.mr)) * roundUp(shape.n, c.nr) /
                 (double(shape.m) * shape.n);
  double loadsPerFma = (c.mr + vectors) / (c.mr * vectors);
  double kOverhead = 1 + 8.0 / std::min(c.kc, shape.k);
  double threads = std::min<double>(c.parallelChunks, device.cores);
  if (shape.points < c.parallelMinWork)
    threads = 1;
  // Small cache blocks repeat the loop and packing overheads.
  double blockOverhead =
      (1 + 0.5 * c.mr / std::min(c.mc, roundUp(shape.m, c.mr))) *
      (1 + 0.5 * c.nr / std::min(c.nc, roundUp(shape.n, c.nr)));
  double cost = waste * (1 + loadsPerFma) * kOverhead * blockOverhead *
                (1 + 16 * copiesPerPoint) / threads;
  // Panels of B that do not fit in L1 alongside a row block of A.
  if ((c.kc * c.nr + c.mr * c.kc) * 4 > device.l1Bytes / 2)
    cost *= 1.1;
  return cost;
}
} // namespace

std::vector<TuningCandidate> mlir::tessera::prunedTuningSpace(
    const KernelShape &shape, const CPUDeviceDescription &device,
    const CPUCodegenConfig &defaultsIn, size_t limit, size_t *unlimited) {
  CPUCodegenConfig defaults = defaultsIn.resolved();
  std::vector<TuningKnob> knobs = tuningKnobs(shape.kernelClass, device);
  auto valuesOf = [&](llvm::StringRef name) {
    for (const TuningKnob &knob : knobs)
      if (knob.name == name)
        return knob.values;
    return std::vector<int64_t>{};
  };
  // Threads: one slice, or one per core; both only for ops big enough to
  // be split at all.
  std::vector<int64_t> chunkValues = {1};
  if (device.cores > 1 && shape.points >= defaults.parallelMinWork)
    chunkValues.push_back(device.cores);

  llvm::StringSet<> seen;
  std::vector<std::pair<double, TuningCandidate>> scored;
  auto add = [&](const TuningCandidate &candidate, double cost) {
    if (seen.insert(candidate.str()).second)
      scored.push_back({cost, candidate});
  };

  if (shape.contraction) {
    int64_t vw = device.vectorWidth;
    // Products in pairs of k: an odd kr is rounded up to an even one (1
    // compiles as 2), so only even ones are distinct.
    bool pairs =
        shape.i16Products && device.hasX86Pmaddwd && defaults.intDotPairs;
    // In quads every kr up to 16 compiles as 16: one of them is distinct.
    bool quads =
        shape.i8Products && device.hasX86Vpdpbusd && defaults.intDotQuads;
    // The register and cache tiles of each way to compute the result: as
    // it is, and, where the contraction can, transposed (its m and n trade
    // places: the tiles are those of the transposed GEMM). Their copies:
    // the right operand packed (n x k per m x n x k points), or the left
    // one packed and the result transposed (m x k + m x n).
    auto addTiles = [&](const KernelShape &oriented,
                        CPUCodegenConfig::Choice orientation,
                        double copiesPerPoint) {
      // Latency hiding: enough independent accumulators to keep the FMA
      // pipes busy (2 pipes x 4 cycles), unless the shape has fewer.
      // Register tiles must also use at least half of the register file.
      int64_t wantAccumulators = std::min<int64_t>(
          device.simdRegisters / 2 - 2,
          std::min<int64_t>(oriented.m, 8) *
              std::max<int64_t>(
                  1, std::min<int64_t>(roundUp(oriented.n, vw) / vw, 2)));
      for (int64_t mr : valuesOf("mr")) {
        if (mr > oriented.m)
          continue;
        for (int64_t nrVectors : valuesOf("nr/vector-width")) {
          int64_t nr = nrVectors * vw;
          if (nr > roundUp(oriented.n, vw))
            continue;
          for (int64_t kr : valuesOf("kr")) {
            if (quads ? kr != 1 : pairs && kr % 2 != 0)
              continue;
            // Registers: mr x nrVectors accumulators, kr rows of B vectors,
            // kr broadcasts of A.
            int64_t accumulators = mr * nrVectors;
            if (accumulators + kr * nrVectors + kr > device.simdRegisters ||
                accumulators < wantAccumulators || kr > oriented.k)
              continue;
            for (int64_t kcValue : valuesOf("kc")) {
              int64_t kc = std::min(kcValue, oriented.k);
              // Short reduction blocks only where k itself is short.
              if (kc % kr != 0 || (kc < 64 && oriented.k > 64))
                continue;
              // L1: a kc x nr panel of B plus an mr x kc sliver of A.
              if ((kc * nr + mr * kc) * 4 > device.l1Bytes)
                continue;
              for (int64_t mcBlocks : valuesOf("mc/mr")) {
                int64_t mc = std::min(mr * mcBlocks, roundUp(oriented.m, mr));
                // A block of a few register tiles rereads B too often.
                if (mc < std::min(4 * mr, roundUp(oriented.m, mr)))
                  continue;
                // L2: the mc x kc block of A, with room for B's panels.
                if (mc * kc * 4 > device.l2Bytes / 2)
                  continue;
                for (int64_t ncBlocks : valuesOf("nc/nr")) {
                  int64_t nc = std::min(nr * ncBlocks, roundUp(oriented.n, nr));
                  if (nc < std::min(2 * nr, roundUp(oriented.n, nr)))
                    continue;
                  // The kc x nc block of B in this core's share of L2/L3.
                  if (kc * nc * 4 >
                      std::max(device.l2Bytes, device.l3Bytes / device.cores))
                    continue;
                  for (int64_t packLhs : valuesOf("pack-lhs")) {
                    // Packing A only pays when blocks hold several tiles.
                    if (packLhs && mc <= mr)
                      continue;
                    for (int64_t chunks : chunkValues) {
                      TuningCandidate candidate;
                      CPUCodegenConfig &c = candidate.config;
                      c = defaults;
                      c.mr = mr;
                      c.nr = nr;
                      c.kr = kr;
                      c.kc = kc;
                      c.mc = mc;
                      c.nc = nc;
                      c.packLhs = packLhs;
                      c.parallelChunks = chunks;
                      // Measured as the tile it names (the default keeps
                      // its reshaping of short reductions).
                      c.shortReductionTiles = false;
                      c.transposeResult = orientation;
                      add(candidate,
                          estimateCost(oriented, c, device, copiesPerPoint));
                    }
                  }
                }
              }
            }
          }
        }
      }
    };
    if (shape.transposableResult) {
      KernelShape transposed = shape;
      std::swap(transposed.m, transposed.n);
      addTiles(shape, CPUCodegenConfig::Choice::No, 1.0 / shape.m);
      addTiles(transposed, CPUCodegenConfig::Choice::Yes,
               1.0 / shape.n + 1.0 / shape.k);
    } else {
      addTiles(shape, defaults.transposeResult, 0);
    }
    // pack-rhs stays on: off measured slower at power-of-two strides and
    // the device rules cannot tell when it is not.
    if (shape.libraryEligible && device.hasLibrary) {
      TuningCandidate library;
      library.config = defaults;
      library.library = true;
      add(library, 0);
    }
    // The default without the pairs (one vpmulld per product): the other
    // way to compute the products, like the library, measured first.
    if (pairs) {
      TuningCandidate single;
      single.config = defaults;
      single.config.intDotPairs = false;
      single.config.intDotQuads = false;
      add(single, 0);
    }
    // Likewise the default in pairs instead of quads.
    if (quads) {
      TuningCandidate inPairs;
      inPairs.config = defaults;
      inPairs.config.intDotQuads = false;
      add(inPairs, 0);
    }
  } else {
    // Vectors narrower than the device's waste its SIMD width: pruned.
    std::vector<int64_t> widths = {defaults.vectorWidth};
    std::vector<int64_t> vectorizeValues = {1};
    if (shape.kernelClass == KernelClass::Elementwise)
      vectorizeValues.push_back(0);
    for (int64_t width : widths)
      for (int64_t vectorize : vectorizeValues)
        for (int64_t chunks : chunkValues)
          for (int64_t minWork : valuesOf("parallel-min-work")) {
            // For one op, every threshold below its size means "split" and
            // every one above "one slice": one value of each suffices.
            if (chunks > 1 && minWork != defaults.parallelMinWork)
              continue;
            TuningCandidate candidate;
            candidate.config = defaults;
            candidate.config.vectorWidth = width;
            candidate.config.vectorizeElementwise = vectorize;
            candidate.config.parallelChunks = chunks;
            candidate.config.parallelMinWork =
                chunks > 1 ? minWork : defaults.parallelMinWork;
            double cost = (vectorize ? 1.0 : 4.0) * device.vectorWidth / width /
                          (chunks > 1 ? device.cores : 1);
            add(candidate, cost);
          }
  }
  if (unlimited)
    *unlimited = scored.size();

  // Best first; for contractions, round-robin over register tiles so that
  // the cut keeps several of them instead of one tile's cache variants.
  sortByScore(scored);
  std::vector<TuningCandidate> ordered;
  {
    using GroupKey =
        std::tuple<int64_t, int64_t, int64_t, bool, CPUCodegenConfig::Choice>;
    std::map<GroupKey, std::vector<TuningCandidate>> groups;
    std::vector<GroupKey> groupOrder;
    for (auto &[cost, candidate] : scored) {
      const CPUCodegenConfig &c = candidate.config;
      GroupKey key =
          shape.contraction
              ? GroupKey(c.mr, c.nr, c.kr, candidate.library, c.transposeResult)
              : GroupKey(0, 0, 0, false, defaults.transposeResult);
      if (!groups.count(key))
        groupOrder.push_back(key);
      groups[key].push_back(candidate);
    }
    for (size_t round = 0; ordered.size() < scored.size(); ++round)
      for (auto &key : groupOrder)
        if (round < groups[key].size())
          ordered.push_back(groups[key][round]);
  }

  std::vector<TuningCandidate> result;
  TuningCandidate untuned;
  untuned.config = defaults;
  result.push_back(untuned);
  for (TuningCandidate &candidate : ordered) {
    if (result.size() >= std::max<size_t>(limit, 1))
      break;
    if (!(candidate == untuned))
      result.push_back(candidate);
  }
  return result;
}
