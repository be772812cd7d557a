//===- SPIRVReflection.h - The resource interface of a SPIR-V module ------===//
//
// What the Vulkan runtime needs to know about a compute shader to bind its
// arguments: per descriptor binding (set 0), whether it is a buffer (a
// struct holding an array: a memref argument) or a scalar (a struct holding
// one number: a scalar argument) and the scalar's size; per entry point,
// its workgroup size.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_VULKAN_SPIRVREFLECTION_H
#define TESSERA_RUNTIME_VULKAN_SPIRVREFLECTION_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tessera::vulkan {

struct Binding {
  uint32_t set = 0;
  uint32_t binding = 0;
  /// 0 for a buffer (an array), else the byte size of a scalar argument.
  uint32_t scalarBytes = 0;
};

struct ShaderInterface {
  std::vector<Binding> bindings;                            // sorted by binding
  std::map<std::string, std::vector<uint32_t>> entryPoints; // local size
};

/// Parses the words of a SPIR-V module; false, with `error` set, if it is not
/// one or uses a resource the runtime cannot bind.
bool reflect(const uint32_t *words, size_t count, ShaderInterface &result,
             std::string &error);

} // namespace tessera::vulkan

#endif // TESSERA_RUNTIME_VULKAN_SPIRVREFLECTION_H
