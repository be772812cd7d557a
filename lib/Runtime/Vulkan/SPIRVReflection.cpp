//===- SPIRVReflection.cpp - The resource interface of a SPIR-V module ----===//
//
// A small reader of the SPIR-V binary form (SPIR-V specification, section
// 2.3 "Physical Layout"): the few instructions that declare types,
// variables, decorations, entry points and execution modes.
//
//===----------------------------------------------------------------------===//

#include "SPIRVReflection.h"

#include <algorithm>
#include <unordered_map>

namespace tessera::vulkan {
namespace {
// Opcodes and enumerants (SPIR-V specification, section 3).
enum : uint32_t {
  OpEntryPoint = 15,
  OpExecutionMode = 16,
  OpTypeBool = 20,
  OpTypeInt = 21,
  OpTypeFloat = 22,
  OpTypeVector = 23,
  OpTypeArray = 28,
  OpTypeRuntimeArray = 29,
  OpTypeStruct = 30,
  OpTypePointer = 32,
  OpVariable = 59,
  OpDecorate = 71,
  DecorationBinding = 33,
  DecorationDescriptorSet = 34,
  ExecutionModeLocalSize = 17,
  StorageClassUniform = 2,
  StorageClassStorageBuffer = 12,
  MagicNumber = 0x07230203,
};

struct Type {
  uint32_t opcode = 0;
  std::vector<uint32_t> operands;
};
} // namespace

bool reflect(const uint32_t *words, size_t count, ShaderInterface &result,
             std::string &error) {
  if (count < 5 || words[0] != MagicNumber) {
    error = "not a SPIR-V module (bad magic number)";
    return false;
  }
  std::unordered_map<uint32_t, Type> types;
  std::unordered_map<uint32_t, uint32_t> variableType; // id -> pointer type
  std::unordered_map<uint32_t, uint32_t> sets, bindings;
  std::unordered_map<uint32_t, std::string> entryNames; // function id -> name
  std::unordered_map<uint32_t, std::vector<uint32_t>> localSizes;

  for (size_t i = 5; i < count;) {
    uint32_t wordCount = words[i] >> 16, opcode = words[i] & 0xffff;
    if (wordCount == 0 || i + wordCount > count) {
      error = "truncated SPIR-V instruction";
      return false;
    }
    const uint32_t *op = words + i + 1;
    size_t n = wordCount - 1;
    switch (opcode) {
    case OpEntryPoint:
      if (n >= 3)
        entryNames[op[1]] = std::string(reinterpret_cast<const char *>(op + 2));
      break;
    case OpExecutionMode:
      if (n >= 5 && op[1] == ExecutionModeLocalSize)
        localSizes[op[0]] = {op[2], op[3], op[4]};
      break;
    case OpTypeBool:
    case OpTypeInt:
    case OpTypeFloat:
    case OpTypeVector:
    case OpTypeArray:
    case OpTypeRuntimeArray:
    case OpTypeStruct:
    case OpTypePointer:
      if (n >= 1)
        types[op[0]] = Type{opcode, std::vector<uint32_t>(op + 1, op + n)};
      break;
    case OpVariable:
      if (n >= 3 &&
          (op[2] == StorageClassStorageBuffer || op[2] == StorageClassUniform))
        variableType[op[1]] = op[0];
      break;
    case OpDecorate:
      if (n >= 3 && op[1] == DecorationBinding)
        bindings[op[0]] = op[2];
      else if (n >= 3 && op[1] == DecorationDescriptorSet)
        sets[op[0]] = op[2];
      break;
    default:
      break;
    }
    i += wordCount;
  }

  // The byte size of a scalar or vector type; 0 if it is neither.
  auto scalarBytes = [&](uint32_t id) -> uint32_t {
    auto it = types.find(id);
    if (it == types.end())
      return 0;
    const Type &t = it->second;
    if ((t.opcode == OpTypeInt || t.opcode == OpTypeFloat) &&
        !t.operands.empty())
      return t.operands[0] / 8;
    if (t.opcode == OpTypeVector && t.operands.size() == 2) {
      auto element = types.find(t.operands[0]);
      if (element != types.end() && !element->second.operands.empty())
        return element->second.operands[0] / 8 * t.operands[1];
    }
    return 0;
  };

  for (auto &[variable, pointerType] : variableType) {
    Binding binding;
    binding.set = sets.count(variable) ? sets[variable] : 0;
    if (!bindings.count(variable)) {
      error = "a storage buffer of the shader has no binding";
      return false;
    }
    binding.binding = bindings[variable];
    // pointer -> struct { member }: an array member is a buffer, a scalar
    // member a scalar argument.
    const Type &pointer = types[pointerType];
    uint32_t structId = pointer.operands.size() >= 2 ? pointer.operands[1] : 0;
    const Type &structType = types[structId];
    if (structType.opcode != OpTypeStruct || structType.operands.size() != 1) {
      error = "storage buffer binding " + std::to_string(binding.binding) +
              " is not a one-member struct";
      return false;
    }
    uint32_t member = structType.operands[0];
    uint32_t memberOpcode = types[member].opcode;
    if (memberOpcode != OpTypeArray && memberOpcode != OpTypeRuntimeArray) {
      binding.scalarBytes = scalarBytes(member);
      if (binding.scalarBytes == 0) {
        error = "storage buffer binding " + std::to_string(binding.binding) +
                " holds neither an array nor a number";
        return false;
      }
    }
    result.bindings.push_back(binding);
  }
  std::sort(result.bindings.begin(), result.bindings.end(),
            [](const Binding &a, const Binding &b) {
              return a.set != b.set ? a.set < b.set : a.binding < b.binding;
            });
  for (auto &[function, name] : entryNames) {
    auto size = localSizes.find(function);
    result.entryPoints[name] = size != localSizes.end()
                                   ? size->second
                                   : std::vector<uint32_t>{1, 1, 1};
  }
  return true;
}

} // namespace tessera::vulkan
