//===- SpectralLowering.cpp - Lowering of the spectral ops ------------------===//
//
// spectral_conv and factorized_weight to linalg on tensors (OPERATORS.md
// section 1 and 1b).
//
// spectral_conv needs no FFT library: every transform is a truncated DFT,
// i.e. a contraction with a constant [N, K] (or [K, N']) cos/sin matrix,
// computed at compile time in double precision and stored as f32. Complex
// tensors are carried as separate re/im f32 tensors; a complex contraction
// is one linalg.generic with two results whose body does the four real
// products. For x : [B, Cin, N1..Nd] the chain is (d = 2 shown):
//
//   1. last dim, real -> complex     "bixy,yq->bixq"   (N_d -> K_d bins)
//   2. other dims, complex DFT       "bixq,xp->bipq"   (N_j -> K_j signed f)
//   3. channel mix per mode          "bipq,iopq->bopq" (complex weight)
//   4. other dims, inverse DFT       "bopq,pu->bouq"   (K_j -> N'_j, e^{+i})
//   5. last dim, complex -> real     "bouq,qv->bouv"   (C2R, K_d -> N'_d)
//
// so the cheap truncation of the half spectrum comes first on the way in and
// last on the way out. The kept frequencies follow the convention (corners:
// 0..m-1 then -m..-1 on non-last dims, 0..m-1 on the last; centered:
// -floor(K/2)..ceil(K/2)-1, and min(M/2+1, N/2+1) bins from 0 on the last).
// The inverse places every kept frequency f at its true signed position of
// the output extent N' (f mod N') and drops the frequencies N' cannot
// represent (non-last dims: -floor(N'/2) <= f <= ceil(N'/2)-1, numpy's
// fftfreq(N')*N'; last dim: f <= N'/2): their rows of the inverse matrices
// are zero. The C2R matrix weighs bin 0 and the Nyquist bin N'/2 (even N')
// by 1 and every other bin by 2, and takes only the real part of each term,
// so the imaginary parts of bin 0 and Nyquist are ignored (their sine terms
// vanish). The one overall normalisation (backward 1/prod(N'), forward
// 1/prod(N), ortho 1/sqrt(prod(N) prod(N')), numpy's rfftn/irfftn(s=N')) is
// folded into the C2R matrix, and the bias initialises its accumulator.
//
// The complex weight is split into re/im f32 tensors by a linalg.generic
// with complex.re / complex.im, or at compile time when it is a constant.
//
// factorized_weight is a chain of contractions (one for cp, one mode product
// per factor for tucker, one per core for tt); complex factors use
// complex.mul / complex.add in the linalg.generic bodies.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <complex>

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// DFT matrices
//===----------------------------------------------------------------------===//

/// One transformed dimension of a spectral_conv.
struct SpectralDim {
  int64_t n;                   // input extent N
  int64_t nOut;                // output extent N'
  bool isLast;                 // the half-spectrum (real signal) dim
  SmallVector<int64_t> freqs;  // kept signed frequencies, in weight order
};

/// The kept frequencies of one dim, in the weight's order.
SmallVector<int64_t> keptFrequencies(SpectralConvention convention,
                                     int64_t mode, int64_t n, bool isLast) {
  int64_t extent = SpectralConvOp::getModeExtent(convention, mode, n, isLast);
  SmallVector<int64_t> freqs;
  if (isLast) {
    for (int64_t k = 0; k < extent; ++k)
      freqs.push_back(k);
  } else if (convention == SpectralConvention::corners) {
    for (int64_t k = 0; k < mode; ++k)
      freqs.push_back(k);
    for (int64_t k = -mode; k < 0; ++k)
      freqs.push_back(k);
  } else {
    for (int64_t k = 0; k < extent; ++k)
      freqs.push_back(k - extent / 2);
  }
  return freqs;
}

/// Whether a signed frequency has a place in a spectrum of extent `n`
/// (numpy's fftfreq(n) * n; the half spectrum 0..n/2 on the last dim).
bool isRepresentable(int64_t f, int64_t n, bool isLast) {
  if (isLast)
    return f >= 0 && f <= n / 2;
  return f >= -(n / 2) && f <= (n + 1) / 2 - 1;
}

