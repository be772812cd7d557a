//===- WGSLEmitter.cpp - GPU kernels to WGSL ------------------------------===//
//
// A direct printer from gpu.func kernels (structured control flow, scalar
// arith/math, memref accesses) to WGSL. Every SSA value becomes one `let`
// (loop-carried and if/while results become `var`s), so the output reads like
// the input IR. Where arith and WGSL semantics differ (unsigned ops, narrow
// integers, NaN-aware min/max, const-expression errors), the emitter spells
// out arith's semantics explicitly; comments below say which difference each
// piece of code handles.
//
//===----------------------------------------------------------------------===//

#include "tessera/Target/WGSL/WGSLEmitter.h"

#include "Helpers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// Literals
//===----------------------------------------------------------------------===//

std::string intLiteral(int64_t v) {
  // `-2147483648i` is the negation of an out-of-range literal in WGSL.
  if (v == INT32_MIN)
    return "(-2147483647i - 1i)";
  if (v < 0)
    return "(-" + std::to_string(-v) + "i)";
  return std::to_string(v) + "i";
}

/// The shortest decimal spelling (at most `maxDigits` significant digits)
/// that `parses` accepts: one that reads back as the same value.
template <typename ParseFn>
std::string shortestDecimal(double value, int maxDigits, ParseFn parses) {
  char buf[64];
  for (int p = 1; p <= maxDigits; ++p) {
    std::snprintf(buf, sizeof(buf), "%.*g", p, value);
    if (parses(buf))
      break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos)
    s += ".0";
  return s;
}

/// Kind of memory a memref lives in.
enum class Space { Storage, Workgroup, Function };

/// How atomic_rmw ops use a memref: its WGSL element type then is
/// atomic<i32> or atomic<u32>, and every access goes through atomic builtins.
enum class AtomicKind { None, I32, U32 };

struct MemRefInfo {
  std::string name;
  MemRefType type;
  Space space;
  AtomicKind atomic = AtomicKind::None;
};

//===----------------------------------------------------------------------===//
// KernelEmitter
//===----------------------------------------------------------------------===//

class KernelEmitter {
public:
  KernelEmitter(gpu::GPUFuncOp kernel, const WGSLOptions &options,
                WGSLKernelInfo &info)
      : kernel(kernel), options(options), info(info), body(bodyStr) {}

  LogicalResult emit(raw_ostream &os);

private:
  // Set-up.
  /// An error on the kernel that names it (its gpu.module and function).
  InFlightDiagnostic kernelError() {
    return kernel.emitOpError()
           << "@" << info.name << "::@" << kernel.getName() << " ";
  }
  LogicalResult computeLaunch();
  LogicalResult analyzeMemRefs();
  LogicalResult declareMemRef(Value memref, std::string name, Space space,
                              Operation *where, const std::string &what);

  // Types and values.
  FailureOr<std::string> scalarType(Type type, Operation *op);
  LogicalResult checkTypes(Operation *op);
  std::string str(Value v);
  std::string materialize(Value v);
  std::string fresh() { return "v" + std::to_string(nextId++); }
  raw_ostream &line() { return body << indent; }
  void let(Value result, const std::string &expr);
  void alias(Value result, Value operand);
  void setConstant(Value v, std::string literal,
                   std::optional<int64_t> intValue = std::nullopt);
  std::optional<int64_t> constantInt(Value v);
  std::string floatLiteral(const APFloat &value, Type type);
  std::string helper(StringRef name);
  std::string floatHelperCall(StringRef base, Type type,
                              ArrayRef<std::string> args);
  std::string floatTest(StringRef base, const std::string &v, Type type);

  // Integers.
  static unsigned bitWidth(Type t) {
    if (t.isIndex())
      return 32;
    return cast<IntegerType>(t).getWidth();
  }
  static std::string canon(const std::string &expr, unsigned width);
  static std::string zext(const std::string &v, unsigned width);
  bool isZeroConstant(Value v);
  std::string u32Of(Value v);

  // Emission.
  LogicalResult emitBlock(Block &block);
  LogicalResult emitOp(Operation *op);
  LogicalResult emitConstant(arith::ConstantOp op);
  LogicalResult emitArith(Operation *op);
  LogicalResult emitIntBinary(Operation *op);
  LogicalResult emitCast(Operation *op);
  LogicalResult emitCmpI(arith::CmpIOp op);
  LogicalResult emitCmpF(arith::CmpFOp op);
  LogicalResult emitMath(Operation *op);
  LogicalResult emitGPU(Operation *op);
  LogicalResult emitMemRef(Operation *op);
  LogicalResult emitFor(scf::ForOp op);
  LogicalResult emitIf(scf::IfOp op);
  LogicalResult emitWhile(scf::WhileOp op);
  void assignParallel(ArrayRef<std::string> targets, ValueRange values);
  FailureOr<std::string> linearIndex(Operation *op, const MemRefInfo &memref,
                                     ValueRange indices);
  FailureOr<const MemRefInfo *> lookupMemRef(Operation *op, Value memref);

  gpu::GPUFuncOp kernel;
  const WGSLOptions &options;
  WGSLKernelInfo &info;

  std::array<int64_t, 3> blockSize = {1, 1, 1};
  std::array<int64_t, 3> gridSize = {1, 1, 1};
  /// Whether x, over maxWorkgroupsPerDimension, was folded into y; and
  /// whether that dispatch has more workgroups than gridSize[0] (the
  /// surplus ones return at once).
  bool foldedX = false;
  bool surplusX = false;

  llvm::DenseMap<Value, std::string> names;
  llvm::DenseSet<Value> inlineConstants;
  llvm::DenseMap<Value, int64_t> intConstants;
  llvm::DenseMap<Value, std::string> operandOverrides;
  Value pendingMaterialize;
  llvm::DenseMap<Value, MemRefInfo> memrefs;
  llvm::DenseMap<Value, AtomicKind> atomicUses;
  llvm::DenseSet<Value> written;
  llvm::DenseSet<Value> signedMinMax;
  std::map<std::string, std::string> helpers;
  std::string moduleDecls;
  bool usesF16 = false;

  unsigned nextId = 0;
  std::string indent = "  ";
  std::string bodyStr;
  llvm::raw_string_ostream body;
};

} // namespace

//===----------------------------------------------------------------------===//
// Types, values and literals
//===----------------------------------------------------------------------===//

FailureOr<std::string> KernelEmitter::scalarType(Type type, Operation *op) {
  if (type.isF32())
    return std::string("f32");
  if (type.isF16()) {
    if (!options.enableF16)
      return op->emitOpError()
             << "uses f16, which needs the WGSL extension 'enable f16' "
                "(option --wgsl-enable-f16; device feature shader-f16)";
    usesF16 = true;
    return std::string("f16");
  }
  if (type.isIndex())
    return std::string("i32");
  if (auto intType = dyn_cast<IntegerType>(type)) {
    unsigned width = intType.getWidth();
    if (width == 1)
      return std::string("bool");
    if (width <= 32)
      return std::string("i32");
    return op->emitOpError()
           << "uses " << type
           << ": WGSL has no integers wider than 32 bits (the WebGPU "
              "pipeline must narrow them)";
  }
  if (isa<FloatType>(type))
    return op->emitOpError() << "uses " << type
                             << ": WGSL has only f32 (and f16 with 'enable "
                                "f16') floating-point types";
  if (isa<VectorType>(type))
    return op->emitOpError()
           << "uses " << type
           << ": vector types are not translated to WGSL (scalarize first)";
  return op->emitOpError() << "uses " << type << ", which has no WGSL type";
}

/// Every scalar operand and result must have a WGSL type. Memrefs are
/// checked where they are declared, and only memref ops may use them: WGSL
/// has no pointers to select or carry through loops.
LogicalResult KernelEmitter::checkTypes(Operation *op) {
  for (Type t :
       llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
    if (isa<MemRefType>(t)) {
      if (!isa_and_nonnull<memref::MemRefDialect>(op->getDialect()))
        return op->emitOpError()
               << "uses a memref value: only memref.load, memref.store and "
                  "memref.atomic_rmw can access memory in WGSL";
      continue;
    }
    if (failed(scalarType(t, op)))
      return failure();
  }
  return success();
}

