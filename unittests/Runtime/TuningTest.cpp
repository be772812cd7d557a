//===- TuningTest.cpp - The tuning cache and the runtime's tuning API -----===//
//
// The cache round-trips, survives corruption and stale entries, merges
// concurrent writers; a tuned module records its kernels and a second
// compilation takes them from the cache without measuring; a tuned config
// goes on the kernel's ops in the model (no outlining: its epilogue stays
// next to it, for the code generator to fuse).
//
//===----------------------------------------------------------------------===//

#include "CompilerContext.h"
#include "tessera-c/runtime.h"
#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/Runtime.h"
#include "tessera/Runtime/Tuner.h"
#include "tessera/Runtime/TuningCache.h"
#include "tessera/Transforms/TuningSpace.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/JSON.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace tessera::runtime;

namespace {
/// A fresh directory per test.
std::string scratchDir(const std::string &name) {
  llvm::SmallString<128> dir;
  llvm::sys::fs::createUniqueDirectory("tessera-tuning-" + name, dir);
  return std::string(dir);
}

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : "";
}

TuningCacheEntry entry(const std::string &config) {
  TuningCacheEntry e;
  e.kernel = "matmul 8x8x8 f32";
  e.kernelClass = "matmul-like";
  e.config = config;
  e.defaultMs = 2;
  e.bestMs = 1;
  e.tried = 5;
  return e;
}

const char *kModel = R"mlir(
func.func @mm(%a: tensor<64x128xf32>, %b: tensor<128x96xf32>) -> tensor<64x96xf32> {
  %e = tensor.empty() : tensor<64x96xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<64x96xf32>) -> tensor<64x96xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%i : tensor<64x96xf32>) -> tensor<64x96xf32>
  return %r : tensor<64x96xf32>
}
)mlir";
} // namespace

TEST(TuningCache, RoundTrip) {
  std::string path = scratchDir("roundtrip") + "/sub/tuning.json";
  TuningCache cache("device A", "compiler 1");
  std::string key = cache.keyFor("kernel IR");
  EXPECT_EQ(key, cache.keyFor("kernel IR"));
  EXPECT_NE(key, cache.keyFor("other kernel IR"));
  EXPECT_NE(key, TuningCache("device B", "compiler 1").keyFor("kernel IR"));
  EXPECT_NE(key, TuningCache("device A", "compiler 2").keyFor("kernel IR"));
  cache.insert(key, entry("mr=4 nr=16"));
  std::string error;
  ASSERT_TRUE(cache.save(path, error)) << error;

  TuningCache loaded("device A", "compiler 1");
  std::vector<std::string> warnings;
  loaded.load(path, warnings);
  EXPECT_TRUE(warnings.empty());
  const TuningCacheEntry *found = loaded.lookup(key);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->config, "mr=4 nr=16");
  EXPECT_EQ(found->tried, 5);
  EXPECT_DOUBLE_EQ(found->bestMs, 1);
  // No temporary file is left behind.
  std::error_code ec;
  int files = 0;
  for (llvm::sys::fs::directory_iterator
           it(llvm::sys::path::parent_path(path), ec),
       end;
       it != end && !ec; it.increment(ec))
    if (!llvm::StringRef(it->path()).ends_with(".lock"))
      ++files;
  EXPECT_EQ(files, 1);
}

