//===- WebGPUArtifact.cpp - Models as WebGPU artifacts --------------------===//
//
// The entry function, after the WebGPU pipeline, only allocates buffers,
// takes constants, copies buffers and launches kernels (all computation is
// in kernels: tessera-gpu-kernelize-host-code). Replaying it in order is
// the manifest's list of steps; each kernel becomes a WGSL module
// (WGSLEmitter), each constant a slice of weights.bin.
//
//===----------------------------------------------------------------------===//

#include "tessera/Target/WebGPU/WebGPUArtifact.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
#include <set>

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// The entry signature
//===----------------------------------------------------------------------===//

/// The manifest's dtype of a tensor element type, or "" if the JS runtime
/// has none for it.
static std::string dtypeName(Type type) {
  if (type.isF32())
    return "float32";
  if (auto complex = dyn_cast<ComplexType>(type))
    return complex.getElementType().isF32() ? "complex64" : "";
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return "";
  switch (integer.getWidth()) {
  case 1:
    return "bool";
  case 4:
    return integer.isUnsigned() ? "uint4" : "int4";
  case 8:
    return integer.isUnsigned() ? "uint8" : "int8";
  case 32:
    return integer.isUnsigned() ? "uint32" : "int32";
  default:
    return "";
  }
}

static LogicalResult getTensor(func::FuncOp func, Type type, StringRef what,
                               WebGPUTensor &tensor) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return func.emitError() << "the WebGPU target needs statically shaped "
                               "tensors at the entry function, but "
                            << what << " is " << type;
  tensor.dtype = dtypeName(shaped.getElementType());
  if (tensor.dtype.empty())
    return func.emitError()
           << "the WebGPU target has no dtype for " << what << " (" << type
           << "): supported are f32, complex<f32>, i32, "
              "ui32, i8, ui8, i4, ui4 and i1 elements";
  tensor.shape.assign(shaped.getShape().begin(), shaped.getShape().end());
  return success();
}

