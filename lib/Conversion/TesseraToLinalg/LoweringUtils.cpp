//===- LoweringUtils.cpp - Builders shared by the tessera lowerings -------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// A parsed index-notation spec: operand letter strings and result letters.
struct IndexSpec {
  SmallVector<std::string> operands;
  std::string result;
  /// Loop letters: the result's first (parallel), then the reduced ones.
  std::string loops;
  unsigned numParallel = 0;

  static IndexSpec parse(StringRef spec) {
    IndexSpec parsed;
    auto [lhs, rhs] = spec.split("->");
    SmallVector<StringRef> parts;
    lhs.split(parts, ',');
    for (StringRef part : parts)
      parsed.operands.push_back(part.trim().str());
    parsed.result = rhs.trim().str();
    parsed.loops = parsed.result;
    parsed.numParallel = parsed.result.size();
    for (const std::string &operand : parsed.operands)
      for (char c : operand)
        if (parsed.loops.find(c) == std::string::npos)
          parsed.loops.push_back(c);
    return parsed;
  }

  AffineMap mapFor(const std::string &letters, MLIRContext *ctx) const {
    SmallVector<AffineExpr> exprs;
    for (char c : letters)
      exprs.push_back(getAffineDimExpr(loops.find(c), ctx));
    return AffineMap::get(loops.size(), 0, exprs, ctx);
  }

  SmallVector<utils::IteratorType> iterators() const {
    SmallVector<utils::IteratorType> types(loops.size(),
                                           utils::IteratorType::reduction);
    for (unsigned i = 0; i < numParallel; ++i)
      types[i] = utils::IteratorType::parallel;
    return types;
  }

  /// Extents of the result letters, taken from the first operand using each.
  SmallVector<OpFoldResult> resultSizes(OpBuilder &b, Location loc,
                                        ValueRange inputs) const {
    SmallVector<OpFoldResult> sizes;
    for (char c : result) {
      OpFoldResult size;
      for (auto [letters, input] : llvm::zip(operands, inputs)) {
        size_t pos = letters.find(c);
        if (pos == std::string::npos)
          continue;
        size = tensor::getMixedSize(b, loc, input, pos);
        break;
      }
      assert(size && "result letter used by no operand");
      sizes.push_back(size);
    }
    return sizes;
  }
};

Value emptyLike(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

Value zeroOf(OpBuilder &b, Location loc, Type type) {
  return arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type));
}
} // namespace

Value mlir::tessera::toSignless(OpBuilder &b, Location loc, Value scalar) {
  auto intType = dyn_cast<IntegerType>(scalar.getType());
  if (!intType || intType.isSignless())
    return scalar;
  Type signless = b.getIntegerType(intType.getWidth());
  return UnrealizedConversionCastOp::create(b, loc, signless, scalar)
      .getResult(0);
}

Value mlir::tessera::fromSignless(OpBuilder &b, Location loc, Value scalar,
                                  Type type) {
  if (scalar.getType() == type)
    return scalar;
  return UnrealizedConversionCastOp::create(b, loc, type, scalar).getResult(0);
}

Value mlir::tessera::convertScalar(OpBuilder &b, Location loc, Value value,
                                   Type toType) {
  Type fromType = value.getType();
  if (fromType == toType)
    return value;
  if (auto fromInt = dyn_cast<IntegerType>(fromType)) {
    bool isUnsigned = fromInt.isUnsigned();
    Value v = toSignless(b, loc, value);
    if (auto toInt = dyn_cast<IntegerType>(toType)) {
      Type target = b.getIntegerType(toInt.getWidth());
      if (toInt.getWidth() > fromInt.getWidth())
        v = isUnsigned ? Value(arith::ExtUIOp::create(b, loc, target, v))
                       : Value(arith::ExtSIOp::create(b, loc, target, v));
      else if (toInt.getWidth() < fromInt.getWidth())
        v = arith::TruncIOp::create(b, loc, target, v);
      return fromSignless(b, loc, v, toType);
    }
    if (isUnsigned)
      return arith::UIToFPOp::create(b, loc, toType, v);
    return arith::SIToFPOp::create(b, loc, toType, v);
  }
  auto fromFloat = cast<FloatType>(fromType);
  auto toFloat = cast<FloatType>(toType);
  if (toFloat.getWidth() > fromFloat.getWidth())
    return arith::ExtFOp::create(b, loc, toType, value);
  return arith::TruncFOp::create(b, loc, toType, value);
}

