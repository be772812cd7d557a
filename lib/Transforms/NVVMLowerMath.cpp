//===- NVVMLowerMath.cpp - Math in CUDA kernels without libdevice ---------===//
//
// Tessera's CUDA path must produce loadable PTX on machines without the CUDA
// toolkit (LLVM's NVPTX back end is all it needs), so the kernels may not
// depend on libdevice for the math the tessera lowering emits.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <iterator>

namespace mlir::tessera {
#define GEN_PASS_DEF_NVVMLOWERMATH
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {

/// The LLVM intrinsic of a math op with an instruction in PTX (abs, fma.rn,
/// sqrt.rn, cvt.rmi/rpi/rzi/rni, copysign, popc, clz, ...), or "".
/// `convert-gpu-to-nvvm` turns these ops into libdevice calls and rejects
/// their `llvm.intr.*` forms, so they become `llvm.call_intrinsic`, which it
/// leaves alone and the NVPTX back end selects directly.
StringRef getPTXIntrinsic(Operation *op) {
  return llvm::TypeSwitch<Operation *, StringRef>(op)
      .Case([](math::AbsFOp) { return "llvm.fabs"; })
      .Case([](math::AbsIOp) { return "llvm.abs"; })
      .Case([](math::FmaOp) { return "llvm.fma"; })
      .Case([](math::SqrtOp) { return "llvm.sqrt"; })
      .Case([](math::FloorOp) { return "llvm.floor"; })
      .Case([](math::CeilOp) { return "llvm.ceil"; })
      .Case([](math::TruncOp) { return "llvm.trunc"; })
      .Case([](math::RoundOp) { return "llvm.round"; })
      .Case([](math::RoundEvenOp) { return "llvm.roundeven"; })
      .Case([](math::CopySignOp) { return "llvm.copysign"; })
      .Case([](math::CtPopOp) { return "llvm.ctpop"; })
      .Case([](math::CountLeadingZerosOp) { return "llvm.ctlz"; })
      .Case([](math::CountTrailingZerosOp) { return "llvm.cttz"; })
      // max.f32/min.f32 return the non-NaN operand, as maxnum/minnum do.
      .Case([](arith::MaxNumFOp) { return "llvm.maxnum"; })
      .Case([](arith::MinNumFOp) { return "llvm.minnum"; })
      .Default([](Operation *) { return ""; });
}

/// The suffix of an overloaded intrinsic for a scalar type ("f32", "i32"),
/// or "" for types this pass does not handle (vectors).
std::string getTypeSuffix(Type type) {
  if (type.isF16() || type.isBF16() || type.isF32() || type.isF64() ||
      type.isSignlessInteger()) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << type;
    return text;
  }
  return "";
}

/// Replaces `op` by a call of `intrinsic`; false if its type is not scalar.
bool replaceByIntrinsic(Operation *op, StringRef intrinsic) {
  Type type = op->getResult(0).getType();
  std::string suffix = getTypeSuffix(type);
  if (suffix.empty())
    return false;
  OpBuilder b(op);
  SmallVector<Value> args(op->getOperands());
  // abs, ctlz and cttz take "is the result poison for INT_MIN / zero": no.
  if (isa<math::AbsIOp, math::CountLeadingZerosOp, math::CountTrailingZerosOp>(
          op))
    args.push_back(arith::ConstantIntOp::create(b, op->getLoc(), 0, 1));
  auto call = LLVM::CallIntrinsicOp::create(
      b, op->getLoc(), type, b.getStringAttr((intrinsic + "." + suffix).str()),
      args);
  op->getResult(0).replaceAllUsesWith(call.getResult(0));
  op->erase();
  return true;
}

/// Functions MLIR approximates with polynomials (f32). `name` is the op's
/// name ("math.exp").
bool isApproximated(StringRef name) {
  name.consume_front("math.");
  static const llvm::StringSet<> names = {
      "acos", "asin", "atan",  "atan2", "cbrt",  "cos",  "erf", "erfc",
      "exp",  "exp2", "expm1", "log",   "log1p", "log2", "sin", "tanh"};
  return names.contains(name);
}

/// Ops expanded into approximated ones and arithmetic.
const char *const kExpanded[] = {"powf",  "fpowi", "sinh",  "cosh", "tan",
                                 "asinh", "acosh", "atanh", "rsqrt"};

struct NVVMLowerMathPass
    : public tessera::impl::NVVMLowerMathBase<NVVMLowerMathPass> {
  using Base::Base;

  void runOnOperation() override {
    gpu::GPUModuleOp module = getOperation();
    MLIRContext *context = &getContext();

    // 1. Expansions, then polynomial approximations (f16/bf16 in f32).
    {
      RewritePatternSet patterns(context);
      SmallVector<StringRef> expanded(std::begin(kExpanded),
                                      std::end(kExpanded));
      math::populateExpansionPatterns(patterns, expanded);
      populateMathF32ExpansionPatterns(patterns, isApproximated);
      populateMathPolynomialApproximationPatterns(patterns, isApproximated);
      if (failed(applyPatternsGreedily(module, std::move(patterns))))
        return signalPassFailure();
    }

    // 2. Ops with a PTX instruction -> calls of LLVM intrinsics.
    SmallVector<Operation *> native;
    module.walk([&](Operation *op) {
      if (!getPTXIntrinsic(op).empty())
        native.push_back(op);
    });
    for (Operation *op : native)
      replaceByIntrinsic(op, getPTXIntrinsic(op));

    if (libdevice)
      return;
    // 3. Anything left would be a libdevice call.
    bool failedAny = false;
    module.walk([&](Operation *op) {
      // arith.remf is __nv_fmodf to convert-gpu-to-nvvm.
      if (!isa_and_nonnull<math::MathDialect>(op->getDialect()) &&
          !isa<arith::RemFOp>(op))
        return;
      Type type = op->getNumResults() ? op->getResult(0).getType() : Type();
      op->emitError() << "'" << op->getName() << "' on " << type
                      << " has no lowering for CUDA kernels without "
                         "libdevice (the CUDA toolkit's "
                         "nvvm/libdevice/libdevice.10.bc; the CUDA pipeline "
                         "links it when its cuda-path has it)";
      failedAny = true;
    });
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