std::string KernelEmitter::str(Value v) {
  if (v == pendingMaterialize) {
    pendingMaterialize = nullptr;
    operandOverrides[v] = materialize(v);
  }
  auto it = operandOverrides.find(v);
  if (it != operandOverrides.end())
    return it->second;
  return names.lookup(v);
}

/// A `let` copy of an inline constant. An expression whose operands are all
/// constants is a WGSL const-expression, where overflow, division by zero or
/// an out-of-range shift are compile errors, unlike at run time (and unlike
/// arith, where they are poison at worst).
std::string KernelEmitter::materialize(Value v) {
  if (!inlineConstants.contains(v))
    return str(v);
  std::string name = fresh();
  line() << "let " << name << ": " << *scalarType(v.getType(), kernel) << " = "
         << names.lookup(v) << ";\n";
  return name;
}

void KernelEmitter::let(Value result, const std::string &expr) {
  std::string name = fresh();
  line() << "let " << name << ": " << *scalarType(result.getType(), kernel)
         << " = " << expr << ";\n";
  names[result] = name;
}

std::string KernelEmitter::floatLiteral(const APFloat &value, Type type) {
  bool isF16 = type.isF16();
  // Infinities and NaNs cannot be spelled as literals, and a const-expression
  // bitcast to them is a compile error: go through a (runtime) function.
  // Subnormals take the same path, as WGSL may flush them in literals.
  if (value.isNaN() || value.isInfinity() || value.isDenormal()) {
    APFloat asF32 = value;
    bool lost;
    asF32.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
    std::string bits = "0x" +
                       llvm::utohexstr(asF32.bitcastToAPInt().getZExtValue(),
                                       /*LowerCase=*/true) +
                       "u";
    std::string call = helper("f32_from_bits") + "(" + bits + ")";
    return isF16 ? "f16(" + call + ")" : call;
  }
  std::string suffix = isF16 ? "h" : "f";
  if (value.isZero())
    return value.isNegative() ? "(-0.0" + suffix + ")" : "0.0" + suffix;
  std::string text;
  if (isF16) {
    double d = value.convertToDouble();
    text = shortestDecimal(d, 17, [&](const char *s) {
      if (std::fabs(std::strtod(s, nullptr)) > 65504.0)
        return false;
      APFloat parsed(APFloat::IEEEhalf());
      auto status = parsed.convertFromString(s, APFloat::rmNearestTiesToEven);
      if (!status) {
        llvm::consumeError(status.takeError());
        return false;
      }
      return parsed.bitwiseIsEqual(value);
    });
  } else {
    float f = value.convertToFloat();
    text = shortestDecimal(f, 17, [&](const char *s) {
      // A literal beyond the largest finite value is an error in WGSL even
      // where it would round to it.
      return std::strtof(s, nullptr) == f &&
             std::fabs(std::strtod(s, nullptr)) <= 3.4028234663852886e38;
    });
  }
  text += suffix;
  return text[0] == '-' ? "(" + text + ")" : text;
}

/// Registers the module-scope helper function `name` (Helpers.cpp), and
/// those it calls, and returns its name.
std::string KernelEmitter::helper(StringRef name) {
  if (helpers.count(name.str()))
    return name.str();
  SmallVector<StringRef> dependencies;
  helpers[name.str()] = wgsl::getHelperSource(name, dependencies);
  for (StringRef dependency : dependencies)
    helper(dependency);
  return name.str();
}

/// Calls the f32 helper `base`_f32; f16 operands go through f32 (exact for
/// these helpers: their results are one of the operands or rounded once).
std::string KernelEmitter::floatHelperCall(StringRef base, Type type,
                                           ArrayRef<std::string> args) {
  std::string fn = helper((base + "_f32").str());
  std::string call = fn + "(";
  for (auto [i, a] : llvm::enumerate(args))
    call += (i ? ", " : "") + (type.isF16() ? "f32(" + a + ")" : a);
  call += ")";
  return type.isF16() ? "f16(" + call + ")" : call;
}

/// A bool-valued helper test (isnan, isinf) of a float of type `type`.
std::string KernelEmitter::floatTest(StringRef base, const std::string &v,
                                     Type type) {
  return helper((base + "_f32").str()) + "(" +
         (type.isF16() ? "f32(" + v + ")" : v) + ")";
}

/// Narrow integers (i2..i31) are kept sign-extended in i32: re-establish
/// that after an op that may carry bits beyond `width`.
std::string KernelEmitter::canon(const std::string &expr, unsigned width) {
  if (width >= 32)
    return expr;
  std::string k = std::to_string(32 - width) + "u";
  return "((" + expr + ") << " + k + ") >> " + k;
}

/// The zero-extended value of a narrow integer, as a non-negative i32.
std::string KernelEmitter::zext(const std::string &v, unsigned width) {
  return "(" + v + " & " + std::to_string((1u << width) - 1) + "i)";
}

/// Records `v` as an inline constant spelled `literal` (with its value if it
/// is an integer).
void KernelEmitter::setConstant(Value v, std::string literal,
                                std::optional<int64_t> intValue) {
  names[v] = std::move(literal);
  inlineConstants.insert(v);
  if (intValue)
    intConstants[v] = *intValue;
}

/// `result` is `operand` under another type (sign extension, index casts):
/// the same spelling, and the same constness.
void KernelEmitter::alias(Value result, Value operand) {
  if (inlineConstants.contains(operand))
    setConstant(result, names.lookup(operand), constantInt(operand));
  else
    names[result] = str(operand);
}

/// The value of an inline integer constant (sign-extended), unless this op
/// reads it through a `let` (see materialize).
std::optional<int64_t> KernelEmitter::constantInt(Value v) {
  auto it = intConstants.find(v);
  if (it == intConstants.end() || operandOverrides.count(v) ||
      v == pendingMaterialize)
    return std::nullopt;
  return it->second;
}

/// A 32-bit integer as u32: a literal for constants.
std::string KernelEmitter::u32Of(Value v) {
  if (std::optional<int64_t> value = constantInt(v))
    return std::to_string(uint64_t(*value) & 0xffffffffu) + "u";
  return "bitcast<u32>(" + str(v) + ")";
}

bool KernelEmitter::isZeroConstant(Value v) {
  std::optional<int64_t> value = constantInt(v);
  return value && *value == 0;
}

//===----------------------------------------------------------------------===//
// Launch configuration and memory
//===----------------------------------------------------------------------===//