/// cos and sin of 2 pi n f / N. The product is reduced modulo N exactly in
/// integers, so that the angle stays in [0, 2 pi) for any extent, and the
/// quarter turns are exact (0, +-1 rather than 6e-17).
std::pair<double, double> dftCosSin(int64_t n, int64_t f, int64_t extent) {
  int64_t r = (n * f) % extent;
  if (r < 0)
    r += extent;
  if (r == 0)
    return {1.0, 0.0};
  if (2 * r == extent)
    return {-1.0, 0.0};
  if (4 * r == extent)
    return {0.0, 1.0};
  if (4 * r == 3 * extent)
    return {0.0, -1.0};
  double angle = 2.0 * llvm::numbers::pi * double(r) / double(extent);
  return {std::cos(angle), std::sin(angle)};
}

struct ReIm {
  Value re, im;
};

/// Forward DFT matrix [N, K]: e^{-2 pi i n f / N} for the kept frequencies.
ReIm forwardMatrix(OpBuilder &b, Location loc, const SpectralDim &dim) {
  int64_t k = dim.freqs.size();
  SmallVector<float> re, im;
  for (int64_t n = 0; n < dim.n; ++n)
    for (int64_t f : dim.freqs) {
      auto [c, sn] = dftCosSin(n, f, dim.n);
      re.push_back(float(c));
      im.push_back(float(0.0 - sn)); // +0 rather than -0
    }
  return {buildF32Constant(b, loc, {dim.n, k}, re),
          buildF32Constant(b, loc, {dim.n, k}, im)};
}

/// Inverse DFT matrix [K, N'] of a non-last dim: e^{+2 pi i f n' / N'} on
/// the rows of the frequencies N' represents, zero rows for the others.
ReIm inverseMatrix(OpBuilder &b, Location loc, const SpectralDim &dim) {
  int64_t k = dim.freqs.size();
  SmallVector<float> re, im;
  for (int64_t f : dim.freqs)
    for (int64_t n = 0; n < dim.nOut; ++n) {
      if (!isRepresentable(f, dim.nOut, /*isLast=*/false)) {
        re.push_back(0.0f);
        im.push_back(0.0f);
        continue;
      }
      auto [c, sn] = dftCosSin(f, n, dim.nOut);
      re.push_back(float(c));
      im.push_back(float(sn));
    }
  return {buildF32Constant(b, loc, {k, dim.nOut}, re),
          buildF32Constant(b, loc, {k, dim.nOut}, im)};
}

/// Complex-to-real inverse DFT matrices [K, N'] of the last dim, such that
/// y[n'] = sum_f Xr[f] * re[f, n'] + Xi[f] * im[f, n'] =
/// scale * sum_f w_f Re(X[f] e^{2 pi i f n' / N'}), with w_f = 1 for bin 0
/// and the Nyquist bin N'/2 (even N'), 2 otherwise, and zero rows for the
/// bins above N'/2.
ReIm inverseRealMatrix(OpBuilder &b, Location loc, const SpectralDim &dim,
                       double scale) {
  int64_t k = dim.freqs.size();
  SmallVector<float> re, im;
  for (int64_t f : dim.freqs)
    for (int64_t n = 0; n < dim.nOut; ++n) {
      if (!isRepresentable(f, dim.nOut, /*isLast=*/true)) {
        re.push_back(0.0f);
        im.push_back(0.0f);
        continue;
      }
      bool single = f == 0 || (dim.nOut % 2 == 0 && f == dim.nOut / 2);
      double weight = (single ? 1.0 : 2.0) * scale;
      auto [c, sn] = dftCosSin(f, n, dim.nOut);
      re.push_back(float(weight * c));
      // Re(X e^{ia}) = Xr cos a - Xi sin a; the sine vanishes (exactly) at
      // bin 0 and Nyquist, so their imaginary parts drop out.
      im.push_back(float(0.0 - weight * sn));
    }
  return {buildF32Constant(b, loc, {k, dim.nOut}, re),
          buildF32Constant(b, loc, {k, dim.nOut}, im)};
}

