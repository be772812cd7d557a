//===- Signature.cpp - Function signatures and the artifact manifest ------===//

#include "tessera/Runtime/Signature.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace tessera::runtime {

int64_t TensorSpec::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string TensorSpec::str() const {
  std::string s = tessera_dtype_name(dtype);
  s += "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s + "]";
}

bool dtypeFromType(Type type, tessera_dtype &dtype) {
  if (type.isF32())
    dtype = TESSERA_F32;
  else if (type.isF64())
    dtype = TESSERA_F64;
  else if (auto complex = dyn_cast<ComplexType>(type);
           complex && complex.getElementType().isF32())
    dtype = TESSERA_C64;
  else if (auto integer = dyn_cast<IntegerType>(type)) {
    bool isUnsigned = integer.isUnsigned();
    switch (integer.getWidth()) {
    case 1:
      dtype = TESSERA_I1;
      break;
    case 4:
      dtype = isUnsigned ? TESSERA_U4 : TESSERA_I4;
      break;
    case 8:
      dtype = isUnsigned ? TESSERA_U8 : TESSERA_I8;
      break;
    case 32:
      if (isUnsigned)
        return false;
      dtype = TESSERA_I32;
      break;
    case 64:
      if (isUnsigned)
        return false;
      dtype = TESSERA_I64;
      break;
    default:
      return false;
    }
  } else {
    return false;
  }
  return true;
}

static bool specFromType(Type type, TensorSpec &spec, std::string &why) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor) {
    llvm::raw_string_ostream(why) << "is a " << type << ", not a ranked tensor";
    return false;
  }
  if (!tensor.hasStaticShape()) {
    llvm::raw_string_ostream(why)
        << "has the dynamic shape " << type
        << " (the CPU runtime needs static shapes)";
    return false;
  }
  if (!dtypeFromType(tensor.getElementType(), spec.dtype)) {
    llvm::raw_string_ostream(why) << "has the unsupported element type "
                                  << tensor.getElementType();
    return false;
  }
  spec.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  return true;
}

bool collectSignatures(
    ModuleOp module, std::vector<FunctionSignature> &signatures,
    std::string &error) {
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal())
      continue;
    FunctionSignature sig;
    sig.name = func.getName().str();
    FunctionType type = func.getFunctionType();
    auto collect = [&](TypeRange types, std::vector<TensorSpec> &out,
                       StringRef what) {
      for (auto [i, t] : llvm::enumerate(types)) {
        TensorSpec spec;
        std::string why;
        if (!specFromType(t, spec, why)) {
          error = "function '" + sig.name + "' " + what.str() + " #" +
                  std::to_string(i) + " " + why;
          return false;
        }
        out.push_back(std::move(spec));
      }
      return true;
    };
    if (!collect(type.getInputs(), sig.inputs, "argument") ||
        !collect(type.getResults(), sig.results, "result"))
      return false;
    signatures.push_back(std::move(sig));
  }
  return true;
}

std::string
serializeManifest(const std::vector<FunctionSignature> &sigs) {
  std::string text = "tessera-manifest 1\n";
  auto spec = [&](const char *kind, const TensorSpec &s) {
    text += kind;
    text += " ";
    text += tessera_dtype_name(s.dtype);
    text += " ";
    for (size_t i = 0; i < s.shape.size(); ++i)
      text += (i ? "x" : "") + std::to_string(s.shape[i]);
    if (s.shape.empty())
      text += "scalar";
    text += "\n";
  };
  for (const FunctionSignature &sig : sigs) {
    text += "function " + sig.name + "\n";
    for (const TensorSpec &s : sig.inputs)
      spec("input", s);
    for (const TensorSpec &s : sig.results)
      spec("result", s);
    if (sig.packedWordBits != 8)
      text += "packed-word-bits " + std::to_string(sig.packedWordBits) + "\n";
    text += "end\n";
  }
  return text;
}

static bool dtypeFromName(llvm::StringRef name, tessera_dtype &dtype) {
  for (int d = TESSERA_F32; d <= TESSERA_C64; ++d)
    if (name == tessera_dtype_name(static_cast<tessera_dtype>(d))) {
      dtype = static_cast<tessera_dtype>(d);
      return true;
    }
  return false;
}

bool parseManifest(llvm::StringRef text,
                                     std::vector<FunctionSignature> &sigs,
                                     std::string &error) {
  llvm::SmallVector<llvm::StringRef> lines;
  text.split(lines, '\n', -1, /*KeepEmpty=*/false);
  if (lines.empty() || lines[0].trim() != "tessera-manifest 1") {
    error = "not a Tessera artifact manifest (version 1 expected)";
    return false;
  }
  FunctionSignature *current = nullptr;
  for (size_t n = 1; n < lines.size(); ++n) {
    llvm::SmallVector<llvm::StringRef> words;
    lines[n].split(words, ' ', -1, /*KeepEmpty=*/false);
    auto fail = [&](const char *what) {
      error = "manifest line " + std::to_string(n + 1) + ": " + what;
      return false;
    };
    if (words.empty())
      continue;
    if (words[0] == "function" && words.size() == 2 && !current) {
      sigs.push_back({words[1].str(), {}, {}});
      current = &sigs.back();
    } else if (words[0] == "packed-word-bits" && words.size() == 2 &&
               current) {
      if (words[1] != "8" && words[1] != "32")
        return fail("packed-word-bits is not 8 or 32");
      current->packedWordBits = words[1] == "8" ? 8 : 32;
    } else if (words[0] == "end" && current) {
      current = nullptr;
    } else if ((words[0] == "input" || words[0] == "result") &&
               words.size() == 3 && current) {
      TensorSpec spec;
      if (!dtypeFromName(words[1], spec.dtype))
        return fail("unknown dtype");
      if (words[2] != "scalar") {
        llvm::SmallVector<llvm::StringRef> dims;
        words[2].split(dims, 'x');
        for (llvm::StringRef d : dims) {
          int64_t v;
          if (d.getAsInteger(10, v) || v < 0)
            return fail("bad shape");
          spec.shape.push_back(v);
        }
      }
      (words[0] == "input" ? current->inputs : current->results)
          .push_back(std::move(spec));
    } else {
      return fail("unexpected entry");
    }
  }
  if (current) {
    error = "manifest ends inside function '" + current->name + "'";
    return false;
  }
  return true;
}

} // namespace tessera::runtime