LogicalResult KernelEmitter::computeLaunch() {
  std::optional<ArrayRef<int32_t>> block = kernel.getKnownBlockSize();
  if (!block || block->size() != 3)
    return kernelError()
           << "needs known_block_size: WGSL fixes @workgroup_size at compile "
              "time";
  std::optional<ArrayRef<int32_t>> grid = kernel.getKnownGridSize();
  if (!grid || grid->size() != 3)
    return kernelError()
           << "needs known_grid_size: the dispatch grid and gpu.grid_dim "
              "come from it";
  int64_t invocations = 1;
  for (int d = 0; d < 3; ++d) {
    blockSize[d] = (*block)[d];
    gridSize[d] = (*grid)[d];
    if (blockSize[d] < 1 || gridSize[d] < 1)
      return kernelError() << "has a non-positive block or grid size";
    invocations *= blockSize[d];
  }
  if (invocations > options.maxInvocationsPerWorkgroup)
    return kernelError() << "has " << invocations
                         << " invocations per workgroup, over the limit "
                            "maxComputeInvocationsPerWorkgroup = "
                         << options.maxInvocationsPerWorkgroup;

  // WebGPU's per-dimension sizes (256, 256, 64 by default) bind only z below
  // the invocation limit.
  if (blockSize[2] > 64)
    return kernelError() << "has " << blockSize[2]
                         << " invocations in z, over the limit "
                            "maxComputeWorkgroupSizeZ = 64";

  info.workgroupSize = blockSize;
  info.workgroups = gridSize;
  int64_t limit = options.maxWorkgroupsPerDimension;
  for (int d = 1; d < 3; ++d)
    if (gridSize[d] > limit)
      return kernelError() << "has " << gridSize[d]
                           << " workgroups in dimension "
                           << "xyz"[d]
                           << ", over maxComputeWorkgroupsPerDimension = "
                           << limit << " (only x can be folded)";
  if (gridSize[0] <= limit)
    return success();

  // Fold x into y: dispatch (ceil(n / y), y) workgroups with y as small as
  // possible, and let the surplus ones return at once.
  if (gridSize[1] != 1)
    return kernelError()
           << "has " << gridSize[0]
           << " workgroups in x, over maxComputeWorkgroupsPerDimension = "
           << limit << ", and cannot fold x into y as y is " << gridSize[1];
  int64_t ys = (gridSize[0] + limit - 1) / limit;
  if (ys > limit)
    return kernelError() << "has " << gridSize[0]
                         << " workgroups in x, more than "
                         << "maxComputeWorkgroupsPerDimension^2 = "
                         << limit * limit;
  int64_t xs = (gridSize[0] + ys - 1) / ys;
  if (xs * ys != gridSize[0]) {
    // The surplus workgroups exit early: a later barrier would then be in
    // non-uniform control flow, which WGSL rejects.
    WalkResult barrier =
        kernel.walk([](gpu::BarrierOp op) { return WalkResult::interrupt(); });
    if (barrier.wasInterrupted())
      return kernelError()
             << "has " << gridSize[0] << " workgroups in x, over "
             << "maxComputeWorkgroupsPerDimension = " << limit
             << ", and uses gpu.barrier: its grid cannot be folded with an "
                "early exit";
  }
  foldedX = true;
  surplusX = xs * ys != gridSize[0];
  info.workgroups = {xs, ys, gridSize[2]};
  return success();
}