LogicalResult mlir::tessera::getWebGPUEntry(func::FuncOp func,
                                            WebGPUEntry &entry) {
  entry.name = func.getName().str();
  entry.inputs.clear();
  entry.outputs.clear();
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
    if (failed(getTensor(func, type, "input " + std::to_string(i),
                         entry.inputs.emplace_back())))
      return failure();
  for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
    if (failed(getTensor(func, type, "result " + std::to_string(i),
                         entry.outputs.emplace_back())))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// The manifest
//===----------------------------------------------------------------------===//

namespace {

/// Bits of one element: complex numbers are two of their element type.
std::optional<int64_t> elementBits(Type type) {
  if (auto complex = dyn_cast<ComplexType>(type))
    type = complex.getElementType();
  else
    return type.isIntOrFloat()
               ? std::optional<int64_t>(type.getIntOrFloatBitWidth())
               : std::nullopt;
  return type.isIntOrFloat()
             ? std::optional<int64_t>(2 * type.getIntOrFloatBitWidth())
             : std::nullopt;
}

/// Bytes of a buffer of `type` (static shape), rounded up to a multiple of
/// 4 (WebGPU copies and bindings work in 4-byte units), at least 4.
std::optional<int64_t> bufferBytes(MemRefType type) {
  std::optional<int64_t> elementSize = elementBits(type.getElementType());
  if (!type.hasStaticShape() || !elementSize)
    return std::nullopt;
  int64_t bits = *elementSize;
  int64_t bytes = type.getNumElements() * llvm::divideCeil(bits, 8);
  return std::max<int64_t>(4, llvm::alignTo(bytes, 4));
}

/// The buffer a view is taken of (through any chain of views).
Value rootBuffer(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// The raw little-endian bytes of a global's initial value.
std::optional<std::string> globalBytes(memref::GlobalOp global) {
  auto type = global.getType();
  Attribute initial = global.getInitialValueAttr();
  std::optional<int64_t> elementSize = elementBits(type.getElementType());
  if (!initial || !type.hasStaticShape() || !elementSize)
    return std::nullopt;
  int64_t bits = *elementSize;
  if (bits % 8 != 0)
    return std::nullopt;
  int64_t elementBytes = bits / 8;
  if (auto dense = dyn_cast<DenseElementsAttr>(initial)) {
    ArrayRef<char> raw = dense.getRawData();
    if (!dense.isSplat())
      return std::string(raw.begin(), raw.end());
    std::string bytes;
    bytes.reserve(type.getNumElements() * elementBytes);
    for (int64_t i = 0; i < type.getNumElements(); ++i)
      bytes.append(raw.begin(), raw.begin() + elementBytes);
    return bytes;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(initial)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> raw = blob->getData();
    return std::string(raw.begin(), raw.end());
  }
  return std::nullopt;
}

class ArtifactBuilder {
public:
  ArtifactBuilder(ModuleOp module, const WebGPUEntry &entry,
                  const WebGPUArtifactOptions &options)
      : module(module), entry(entry), options(options) {}

  LogicalResult build();
  LogicalResult write(StringRef dir);
  /// Adds the kernels of `other` (the same model compiled with another
  /// workgroup size) as variants of this one's, where their WGSL differs.
  /// False if `other` does not have the same buffers and steps.
  bool addVariants(const ArtifactBuilder &other, llvm::StringRef config = "");

private:
  struct Buffer {
    int64_t size;
    std::optional<std::pair<int64_t, int64_t>> data; // offset, size
  };
  struct Kernel {
    WGSLKernelInfo info;
    std::string wgsl;
    /// Alternatives from other workgroup sizes (docs/WebGPUArtifact.md).
    std::vector<Kernel> variants;
    /// A variant's GPU tuning knobs (GPUTuningPoint::str()), if known.
    std::string config;
  };

  /// Index of the buffer behind `value` (a buffer or a view of one); -1
  /// and an error on `user` if it is none (e.g. an entry argument).
  int64_t bufferOf(Value value, Operation *user);
  LogicalResult visitCopy(memref::CopyOp copy);
  LogicalResult visitLaunch(gpu::LaunchFuncOp launch);
  LogicalResult visitGlobal(memref::GetGlobalOp get);

  ModuleOp module;
  const WebGPUEntry &entry;
  const WebGPUArtifactOptions &options;
  func::FuncOp func;

  llvm::DenseMap<Value, int64_t> buffers;
  std::vector<Buffer> bufferList;
  std::string weights;
  llvm::StringMap<int64_t> kernelIndex;
  std::vector<Kernel> kernels;
  llvm::json::Array steps;
  std::vector<std::optional<int64_t>> inputBuffers, outputBuffers;
  int64_t maxWorkgroupsPerDimension = 1;
};

int64_t ArtifactBuilder::bufferOf(Value value, Operation *user) {
  Value root = rootBuffer(value);
  auto it = buffers.find(root);
  if (it != buffers.end())
    return it->second;
  if (auto arg = dyn_cast<BlockArgument>(root);
      arg && arg.getOwner()->getParentOp() == func)
    user->emitError() << "uses the entry function's argument "
                      << arg.getArgNumber()
                      << " directly; the WebGPU runtime only uploads "
                         "inputs into and downloads outputs from GPU buffers";
  else
    user->emitError() << "uses a buffer that is not a GPU allocation or a "
                         "constant; a WebGPU manifest cannot express it";
  return -1;
}

LogicalResult ArtifactBuilder::visitGlobal(memref::GetGlobalOp get) {
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      get, get.getNameAttr());
  if (!global)
    return get.emitError() << "refers to an unknown global";
  std::optional<std::string> bytes = globalBytes(global);
  std::optional<int64_t> size = bufferBytes(global.getType());
  if (!bytes || !size)
    return get.emitError()
           << "takes the constant " << global.getSymName() << " of type "
           << global.getType()
           << ", which the WebGPU target cannot store (it needs a static "
              "shape, an initial value and whole-byte elements)";
  // Constants start at 16-byte offsets in weights.bin.
  weights.resize(llvm::alignTo(weights.size(), 16), '\0');
  int64_t offset = weights.size();
  weights += *bytes;
  weights.resize(offset + *size, '\0');
  buffers[get.getResult()] = bufferList.size();
  bufferList.push_back({*size, std::make_pair(offset, *size)});
  return success();
}

/// The byte offset of `view` in its root buffer if it is a contiguous
/// slice of it with a static offset (an identity layout, or a strided one
/// whose strides are the identity's).
std::optional<int64_t> contiguousByteOffset(Value view) {
  auto type = cast<MemRefType>(view.getType());
  std::optional<int64_t> bits = elementBits(type.getElementType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (!bits || *bits % 8 || !type.hasStaticShape() ||
      failed(type.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset))
    return std::nullopt;
  int64_t expected = 1;
  for (int64_t d = type.getRank() - 1; d >= 0; --d) {
    if (type.getDimSize(d) != 1 && strides[d] != expected)
      return std::nullopt;
    expected *= type.getDimSize(d);
  }
  return offset * (*bits / 8);
}

LogicalResult ArtifactBuilder::visitCopy(memref::CopyOp copy) {
  Value source = rootBuffer(copy.getSource());
  Value target = rootBuffer(copy.getTarget());
  auto sourceType = cast<MemRefType>(copy.getSource().getType());
  std::optional<int64_t> sourceOffset = contiguousByteOffset(copy.getSource());
  std::optional<int64_t> targetOffset = contiguousByteOffset(copy.getTarget());
  if (!sourceOffset || !targetOffset)
    return copy.emitError() << "copies a strided view; the WebGPU manifest "
                               "copies contiguous ranges only";
  std::optional<int64_t> bits = elementBits(sourceType.getElementType());
  if (!sourceType.hasStaticShape() || !bits || *bits % 8)
    return copy.emitError() << "copies a dynamically shaped buffer or one of "
                               "sub-byte elements";
  int64_t size = sourceType.getNumElements() * (*bits / 8);
  bool wholeBuffers = *sourceOffset == 0 && *targetOffset == 0 && size % 4 == 0;
  unsigned numInputs = entry.inputs.size();
  auto argNumber = [&](Value value) -> std::optional<unsigned> {
    auto arg = dyn_cast<BlockArgument>(value);
    if (!arg || arg.getOwner()->getParentOp() != func)
      return std::nullopt;
    return arg.getArgNumber();
  };
  bool isArg = argNumber(source) || argNumber(target);
  if (isArg && (!wholeBuffers ||
                copy.getSource().getType() != copy.getTarget().getType()))
    return copy.emitError() << "copies part of an entry argument; the "
                               "WebGPU runtime uploads and downloads whole "
                               "tensors";
  if (!isArg && (*sourceOffset % 4 || *targetOffset % 4 || size % 4))
    return copy.emitError() << "copies a range not aligned to 4 bytes, "
                               "which WebGPU cannot copy";
  if (std::optional<unsigned> arg = argNumber(source)) {
    // An output's initial contents are not part of the function's meaning
    // (it is a result turned into an out-parameter); the host code copies
    // it in only because a kernel reads it after writing it. The GPU
    // buffer stands in for it from the start.
    if (*arg >= numInputs)
      return success();
    int64_t buffer = bufferOf(target, copy);
    if (buffer < 0)
      return failure();
    steps.push_back(llvm::json::Object{
        {"op", "upload"}, {"input", *arg}, {"buffer", buffer}});
    inputBuffers[*arg] = buffer;
    return success();
  }
  if (std::optional<unsigned> arg = argNumber(target)) {
    if (*arg < numInputs)
      return copy.emitError()
             << "writes input " << *arg << " of the entry function";
    int64_t buffer = bufferOf(source, copy);
    if (buffer < 0)
      return failure();
    steps.push_back(llvm::json::Object{
        {"op", "download"}, {"output", *arg - numInputs}, {"buffer", buffer}});
    outputBuffers[*arg - numInputs] = buffer;
    return success();
  }
  int64_t from = bufferOf(source, copy), to = bufferOf(target, copy);
  if (from < 0 || to < 0)
    return failure();
  llvm::json::Object step{
      {"op", "copy"}, {"src", from}, {"dst", to}, {"size", size}};
  if (*sourceOffset)
    step["srcOffset"] = *sourceOffset;
  if (*targetOffset)
    step["dstOffset"] = *targetOffset;
  steps.push_back(std::move(step));
  return success();
}

LogicalResult ArtifactBuilder::visitLaunch(gpu::LaunchFuncOp launch) {
  std::string symbol = (launch.getKernelModuleName().getValue() +
                        "::" + launch.getKernelName().getValue())
                           .str();
  auto found = kernelIndex.find(symbol);
  int64_t index;
  if (found != kernelIndex.end()) {
    index = found->second;
  } else {
    auto kernel = SymbolTable::lookupNearestSymbolFrom<gpu::GPUFuncOp>(
        launch, launch.getKernel());
    if (!kernel)
      return launch.emitError() << "launches the unknown kernel " << symbol;
    Kernel translated;
    llvm::raw_string_ostream os(translated.wgsl);
    if (failed(
            translateKernelToWGSL(kernel, options.wgsl, os, translated.info)))
      return failure();
    index = kernels.size();
    kernelIndex[symbol] = index;
    kernels.push_back(std::move(translated));
  }
  const WGSLKernelInfo &info = kernels[index].info;

  // The kernel was emitted for its known grid and block sizes: the launch
  // must use those.
  auto kernelOp = SymbolTable::lookupNearestSymbolFrom<gpu::GPUFuncOp>(
      launch, launch.getKernel());
  gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
  gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
  std::optional<ArrayRef<int32_t>> knownGrid = kernelOp.getKnownGridSize();
  Value gridValues[] = {grid.x, grid.y, grid.z};
  Value blockValues[] = {block.x, block.y, block.z};
  for (int d = 0; d < 3; ++d) {
    std::optional<int64_t> g = getConstantIntValue(gridValues[d]);
    std::optional<int64_t> b = getConstantIntValue(blockValues[d]);
    if (!g || !b || (knownGrid && (*knownGrid)[d] != *g) ||
        info.workgroupSize[d] != *b)
      return launch.emitError()
             << "launches " << symbol
             << " with a grid or block size other than the constant ones "
                "its WGSL was emitted for";
  }

  llvm::json::Array bindingBuffers;
  llvm::SmallDenseMap<int64_t, bool> bound; // buffer -> written
  for (const WGSLKernelInfo::Binding &binding : info.bindings) {
    Value operand = launch.getKernelOperands()[binding.argIndex];
    int64_t buffer = bufferOf(operand, launch);
    if (buffer < 0)
      return failure();
    auto [it, inserted] = bound.try_emplace(buffer, !binding.readOnly);
    if (!inserted && (it->second || !binding.readOnly))
      return launch.emitError()
             << "passes one buffer to " << symbol
             << " twice with one binding writable, which WebGPU forbids";
    bindingBuffers.push_back(buffer);
  }
  for (int64_t n : info.workgroups)
    maxWorkgroupsPerDimension = std::max(maxWorkgroupsPerDimension, n);
  steps.push_back(llvm::json::Object{
      {"op", "dispatch"},
      {"kernel", index},
      {"workgroups", llvm::json::Array{info.workgroups[0], info.workgroups[1],
                                       info.workgroups[2]}},
      {"buffers", std::move(bindingBuffers)}});
  return success();
}

/// `steps` without the dispatch grids: what two compiles of one model with
/// different workgroup sizes must agree on.
static llvm::json::Array withoutGrids(const llvm::json::Array &steps) {
  llvm::json::Array result;
  for (const llvm::json::Value &step : steps) {
    llvm::json::Object object = *step.getAsObject();
    object.erase("workgroups");
    object.erase("variantWorkgroups");
    result.push_back(std::move(object));
  }
  return result;
}

bool ArtifactBuilder::addVariants(const ArtifactBuilder &other,
                                  llvm::StringRef config) {
  if (other.kernels.size() != kernels.size() ||
      other.bufferList.size() != bufferList.size() ||
      other.weights != weights ||
      llvm::json::Value(withoutGrids(other.steps)) !=
          llvm::json::Value(withoutGrids(steps)))
    return false;
  for (auto [mine, theirs] : llvm::zip_equal(kernels, other.kernels))
    if (mine.info.name != theirs.info.name ||
        mine.info.bindings.size() != theirs.info.bindings.size())
      return false;
  // Per kernel, the index of the new variant (or -1 if its WGSL is the
  // same as one the kernel has).
  std::vector<int64_t> added(kernels.size(), -1);
  for (size_t i = 0; i < kernels.size(); ++i) {
    Kernel &mine = kernels[i];
    const Kernel &theirs = other.kernels[i];
    bool known = theirs.wgsl == mine.wgsl ||
                 llvm::any_of(mine.variants, [&](const Kernel &variant) {
                   return variant.wgsl == theirs.wgsl;
                 });
    if (known)
      continue;
    added[i] = mine.variants.size();
    mine.variants.push_back({theirs.info, theirs.wgsl, {}, config.str()});
  }
  for (auto [step, theirs] : llvm::zip_equal(steps, other.steps)) {
    llvm::json::Object &object = *step.getAsObject();
    std::optional<int64_t> kernel = object.getInteger("kernel");
    if (!kernel || added[*kernel] < 0)
      continue;
    llvm::json::Array *grids = object.getArray("variantWorkgroups");
    if (!grids) {
      object["variantWorkgroups"] = llvm::json::Array();
      grids = object.getArray("variantWorkgroups");
    }
    grids->push_back(*theirs.getAsObject()->get("workgroups"));
  }
  return true;
}

LogicalResult ArtifactBuilder::build() {
  func = module.lookupSymbol<func::FuncOp>(entry.name);
  if (!func || func.isExternal())
    return module.emitError() << "the lowered module has no function '"
                              << entry.name << "' with a body";
  unsigned numArgs = entry.inputs.size() + entry.outputs.size();
  if (func.getNumArguments() != numArgs || func.getNumResults() != 0)
    return func.emitError()
           << "has " << func.getNumArguments() << " arguments and "
           << func.getNumResults() << " results after lowering; expected "
           << numArgs << " buffers (inputs, then outputs) and no results";
  if (!func.getBody().hasOneBlock())
    return func.emitError() << "has control flow in its host code; a WebGPU "
                               "manifest is a straight list of steps";
  inputBuffers.assign(entry.inputs.size(), std::nullopt);
  outputBuffers.assign(entry.outputs.size(), std::nullopt);

  for (Operation &op : func.getBody().front()) {
    LogicalResult result =
        llvm::TypeSwitch<Operation *, LogicalResult>(&op)
            .Case<gpu::AllocOp, memref::AllocOp>([&](Operation *alloc) {
              auto type = cast<MemRefType>(alloc->getResult(0).getType());
              std::optional<int64_t> size = bufferBytes(type);
              if (!size)
                return LogicalResult(alloc->emitError()
                                     << "allocates a dynamically shaped "
                                        "buffer; the WebGPU manifest needs "
                                        "static sizes");
              buffers[alloc->getResult(0)] = bufferList.size();
              bufferList.push_back({*size, std::nullopt});
              return success();
            })
            .Case<memref::GetGlobalOp>(
                [&](auto get) { return visitGlobal(get); })
            .Case<memref::CopyOp>([&](auto copy) { return visitCopy(copy); })
            .Case<gpu::LaunchFuncOp>(
                [&](auto launch) { return visitLaunch(launch); })
            .Case<gpu::DeallocOp, gpu::WaitOp, memref::DeallocOp,
                  arith::ConstantOp, func::ReturnOp>(
                [](Operation *) { return success(); })
            .Default([&](Operation *other) {
              if (isa<ViewLikeOpInterface>(other))
                return success(); // resolved to its root where used
              return LogicalResult(
                  other->emitError()
                  << "is host code that a WebGPU manifest cannot express "
                     "(it allocates, copies and dispatches only)");
            });
    if (failed(result))
      return failure();
  }
  for (auto [i, buffer] : llvm::enumerate(outputBuffers))
    if (!buffer)
      return func.emitError() << "never writes output " << i;
  return success();
}

/// JSON of a tensor of the entry signature.
llvm::json::Object tensorJSON(const WebGPUTensor &tensor,
                              std::optional<int64_t> buffer) {
  llvm::json::Array shape;
  for (int64_t d : tensor.shape)
    shape.push_back(d);
  llvm::json::Object object{{"dtype", tensor.dtype},
                            {"shape", std::move(shape)}};
  // An input nothing reads has no buffer; the runtime checks and drops it.
  if (buffer)
    object["buffer"] = *buffer;
  else
    object["buffer"] = nullptr;
  return object;
}

/// Writes `contents` to `path` through a temporary file and a rename.
LogicalResult writeFile(StringRef path, StringRef contents, Operation *where) {
  std::string temporary = (path + ".tmp").str();
  std::error_code ec;
  {
    llvm::raw_fd_ostream os(temporary, ec, llvm::sys::fs::OF_None);
    if (!ec) {
      os << contents;
      os.close();
      ec = os.error();
    }
  }
  if (!ec)
    ec = llvm::sys::fs::rename(temporary, path);
  if (ec) {
    llvm::sys::fs::remove(temporary);
    return where->emitError()
           << "cannot write " << path << ": " << ec.message();
  }
  return success();
}

/// Whether `dir` holds a WebGPU artifact (its manifest names the format).
bool isArtifactDirectory(StringRef dir) {
  llvm::SmallString<256> manifest(dir);
  llvm::sys::path::append(manifest, "manifest.json");
  auto buffer = llvm::MemoryBuffer::getFile(manifest);
  if (!buffer)
    return false;
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json) {
    llvm::consumeError(json.takeError());
    return false;
  }
  const llvm::json::Object *object = json->getAsObject();
  return object && object->getString("format") == "tessera-webgpu";
}

LogicalResult ArtifactBuilder::write(StringRef dir) {
  // Never overwrite what is not ours.
  bool exists = llvm::sys::fs::is_directory(dir);
  if (llvm::sys::fs::exists(dir) && !exists)
    return module.emitError() << dir << " exists and is not a directory";
  if (exists && !isArtifactDirectory(dir)) {
    std::error_code ec;
    llvm::sys::fs::directory_iterator it(dir, ec), end;
    if (ec || it != end)
      return module.emitError()
             << dir
             << " is not empty and holds no Tessera WebGPU artifact; "
                "not overwriting it";
  }
  llvm::SmallString<256> kernelDir(dir), manifestPath(dir);
  llvm::sys::path::append(kernelDir, "kernels");
  llvm::sys::path::append(manifestPath, "manifest.json");
  if (exists) {
    // Until the new manifest is written, the directory is no artifact.
    llvm::sys::fs::remove(manifestPath);
    // Kernels of an earlier artifact that this one may not have.
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(kernelDir, ec), end;
         !ec && it != end; it.increment(ec))
      if (llvm::sys::path::extension(it->path()) == ".wgsl")
        llvm::sys::fs::remove(it->path());
  }
  if (std::error_code ec = llvm::sys::fs::create_directories(kernelDir))
    return module.emitError()
           << "cannot create " << kernelDir << ": " << ec.message();

  llvm::json::Array kernelList;
  int64_t maxInvocations = 1, maxBindings = 0, maxStorage = 0;
  std::array<int64_t, 3> maxSize = {1, 1, 1};
  for (const Kernel &kernel : kernels) {
    const WGSLKernelInfo &info = kernel.info;
    std::string file = "kernels/" + info.name + ".wgsl";
    llvm::SmallString<256> path(dir);
    llvm::sys::path::append(path, file);
    if (failed(writeFile(path, kernel.wgsl, module)))
      return failure();
    llvm::json::Array bindings;
    for (auto [i, binding] : llvm::enumerate(info.bindings))
      bindings.push_back(llvm::json::Object{
          {"binding", int64_t(i)},
          {"access", binding.readOnly ? "read" : "read_write"}});
    llvm::json::Object object{
        {"name", info.name},
        {"file", file},
        {"entryPoint", "main"},
        {"workgroupSize",
         llvm::json::Array{info.workgroupSize[0], info.workgroupSize[1],
                           info.workgroupSize[2]}},
        {"bindings", std::move(bindings)}};
    if (!kernel.variants.empty()) {
      llvm::json::Array variants;
      std::set<std::string> files;
      for (auto [j, variant] : llvm::enumerate(kernel.variants)) {
        const std::array<int64_t, 3> &size = variant.info.workgroupSize;
        // k.wg<threads>.wgsl, and k.wg<threads>.v<j>.wgsl where variants of
        // one workgroup size differ in other knobs.
        std::string stem = "kernels/" + info.name + ".wg" +
                           std::to_string(size[0] * size[1] * size[2]);
        std::string variantFile = stem + ".wgsl";
        if (!files.insert(variantFile).second) {
          variantFile = stem + ".v" + std::to_string(j) + ".wgsl";
          files.insert(variantFile);
        }
        llvm::SmallString<256> variantPath(dir);
        llvm::sys::path::append(variantPath, variantFile);
        if (failed(writeFile(variantPath, variant.wgsl, module)))
          return failure();
        llvm::json::Object object{
            {"file", variantFile},
            {"workgroupSize", llvm::json::Array{size[0], size[1], size[2]}}};
        if (!variant.config.empty())
          object["config"] = variant.config;
        variants.push_back(std::move(object));
      }
      object["variants"] = std::move(variants);
    }
    kernelList.push_back(std::move(object));
    maxInvocations =
        std::max(maxInvocations, info.workgroupSize[0] * info.workgroupSize[1] *
                                     info.workgroupSize[2]);
    for (int d = 0; d < 3; ++d)
      maxSize[d] = std::max(maxSize[d], info.workgroupSize[d]);
    maxBindings = std::max<int64_t>(maxBindings, info.bindings.size());
    maxStorage = std::max(maxStorage, info.workgroupStorageBytes);
  }

  llvm::json::Array bufferJSON;
  int64_t maxBuffer = 4;
  for (const Buffer &buffer : bufferList) {
    llvm::json::Object object{{"size", buffer.size}};
    if (buffer.data)
      object["data"] = llvm::json::Object{{"offset", buffer.data->first},
                                          {"size", buffer.data->second}};
    bufferJSON.push_back(std::move(object));
    maxBuffer = std::max(maxBuffer, buffer.size);
  }
  llvm::json::Array inputs, outputs;
  for (auto [tensor, buffer] : llvm::zip_equal(entry.inputs, inputBuffers))
    inputs.push_back(tensorJSON(tensor, buffer));
  for (auto [tensor, buffer] : llvm::zip_equal(entry.outputs, outputBuffers))
    outputs.push_back(tensorJSON(tensor, buffer));

  llvm::json::Object manifest{
      {"format", "tessera-webgpu"},
      {"version", 1},
      {"generator", options.generator},
      {"entry", entry.name},
      {"inputs", std::move(inputs)},
      {"outputs", std::move(outputs)},
      {"weights", "weights.bin"},
      {"buffers", std::move(bufferJSON)},
      {"kernels", std::move(kernelList)},
      {"steps", std::move(steps)},
      {"limits",
       llvm::json::Object{
           {"maxComputeInvocationsPerWorkgroup", maxInvocations},
           {"maxComputeWorkgroupSizeX", maxSize[0]},
           {"maxComputeWorkgroupSizeY", maxSize[1]},
           {"maxComputeWorkgroupSizeZ", maxSize[2]},
           {"maxStorageBuffersPerShaderStage", maxBindings},
           {"maxComputeWorkgroupStorageSize", maxStorage},
           {"maxStorageBufferBindingSize", maxBuffer},
           {"maxBufferSize", maxBuffer},
           {"maxComputeWorkgroupsPerDimension", maxWorkgroupsPerDimension}}}};

  llvm::SmallString<256> weightsPath(dir);
  llvm::sys::path::append(weightsPath, "weights.bin");
  if (failed(writeFile(weightsPath, weights, module)))
    return failure();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(manifest))) << "\n";
  // The manifest last: a directory with a manifest is a complete artifact.
  return writeFile(manifestPath, text, module);
}

} // namespace

LogicalResult mlir::tessera::writeWebGPUArtifact(
    ModuleOp module, const WebGPUEntry &entry, StringRef dir,
    const WebGPUArtifactOptions &options, ArrayRef<ModuleOp> variants,
    ArrayRef<std::string> variantConfigs) {
  ArtifactBuilder builder(module, entry, options);
  if (failed(builder.build()))
    return failure();
  for (size_t i = 0; i < variants.size(); ++i) {
    ModuleOp variantModule = variants[i];
    ArtifactBuilder variant(variantModule, entry, options);
    if (failed(variant.build()))
      return failure();
    if (!builder.addVariants(variant, i < variantConfigs.size()
                                          ? StringRef(variantConfigs[i])
                                          : StringRef()))
      variantModule.emitWarning()
          << "this variant changes the artifact's buffers or steps, "
             "not only its kernels; its kernels are not shipped as variants";
  }
  return builder.write(dir);
}