TEST(TuningCache, MissingFileIsEmpty) {
  TuningCache cache("d", "c");
  std::vector<std::string> warnings;
  cache.load(scratchDir("missing") + "/none.json", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(TuningCache, CorruptFileIsReportedAndMovedAside) {
  std::string dir = scratchDir("corrupt");
  for (const char *text :
       {"{ not json", "[1, 2, 3]", "{\"format\": \"something else\"}",
        "{\"format\": \"tessera-tuning-cache\", \"version\": 1, "
        "\"entries\": {\"k\": {\"device\": 3}}}",
        ""}) {
    std::string path = dir + "/tuning.json";
    std::ofstream(path) << text;
    TuningCache cache("d", "c");
    std::vector<std::string> warnings;
    cache.load(path, warnings);
    ASSERT_EQ(warnings.size(), 1u) << text;
    EXPECT_NE(warnings[0].find("is corrupt"), std::string::npos) << warnings[0];
    EXPECT_EQ(cache.size(), 0u);
    EXPECT_FALSE(llvm::sys::fs::exists(path));
    EXPECT_EQ(readFile(path + ".corrupt"), text);
    // Saving afterwards writes a good file.
    cache.insert(cache.keyFor("k"), entry("library"));
    std::string error;
    ASSERT_TRUE(cache.save(path, error)) << error;
    TuningCache again("d", "c");
    again.load(path, warnings);
    EXPECT_EQ(warnings.size(), 1u);
    EXPECT_TRUE(again.lookup(again.keyFor("k")));
  }
}

TEST(TuningCache, StaleEntriesAreIgnoredButKept) {
  std::string path = scratchDir("stale") + "/tuning.json";
  TuningCache old("old device", "compiler 1");
  old.insert(old.keyFor("k"), entry("mr=2"));
  std::string error;
  ASSERT_TRUE(old.save(path, error)) << error;

  TuningCache current("new device", "compiler 1");
  std::vector<std::string> warnings;
  current.load(path, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("1 stale entry"), std::string::npos);
  EXPECT_EQ(current.size(), 0u);
  EXPECT_FALSE(current.lookup(old.keyFor("k")));

  // Saving keeps the other device's entry for that device.
  current.insert(current.keyFor("k"), entry("mr=4"));
  ASSERT_TRUE(current.save(path, error)) << error;
  TuningCache reread("old device", "compiler 1");
  warnings.clear();
  reread.load(path, warnings);
  ASSERT_TRUE(reread.lookup(old.keyFor("k")));
  EXPECT_EQ(reread.lookup(old.keyFor("k"))->config, "mr=2");
}

TEST(TuningCache, ConcurrentWritersMerge) {
  std::string path = scratchDir("concurrent") + "/tuning.json";
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      TuningCache cache("d", "c");
      cache.insert(cache.keyFor("kernel " + std::to_string(t)),
                   entry("mr=" + std::to_string(t + 1)));
      std::string error;
      EXPECT_TRUE(cache.save(path, error)) << error;
    });
  for (std::thread &thread : threads)
    thread.join();
  TuningCache all("d", "c");
  std::vector<std::string> warnings;
  all.load(path, warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(all.size(), 8u);
}

TEST(TuningAPI, TuneThenCached) {
  std::string path = scratchDir("api") + "/tuning.json";
  auto context = tessera::Context::create().take();
  ASSERT_TRUE(context.setOption("tuning", "on").ok());
  ASSERT_TRUE(context.setOption("tuning-budget", "1").ok());
  ASSERT_TRUE(context.setOption("tuning-cache", path).ok());
  auto first = context.loadSource(kModel);
  ASSERT_TRUE(first.ok()) << first.status().message();
  std::string report = first.value().tuningReport();
  EXPECT_NE(report.find("kernel matmul 64x96x128 f32"), std::string::npos)
      << report;
  EXPECT_NE(report.find("tried"), std::string::npos) << report;
  EXPECT_TRUE(llvm::sys::fs::exists(path));

  // A new context (another process, as far as the cache knows).
  auto second = tessera::Context::create().take();
  ASSERT_TRUE(second.setOption("tuning", "on").ok());
  ASSERT_TRUE(second.setOption("tuning-cache", path).ok());
  auto cached = second.loadSource(kModel);
  ASSERT_TRUE(cached.ok()) << cached.status().message();
  report = cached.value().tuningReport();
  EXPECT_NE(report.find("cached"), std::string::npos) << report;
  EXPECT_NE(report.find("0.00 s measuring"), std::string::npos) << report;

  // Explicit load/save of the context's cache.
  std::string copy = path + ".copy";
  EXPECT_TRUE(second.saveTuningCache(copy).ok());
  auto third = tessera::Context::create().take();
  EXPECT_TRUE(third.loadTuningCache(copy).ok());
  EXPECT_FALSE(third.loadTuningCache(path + ".missing").ok());
  std::ofstream(path + ".bad") << "garbage";
  tessera::Status bad = third.loadTuningCache(path + ".bad");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("corrupt"), std::string::npos) << bad.message();

  // Untuned modules have no report.
  auto plain = tessera::Context::create().take();
  auto untuned = plain.loadSource(kModel);
  ASSERT_TRUE(untuned.ok());
  EXPECT_EQ(untuned.value().tuningReport(), "");
}