/// Records which memrefs atomic_rmw ops use, and which are written.
LogicalResult KernelEmitter::analyzeMemRefs() {
  WalkResult result = kernel.walk([&](Operation *op) {
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      written.insert(store.getMemRef());
      return WalkResult::advance();
    }
    auto rmw = dyn_cast<memref::AtomicRMWOp>(op);
    if (!rmw)
      return WalkResult::advance();
    written.insert(rmw.getMemref());
    AtomicKind kind;
    switch (rmw.getKind()) {
    case arith::AtomicRMWKind::addi:
    case arith::AtomicRMWKind::andi:
    case arith::AtomicRMWKind::ori:
    case arith::AtomicRMWKind::xori:
    case arith::AtomicRMWKind::maxs:
    case arith::AtomicRMWKind::mins:
    case arith::AtomicRMWKind::assign:
      kind = AtomicKind::I32;
      break;
    case arith::AtomicRMWKind::maxu:
    case arith::AtomicRMWKind::minu:
      kind = AtomicKind::U32;
      break;
    default:
      rmw.emitOpError() << "of kind '"
                        << arith::stringifyAtomicRMWKind(rmw.getKind())
                        << "' has no WGSL atomic (WGSL has atomic add, and, "
                           "or, xor, min, max and exchange on i32/u32)";
      return WalkResult::interrupt();
    }
    Type elementType = rmw.getMemRefType().getElementType();
    if (!elementType.isInteger(32) && !elementType.isIndex()) {
      rmw.emitOpError() << "on " << elementType
                        << " elements: WGSL has atomics on i32 and u32 only";
      return WalkResult::interrupt();
    }
    // Signed and unsigned min/max on one memref would need both an
    // atomic<i32> and an atomic<u32> view of it.
    bool isSignedMinMax = rmw.getKind() == arith::AtomicRMWKind::maxs ||
                          rmw.getKind() == arith::AtomicRMWKind::mins;
    if (isSignedMinMax)
      signedMinMax.insert(rmw.getMemref());
    AtomicKind &use = atomicUses[rmw.getMemref()];
    if (kind == AtomicKind::U32 || use == AtomicKind::None)
      use = kind;
    if (use == AtomicKind::U32 && signedMinMax.contains(rmw.getMemref())) {
      rmw.emitOpError() << "mixes signed and unsigned atomic min/max on one "
                           "memref, which WGSL cannot express";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// Declares the memory of a kernel argument, an attribution or an alloca
/// (`what` names it in errors).
LogicalResult KernelEmitter::declareMemRef(Value memref, std::string name,
                                           Space space, Operation *where,
                                           const std::string &what) {
  auto type = dyn_cast<MemRefType>(memref.getType());
  if (!type)
    return (where == kernel ? kernelError() : where->emitOpError())
           << what << " has type " << memref.getType()
           << ": WebGPU kernels take only buffers (memrefs) as arguments";
  auto fail = [&]() {
    return (where == kernel ? kernelError() : where->emitOpError())
           << what << " has type " << type << ": ";
  };
  if (!type.hasStaticShape())
    return fail() << "dynamic shapes are not supported";
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return fail() << "only static strided layouts are supported";
  if (llvm::any_of(strides, [](int64_t s) { return s < 0; }) || offset < 0)
    return fail() << "negative strides or offsets are not supported";
  if (type.getNumElements() == 0)
    return fail() << "WGSL arrays cannot be empty";
  Type elementType = type.getElementType();
  if (auto intType = dyn_cast<IntegerType>(elementType);
      intType && intType.getWidth() < 32)
    return fail() << "WGSL has no 8- or 16-bit storage; narrow integers "
                     "must be packed into i32 words";
  if (isa<ComplexType>(elementType))
    return fail() << "complex numbers must be lowered to pairs of f32 "
                     "before WGSL translation";
  if (!elementType.isF32() && !elementType.isInteger(32) &&
      !elementType.isIndex() && !elementType.isF16())
    return fail() << "WGSL buffers hold only 32-bit elements (and f16 with "
                     "'enable f16')";
  FailureOr<std::string> element = scalarType(elementType, where);
  if (failed(element))
    return failure();

  MemRefInfo memInfo{name, type, space};
  memInfo.atomic = atomicUses.lookup(memref);
  std::string wgslElement = *element;
  if (memInfo.atomic != AtomicKind::None) {
    if (space == Space::Function)
      return where->emitOpError()
             << what
             << " is used by memref.atomic_rmw: WGSL has atomics "
                "only in storage and workgroup memory";
    wgslElement =
        memInfo.atomic == AtomicKind::U32 ? "atomic<u32>" : "atomic<i32>";
  }

  // Elements a static layout reaches: offset + sum((size - 1) * stride) + 1.
  int64_t extent = offset + 1;
  for (auto [size, stride] : llvm::zip(type.getShape(), strides))
    extent += (size - 1) * stride;
  if (extent > INT32_MAX)
    return fail() << "more than 2^31 - 1 elements (index is i32 in WGSL)";

  switch (space) {
  case Space::Storage: {
    if (type.getMemorySpace() &&
        !isa<gpu::AddressSpaceAttr>(type.getMemorySpace()))
      return fail() << "memory space " << type.getMemorySpace()
                    << " has no WGSL equivalent";
    if (auto as =
            dyn_cast_or_null<gpu::AddressSpaceAttr>(type.getMemorySpace());
        as && as.getValue() != gpu::AddressSpace::Global)
      return fail() << "kernel arguments must be global buffers";
    bool readOnly = !written.contains(memref);
    unsigned index = info.bindings.size();
    info.bindings.push_back({index, readOnly});
    llvm::raw_string_ostream(moduleDecls)
        << "@group(0) @binding(" << index << ") var<storage, "
        << (readOnly ? "read" : "read_write") << "> " << name << ": array<"
        << wgslElement << ">;\n";
    break;
  }
  case Space::Workgroup: {
    int64_t bytes = extent * (elementType.isF16() ? 2 : 4);
    // WebGPU counts each workgroup variable rounded up to 16 bytes.
    info.workgroupStorageBytes += llvm::alignTo(bytes, 16);
    llvm::raw_string_ostream(moduleDecls)
        << "var<workgroup> " << name << ": array<" << wgslElement << ", "
        << extent << ">;\n";
    break;
  }
  case Space::Function:
    line() << "var " << name << ": array<" << wgslElement << ", " << extent
           << ">;\n";
    break;
  }
  memrefs[memref] = memInfo;
  return success();
}

FailureOr<const MemRefInfo *> KernelEmitter::lookupMemRef(Operation *op,
                                                          Value memref) {
  auto it = memrefs.find(memref);
  if (it == memrefs.end())
    return op->emitOpError()
           << "accesses a memref that is not a kernel argument, an "
              "attribution or a memref.alloca: views must be folded into "
              "the accesses before WGSL translation";
  return &it->second;
}

/// `sum(index_i * stride_i) + offset` with the static strides of the layout.
FailureOr<std::string> KernelEmitter::linearIndex(Operation *op,
                                                  const MemRefInfo &memref,
                                                  ValueRange indices) {
  auto [strides, offset] = memref.type.getStridesAndOffset();
  std::string expr;
  int64_t constant = offset;
  for (auto [index, stride] : llvm::zip(indices, strides)) {
    if (stride == 0)
      continue;
    if (std::optional<int64_t> value = constantInt(index)) {
      constant += *value * stride;
      continue;
    }
    std::string term = str(index);
    if (stride != 1)
      term += " * " + intLiteral(stride);
    expr += (expr.empty() ? "" : " + ") + term;
  }
  if (constant < INT32_MIN || constant > INT32_MAX)
    return op->emitOpError() << "has a constant index beyond 32 bits";
  if (expr.empty())
    return intLiteral(constant);
  if (constant > 0)
    expr += " + " + intLiteral(constant);
  else if (constant < 0 && constant > INT32_MIN)
    expr += " - " + intLiteral(-constant);
  else if (constant < 0)
    expr += " + " + intLiteral(constant);
  return expr;
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

LogicalResult KernelEmitter::emitBlock(Block &block) {
  for (Operation &op : block.without_terminator())
    if (failed(emitOp(&op)))
      return failure();
  return success();
}

LogicalResult KernelEmitter::emitOp(Operation *op) {
  if (failed(checkTypes(op)))
    return failure();

  // An op on constants only would be a WGSL const-expression (see
  // materialize): its first operand is read through a `let`, made when the
  // op's expression first reads it (ops that only alias it need none).
  operandOverrides.clear();
  pendingMaterialize = nullptr;
  if (op->getNumOperands() > 0 && op->getNumRegions() == 0 &&
      llvm::all_of(op->getOperands(),
                   [&](Value v) { return inlineConstants.contains(v); }))
    pendingMaterialize = op->getOperand(0);

  Dialect *dialect = op->getDialect();
  StringRef ns = dialect ? dialect->getNamespace() : "";
  LogicalResult result =
      TypeSwitch<Operation *, LogicalResult>(op)
          .Case([&](arith::ConstantOp c) { return emitConstant(c); })
          .Case([&](scf::ForOp f) { return emitFor(f); })
          .Case([&](scf::IfOp i) { return emitIf(i); })
          .Case([&](scf::WhileOp w) { return emitWhile(w); })
          .Case([&](ub::PoisonOp p) {
            // Any value will do: zero.
            Type t = p.getType();
            if (t.isInteger(1))
              setConstant(p, "false");
            else if (isa<FloatType>(t))
              setConstant(p, t.isF16() ? "0.0h" : "0.0f");
            else
              setConstant(p, "0i", 0);
            return success();
          })
          .Default([&](Operation *op) -> LogicalResult {
            if (ns == "arith")
              return emitArith(op);
            if (ns == "math")
              return emitMath(op);
            if (ns == "gpu")
              return emitGPU(op);
            if (ns == "memref")
              return emitMemRef(op);
            if (ns == "cf")
              return op->emitOpError()
                     << "is unstructured control flow, which WGSL cannot "
                        "express (keep scf ops)";
            return op->emitOpError() << "has no WGSL translation";
          });
  operandOverrides.clear();
  pendingMaterialize = nullptr;
  return result;
}

LogicalResult KernelEmitter::emitConstant(arith::ConstantOp op) {
  Type type = op.getType();
  Attribute value = op.getValue();
  if (auto intAttr = dyn_cast<IntegerAttr>(value)) {
    APInt v = intAttr.getValue();
    if (type.isInteger(1)) {
      setConstant(op, v.isZero() ? "false" : "true");
      return success();
    }
    int64_t s = v.getSExtValue();
    if (s < INT32_MIN || s > INT32_MAX)
      return op.emitOpError() << "value " << s
                              << " does not fit the 32-bit integers that "
                                 "WGSL uses for "
                              << type;
    setConstant(op, intLiteral(s), s);
    return success();
  }
  if (auto floatAttr = dyn_cast<FloatAttr>(value)) {
    setConstant(op, floatLiteral(floatAttr.getValue(), type));
    return success();
  }
  return op.emitOpError() << "has a non-scalar value, which WGSL cannot "
                             "hold in a register";
}

LogicalResult KernelEmitter::emitArith(Operation *op) {
  if (isa<arith::CmpIOp>(op))
    return emitCmpI(cast<arith::CmpIOp>(op));
  if (isa<arith::CmpFOp>(op))
    return emitCmpF(cast<arith::CmpFOp>(op));
  if (auto select = dyn_cast<arith::SelectOp>(op)) {
    if (!select.getCondition().getType().isInteger(1))
      return op->emitOpError() << "on vectors is not supported";
    let(select, "select(" + str(select.getFalseValue()) + ", " +
                    str(select.getTrueValue()) + ", " +
                    str(select.getCondition()) + ")");
    return success();
  }
  if (op->getNumOperands() == 2 && op->getNumResults() == 1 &&
      isa<IntegerType, IndexType>(op->getResult(0).getType()) &&
      op->getOperand(0).getType() == op->getResult(0).getType())
    return emitIntBinary(op);
  if (op->getNumOperands() == 1 && op->getNumResults() == 1 &&
      !isa<arith::NegFOp>(op))
    return emitCast(op);

  // Floating-point arithmetic.
  Value result = op->getNumResults() == 1 ? op->getResult(0) : Value();
  auto binary = [&](StringRef symbol) {
    let(result, str(op->getOperand(0)) + " " + symbol.str() + " " +
                    str(op->getOperand(1)));
    return success();
  };
  auto call = [&](StringRef base) {
    let(result,
        floatHelperCall(base, result.getType(),
                        {str(op->getOperand(0)), str(op->getOperand(1))}));
    return success();
  };
  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](arith::AddFOp) { return binary("+"); })
      .Case([&](arith::SubFOp) { return binary("-"); })
      .Case([&](arith::MulFOp) { return binary("*"); })
      .Case([&](arith::DivFOp) { return binary("/"); })
      // WGSL's float % is x - y * trunc(x / y): fmod up to rounding.
      .Case([&](arith::RemFOp) { return binary("%"); })
      .Case([&](arith::NegFOp n) {
        let(n, "-" + str(n.getOperand()));
        return success();
      })
      .Case([&](arith::MaximumFOp) { return call("maximumf"); })
      .Case([&](arith::MinimumFOp) { return call("minimumf"); })
      .Case([&](arith::MaxNumFOp) { return call("maxnumf"); })
      .Case([&](arith::MinNumFOp) { return call("minnumf"); })
      .Default([&](Operation *op) {
        return op->emitOpError() << "has no WGSL translation";
      });
}

LogicalResult KernelEmitter::emitIntBinary(Operation *op) {
  Value result = op->getResult(0);
  Value lhsValue = op->getOperand(0), rhsValue = op->getOperand(1);
  unsigned width = bitWidth(result.getType());
  std::string a = str(lhsValue), b = str(rhsValue);

  if (width == 1) {
    // i1 is bool: add and xor are !=, mul is and.
    std::string expr =
        TypeSwitch<Operation *, std::string>(op)
            .Case<arith::AndIOp, arith::MulIOp, arith::MinUIOp, arith::MaxSIOp>(
                [&](auto) { return a + " & " + b; })
            .Case<arith::OrIOp, arith::MaxUIOp, arith::MinSIOp>(
                [&](auto) { return a + " | " + b; })
            .Case<arith::XOrIOp, arith::AddIOp, arith::SubIOp>(
                [&](auto) { return a + " != " + b; })
            .Default([](Operation *) { return std::string(); });
    if (expr.empty())
      return op->emitOpError() << "on i1 has no WGSL translation";
    let(result, expr);
    return success();
  }

  // Division or remainder by a constant zero is a WGSL compile error (and
  // poison in arith).
  if (isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp,
          arith::FloorDivSIOp, arith::CeilDivSIOp>(op) &&
      isZeroConstant(rhsValue))
    b = materialize(rhsValue);

  // Shift amounts are u32 in WGSL; a constant amount >= 32 is a compile
  // error there and poison in arith: mask it as WGSL does at run time.
  std::string amount;
  if (isa<arith::ShLIOp, arith::ShRSIOp, arith::ShRUIOp>(op)) {
    if (std::optional<int64_t> value = constantInt(rhsValue))
      amount = std::to_string(uint64_t(*value) & 31) + "u";
    else
      amount = "u32(" + b + ")";
  }

  // Unsigned operations: on u32 for 32-bit values, on the zero-extended
  // value for narrow ones (re-canonicalized if the result may not fit).
  auto unsignedOp = [&](StringRef symbol) {
    if (width == 32)
      return "bitcast<i32>(" + u32Of(lhsValue) + " " + symbol.str() + " " +
             (b == str(rhsValue) ? u32Of(rhsValue)
                                 : "bitcast<u32>(" + b + ")") +
             ")";
    return canon(zext(a, width) + " " + symbol.str() + " " + zext(b, width),
                 width);
  };
  auto unsignedMinMax = [&](StringRef fn) {
    if (width == 32)
      return "bitcast<i32>(" + fn.str() + "(" + u32Of(lhsValue) + ", " +
             u32Of(rhsValue) + "))";
    // Pick the operand itself, which is canonical already.
    return "select(" + b + ", " + a + ", " + zext(a, width) +
           (fn == "min" ? " < " : " > ") + zext(b, width) + ")";
  };

  std::string expr =
      TypeSwitch<Operation *, std::string>(op)
          .Case([&](arith::AddIOp) { return canon(a + " + " + b, width); })
          .Case([&](arith::SubIOp) { return canon(a + " - " + b, width); })
          .Case([&](arith::MulIOp) { return canon(a + " * " + b, width); })
          // WGSL's i32 / and % truncate like arith's divsi/remsi; only
          // MIN / -1 overflows (poison in arith).
          .Case([&](arith::DivSIOp) { return canon(a + " / " + b, width); })
          .Case([&](arith::RemSIOp) { return a + " % " + b; })
          .Case([&](arith::DivUIOp) { return unsignedOp("/"); })
          .Case([&](arith::RemUIOp) { return unsignedOp("%"); })
          .Case([&](arith::FloorDivSIOp) {
            return canon(helper("floordiv_i32") + "(" + a + ", " + b + ")",
                         width);
          })
          .Case([&](arith::CeilDivSIOp) {
            return canon(helper("ceildiv_i32") + "(" + a + ", " + b + ")",
                         width);
          })
          .Case([&](arith::AndIOp) { return a + " & " + b; })
          .Case([&](arith::OrIOp) { return a + " | " + b; })
          .Case([&](arith::XOrIOp) { return a + " ^ " + b; })
          .Case(
              [&](arith::ShLIOp) { return canon(a + " << " + amount, width); })
          // Arithmetic shift of a sign-extended value: stays canonical.
          .Case([&](arith::ShRSIOp) { return a + " >> " + amount; })
          .Case([&](arith::ShRUIOp) {
            if (width == 32)
              return "bitcast<i32>(" + u32Of(lhsValue) + " >> " + amount + ")";
            return canon(zext(a, width) + " >> " + amount, width);
          })
          .Case([&](arith::MinSIOp) { return "min(" + a + ", " + b + ")"; })
          .Case([&](arith::MaxSIOp) { return "max(" + a + ", " + b + ")"; })
          .Case([&](arith::MinUIOp) { return unsignedMinMax("min"); })
          .Case([&](arith::MaxUIOp) { return unsignedMinMax("max"); })
          .Default([](Operation *) { return std::string(); });
  if (expr.empty())
    return op->emitOpError() << "has no WGSL translation";
  let(result, expr);
  return success();
}

LogicalResult KernelEmitter::emitCast(Operation *op) {
  Value in = op->getOperand(0), out = op->getResult(0);
  Type inType = in.getType(), outType = out.getType();
  // Read lazily: an alias of a constant stays a constant (see emitOp).
  auto a = [&]() { return str(in); };
  std::string outWGSL = *scalarType(outType, op);
  bool inInt = isa<IntegerType, IndexType>(inType);
  bool outInt = isa<IntegerType, IndexType>(outType);
  unsigned inWidth = inInt ? bitWidth(inType) : 0;
  unsigned outWidth = outInt ? bitWidth(outType) : 0;

  // Integer to integer: sign-extended narrow values make sign extension
  // the identity; truncation re-canonicalizes; zero extension masks.
  auto intToInt = [&](bool isSigned) -> LogicalResult {
    if (inWidth == 1) {
      let(out, "select(0i, " + std::string(isSigned ? "-1i" : "1i") + ", " +
                   a() + ")");
      return success();
    }
    if (outWidth == 1) {
      let(out, "(" + a() + " & 1i) != 0i");
      return success();
    }
    if (outWidth < inWidth) {
      if (outWidth == 32)
        alias(out, in);
      else
        let(out, canon(a(), outWidth));
      return success();
    }
    if (isSigned || inWidth == 32 || inWidth == outWidth) {
      alias(out, in);
      return success();
    }
    // Zero extension: a narrow source is non-negative once masked; into a
    // narrower-than-32 destination it is then canonical already.
    let(out, zext(a(), inWidth));
    return success();
  };

  auto boolCheck = [&]() -> LogicalResult {
    if (inWidth == 1 || outWidth == 1)
      return op->emitOpError() << "on i1 has no WGSL translation";
    return success();
  };

  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case<arith::ExtSIOp, arith::TruncIOp, arith::IndexCastOp>(
          [&](auto) { return intToInt(/*isSigned=*/true); })
      .Case<arith::ExtUIOp, arith::IndexCastUIOp>(
          [&](auto) { return intToInt(/*isSigned=*/false); })
      .Case([&](arith::SIToFPOp) -> LogicalResult {
        if (failed(boolCheck()))
          return failure();
        let(out, outWGSL + "(" + a() + ")");
        return success();
      })
      .Case([&](arith::UIToFPOp) -> LogicalResult {
        if (failed(boolCheck()))
          return failure();
        let(out, outWGSL + "(" +
                     (inWidth == 32 ? u32Of(in) : zext(a(), inWidth)) + ")");
        return success();
      })
      // WGSL's float-to-int conversions saturate; out-of-range values are
      // poison in arith, so saturation is a valid refinement.
      .Case([&](arith::FPToSIOp) -> LogicalResult {
        if (failed(boolCheck()))
          return failure();
        let(out, canon("i32(" + a() + ")", outWidth));
        return success();
      })
      .Case([&](arith::FPToUIOp) -> LogicalResult {
        if (failed(boolCheck()))
          return failure();
        if (outWidth == 32)
          let(out, "bitcast<i32>(u32(" + a() + "))");
        else
          let(out, canon("i32(" + a() + ")", outWidth));
        return success();
      })
      .Case<arith::ExtFOp, arith::TruncFOp>([&](auto) {
        if (inType == outType)
          alias(out, in);
        else
          let(out, outWGSL + "(" + a() + ")");
        return success();
      })
      .Case([&](arith::BitcastOp) -> LogicalResult {
        if (*scalarType(inType, op) == outWGSL) {
          alias(out, in);
          return success();
        }
        if (inType.getIntOrFloatBitWidth() != 32)
          return op->emitOpError()
                 << "from " << inType << " to " << outType
                 << " is not supported (only 32-bit bitcasts)";
        let(out, "bitcast<" + outWGSL + ">(" + a() + ")");
        return success();
      })
      .Default([](Operation *op) {
        return op->emitOpError() << "has no WGSL translation";
      });
}

LogicalResult KernelEmitter::emitCmpI(arith::CmpIOp op) {
  using P = arith::CmpIPredicate;
  unsigned width = bitWidth(op.getLhs().getType());
  std::string a = str(op.getLhs()), b = str(op.getRhs());
  P pred = op.getPredicate();
  if (width == 1 && pred != P::eq && pred != P::ne)
    return op.emitOpError()
           << "with predicate '" << arith::stringifyCmpIPredicate(pred)
           << "' on i1 has no WGSL translation";
  StringRef symbol;
  bool isUnsigned = false;
  switch (pred) {
  case P::eq:
    symbol = "==";
    break;
  case P::ne:
    symbol = "!=";
    break;
  case P::slt:
    symbol = "<";
    break;
  case P::sle:
    symbol = "<=";
    break;
  case P::sgt:
    symbol = ">";
    break;
  case P::sge:
    symbol = ">=";
    break;
  case P::ult:
    symbol = "<";
    isUnsigned = true;
    break;
  case P::ule:
    symbol = "<=";
    isUnsigned = true;
    break;
  case P::ugt:
    symbol = ">";
    isUnsigned = true;
    break;
  case P::uge:
    symbol = ">=";
    isUnsigned = true;
    break;
  }
  if (isUnsigned) {
    if (width == 32) {
      a = u32Of(op.getLhs());
      b = u32Of(op.getRhs());
    } else {
      a = zext(a, width);
      b = zext(b, width);
    }
  }
  let(op, a + " " + symbol.str() + " " + b);
  return success();
}

LogicalResult KernelEmitter::emitCmpF(arith::CmpFOp op) {
  using P = arith::CmpFPredicate;
  Type type = op.getLhs().getType();
  std::string a = str(op.getLhs()), b = str(op.getRhs());
  // NaN tests on the bits: WGSL implementations may assume no NaNs in
  // plain comparisons, but ordered comparisons are false on NaN in IEEE
  // hardware, so only the predicates that must be true on NaN (or false
  // where IEEE would be true: one) test explicitly.
  std::string nanA = floatTest("isnan", a, type);
  std::string nanB = floatTest("isnan", b, type);
  std::string unordered = "(" + nanA + " || " + nanB + ")";
  std::string expr;
  auto cmp = [&](StringRef s) {
    return "(" + a + " " + s.str() + " " + b + ")";
  };
  switch (op.getPredicate()) {
  case P::AlwaysFalse:
    expr = "false";
    break;
  case P::AlwaysTrue:
    expr = "true";
    break;
  case P::OEQ:
    expr = cmp("==");
    break;
  case P::OGT:
    expr = cmp(">");
    break;
  case P::OGE:
    expr = cmp(">=");
    break;
  case P::OLT:
    expr = cmp("<");
    break;
  case P::OLE:
    expr = cmp("<=");
    break;
  case P::ONE:
    expr = "!" + unordered + " && " + cmp("!=");
    break;
  case P::ORD:
    expr = "!" + unordered;
    break;
  case P::UEQ:
    expr = unordered + " || " + cmp("==");
    break;
  case P::UGT:
    expr = unordered + " || " + cmp(">");
    break;
  case P::UGE:
    expr = unordered + " || " + cmp(">=");
    break;
  case P::ULT:
    expr = unordered + " || " + cmp("<");
    break;
  case P::ULE:
    expr = unordered + " || " + cmp("<=");
    break;
  case P::UNE:
    expr = unordered + " || " + cmp("!=");
    break;
  case P::UNO:
    expr = unordered;
    break;
  }
  let(op, expr);
  return success();
}

LogicalResult KernelEmitter::emitMath(Operation *op) {
  if (op->getNumResults() != 1)
    return op->emitOpError() << "has no WGSL translation";
  Value result = op->getResult(0);
  Type type = result.getType();
  SmallVector<std::string> args;
  for (Value v : op->getOperands())
    args.push_back(str(v));
  auto builtin = [&](StringRef fn) {
    std::string expr = fn.str() + "(";
    for (auto [i, a] : llvm::enumerate(args))
      expr += (i ? ", " : "") + a;
    let(result, expr + ")");
    return success();
  };
  auto intUnary = [&](StringRef fn) -> LogicalResult {
    unsigned width = bitWidth(type);
    if (width == 1)
      return op->emitOpError() << "on i1 has no WGSL translation";
    if (width == 32)
      return builtin(fn);
    if (fn == "countOneBits")
      let(result, "countOneBits(" + zext(args[0], width) + ")");
    else if (fn == "countLeadingZeros")
      let(result, "countLeadingZeros(" + zext(args[0], width) + ") - " +
                      std::to_string(32 - width) + "i");
    else
      let(result, "min(countTrailingZeros(" + args[0] + "), " +
                      std::to_string(width) + "i)");
    return success();
  };
  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](math::AbsFOp) { return builtin("abs"); })
      .Case([&](math::AbsIOp) -> LogicalResult {
        unsigned width = bitWidth(type);
        if (width == 1)
          return op->emitOpError() << "on i1 has no WGSL translation";
        // abs(MIN) wraps to MIN, as in arith.
        let(result, canon("abs(" + args[0] + ")", width));
        return success();
      })
      .Case([&](math::CeilOp) { return builtin("ceil"); })
      .Case([&](math::FloorOp) { return builtin("floor"); })
      .Case([&](math::TruncOp) { return builtin("trunc"); })
      // WGSL's round() rounds halfway cases to even.
      .Case([&](math::RoundEvenOp) { return builtin("round"); })
      .Case([&](math::RoundOp) {
        let(result, floatHelperCall("round", type, args));
        return success();
      })
      .Case([&](math::SqrtOp) { return builtin("sqrt"); })
      .Case([&](math::RsqrtOp) { return builtin("inverseSqrt"); })
      .Case([&](math::ExpOp) { return builtin("exp"); })
      .Case([&](math::Exp2Op) { return builtin("exp2"); })
      .Case([&](math::LogOp) { return builtin("log"); })
      .Case([&](math::Log2Op) { return builtin("log2"); })
      .Case([&](math::SinOp) { return builtin("sin"); })
      .Case([&](math::CosOp) { return builtin("cos"); })
      .Case([&](math::TanOp) { return builtin("tan"); })
      .Case([&](math::AsinOp) { return builtin("asin"); })
      .Case([&](math::AcosOp) { return builtin("acos"); })
      .Case([&](math::AtanOp) { return builtin("atan"); })
      .Case([&](math::Atan2Op) { return builtin("atan2"); })
      .Case([&](math::SinhOp) { return builtin("sinh"); })
      .Case([&](math::CoshOp) { return builtin("cosh"); })
      .Case([&](math::TanhOp) {
        // Some backends compute tanh as a quotient of exponentials that
        // overflows to NaN; tanh(+-10) is +-1 in f32 already.
        std::string bound = type.isF16() ? "10.0h" : "10.0f";
        let(result,
            "tanh(clamp(" + args[0] + ", -" + bound + ", " + bound + "))");
        return success();
      })
      .Case([&](math::FmaOp) { return builtin("fma"); })
      // pow(x, y) for x < 0 is NaN in WGSL, as math.powf for non-integer y.
      .Case([&](math::PowFOp) { return builtin("pow"); })
      .Case([&](math::ErfOp) {
        let(result, floatHelperCall("erf", type, args));
        return success();
      })
      .Case([&](math::CopySignOp) -> LogicalResult {
        if (type.isF16())
          return op->emitOpError() << "on f16 has no WGSL translation";
        let(result, "bitcast<f32>((bitcast<u32>(" + args[0] +
                        ") & 0x7fffffffu) | (bitcast<u32>(" + args[1] +
                        ") & 0x80000000u))");
        return success();
      })
      .Case([&](math::IsNaNOp) {
        let(result, floatTest("isnan", args[0], op->getOperand(0).getType()));
        return success();
      })
      .Case([&](math::IsInfOp) {
        let(result, floatTest("isinf", args[0], op->getOperand(0).getType()));
        return success();
      })
      .Case([&](math::CtPopOp) { return intUnary("countOneBits"); })
      .Case([&](math::CountLeadingZerosOp) {
        return intUnary("countLeadingZeros");
      })
      .Case([&](math::CountTrailingZerosOp) {
        return intUnary("countTrailingZeros");
      })
      .Default([](Operation *op) {
        return op->emitOpError() << "has no WGSL translation";
      });
}

