//===- _tessera.cpp - Python bindings of the Tessera runtime --------------===//
//
// The extension module `tessera._tessera`: contexts, modules and functions of
// the runtime's C++ API (include/tessera/Runtime/Runtime.h), called with
// numpy arrays. Inputs are passed as strided views of the arrays' own memory
// (no copy unless a stride is not a whole number of elements); results are
// written straight into freshly allocated numpy arrays. Failures raise the
// exception classes of tessera.errors, one per tessera_status, carrying the
// runtime's message (the compiler's diagnostics for invalid IR).
//
// The package's Python layer (tessera/__init__.py) wraps these classes; this
// file stays a thin, exception-translating shim.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/Runtime.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

/// A failed runtime call, translated to tessera.errors.<class> below.
struct RuntimeError {
  tessera_status code;
  std::string message;
};

void check(const tessera::Status &status) {
  if (!status.ok())
    throw RuntimeError{status.code(), status.message()};
}

/// The numpy dtype holding a tessera element type in a view. i4/u4 hold one
/// value per byte and i1 one byte per value (tessera-c/runtime.h).
py::dtype numpyDtype(tessera_dtype dtype) {
  switch (dtype) {
  case TESSERA_F32:
    return py::dtype::of<float>();
  case TESSERA_F64:
    return py::dtype::of<double>();
  case TESSERA_I32:
    return py::dtype::of<int32_t>();
  case TESSERA_I64:
    return py::dtype::of<int64_t>();
  case TESSERA_I8:
  case TESSERA_I4:
    return py::dtype::of<int8_t>();
  case TESSERA_U8:
  case TESSERA_U4:
    return py::dtype::of<uint8_t>();
  case TESSERA_I1:
    return py::dtype::of<bool>();
  case TESSERA_C64:
    return py::dtype("complex64");
  }
  return py::dtype::of<float>();
}

/// Whether a numpy array of `dtype` may stand for a tensor of `expected`.
bool matches(const py::dtype &dtype, tessera_dtype expected) {
  return dtype.is(numpyDtype(expected)) ||
         dtype.equal(numpyDtype(expected));
}

/// The signature entry `index` of a function (an input or a result).
struct TensorInfo {
  tessera_dtype dtype;
  std::vector<int64_t> shape;
};

TensorInfo describe(tessera_function *function, size_t index, bool result) {
  tessera_dtype dtype;
  int32_t rank;
  const int64_t *shape;
  tessera_status status =
      result ? tessera_function_result(function, index, &dtype, &rank, &shape)
             : tessera_function_input(function, index, &dtype, &rank, &shape);
  check(tessera::Status::fromC(status));
  return {dtype, std::vector<int64_t>(shape, shape + rank)};
}

/// A module shared by the Python objects of its functions, which must not
/// outlive it.
struct TesseraModule {
  std::shared_ptr<tessera::Context> context;
  std::shared_ptr<tessera::Module> module;
};

struct TesseraFunction {
  std::shared_ptr<tessera::Context> context;
  std::shared_ptr<tessera::Module> module;
  tessera_function *function;
  std::string name;

  py::list call(const py::args &args) {
    size_t numInputs = tessera_function_num_inputs(function);
    if (args.size() != numInputs)
      throw RuntimeError{TESSERA_INVALID_ARGUMENT,
                         "function '" + name + "' takes " +
                             std::to_string(numInputs) + " inputs, got " +
                             std::to_string(args.size())};
    // Keep the arrays (and their shapes/strides) alive across the call.
    std::vector<py::array> arrays;
    std::vector<std::vector<int64_t>> shapes, strides;
    std::vector<tessera_tensor> inputs;
    std::vector<TensorInfo> inputInfo;
    arrays.reserve(numInputs);
    for (size_t i = 0; i < numInputs; ++i) {
      inputInfo.push_back(describe(function, i, /*result=*/false));
      const TensorInfo &info = inputInfo.back();
      py::array array = py::array::ensure(args[i]);
      if (!array)
        throw RuntimeError{TESSERA_INVALID_ARGUMENT,
                           "input " + std::to_string(i) + " of '" + name +
                               "' is not convertible to a numpy array"};
      if (!matches(array.dtype(), info.dtype))
        throw RuntimeError{
            TESSERA_INVALID_ARGUMENT,
            "input " + std::to_string(i) + " of '" + name + "': expected " +
                tessera_dtype_name(info.dtype) + " (numpy " +
                py::str(numpyDtype(info.dtype)).cast<std::string>() +
                "), got numpy " + py::str(array.dtype()).cast<std::string>()};
      // Strides in elements; numpy's are in bytes and may not divide.
      ssize_t itemSize = array.itemsize();
      bool whole = true;
      for (ssize_t d = 0; d < array.ndim(); ++d)
        whole = whole && array.strides(d) % itemSize == 0;
      if (!whole)
        array = py::array::ensure(array, py::array::c_style |
                                             py::array::forcecast);
      std::vector<int64_t> shape(array.shape(), array.shape() + array.ndim());
      std::vector<int64_t> stride;
      for (ssize_t d = 0; d < array.ndim(); ++d)
        stride.push_back(array.strides(d) / itemSize);
      arrays.push_back(array);
      shapes.push_back(std::move(shape));
      strides.push_back(std::move(stride));
    }
    for (size_t i = 0; i < numInputs; ++i)
      inputs.push_back({inputInfo[i].dtype,
                        static_cast<int32_t>(shapes[i].size()),
                        shapes[i].data(), strides[i].data(),
                        const_cast<void *>(arrays[i].data())});

    size_t numResults = tessera_function_num_results(function);
    std::vector<py::array> results;
    std::vector<TensorInfo> resultInfo;
    std::vector<tessera_tensor> outputs;
    for (size_t i = 0; i < numResults; ++i) {
      resultInfo.push_back(describe(function, i, /*result=*/true));
      results.emplace_back(numpyDtype(resultInfo[i].dtype),
                           resultInfo[i].shape);
    }
    for (size_t i = 0; i < numResults; ++i)
      outputs.push_back({resultInfo[i].dtype,
                         static_cast<int32_t>(resultInfo[i].shape.size()),
                         resultInfo[i].shape.data(), nullptr,
                         results[i].mutable_data()});

    tessera_status status;
    {
      // A loaded function may run on several threads at once.
      py::gil_scoped_release release;
      status = tessera_function_invoke(function, inputs.data(), inputs.size(),
                                       outputs.data(), outputs.size());
    }
    check(tessera::Status::fromC(status));
    py::list list;
    for (py::array &result : results)
      list.append(result);
    return list;
  }

