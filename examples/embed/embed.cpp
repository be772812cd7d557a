//===- embed.cpp - Embedding Tessera's runtime in an application ----------===//
//
// The smallest useful host program: load a model (MLIR, JIT-compiled at
// load, or a .so from tessera-compile), look up a function, feed it inputs,
// read the results. Only tessera/Runtime/Runtime.h (over the C API) is used.
//
//   tessera-embed-example MODEL ENTRY
//
// Inputs are a deterministic ramp so that runs are reproducible; the
// program prints each result's shape, sum and first values.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/Runtime.h"

#include <chrono>
#include <cstdio>
#include <vector>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MODEL ENTRY\n", argv[0]);
    return 2;
  }
  auto context = tessera::Context::create(TESSERA_TARGET_CPU);
  if (!context.ok()) {
    std::fprintf(stderr, "error: %s\n", context.status().message().c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  auto module = context.value().load(argv[1]);
  if (!module.ok()) {
    std::fprintf(stderr, "error: %s\n", module.status().message().c_str());
    return 1;
  }
  auto function = module.value().lookup(argv[2]);
  if (!function.ok()) {
    std::fprintf(stderr, "error: %s\n", function.status().message().c_str());
    return 1;
  }
  auto loaded = std::chrono::steady_clock::now();

  // One tensor per input, shaped as the function expects.
  tessera::Function &f = function.value();
  std::vector<tessera::Tensor> inputs;
  std::vector<tessera_tensor> views;
  for (size_t i = 0; i < f.numInputs(); ++i) {
    tessera_dtype dtype;
    int32_t rank;
    const int64_t *shape;
    tessera_function_input(f.get(), i, &dtype, &rank, &shape);
    if (dtype != TESSERA_F32) {
      std::fprintf(stderr, "error: this demo feeds f32 inputs only\n");
      return 1;
    }
    inputs.emplace_back(dtype, std::vector<int64_t>(shape, shape + rank));
    float *data = inputs.back().as<float>();
    for (int64_t k = 0; k < inputs.back().numElements(); ++k)
      data[k] = static_cast<float>((k * 37 + i * 11) % 101) / 50.0f - 1.0f;
    views.push_back(inputs.back().view());
  }

  auto results = f.call(views);
  auto done = std::chrono::steady_clock::now();
  if (!results.ok()) {
    std::fprintf(stderr, "error: %s\n", results.status().message().c_str());
    return 1;
  }
  for (size_t r = 0; r < results.value().size(); ++r) {
    const tessera::Tensor &t = results.value()[r];
    std::printf("result %zu: shape [", r);
    for (size_t d = 0; d < t.shape().size(); ++d)
      std::printf("%s%lld", d ? "x" : "", static_cast<long long>(t.shape()[d]));
    double sum = 0;
    if (t.dtype() == TESSERA_F32)
      for (int64_t k = 0; k < t.numElements(); ++k)
        sum += t.as<float>()[k];
    std::printf("] sum %.6g\n", sum);
  }
  using ms = std::chrono::duration<double, std::milli>;
  std::printf("load+compile %.1f ms, run %.3f ms\n", ms(loaded - start).count(),
              ms(done - loaded).count());
  return 0;
}