//===----------------------------------------------------------------------===//
// Complex contractions on re/im pairs
//===----------------------------------------------------------------------===//

Value fmul(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y);
}
Value fadd(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y);
}
Value fsub(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::SubFOp::create(b, loc, x, y);
}

/// `spec` is "A,B->C" over letters; C = sum A * B with A real, B complex.
ReIm realTimesComplex(OpBuilder &b, Location loc, StringRef a, StringRef bm,
                      StringRef c, Value x, ReIm m) {
  std::string spec = (a + "," + bm + "," + bm + "->" + c).str();
  Value zero = f32(b, loc, 0.0);
  SmallVector<Value> r = buildMultiResultGeneric(
      b, loc, spec, {x, m.re, m.im}, {zero, zero},
      [](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
        return SmallVector<Value>{fadd(nb, l, acc[0], fmul(nb, l, in[0], in[1])),
                                  fadd(nb, l, acc[1], fmul(nb, l, in[0], in[2]))};
      });
  return {r[0], r[1]};
}

/// C = sum A * B, both complex: re = ar br - ai bi, im = ar bi + ai br.
ReIm complexTimesComplex(OpBuilder &b, Location loc, StringRef a, StringRef bm,
                         StringRef c, ReIm x, ReIm m) {
  std::string spec =
      (a + "," + a + "," + bm + "," + bm + "->" + c).str();
  Value zero = f32(b, loc, 0.0);
  SmallVector<Value> r = buildMultiResultGeneric(
      b, loc, spec, {x.re, x.im, m.re, m.im}, {zero, zero},
      [](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
        Value re = fsub(nb, l, fmul(nb, l, in[0], in[2]),
                        fmul(nb, l, in[1], in[3]));
        Value im = fadd(nb, l, fmul(nb, l, in[0], in[3]),
                        fmul(nb, l, in[1], in[2]));
        return SmallVector<Value>{fadd(nb, l, acc[0], re),
                                  fadd(nb, l, acc[1], im)};
      });
  return {r[0], r[1]};
}

/// C = sum Ar * Br + Ai * Bi, accumulated into `init` (a scalar or a tensor).
Value complexToReal(OpBuilder &b, Location loc, StringRef a, StringRef bm,
                    StringRef c, ReIm x, ReIm m, Value init) {
  std::string spec =
      (a + "," + a + "," + bm + "," + bm + "->" + c).str();
  return buildMultiResultGeneric(
      b, loc, spec, {x.re, x.im, m.re, m.im}, {init},
      [](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
        Value sum = fadd(nb, l, fmul(nb, l, in[0], in[2]),
                         fmul(nb, l, in[1], in[3]));
        return SmallVector<Value>{fadd(nb, l, acc[0], sum)};
      })[0];
}

/// Splits a complex<f32> tensor into re/im f32 tensors: at compile time for
/// a dense constant, otherwise with one linalg.generic (complex.re/im).
ReIm splitComplex(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  DenseElementsAttr attr;
  if (type.hasStaticShape() && matchPattern(tensor, m_Constant(&attr))) {
    SmallVector<float> re, im;
    for (std::complex<APFloat> v : attr.getValues<std::complex<APFloat>>()) {
      re.push_back(v.real().convertToFloat());
      im.push_back(v.imag().convertToFloat());
    }
    return {buildF32Constant(b, loc, type.getShape(), re),
            buildF32Constant(b, loc, type.getShape(), im)};
  }
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, tensor);
  Value re = tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
  Value im = tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
  std::string letters = std::string("abcdefgh").substr(0, type.getRank());
  SmallVector<Value> parts = buildMultiResultGeneric(
      b, loc, letters + "->" + letters, {tensor}, {re, im},
      [](OpBuilder &nb, Location l, ValueRange in, ValueRange) {
        return SmallVector<Value>{complex::ReOp::create(nb, l, in[0]),
                                  complex::ImOp::create(nb, l, in[0])};
      });
  return {parts[0], parts[1]};
}