  py::list signature(bool result) {
    size_t n = result ? tessera_function_num_results(function)
                      : tessera_function_num_inputs(function);
    py::list list;
    for (size_t i = 0; i < n; ++i) {
      TensorInfo info = describe(function, i, result);
      list.append(py::make_tuple(std::string(tessera_dtype_name(info.dtype)),
                                 py::tuple(py::cast(info.shape))));
    }
    return list;
  }
};

/// The targets of this runtime by name (tessera_target). Whether a GPU
/// target works here (its runtime library, a device) is up to
/// tessera_context_create.
const std::pair<const char *, tessera_target> kTargets[] = {
    {"cpu", TESSERA_TARGET_CPU},
    {"vulkan", TESSERA_TARGET_VULKAN},
    {"cuda", TESSERA_TARGET_CUDA},
};

tessera_target parseTarget(const std::string &target) {
  std::string known;
  for (const auto &[name, value] : kTargets) {
    if (target == name)
      return value;
    known += known.empty() ? name : std::string(", ") + name;
  }
  throw RuntimeError{TESSERA_UNSUPPORTED, "unknown target '" + target +
                                              "' (this build has: " + known +
                                              ")"};
}

struct TesseraContext {
  std::shared_ptr<tessera::Context> context;

  explicit TesseraContext(const std::string &target) {
    tessera::Result<tessera::Context> created =
        tessera::Context::create(parseTarget(target));
    check(created.ok() ? tessera::Status() : created.status());
    context = std::make_shared<tessera::Context>(created.take());
  }

  void setOption(const std::string &name, const std::string &value) {
    check(context->setOption(name, value));
  }

  TesseraModule wrap(tessera::Result<tessera::Module> loaded) {
    check(loaded.ok() ? tessera::Status() : loaded.status());
    return {context, std::make_shared<tessera::Module>(loaded.take())};
  }

  TesseraModule loadFile(const std::string &path) {
    tessera::Result<tessera::Module> loaded = [&] {
      py::gil_scoped_release release;
      return context->load(path);
    }();
    return wrap(std::move(loaded));
  }

  TesseraModule loadSource(const py::bytes &source) {
    std::string text = source;
    tessera::Result<tessera::Module> loaded = [&] {
      // JIT compilation takes a while: let other Python threads run.
      py::gil_scoped_release release;
      return context->loadSource(text);
    }();
    return wrap(std::move(loaded));
  }
};

} // namespace

PYBIND11_MODULE(_tessera, m) {
  m.doc() = "Tessera runtime bindings (see the tessera package)";

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p)
        std::rethrow_exception(p);
    } catch (const RuntimeError &e) {
      // One Python class per status (tessera/errors.py).
      py::object errors = py::module_::import("tessera.errors");
      py::object cls = errors.attr("error_class")(static_cast<int>(e.code));
      PyErr_SetObject(cls.ptr(), py::str(e.message).ptr());
    }
  });

  m.def("targets", [] {
    std::vector<std::string> names;
    for (const auto &target : kTargets)
      names.push_back(target.first);
    return names;
  }, "Names of the targets this runtime knows");

  py::class_<TesseraFunction>(m, "Function")
      .def_readonly("name", &TesseraFunction::name)
      .def("__call__", &TesseraFunction::call,
           "Runs the function; returns the list of result arrays")
      .def_property_readonly(
          "inputs", [](TesseraFunction &f) { return f.signature(false); },
          "[(dtype name, shape)] of the inputs")
      .def_property_readonly(
          "results", [](TesseraFunction &f) { return f.signature(true); },
          "[(dtype name, shape)] of the results");

  py::class_<TesseraModule>(m, "Module")
      .def_property_readonly(
          "function_names",
          [](TesseraModule &m) { return m.module->functionNames(); })
      .def("lookup", [](TesseraModule &m, const std::string &name) {
        tessera::Result<tessera::Function> f = m.module->lookup(name);
        check(f.ok() ? tessera::Status() : f.status());
        return TesseraFunction{m.context, m.module, f.value().get(), name};
      });

  py::class_<TesseraContext>(m, "Context")
      .def(py::init<const std::string &>(), py::arg("target") = "cpu")
      .def("set_option", &TesseraContext::setOption, py::arg("name"),
           py::arg("value"))
      .def("load_file", &TesseraContext::loadFile, py::arg("path"))
      .def("load_source", &TesseraContext::loadSource, py::arg("source"));
}