LogicalResult KernelEmitter::emitGPU(Operation *op) {
  auto dim = [](gpu::Dimension d) { return static_cast<unsigned>(d); };
  auto component = [](unsigned d) { return std::string(1, "xyz"[d]); };
  auto blockId = [&](unsigned d) -> std::string {
    if (!foldedX)
      return "i32(wid." + component(d) + ")";
    if (d == 0)
      return "i32(wid.x + wid.y * nwg.x)";
    if (d == 1)
      return "0i";
    return "i32(wid.z)";
  };
  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](gpu::ThreadIdOp t) {
        let(t, "i32(lid." + component(dim(t.getDimension())) + ")");
        return success();
      })
      .Case([&](gpu::BlockIdOp b) {
        let(b, blockId(dim(b.getDimension())));
        return success();
      })
      .Case([&](gpu::GlobalIdOp g) {
        unsigned d = dim(g.getDimension());
        let(g, blockId(d) + " * " + intLiteral(blockSize[d]) + " + i32(lid." +
                   component(d) + ")");
        return success();
      })
      .Case([&](gpu::BlockDimOp b) {
        int64_t size = blockSize[dim(b.getDimension())];
        setConstant(b, intLiteral(size), size);
        return success();
      })
      .Case([&](gpu::GridDimOp g) {
        int64_t size = gridSize[dim(g.getDimension())];
        setConstant(g, intLiteral(size), size);
        return success();
      })
      .Case([&](gpu::BarrierOp) {
        // gpu.barrier orders workgroup and global memory accesses.
        line() << "storageBarrier();\n";
        line() << "workgroupBarrier();\n";
        return success();
      })
      .Default([](Operation *op) {
        return op->emitOpError() << "has no WGSL translation";
      });
}

