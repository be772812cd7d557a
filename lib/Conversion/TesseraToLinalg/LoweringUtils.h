//===- LoweringUtils.h - Builders shared by the tessera lowerings -*- C++ -*-===//
//
// Index-notation builders for linalg.generic ("bixy,yk->bixk"), so that each
// op's lowering reads like its formula. Letters name loop dimensions; a
// letter absent from the result is reduced. Extents come from the first
// operand that has the letter (tensor.dim for dynamic ones).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_CONVERSION_TESSERATOLINALG_LOWERINGUTILS_H
#define TESSERA_LIB_CONVERSION_TESSERATOLINALG_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tessera {

/// Body of an elementwise map: receives one scalar per input, returns the
/// result scalar.
using ScalarFn = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// Sum of products: result[out] = sum over reduced letters of
/// prod_i inputs[i][letters_i]. Operands are converted to `elementType`
/// first (sign-extension for signless/signed integers, zero-extension for
/// unsigned ones, float extension for floats).
Value buildContraction(OpBuilder &b, Location loc, StringRef spec,
                       ValueRange inputs, Type elementType);

/// Elementwise map with broadcasting: every letter of the result is a
/// parallel loop; inputs may use any subset of the result's letters.
Value buildMap(OpBuilder &b, Location loc, StringRef spec, ValueRange inputs,
               Type elementType, ScalarFn body);

/// Reduction: result[out] = combine over reduced letters of
/// `map(inputs...)`, starting from `init`. `combine(acc, value)`.
Value buildReduction(OpBuilder &b, Location loc, StringRef spec,
                     ValueRange inputs, Type elementType, TypedAttr init,
                     ScalarFn map,
                     function_ref<Value(OpBuilder &, Location, Value, Value)>
                         combine);

/// A dense f32/i32/... constant of `shape` (row-major `values`).
Value buildF32Constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                       ArrayRef<float> values);

/// An f32 scalar constant.
Value f32(OpBuilder &b, Location loc, double value);

/// Converts a scalar to `toType`: integers are extended or truncated with
/// the signedness of their own type (unsigned types zero-extend), integers
/// convert to floats by value, floats extend or truncate.
Value convertScalar(OpBuilder &b, Location loc, Value value, Type toType);

/// arith works on signless integers only: views a scalar of a signed or
/// unsigned integer type as the signless type of the same width, and back.
/// (The casts vanish when both sides lower to the same LLVM integer.)
Value toSignless(OpBuilder &b, Location loc, Value scalar);
Value fromSignless(OpBuilder &b, Location loc, Value scalar, Type type);

/// One linalg.generic with several results over the loops of `spec` (its
/// single result letter string gives the shape of every result; letters
/// absent from it are reduced). `inits[k]` is either a scalar, broadcast
/// with linalg.fill into a fresh tensor of the result shape, or a ranked
/// tensor of that shape used as the out operand directly; it fixes the
/// element type of result k. `body(inputs, accumulators)` returns the new
/// value of every result (the accumulators are the out operands' elements).
using MultiResultFn = function_ref<SmallVector<Value>(
    OpBuilder &, Location, ValueRange inputs, ValueRange accumulators)>;
SmallVector<Value> buildMultiResultGeneric(OpBuilder &b, Location loc,
                                           StringRef spec, ValueRange inputs,
                                           ValueRange inits,
                                           MultiResultFn body);

} // namespace mlir::tessera

#endif // TESSERA_LIB_CONVERSION_TESSERATOLINALG_LOWERINGUTILS_H
