//===- Runtime.h - Thin C++ API over tessera-c/runtime.h --------*- C++ -*-===//
//
// RAII owners and value types over the C API, for applications that embed
// Tessera. Header-only and exception-free: every fallible call returns a
// Status (or a Result<T>) carrying the C API's code and message.
//
//   tessera::Context ctx = tessera::Context::create().value();
//   tessera::Module model = ctx.load("model.mlir").value();
//   tessera::Function f = model.lookup("fno2d").value();
//   std::vector<tessera::Tensor> out = f.call({x.view()}).value();
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_RUNTIME_H
#define TESSERA_RUNTIME_RUNTIME_H

#include "tessera-c/runtime.h"

#include <cassert>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tessera {

/// The outcome of a call: a code and, on failure, the runtime's message.
class Status {
public:
  Status() = default;
  static Status fromC(tessera_status code) {
    Status s;
    s.code_ = code;
    if (code != TESSERA_OK)
      s.message_ = tessera_last_error();
    return s;
  }
  bool ok() const { return code_ == TESSERA_OK; }
  tessera_status code() const { return code_; }
  const std::string &message() const { return message_; }

private:
  tessera_status code_ = TESSERA_OK;
  std::string message_;
};

/// A value or the Status that explains its absence.
template <typename T>
class Result {
public:
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) {
    assert(!status_.ok() && "a Result without value needs an error");
  }
  bool ok() const { return value_.has_value(); }
  const Status &status() const { return status_; }
  T &value() {
    assert(ok() && "no value: check ok() first");
    return *value_;
  }
  T &&take() {
    assert(ok() && "no value: check ok() first");
    return std::move(*value_);
  }

private:
  std::optional<T> value_;
  Status status_;
};

/// A dense row-major tensor that owns its bytes.
class Tensor {
public:
  Tensor() = default;
  Tensor(tessera_dtype dtype, std::vector<int64_t> shape)
      : dtype_(dtype), shape_(std::move(shape)),
        bytes_(numElements() * tessera_dtype_size(dtype)) {}

  tessera_dtype dtype() const { return dtype_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  int64_t numElements() const {
    int64_t n = 1;
    for (int64_t d : shape_)
      n *= d;
    return n;
  }
  void *data() { return bytes_.data(); }
  const void *data() const { return bytes_.data(); }
  template <typename T>
  T *as() {
    return reinterpret_cast<T *>(bytes_.data());
  }
  template <typename T>
  const T *as() const {
    return reinterpret_cast<const T *>(bytes_.data());
  }

  /// A view for the C API; valid while this tensor lives and keeps its shape.
  tessera_tensor view() const {
    return {dtype_, static_cast<int32_t>(shape_.size()), shape_.data(), nullptr,
            const_cast<char *>(bytes_.data())};
  }

private:
  tessera_dtype dtype_ = TESSERA_F32;
  std::vector<int64_t> shape_;
  std::vector<char> bytes_;
};

/// A callable function of a loaded module (owned by the module).
class Function {
public:
  explicit Function(tessera_function *function) : function_(function) {}

  size_t numInputs() const { return tessera_function_num_inputs(function_); }
  size_t numResults() const { return tessera_function_num_results(function_); }

  /// A zero-filled tensor shaped like result `index`.
  Tensor makeResult(size_t index) const {
    tessera_dtype dtype;
    int32_t rank;
    const int64_t *shape;
    tessera_function_result(function_, index, &dtype, &rank, &shape);
    return Tensor(dtype, std::vector<int64_t>(shape, shape + rank));
  }

  /// Writes the results into caller-provided buffers.
  Status invoke(const std::vector<tessera_tensor> &inputs,
                const std::vector<tessera_tensor> &outputs) {
    return Status::fromC(tessera_function_invoke(
        function_, inputs.data(), inputs.size(), outputs.data(),
        outputs.size()));
  }

  /// Allocates and returns the results.
  Result<std::vector<Tensor>> call(const std::vector<tessera_tensor> &inputs) {
    std::vector<Tensor> results;
    std::vector<tessera_tensor> views;
    for (size_t i = 0; i < numResults(); ++i)
      results.push_back(makeResult(i));
    for (const Tensor &t : results)
      views.push_back(t.view());
    Status status = invoke(inputs, views);
    if (!status.ok())
      return status;
    return results;
  }

  tessera_function *get() const { return function_; }

private:
  tessera_function *function_;
};

/// A loaded module (JIT-compiled MLIR or a tessera-compile artifact).
class Module {
public:
  explicit Module(tessera_module *module) : module_(module) {}

  Result<Function> lookup(const std::string &name) {
    tessera_function *function = nullptr;
    Status status =
        Status::fromC(tessera_module_lookup(module_.get(), name.c_str(), &function));
    if (!status.ok())
      return status;
    return Function(function);
  }

  std::vector<std::string> functionNames() const {
    std::vector<std::string> names;
    for (size_t i = 0; i < tessera_module_num_functions(module_.get()); ++i)
      names.push_back(tessera_module_function_name(module_.get(), i));
    return names;
  }

  /// What tuning did ("" unless compiled with the "tuning" option on).
  std::string tuningReport() const {
    return tessera_module_tuning_report(module_.get());
  }

private:
  struct Deleter {
    void operator()(tessera_module *m) const { tessera_module_destroy(m); }
  };
  std::unique_ptr<tessera_module, Deleter> module_;
};

/// A runtime context for one target.
class Context {
public:
  static Result<Context> create(tessera_target target = TESSERA_TARGET_CPU) {
    tessera_context *context = nullptr;
    Status status = Status::fromC(tessera_context_create(target, &context));
    if (!status.ok())
      return status;
    return Context(context);
  }

  /// Sets an option of the modules compiled from MLIR afterwards, such as
  /// "library-calls" = "matmul,qmatmul" (see tessera_context_set_option).
  Status setOption(const std::string &name, const std::string &value) {
    return Status::fromC(tessera_context_set_option(
        context_.get(), name.c_str(), value.c_str()));
  }

  /// Tuning: setOption("tuning", "on"), "tuning-budget", "tuning-cache",
  /// "tuning-compile-threads", "tuning-functions";
  /// the context's tuned configs from / to a cache file.
  Status loadTuningCache(const std::string &path) {
    return Status::fromC(
        tessera_context_load_tuning_cache(context_.get(), path.c_str()));
  }
  Status saveTuningCache(const std::string &path) {
    return Status::fromC(
        tessera_context_save_tuning_cache(context_.get(), path.c_str()));
  }

  /// Loads .mlir / .mlirbc (JIT) or a .so made by tessera-compile.
  Result<Module> load(const std::string &path) {
    tessera_module *module = nullptr;
    Status status = Status::fromC(
        tessera_module_load_file(context_.get(), path.c_str(), &module));
    if (!status.ok())
      return status;
    return Module(module);
  }

  /// Loads MLIR text or bytecode held in memory.
  Result<Module> loadSource(const std::string &source) {
    tessera_module *module = nullptr;
    Status status = Status::fromC(tessera_module_load_source(
        context_.get(), source.data(), source.size(), &module));
    if (!status.ok())
      return status;
    return Module(module);
  }

private:
  explicit Context(tessera_context *context) : context_(context) {}
  struct Deleter {
    void operator()(tessera_context *c) const { tessera_context_destroy(c); }
  };
  std::unique_ptr<tessera_context, Deleter> context_;
};

} // namespace tessera

#endif // TESSERA_RUNTIME_RUNTIME_H