//===----------------------------------------------------------------------===//
// spectral_conv
//===----------------------------------------------------------------------===//

struct SpectralConvLowering : OpRewritePattern<SpectralConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SpectralConvOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    Value weight = op.getWeight();
    auto inputType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> modes = op.getModes();
    int64_t d = modes.size();
    std::optional<ArrayRef<int64_t>> outShape = op.getOutShape();

    SmallVector<SpectralDim> dims;
    double prodIn = 1.0, prodOut = 1.0;
    for (int64_t j = 0; j < d; ++j) {
      SpectralDim dim;
      dim.n = inputType.getDimSize(2 + j);
      // The verifier already requires static spatial dims; kept as a guard
      // for ops built without verification.
      if (ShapedType::isDynamic(dim.n))
        return op.emitOpError("cannot be lowered: spatial dim ")
               << 2 + j << " is dynamic";
      dim.nOut = outShape ? (*outShape)[j] : dim.n;
      dim.isLast = j == d - 1;
      dim.freqs =
          keptFrequencies(op.getConvention(), modes[j], dim.n, dim.isLast);
      prodIn *= double(dim.n);
      prodOut *= double(dim.nOut);
      dims.push_back(std::move(dim));
    }
    double scale = 1.0;
    switch (op.getFftNorm()) {
    case FFTNorm::backward:
      scale = 1.0 / prodOut;
      break;
    case FFTNorm::forward:
      scale = 1.0 / prodIn;
      break;
    case FFTNorm::ortho:
      scale = 1.0 / std::sqrt(prodIn * prodOut);
      break;
    }

    // Letters: input spatial x y z, modes p q r, output spatial u v w.
    std::string spatial = std::string("xyz").substr(0, d);
    std::string mode = std::string("pqr").substr(0, d);
    std::string outSpatial = std::string("uvw").substr(0, d);
    auto pair = [](char a, char c) { return std::string{a, c}; };

    // 1. Last dim: real input to its kept half-spectrum bins.
    std::string cur = "bi" + spatial;
    std::string next = cur;
    next.back() = mode.back();
    ReIm x = realTimesComplex(rewriter, loc, cur, pair(spatial.back(),
                                                       mode.back()),
                              next, input, forwardMatrix(rewriter, loc,
                                                         dims.back()));
    cur = next;
    // 2. Every other dim, innermost first: complex DFT to the kept bins.
    for (int64_t j = d - 2; j >= 0; --j) {
      next = cur;
      next[2 + j] = mode[j];
      x = complexTimesComplex(rewriter, loc, cur, pair(spatial[j], mode[j]),
                              next, x, forwardMatrix(rewriter, loc, dims[j]));
      cur = next;
    }
    // 3. Channel mix per mode: Y[b,o,k] = sum_i X[b,i,k] W[i,o,k].
    ReIm w = splitComplex(rewriter, loc, weight);
    next = "bo" + mode;
    x = complexTimesComplex(rewriter, loc, cur, "io" + mode, next, x, w);
    cur = next;
    // 4. Inverse DFT of the other dims onto the output extents.
    for (int64_t j = 0; j + 1 < d; ++j) {
      next = cur;
      next[2 + j] = outSpatial[j];
      x = complexTimesComplex(rewriter, loc, cur, pair(mode[j], outSpatial[j]),
                              next, x, inverseMatrix(rewriter, loc, dims[j]));
      cur = next;
    }
    // 5. Complex-to-real inverse of the last dim, normalised, accumulated
    // into the broadcast bias.
    next = cur;
    next.back() = outSpatial.back();
    Value init = f32(rewriter, loc, 0.0);
    if (Value bias = op.getBias()) {
      SmallVector<OpFoldResult> sizes = {
          tensor::getMixedSize(rewriter, loc, input, 0),
          tensor::getMixedSize(rewriter, loc, weight, 1)};
      for (const SpectralDim &dim : dims)
        sizes.push_back(rewriter.getIndexAttr(dim.nOut));
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, sizes, rewriter.getF32Type());
      SmallVector<int64_t> broadcastDims = {0};
      for (int64_t j = 0; j < d; ++j)
        broadcastDims.push_back(2 + j);
      init = linalg::BroadcastOp::create(rewriter, loc, bias, empty,
                                         broadcastDims)
                 .getResult()[0];
    }
    Value y = complexToReal(
        rewriter, loc, cur, pair(mode.back(), outSpatial.back()), next, x,
        inverseRealMatrix(rewriter, loc, dims.back(), scale), init);

    if (y.getType() != op.getType())
      y = tensor::CastOp::create(rewriter, loc, op.getType(), y);
    rewriter.replaceOp(op, y);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// factorized_weight