LogicalResult KernelEmitter::emitMemRef(Operation *op) {
  if (auto alloca = dyn_cast<memref::AllocaOp>(op)) {
    if (!alloca.getDynamicSizes().empty() ||
        !alloca.getSymbolOperands().empty())
      return op->emitOpError() << "with dynamic sizes is not supported";
    return declareMemRef(alloca, fresh(), Space::Function, op, "result");
  }
  if (auto load = dyn_cast<memref::LoadOp>(op)) {
    FailureOr<const MemRefInfo *> memref = lookupMemRef(op, load.getMemRef());
    if (failed(memref))
      return failure();
    FailureOr<std::string> index = linearIndex(op, **memref, load.getIndices());
    if (failed(index))
      return failure();
    std::string ref = (*memref)->name + "[" + *index + "]";
    switch ((*memref)->atomic) {
    case AtomicKind::None:
      let(load, ref);
      break;
    case AtomicKind::I32:
      let(load, "atomicLoad(&" + ref + ")");
      break;
    case AtomicKind::U32:
      let(load, "bitcast<i32>(atomicLoad(&" + ref + "))");
      break;
    }
    return success();
  }
  if (auto store = dyn_cast<memref::StoreOp>(op)) {
    FailureOr<const MemRefInfo *> memref = lookupMemRef(op, store.getMemRef());
    if (failed(memref))
      return failure();
    FailureOr<std::string> index =
        linearIndex(op, **memref, store.getIndices());
    if (failed(index))
      return failure();
    std::string ref = (*memref)->name + "[" + *index + "]";
    std::string value = str(store.getValueToStore());
    switch ((*memref)->atomic) {
    case AtomicKind::None:
      line() << ref << " = " << value << ";\n";
      break;
    case AtomicKind::I32:
      line() << "atomicStore(&" << ref << ", " << value << ");\n";
      break;
    case AtomicKind::U32:
      line() << "atomicStore(&" << ref << ", bitcast<u32>(" << value << "));\n";
      break;
    }
    return success();
  }
  if (auto rmw = dyn_cast<memref::AtomicRMWOp>(op)) {
    FailureOr<const MemRefInfo *> memref = lookupMemRef(op, rmw.getMemref());
    if (failed(memref))
      return failure();
    FailureOr<std::string> index = linearIndex(op, **memref, rmw.getIndices());
    if (failed(index))
      return failure();
    StringRef fn;
    switch (rmw.getKind()) {
    case arith::AtomicRMWKind::addi:
      fn = "atomicAdd";
      break;
    case arith::AtomicRMWKind::andi:
      fn = "atomicAnd";
      break;
    case arith::AtomicRMWKind::ori:
      fn = "atomicOr";
      break;
    case arith::AtomicRMWKind::xori:
      fn = "atomicXor";
      break;
    case arith::AtomicRMWKind::maxs:
    case arith::AtomicRMWKind::maxu:
      fn = "atomicMax";
      break;
    case arith::AtomicRMWKind::mins:
    case arith::AtomicRMWKind::minu:
      fn = "atomicMin";
      break;
    case arith::AtomicRMWKind::assign:
      fn = "atomicExchange";
      break;
    default:
      llvm_unreachable("rejected in analyzeMemRefs");
    }
    std::string ref = (*memref)->name + "[" + *index + "]";
    std::string value = str(rmw.getValue());
    if ((*memref)->atomic == AtomicKind::U32)
      let(rmw, "bitcast<i32>(" + fn.str() + "(&" + ref + ", bitcast<u32>(" +
                   value + ")))");
    else
      let(rmw, fn.str() + "(&" + ref + ", " + value + ")");
    return success();
  }
  return op->emitOpError() << "has no WGSL translation";
}

