//===- KernelBinaries.cpp - Write the kernels of a GPU module -------------===//

#include "tessera/Runtime/KernelBinaries.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace tessera::runtime {

/// The file extension of an object: what it is depends on its format and,
/// for binaries, on the target that made it.
static llvm::StringRef getExtension(gpu::ObjectAttr object) {
  bool spirv = isa<spirv::TargetEnvAttr>(object.getTarget());
  switch (object.getFormat()) {
  case gpu::CompilationTarget::Offload:
    return "bc";
  case gpu::CompilationTarget::Assembly:
    return isa<NVVM::NVVMTargetAttr>(object.getTarget()) ? "ptx" : "s";
  case gpu::CompilationTarget::Binary:
    return spirv ? "spv" : "cubin";
  case gpu::CompilationTarget::Fatbin:
    // The Vulkan pipeline's SPIR-V objects are "fatbin"s: a SPIR-V binary.
    return spirv ? "spv" : "fatbin";
  }
  return "bin";
}

bool writeKernelBinaries(ModuleOp module, llvm::StringRef directory,
                         std::vector<std::string> &written,
                         std::string &error) {
  if (std::error_code ec = llvm::sys::fs::create_directories(directory)) {
    error = "cannot create " + directory.str() + ": " + ec.message();
    return false;
  }
  for (auto binary : module.getOps<gpu::BinaryOp>()) {
    auto objects = binary.getObjects().getAsRange<gpu::ObjectAttr>();
    size_t count = binary.getObjects().size(), index = 0;
    for (gpu::ObjectAttr object : objects) {
      llvm::SmallString<256> path(directory);
      std::string name = binary.getSymName().str();
      if (count > 1)
        name += "." + std::to_string(index++);
      llvm::sys::path::append(path, name + "." + getExtension(object).str());
      std::error_code ec;
      llvm::raw_fd_ostream os(path, ec);
      if (ec) {
        error = "cannot write " + path.str().str() + ": " + ec.message();
        return false;
      }
      llvm::StringRef bytes = object.getObject().getValue();
      // PTX is stored NUL-terminated, for the driver's loader.
      if (object.getFormat() == gpu::CompilationTarget::Assembly)
        bytes = bytes.rtrim('\0');
      os << bytes;
      written.push_back(std::string(path));
    }
  }
  return true;
}

} // namespace tessera::runtime