Value mlir::tessera::buildContraction(OpBuilder &b, Location loc,
                                      StringRef spec, ValueRange inputs,
                                      Type elementType) {
  IndexSpec parsed = IndexSpec::parse(spec);
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> sizes = parsed.resultSizes(b, loc, inputs);
  Value init = emptyLike(b, loc, sizes, elementType);
  Value zero = zeroOf(b, loc, elementType);
  init = linalg::FillOp::create(b, loc, zero, init).getResult(0);

  SmallVector<AffineMap> maps;
  for (const std::string &letters : parsed.operands)
    maps.push_back(parsed.mapFor(letters, ctx));
  maps.push_back(parsed.mapFor(parsed.result, ctx));
  bool isFloat = isa<FloatType>(elementType);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, parsed.iterators(),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value product;
        for (Value arg : args.drop_back()) {
          Value v = convertScalar(nb, nloc, arg, elementType);
          if (!product)
            product = v;
          else if (isFloat)
            product = arith::MulFOp::create(nb, nloc, product, v);
          else
            product = arith::MulIOp::create(nb, nloc, product, v);
        }
        Value sum = isFloat ? Value(arith::AddFOp::create(nb, nloc,
                                                          args.back(), product))
                            : Value(arith::AddIOp::create(nb, nloc,
                                                          args.back(), product));
        linalg::YieldOp::create(nb, nloc, sum);
      });
  return generic.getResult(0);
}

Value mlir::tessera::buildMap(OpBuilder &b, Location loc, StringRef spec,
                              ValueRange inputs, Type elementType,
                              ScalarFn body) {
  IndexSpec parsed = IndexSpec::parse(spec);
  MLIRContext *ctx = b.getContext();
  assert(parsed.numParallel == parsed.loops.size() && "map reduces nothing");
  SmallVector<OpFoldResult> sizes = parsed.resultSizes(b, loc, inputs);
  Value init = emptyLike(b, loc, sizes, elementType);
  SmallVector<AffineMap> maps;
  for (const std::string &letters : parsed.operands)
    maps.push_back(parsed.mapFor(letters, ctx));
  maps.push_back(parsed.mapFor(parsed.result, ctx));
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, parsed.iterators(),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value result = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, result);
      });
  return generic.getResult(0);
}

Value mlir::tessera::buildReduction(
    OpBuilder &b, Location loc, StringRef spec, ValueRange inputs,
    Type elementType, TypedAttr initValue, ScalarFn map,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  IndexSpec parsed = IndexSpec::parse(spec);
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> sizes = parsed.resultSizes(b, loc, inputs);
  Value init = emptyLike(b, loc, sizes, elementType);
  Value start = arith::ConstantOp::create(b, loc, elementType, initValue);
  init = linalg::FillOp::create(b, loc, start, init).getResult(0);
  SmallVector<AffineMap> maps;
  for (const std::string &letters : parsed.operands)
    maps.push_back(parsed.mapFor(letters, ctx));
  maps.push_back(parsed.mapFor(parsed.result, ctx));
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, parsed.iterators(),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value value = map(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc,
                                combine(nb, nloc, args.back(), value));
      });
  return generic.getResult(0);
}

Value mlir::tessera::buildF32Constant(OpBuilder &b, Location loc,
                                      ArrayRef<int64_t> shape,
                                      ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  return arith::ConstantOp::create(b, loc, type,
                                   DenseElementsAttr::get(type, values));
}

Value mlir::tessera::f32(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32Type(),
                                   b.getF32FloatAttr(value));
}

SmallVector<Value> mlir::tessera::buildMultiResultGeneric(
    OpBuilder &b, Location loc, StringRef spec, ValueRange inputs,
    ValueRange inits, MultiResultFn body) {
  IndexSpec parsed = IndexSpec::parse(spec);
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> sizes;
  SmallVector<Value> outs;
  for (Value init : inits) {
    if (isa<RankedTensorType>(init.getType())) {
      outs.push_back(init);
      continue;
    }
    if (sizes.empty())
      sizes = parsed.resultSizes(b, loc, inputs);
    Value empty = emptyLike(b, loc, sizes, init.getType());
    outs.push_back(linalg::FillOp::create(b, loc, init, empty).getResult(0));
  }
  SmallVector<AffineMap> maps;
  for (const std::string &letters : parsed.operands)
    maps.push_back(parsed.mapFor(letters, ctx));
  for (size_t k = 0; k < outs.size(); ++k)
    maps.push_back(parsed.mapFor(parsed.result, ctx));
  SmallVector<Type> resultTypes;
  for (Value out : outs)
    resultTypes.push_back(out.getType());
  unsigned numInputs = inputs.size();
  auto generic = linalg::GenericOp::create(
      b, loc, resultTypes, inputs, outs, maps, parsed.iterators(),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> results =
            body(nb, nloc, args.take_front(numInputs),
                 args.drop_front(numInputs));
        linalg::YieldOp::create(nb, nloc, results);
      });
  return SmallVector<Value>(generic.getResults().begin(),
                            generic.getResults().end());
}