/// Assigns `values` to the variables `targets` as one parallel assignment:
/// a value that is another target's variable is read before any write.
void KernelEmitter::assignParallel(ArrayRef<std::string> targets,
                                   ValueRange values) {
  SmallVector<std::string> exprs;
  for (Value v : values)
    exprs.push_back(str(v));
  for (size_t i = 0; i < exprs.size(); ++i) {
    auto other = llvm::find(targets, exprs[i]);
    if (other != targets.end() && size_t(other - targets.begin()) != i) {
      std::string name = fresh();
      line() << "let " << name << " = " << exprs[i] << ";\n";
      exprs[i] = name;
    }
  }
  for (auto [target, expr] : llvm::zip(targets, exprs))
    if (target != expr)
      line() << target << " = " << expr << ";\n";
}

LogicalResult KernelEmitter::emitFor(scf::ForOp op) {
  Type ivType = op.getInductionVar().getType();
  if (!ivType.isIndex() && !ivType.isInteger(32))
    return op.emitOpError() << "with a " << ivType
                            << " induction variable is not supported (index "
                               "or i32 only)";
  // Loop-carried values and results share one variable per iter_arg.
  SmallVector<std::string> vars;
  for (auto [init, result] : llvm::zip(op.getInitArgs(), op.getResults())) {
    std::string name = fresh();
    line() << "var " << name << ": " << *scalarType(result.getType(), op)
           << " = " << str(init) << ";\n";
    vars.push_back(name);
    names[result] = name;
  }
  for (auto [arg, name] : llvm::zip(op.getRegionIterArgs(), vars))
    names[arg] = name;
  std::string iv = fresh();
  names[op.getInductionVar()] = iv;
  std::string ub = str(op.getUpperBound());
  std::string cond = iv + " < " + ub;
  if (op.getUnsignedCmp())
    cond = "bitcast<u32>(" + iv + ") < " + u32Of(op.getUpperBound());
  line() << "for (var " << iv << ": i32 = " << str(op.getLowerBound()) << "; "
         << cond << "; " << iv << " = " << iv << " + " << str(op.getStep())
         << ") {\n";
  std::string saved = indent;
  indent += "  ";
  if (failed(emitBlock(*op.getBody())))
    return failure();
  auto yield = cast<scf::YieldOp>(op.getBody()->getTerminator());
  assignParallel(vars, yield.getOperands());
  indent = saved;
  line() << "}\n";
  return success();
}

