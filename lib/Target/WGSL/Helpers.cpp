//===- Helpers.cpp - WGSL functions for arith/math semantics --------------===//
//
// The module-scope functions that the WGSL emitter calls where a WGSL
// built-in differs from the arith/math op it translates, or is missing.
//
//===----------------------------------------------------------------------===//

#include "Helpers.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

std::string
mlir::tessera::wgsl::getHelperSource(StringRef name,
                                     SmallVectorImpl<StringRef> &dependencies) {
  std::string code;
  if (name == "f32_from_bits") {
    code = "fn f32_from_bits(b: u32) -> f32 { return bitcast<f32>(b); }\n";
  } else if (name == "isnan_f32") {
    // WGSL lets implementations assume that NaNs are absent, so `x != x`
    // may fold to false: test the bits.
    code = "fn isnan_f32(x: f32) -> bool {\n"
           "  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;\n}\n";
  } else if (name == "isinf_f32") {
    code = "fn isinf_f32(x: f32) -> bool {\n"
           "  return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u;\n}\n";
  } else if (name == "maximumf_f32" || name == "minimumf_f32") {
    // arith.maximumf/minimumf: NaN if either is NaN; -0 < +0. WGSL's
    // max/min leave both unspecified.
    bool isMax = name == "maximumf_f32";
    dependencies.push_back("isnan_f32");
    code = (llvm::Twine("fn ") + name +
            "(a: f32, b: f32) -> f32 {\n"
            "  if (isnan_f32(a)) { return a; }\n"
            "  if (isnan_f32(b)) { return b; }\n"
            "  // Equal values, or zeros of either sign: the sign bits of "
            "the result are\n"
            "  // those of " +
            (isMax ? "both (max(-0, +0) = +0)" : "either (min(-0, +0) = -0)") +
            ".\n"
            "  if (a == b) { return bitcast<f32>(bitcast<u32>(a) " +
            (isMax ? "&" : "|") +
            " bitcast<u32>(b)); }\n"
            "  return " +
            (isMax ? "max" : "min") + "(a, b);\n}\n")
               .str();
  } else if (name == "maxnumf_f32" || name == "minnumf_f32") {
    // arith.maxnumf/minnumf: a NaN operand is ignored.
    dependencies.push_back("isnan_f32");
    code = (llvm::Twine("fn ") + name +
            "(a: f32, b: f32) -> f32 {\n"
            "  if (isnan_f32(a)) { return b; }\n"
            "  if (isnan_f32(b)) { return a; }\n"
            "  return " +
            (name == "maxnumf_f32" ? "max" : "min") + "(a, b);\n}\n")
               .str();
  } else if (name == "floordiv_i32") {
    // WGSL's `/` truncates toward zero.
    code = "fn floordiv_i32(a: i32, b: i32) -> i32 {\n"
           "  let q = a / b;\n"
           "  return select(q, q - 1i, (a % b != 0i) && ((a < 0i) != (b < "
           "0i)));\n}\n";
  } else if (name == "ceildiv_i32") {
    code = "fn ceildiv_i32(a: i32, b: i32) -> i32 {\n"
           "  let q = a / b;\n"
           "  return select(q, q + 1i, (a % b != 0i) && ((a < 0i) == (b < "
           "0i)));\n}\n";
  } else if (name == "round_f32") {
    // math.round rounds halfway cases away from zero; WGSL's round() is
    // math.roundeven. x - trunc(x) is exact, unlike x + 0.5.
    code = "fn round_f32(x: f32) -> f32 {\n"
           "  let t = trunc(x);\n"
           "  return select(t, t + sign(x), abs(x - t) >= 0.5f);\n}\n";
  } else if (name == "erf_f32") {
    // WGSL has no erf. Chebyshev fits (scripts/wgsl-erf-fit.py): erf(x)/x in
    // x^2 on [0, 1), erfc on [1, 2), [2, 3), [3, 4) in x - midpoint; 1 from
    // 4 on. Max abs error 1.5e-7 with f32 arithmetic. NaN takes the first
    // branch and stays NaN.
    static const char *const small[] = {
        "1.12837923",    "-0.376126379",   "0.112837844",    "-0.0268655177",
        "0.00522126164", "-0.00084872666", "0.000112881658", "-9.72838097e-06"};
    struct Piece {
      const char *below, *mid;
      const char *c[10];
    };
    static const Piece pieces[] = {
        {"2.0f",
         "1.5f",
         {"0.0338948518", "-0.118930288", "0.17839542", "-0.138752207",
          "0.0445994474", "0.0148708429", "-0.0193334296", "0.00470116362",
          "0.00240193028", "-0.0015404115"}},
        {"3.0f",
         "2.5f",
         {"0.000406951876", "-0.00217828434", "0.00544573693", "-0.00835008267",
          "0.0086215185", "-0.0061174999", "0.00280821207", "-0.00054107717",
          "-0.000306311907", "0.000245394971"}},
        {"4.0f",
         "3.5f",
         {"7.43106568e-07", "-5.39942903e-06", "1.8896344e-05",
          "-4.22953162e-05", "6.77708304e-05", "-8.21208523e-05",
          "7.71457126e-05", "-5.81471359e-05", "3.70374328e-05",
          "-1.55440957e-05"}},
    };
    auto horner = [](ArrayRef<const char *> c, StringRef var) {
      std::string s = std::string(c.back()) + "f";
      for (const char *k : llvm::reverse(c.drop_back()))
        s = (llvm::Twine(k) + "f + " + var + " * (" + s + ")").str();
      return s;
    };
    llvm::raw_string_ostream c(code);
    c << "fn erf_f32(x: f32) -> f32 {\n  let a = abs(x);\n  var r = 1.0f;\n"
      << "  if (!(a >= 1.0f)) {\n    let s = a * a;\n    r = a * ("
      << horner(small, "s") << ");\n  }";
    for (const Piece &p : pieces)
      c << " else if (a < " << p.below << ") {\n    let t = a - " << p.mid
        << ";\n    r = 1.0f - (" << horner(p.c, "t") << ");\n  }";
    c << "\n  // erf is odd: the sign of x (r >= 0).\n"
      << "  return bitcast<f32>(bitcast<u32>(r) | (bitcast<u32>(x) & "
         "0x80000000u));\n}\n";
  } else {
    llvm_unreachable("unknown WGSL helper");
  }
  return code;
}