TEST(TuningAPI, BadOptions) {
  tessera_context *context = nullptr;
  ASSERT_EQ(tessera_context_create(TESSERA_TARGET_CPU, &context), TESSERA_OK);
  EXPECT_EQ(tessera_context_set_option(context, "tuning", "maybe"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(std::string(tessera_last_error()).find("tuning"),
            std::string::npos);
  EXPECT_EQ(tessera_context_set_option(context, "tuning-budget", "-3"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_context_set_option(context, "tuning-budget", "ten"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_context_set_option(context, "tuning-compile-threads", "-1"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(std::string(tessera_last_error()).find("tuning-compile-threads"),
            std::string::npos);
  EXPECT_EQ(tessera_context_set_option(context, "tuning-compile-threads", "65"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_context_set_option(context, "tuning-compile-threads", "2"),
            TESSERA_OK);
  EXPECT_EQ(tessera_context_load_tuning_cache(context, nullptr),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_module_tuning_report(nullptr), "");
  tessera_context_destroy(context);
}

TEST(Tuner, CandidatesCompileSideBySide) {
  // The same kernel tuned with one compile thread and with three (more
  // than this machine may have: threads, not cores): every candidate
  // that was compiled is timed, in order from the default, and the
  // report says how they were compiled.
  std::unique_ptr<mlir::MLIRContext> context = makeCompilerContext();
  for (unsigned threads : {1u, 3u}) {
    std::string error;
    TuningOptions options;
    options.budgetSeconds = 4;
    options.threads = 1;
    options.compileThreads = threads;
    TuningCache cache = createHostTuningCache();
    TuningReport report;
    auto module = parseModule(*context, kModel, "mm", error);
    ASSERT_TRUE(module) << error;
    ASSERT_TRUE(tuneModule(*module, options, cache, report, error)) << error;
    ASSERT_EQ(report.kernels.size(), 1u) << report.str();
    const KernelTuningResult &kernel = report.kernels.front();
    EXPECT_GT(kernel.tried, 1u) << report.str();
    EXPECT_GT(kernel.defaultMs, 0) << report.str();
    EXPECT_EQ(report.compileThreads, threads);
    // Compiled ahead of its timing, a candidate is timed even where the
    // budget ran out meanwhile: none is compiled and left untimed.
    EXPECT_EQ(report.compiledCandidates, kernel.tried) << report.str();
    EXPECT_NE(
        report.str().find(llvm::formatv("{0} candidates compiled on {1} thread",
                                        kernel.tried, threads)),
        std::string::npos)
        << report.str();
    EXPECT_LE(report.totalSeconds, options.budgetSeconds + 1) << report.str();
  }
}

TEST(Tuner, WinnersAreCheckedWithinTheBudget) {
  // Three GEMMs; the tuned model's compilation is reserved only once a
  // kernel has a winner. Whatever the machine's speed: the budget holds,
  // and no kernel keeps a config other than the default unless the tuned
  // model was compiled and timed for the check (a winner found too late
  // for that is reported and dropped).
  const char *model = R"mlir(
func.func @three(%a: tensor<96x256xf32>, %b: tensor<256x192xf32>,
                 %c: tensor<192x64xf32>, %d: tensor<64x128xf32>)
    -> tensor<96x128xf32> {
  %z = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<96x192xf32>
  %i1 = linalg.fill ins(%z : f32) outs(%e1 : tensor<96x192xf32>) -> tensor<96x192xf32>
  %r1 = linalg.matmul ins(%a, %b : tensor<96x256xf32>, tensor<256x192xf32>)
                      outs(%i1 : tensor<96x192xf32>) -> tensor<96x192xf32>
  %e2 = tensor.empty() : tensor<96x64xf32>
  %i2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<96x64xf32>) -> tensor<96x64xf32>
  %r2 = linalg.matmul ins(%r1, %c : tensor<96x192xf32>, tensor<192x64xf32>)
                      outs(%i2 : tensor<96x64xf32>) -> tensor<96x64xf32>
  %e3 = tensor.empty() : tensor<96x128xf32>
  %i3 = linalg.fill ins(%z : f32) outs(%e3 : tensor<96x128xf32>) -> tensor<96x128xf32>
  %r3 = linalg.matmul ins(%r2, %d : tensor<96x64xf32>, tensor<64x128xf32>)
                      outs(%i3 : tensor<96x128xf32>) -> tensor<96x128xf32>
  return %r3 : tensor<96x128xf32>
}
)mlir";
  std::unique_ptr<mlir::MLIRContext> context = makeCompilerContext();
  for (double budget : {1.5, 4.0}) {
    std::string error;
    TuningOptions options;
    options.budgetSeconds = budget;
    options.threads = 1;
    TuningCache cache = createHostTuningCache();
    TuningReport report;
    auto module = parseModule(*context, model, "three", error);
    ASSERT_TRUE(module) << error;
    ASSERT_TRUE(tuneModule(*module, options, cache, report, error)) << error;
    ASSERT_EQ(report.kernels.size(), 3u) << report.str();
    // Seconds of slack: one compilation can overrun its estimate.
    EXPECT_LE(report.totalSeconds, budget + 1.5) << report.str();
    bool anyChanged = llvm::any_of(
        report.kernels, [](const auto &kernel) { return !kernel.isDefault; });
    if (anyChanged)
      EXPECT_GT(report.modelTunedMs, 0) << report.str();
    for (const std::string &warning : report.warnings)
      if (warning.find("no longer fitted") != std::string::npos)
        EXPECT_NE(warning.find("the default config kept"), std::string::npos);
  }
}

TEST(Tuner, TunedConfigGoesOnTheKernelsOps) {
  // A matmul with a bias + ReLU epilogue (fused into it by the code
  // generator) and a second, identical matmul (the same kernel).
  const char *model = R"mlir(
func.func @mlp(%a: tensor<64x128xf32>, %b: tensor<128x96xf32>,
               %bias: tensor<96xf32>) -> (tensor<64x96xf32>, tensor<64x96xf32>) {
  %e = tensor.empty() : tensor<64x96xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<64x96xf32>) -> tensor<64x96xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%i : tensor<64x96xf32>) -> tensor<64x96xf32>
  %s = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%i : tensor<64x96xf32>) -> tensor<64x96xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%r, %bias : tensor<64x96xf32>, tensor<96xf32>) outs(%e : tensor<64x96xf32>) {
  ^bb0(%x: f32, %c: f32, %o: f32):
    %v = arith.addf %x, %c : f32
    %m = arith.maximumf %v, %z : f32
    linalg.yield %m : f32
  } -> tensor<64x96xf32>
  return %y, %s : tensor<64x96xf32>, tensor<64x96xf32>
}
)mlir";
  std::unique_ptr<mlir::MLIRContext> context = makeCompilerContext();
  std::string error;
  TuningOptions options;
  options.budgetSeconds = 2;
  options.threads = 1;

  // Tune once (whatever it finds), then plant a config in every kernel
  // entry and the verdict "tuned" for the model.
  TuningCache cache = createHostTuningCache();
  TuningReport first;
  auto module = parseModule(*context, model, "mlp", error);
  ASSERT_TRUE(module) << error;
  ASSERT_TRUE(tuneModule(*module, options, cache, first, error)) << error;
  std::string path = scratchDir("planted") + "/tuning.json";
  ASSERT_TRUE(cache.save(path, error)) << error;
  auto json = llvm::json::parse(readFile(path));
  ASSERT_TRUE(bool(json)) << llvm::toString(json.takeError());
  const char *planted = "mc=16 nc=32 kc=64 mr=2 nr=16 kr=1";
  for (auto &[key, value] : *json->getAsObject()->getObject("entries")) {
    llvm::json::Object &entry = *value.getAsObject();
    entry["config"] = *entry.getString("class") == "model" ? "tuned" : planted;
  }
  std::ofstream(path) << llvm::formatv("{0:2}", *json).str();

  TuningCache reloaded = createHostTuningCache();
  std::vector<std::string> warnings;
  reloaded.load(path, warnings);
  EXPECT_TRUE(warnings.empty());
  TuningReport second;
  module = parseModule(*context, model, "mlp", error);
  ASSERT_TRUE(tuneModule(*module, options, reloaded, second, error)) << error;
  EXPECT_TRUE(second.modelKeptTuned) << second.str();
  EXPECT_EQ(second.tuningSeconds, 0) << second.str();

  // Both matmuls carry the config, in the model's own function, and the
  // epilogue still reads the first one directly.
  auto funcs = module->getOps<mlir::func::FuncOp>();
  ASSERT_EQ(std::distance(funcs.begin(), funcs.end()), 1);
  int tuned = 0;
  module->walk([&](mlir::linalg::MatmulOp op) {
    auto config =
        op->getAttrOfType<mlir::StringAttr>(mlir::tessera::kCPUConfigAttrName);
    ASSERT_TRUE(config);
    EXPECT_NE(config.getValue().find("mr=2 nr=16"), llvm::StringRef::npos)
        << config.getValue().str();
    ++tuned;
  });
  EXPECT_EQ(tuned, 2);
  bool epilogueReadsMatmul = false;
  module->walk([&](mlir::linalg::GenericOp op) {
    for (mlir::Value input : op.getDpsInputs())
      epilogueReadsMatmul |=
          bool(input.getDefiningOp<mlir::linalg::MatmulOp>());
  });
  EXPECT_TRUE(epilogueReadsMatmul);

  // And the annotated module compiles (the config reaches the code
  // generator, which drops the attribute).
  ASSERT_TRUE(lowerToLLVMDialect(*module, error)) << error;
}