LogicalResult KernelEmitter::emitIf(scf::IfOp op) {
  SmallVector<std::string> vars;
  for (Value result : op.getResults()) {
    std::string name = fresh();
    line() << "var " << name << ": " << *scalarType(result.getType(), op)
           << ";\n";
    vars.push_back(name);
    names[result] = name;
  }
  std::string saved = indent;
  auto emitRegion = [&](Region &region) -> LogicalResult {
    indent = saved + "  ";
    Block &block = region.front();
    if (failed(emitBlock(block)))
      return failure();
    assignParallel(vars, block.getTerminator()->getOperands());
    indent = saved;
    return success();
  };
  line() << "if (" << str(op.getCondition()) << ") {\n";
  if (failed(emitRegion(op.getThenRegion())))
    return failure();
  if (!op.getElseRegion().empty()) {
    line() << "} else {\n";
    if (failed(emitRegion(op.getElseRegion())))
      return failure();
  }
  line() << "}\n";
  return success();
}

/// scf.while as `loop { before; if (!cond) { break; } after; }`. The
/// before-region's arguments are variables assigned by the after-region's
/// yield; the condition's arguments go to the result variables, which are
/// also the after-region's arguments.
LogicalResult KernelEmitter::emitWhile(scf::WhileOp op) {
  SmallVector<std::string> beforeVars, resultVars;
  for (auto [init, arg] : llvm::zip(op.getInits(), op.getBeforeArguments())) {
    std::string name = fresh();
    line() << "var " << name << ": " << *scalarType(arg.getType(), op) << " = "
           << str(init) << ";\n";
    beforeVars.push_back(name);
    names[arg] = name;
  }
  for (auto [result, arg] :
       llvm::zip(op.getResults(), op.getAfterArguments())) {
    std::string name = fresh();
    line() << "var " << name << ": " << *scalarType(result.getType(), op)
           << ";\n";
    resultVars.push_back(name);
    names[result] = name;
    names[arg] = name;
  }
  line() << "loop {\n";
  std::string saved = indent;
  indent += "  ";
  if (failed(emitBlock(op.getBefore().front())))
    return failure();
  scf::ConditionOp condition = op.getConditionOp();
  assignParallel(resultVars, condition.getArgs());
  line() << "if (!" << str(condition.getCondition()) << ") { break; }\n";
  if (failed(emitBlock(op.getAfter().front())))
    return failure();
  assignParallel(beforeVars, op.getYieldOp().getOperands());
  indent = saved;
  line() << "}\n";
  return success();
}

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

LogicalResult KernelEmitter::emit(raw_ostream &os) {
  auto module = kernel->getParentOfType<gpu::GPUModuleOp>();
  info = WGSLKernelInfo();
  info.name = module ? module.getName().str() : kernel.getName().str();
  if (!kernel.isKernel())
    return kernelError() << "is not a kernel (gpu.func ... kernel)";
  if (kernel.getBody().getBlocks().size() != 1)
    return kernelError()
           << "has more than one block: unstructured control flow cannot be "
              "expressed in WGSL";
  if (failed(computeLaunch()) || failed(analyzeMemRefs()))
    return failure();

  // Buffers, workgroup memory, private memory.
  Block &entry = kernel.getBody().front();
  for (unsigned i = 0; i < kernel.getNumArguments(); ++i)
    if (failed(declareMemRef(entry.getArgument(i), "arg" + std::to_string(i),
                             Space::Storage, kernel,
                             "kernel argument #" + std::to_string(i))))
      return failure();
  if ((int64_t)info.bindings.size() > options.maxStorageBuffers)
    return kernelError()
           << "has " << info.bindings.size()
           << " storage buffers, over maxStorageBuffersPerShaderStage = "
           << options.maxStorageBuffers;
  for (auto [i, arg] : llvm::enumerate(kernel.getWorkgroupAttributions()))
    if (failed(declareMemRef(arg, "wg" + std::to_string(i), Space::Workgroup,
                             kernel,
                             "workgroup attribution #" + std::to_string(i))))
      return failure();
  if (info.workgroupStorageBytes > options.maxWorkgroupStorageBytes)
    return kernelError() << "needs " << info.workgroupStorageBytes
                         << " bytes of workgroup memory, over "
                            "maxComputeWorkgroupStorageSize = "
                         << options.maxWorkgroupStorageBytes;
  for (auto [i, arg] : llvm::enumerate(kernel.getPrivateAttributions()))
    if (failed(declareMemRef(arg, "pv" + std::to_string(i), Space::Function,
                             kernel,
                             "private attribution #" + std::to_string(i))))
      return failure();

  if (surplusX) {
    line() << "// " << gridSize[0] << " workgroups in x, dispatched as ("
           << info.workgroups[0] << ", " << info.workgroups[1]
           << "): skip the surplus.\n";
    line() << "if (wid.x + wid.y * nwg.x >= " << gridSize[0]
           << "u) { return; }\n";
  }
  if (failed(emitBlock(entry)))
    return failure();
  if (!isa<gpu::ReturnOp>(entry.getTerminator()))
    return entry.getTerminator()->emitOpError()
           << "has no WGSL translation as a terminator";

  os << "// Kernel @" << kernel.getName() << " of gpu.module @" << info.name
     << ", translated by Tessera's WGSL emitter.\n"
     << "// Dispatch (" << info.workgroups[0] << ", " << info.workgroups[1]
     << ", " << info.workgroups[2] << ") workgroups; "
     << info.workgroupStorageBytes << " bytes of workgroup memory.\n";
  if (usesF16)
    os << "enable f16;\n";
  os << "\n" << moduleDecls;
  if (!moduleDecls.empty())
    os << "\n";
  for (auto &[name, code] : helpers)
    os << code << "\n";
  os << "@compute @workgroup_size(" << blockSize[0] << ", " << blockSize[1]
     << ", " << blockSize[2] << ")\n"
     << "fn main(@builtin(local_invocation_id) lid: vec3<u32>,\n"
     << "        @builtin(workgroup_id) wid: vec3<u32>,\n"
     << "        @builtin(num_workgroups) nwg: vec3<u32>) {\n"
     << bodyStr << "}\n";
  return success();
}

LogicalResult mlir::tessera::translateKernelToWGSL(gpu::GPUFuncOp kernel,
                                                   const WGSLOptions &options,
                                                   raw_ostream &os,
                                                   WGSLKernelInfo &info) {
  std::string text;
  llvm::raw_string_ostream textOs(text);
  KernelEmitter emitter(kernel, options, info);
  if (failed(emitter.emit(textOs)))
    return failure();
  os << text;
  return success();
}

LogicalResult mlir::tessera::translateModuleToWGSL(Operation *module,
                                                   const WGSLOptions &options,
                                                   raw_ostream &os) {
  SmallVector<gpu::GPUFuncOp> kernels;
  module->walk([&](gpu::GPUFuncOp func) {
    if (func.isKernel())
      kernels.push_back(func);
  });
  if (kernels.empty())
    return module->emitError()
           << "no GPU kernel (gpu.func ... kernel inside a gpu.module) to "
              "translate to WGSL";
  std::string text;
  llvm::raw_string_ostream textOs(text);
  bool failedAny = false;
  for (gpu::GPUFuncOp kernel : kernels) {
    WGSLKernelInfo info;
    std::string wgsl;
    llvm::raw_string_ostream wgslOs(wgsl);
    if (failed(translateKernelToWGSL(kernel, options, wgslOs, info))) {
      failedAny = true;
      continue;
    }
    textOs << "// ----- kernel " << info.name << "\n" << wgsl;
  }
  if (failedAny)
    return failure();
  os << text;
  return success();
}