//===----------------------------------------------------------------------===//

struct FactorizedWeightLowering : OpRewritePattern<FactorizedWeightOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(FactorizedWeightOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange factors = op.getFactors();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    auto complexType = dyn_cast<ComplexType>(elementType);
    int64_t n = factors.size();

    Value zero;
    if (complexType) {
      Attribute part = rewriter.getFloatAttr(complexType.getElementType(), 0.0);
      zero = complex::ConstantOp::create(rewriter, loc, complexType,
                                         rewriter.getArrayAttr({part, part}));
    } else {
      zero = arith::ConstantOp::create(rewriter, loc, elementType,
                                       rewriter.getZeroAttr(elementType));
    }
    // Sum of products in the element type's ring.
    auto contract = [&](const std::string &spec, ValueRange inputs) -> Value {
      return buildMultiResultGeneric(
          rewriter, loc, spec, inputs, {zero},
          [&](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
            Value product = in[0];
            for (Value v : in.drop_front())
              product = complexType
                            ? Value(complex::MulOp::create(nb, l, product, v))
                            : Value(arith::MulFOp::create(nb, l, product, v));
            Value sum =
                complexType
                    ? Value(complex::AddOp::create(nb, l, acc[0], product))
                    : Value(arith::AddFOp::create(nb, l, acc[0], product));
            return SmallVector<Value>{sum};
          })[0];
    };

    // Letters of the dense weight's dims: Cin, Cout, K1..Kd.
    std::string out = "iopqr";
    Value w;
    switch (op.getFactorization()) {
    case Factorization::cp: {
      // W[i,o,k..] = sum_z w[z] A[i,z] B[o,z] F1[k1,z] ..
      out.resize(n - 1);
      std::string spec = "z";
      for (char c : out)
        spec += std::string(",") + c + "z";
      w = contract(spec + "->" + out, factors);
      break;
    }
    case Factorization::tucker: {
      // One mode product per factor: core dim k (rank letter) -> out[k].
      out.resize(n - 1);
      std::string ranks = std::string("ABCDE").substr(0, n - 1);
      std::string cur = ranks;
      w = factors[0];
      for (int64_t k = 0; k + 1 < n; ++k) {
        std::string next = cur;
        next[k] = out[k];
        w = contract(cur + "," + out[k] + ranks[k] + "->" + next,
                     {w, factors[k + 1]});
        cur = next;
      }
      break;
    }
    case Factorization::tt: {
      // Cores [R_k, L_k, R_k+1]; the leading and trailing ranks are 1 and
      // are summed away with the first and the last contraction.
      out.resize(n);
      std::string ranks = std::string("ABCDEF").substr(0, n + 1);
      std::string cur = {ranks[0], out[0], ranks[1]};
      w = factors[0];
      for (int64_t k = 1; k < n; ++k) {
        std::string core = {ranks[k], out[k], ranks[k + 1]};
        std::string next = out.substr(0, k + 1);
        if (k + 1 < n)
          next += ranks[k + 1];
        w = contract(cur + "," + core + "->" + next, {w, factors[k]});
        cur = next;
      }
      break;
    }
    }
    if (w.getType() != resultType)
      w = tensor::CastOp::create(rewriter, loc, resultType, w);
    rewriter.replaceOp(op, w);
    return success();
  }
};

} // namespace

void mlir::tessera::populateSpectralLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<SpectralConvLowering, FactorizedWeightLowering>(
      patterns.getContext());
}
