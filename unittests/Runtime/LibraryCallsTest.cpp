//===- LibraryCallsTest.cpp - The oneDNN library path ---------------------===//
//
// The same GEMMs compiled as generated code and with `library-calls` give
// equal results through the runtime (f32 up to rounding, int8 exactly), and
// the functions of libtessera_dnnl.so match plain loops, zero points,
// leading dimensions, accumulation and extreme int8 values included.
//
//===----------------------------------------------------------------------===//

#include "tessera-c/runtime.h"
#include "tessera/Runtime/DnnlKernels.h"
#include "tessera/Runtime/Runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string lastError() { return tessera_last_error(); }

TEST(LibraryCallsOptions, AreValidated) {
  tessera_context *context = nullptr;
  ASSERT_EQ(tessera_context_create(TESSERA_TARGET_CPU, &context), TESSERA_OK);
  EXPECT_EQ(tessera_context_set_option(context, "library-calls", "conv3d"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("unknown library-calls op kind 'conv3d'"),
            std::string::npos)
      << lastError();
  EXPECT_EQ(tessera_context_set_option(context, "library-min-flops", "-1"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_context_set_option(context, "library-min-flops", "abc"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_context_set_option(context, "unroll", "4"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("unknown option 'unroll'"), std::string::npos);
  EXPECT_EQ(tessera_context_set_option(nullptr, "library-calls", "all"),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_context_set_option(context, "library-calls", "none"),
            TESSERA_OK);
  EXPECT_EQ(tessera_context_set_option(context, "library-min-flops", "1000"),
            TESSERA_OK);
  tessera_context_destroy(context);
}

#ifdef TESSERA_HAS_DNNL

// Every kind of GEMM the library path takes, with zero points and scales
// around the int8 ones, and an op it leaves alone (ui8 x ui8).
const char *kGemms = R"mlir(
func.func @matmul(%a: tensor<96x80xf32>, %b: tensor<80x72xf32>,
                  %c: tensor<96x72xf32>) -> (tensor<96x72xf32>, tensor<96x72xf32>) {
  %e = tensor.empty() : tensor<96x72xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<96x72xf32>) -> tensor<96x72xf32>
  %r = linalg.matmul ins(%a, %b : tensor<96x80xf32>, tensor<80x72xf32>)
                     outs(%i : tensor<96x72xf32>) -> tensor<96x72xf32>
  %s = linalg.matmul ins(%a, %b : tensor<96x80xf32>, tensor<80x72xf32>)
                     outs(%c : tensor<96x72xf32>) -> tensor<96x72xf32>
  return %r, %s : tensor<96x72xf32>, tensor<96x72xf32>
}
func.func @batch_matmul(%a: tensor<5x31x40xf32>, %b: tensor<5x40x23xf32>)
    -> tensor<5x31x23xf32> {
  %e = tensor.empty() : tensor<5x31x23xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<5x31x23xf32>) -> tensor<5x31x23xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<5x31x40xf32>, tensor<5x40x23xf32>)
                           outs(%i : tensor<5x31x23xf32>) -> tensor<5x31x23xf32>
  return %r : tensor<5x31x23xf32>
}
func.func @qmatmul_s8(%a: tensor<45x129xi8>, %b: tensor<129x38xi8>)
    -> tensor<45x38xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = -5 : i64, b_zero_point = 9 : i64}
      : (tensor<45x129xi8>, tensor<129x38xi8>) -> tensor<45x38xi32>
  return %c : tensor<45x38xi32>
}
func.func @qmatmul_u8(%a: tensor<45x129xui8>, %b: tensor<129x38xi8>,
                      %sa: tensor<45xf32>, %sb: tensor<38xf32>)
    -> (tensor<45x38xi32>, tensor<45x38xf32>) {
  %c = tessera.qmatmul %a, %b {a_zero_point = 131 : i64, b_zero_point = -2 : i64}
      : (tensor<45x129xui8>, tensor<129x38xi8>) -> tensor<45x38xi32>
  %f = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 7 : i64}
      : (tensor<45x129xui8>, tensor<129x38xi8>, tensor<45xf32>, tensor<38xf32>)
      -> tensor<45x38xf32>
  return %c, %f : tensor<45x38xi32>, tensor<45x38xf32>
}
func.func @qmatmul_u8u8(%a: tensor<9x17xui8>, %b: tensor<17x6xui8>)
    -> tensor<9x6xi32> {
  %c = tessera.qmatmul %a, %b : (tensor<9x17xui8>, tensor<17x6xui8>) -> tensor<9x6xi32>
  return %c : tensor<9x6xi32>
}
)mlir";

/// Seeded inputs: floats in [-1, 1), integers over their whole range with
/// the first row at the top and the second at the bottom of it.
std::vector<tessera::Tensor> randomInputs(tessera::Function &f, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<tessera::Tensor> inputs;
  for (size_t i = 0; i < f.numInputs(); ++i) {
    tessera_dtype dtype;
    int32_t rank;
    const int64_t *shape;
    tessera_function_input(f.get(), i, &dtype, &rank, &shape);
    tessera::Tensor t(dtype, std::vector<int64_t>(shape, shape + rank));
    int64_t cols = rank ? shape[rank - 1] : 1;
    for (int64_t k = 0; k < t.numElements(); ++k) {
      int64_t row = k / cols;
      switch (dtype) {
      case TESSERA_F32:
        t.as<float>()[k] =
            std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng);
        break;
      case TESSERA_I8:
        t.as<int8_t>()[k] =
            static_cast<int8_t>(row == 0   ? 127
                                : row == 1 ? -128
                                           : int(rng() % 256) - 128);
        break;
      case TESSERA_U8:
        t.as<uint8_t>()[k] =
            static_cast<uint8_t>(row == 0   ? 255
                                 : row == 1 ? 0
                                            : int(rng() % 256));
        break;
      default:
        ADD_FAILURE() << "unexpected input dtype";
      }
    }
    inputs.push_back(std::move(t));
  }
  return inputs;
}

/// Runs `name` of kGemms compiled with the given library-calls option.
std::vector<tessera::Tensor> run(const std::string &libraryCalls,
                                 const std::string &name, unsigned seed) {
  auto context = tessera::Context::create().take();
  EXPECT_TRUE(context.setOption("library-calls", libraryCalls).ok());
  auto module = context.loadSource(kGemms);
  EXPECT_TRUE(module.ok()) << module.status().message();
  if (!module.ok())
    return {};
  auto function = module.value().lookup(name);
  EXPECT_TRUE(function.ok());
  std::vector<tessera::Tensor> inputs = randomInputs(function.value(), seed);
  std::vector<tessera_tensor> views;
  for (const tessera::Tensor &t : inputs)
    views.push_back(t.view());
  auto results = function.value().call(views);
  EXPECT_TRUE(results.ok()) << results.status().message();
  return results.ok() ? results.take() : std::vector<tessera::Tensor>{};
}

void expectEqualResults(const std::string &name, const std::string &kinds) {
  std::vector<tessera::Tensor> generated = run("none", name, 11);
  std::vector<tessera::Tensor> library = run(kinds, name, 11);
  ASSERT_EQ(generated.size(), library.size());
  ASSERT_FALSE(generated.empty());
  for (size_t r = 0; r < generated.size(); ++r) {
    const tessera::Tensor &g = generated[r], &l = library[r];
    ASSERT_EQ(g.dtype(), l.dtype());
    ASSERT_EQ(g.shape(), l.shape());
    if (g.dtype() == TESSERA_I32) {
      EXPECT_EQ(std::memcmp(g.data(), l.data(), 4 * g.numElements()), 0)
          << name << " result #" << r << " differs";
      continue;
    }
    // f32: different summation orders; relative L2 error of the result.
    double diff = 0, norm = 0;
    for (int64_t i = 0; i < g.numElements(); ++i) {
      double d = g.as<float>()[i] - l.as<float>()[i];
      diff += d * d;
      norm += double(g.as<float>()[i]) * g.as<float>()[i];
    }
    EXPECT_LT(std::sqrt(diff / norm), 1e-6) << name << " result #" << r;
  }
}

TEST(LibraryCalls, MatmulMatchesGeneratedCode) {
  expectEqualResults("matmul", "matmul");
}
TEST(LibraryCalls, BatchMatmulMatchesGeneratedCode) {
  expectEqualResults("batch_matmul", "batch_matmul");
}
TEST(LibraryCalls, SignedQMatmulMatchesGeneratedCodeExactly) {
  expectEqualResults("qmatmul_s8", "qmatmul");
}
TEST(LibraryCalls, UnsignedQMatmulMatchesGeneratedCodeExactly) {
  expectEqualResults("qmatmul_u8", "qmatmul");
}
TEST(LibraryCalls, UnsupportedTypesStayGeneratedCode) {
  expectEqualResults("qmatmul_u8u8", "all");
}

//===----------------------------------------------------------------------===//
// libtessera_dnnl.so against plain loops
//===----------------------------------------------------------------------===//

template <typename AType>
std::vector<int32_t>
referenceInt8(int64_t M, int64_t N, int64_t K, const std::vector<AType> &A,
              int64_t lda, int32_t za, const std::vector<int8_t> &B,
              int64_t ldb, int32_t zb, std::vector<int32_t> C, int64_t ldc,
              bool accumulate) {
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      int64_t sum = 0;
      for (int64_t k = 0; k < K; ++k)
        sum += (int64_t(A[i * lda + k]) - za) * (int64_t(B[k * ldb + j]) - zb);
      int64_t c = accumulate ? C[i * ldc + j] : 0;
      C[i * ldc + j] = static_cast<int32_t>(static_cast<uint32_t>(c + sum));
    }
  return C;
}

template <typename AType>
std::vector<AType> int8Matrix(std::mt19937 &rng, int64_t rows, int64_t ld) {
  std::vector<AType> m(rows * ld);
  constexpr int lo = std::is_signed_v<AType> ? -128 : 0;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t k = 0; k < ld; ++k)
      m[i * ld + k] = static_cast<AType>(i % 5 == 0   ? lo + 255
                                         : i % 5 == 1 ? lo
                                                      : lo + int(rng() % 256));
  return m;
}

TEST(DnnlKernels, Int8StrategyIsKnown) {
  for (int u : {0, 1}) {
    std::string s = tessera_dnnl_int8_strategy(u);
    EXPECT_TRUE(s == "dnnl" || s == "dnnl-split" || s == "reference") << s;
    std::printf("int8 strategy (%s): %s\n", u ? "u8s8" : "s8s8", s.c_str());
  }
}

TEST(DnnlKernels, Int8MatchesLoops) {
  std::mt19937 rng(5);
  const int64_t M = 33, N = 27, K = 71, lda = 80, ldb = 30, ldc = 29;
  std::vector<int8_t> as = int8Matrix<int8_t>(rng, M, lda);
  std::vector<uint8_t> au = int8Matrix<uint8_t>(rng, M, lda);
  std::vector<int8_t> b = int8Matrix<int8_t>(rng, K, ldb);
  std::vector<int32_t> init(M * ldc);
  for (int32_t &v : init)
    v = static_cast<int32_t>(rng());
  // Zero points inside and outside oneDNN's 8-bit range.
  for (auto [za, zb] :
       {std::pair<int32_t, int32_t>{0, 0}, {3, -7}, {200, 100}, {-300, 1000}}) {
    for (bool accumulate : {false, true}) {
      std::vector<int32_t> c = init;
      tessera_dnnl_gemm_s8s8s32(M, N, K, as.data(), lda, za, b.data(), ldb, zb,
                                c.data(), ldc, accumulate);
      auto want = referenceInt8(M, N, K, as, lda, za, b, ldb, zb, init, ldc,
                                accumulate);
      for (int64_t i = 0; i < M; ++i)
        for (int64_t j = 0; j < N; ++j)
          ASSERT_EQ(c[i * ldc + j], want[i * ldc + j])
              << "s8s8 za " << za << " zb " << zb << " acc " << accumulate
              << " at " << i << "," << j;
      c = init;
      tessera_dnnl_gemm_u8s8s32(M, N, K, au.data(), lda, za, b.data(), ldb, zb,
                                c.data(), ldc, accumulate);
      want = referenceInt8(M, N, K, au, lda, za, b, ldb, zb, init, ldc,
                           accumulate);
      for (int64_t i = 0; i < M; ++i)
        for (int64_t j = 0; j < N; ++j)
          ASSERT_EQ(c[i * ldc + j], want[i * ldc + j])
              << "u8s8 za " << za << " zb " << zb << " acc " << accumulate
              << " at " << i << "," << j;
    }
  }
}

TEST(DnnlKernels, SgemmMatchesLoopsFromManyThreads) {
  // Several shapes at once from several threads: the primitive cache.
  auto check = [](int64_t M, int64_t N, int64_t K, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    int64_t lda = K + 3, ldb = N + 1, ldc = N + 2, batch = 3;
    int64_t sa = M * lda + 5, sb = K * ldb, sc = M * ldc + 1;
    std::vector<float> a(batch * sa), b(batch * sb), c0(batch * sc);
    for (float &v : a)
      v = dist(rng);
    for (float &v : b)
      v = dist(rng);
    for (float &v : c0)
      v = dist(rng);
    for (bool accumulate : {false, true}) {
      std::vector<float> c = c0, cb = c0;
      tessera_dnnl_sgemm(M, N, K, a.data(), lda, b.data(), ldb, c.data(), ldc,
                         accumulate);
      tessera_dnnl_sgemm_batched(batch, M, N, K, a.data(), sa, lda, b.data(),
                                 sb, ldb, cb.data(), sc, ldc, accumulate);
      for (int64_t p = 0; p < batch; ++p)
        for (int64_t i = 0; i < M; ++i)
          for (int64_t j = 0; j < N; ++j) {
            double want = accumulate ? c0[p * sc + i * ldc + j] : 0.0;
            for (int64_t k = 0; k < K; ++k)
              want += double(a[p * sa + i * lda + k]) * b[p * sb + k * ldb + j];
            float got = cb[p * sc + i * ldc + j];
            if (std::abs(got - want) > 1e-4 * (1 + std::abs(want)))
              return ::testing::AssertionFailure()
                     << "batched " << M << "x" << N << "x" << K << " at " << p
                     << "," << i << "," << j << ": " << got << " vs " << want;
            if (p == 0) {
              float single = c[i * ldc + j];
              if (std::abs(single - want) > 1e-4 * (1 + std::abs(want)))
                return ::testing::AssertionFailure()
                       << "sgemm " << M << "x" << N << "x" << K << " at " << i
                       << "," << j << ": " << single << " vs " << want;
            }
          }
      // Padding between rows and matrices is left alone.
      for (int64_t i = 0; i < M; ++i)
        for (int64_t j = N; j < ldc; ++j)
          if (cb[i * ldc + j] != c0[i * ldc + j])
            return ::testing::AssertionFailure() << "wrote the padding";
    }
    return ::testing::AssertionSuccess();
  };
  std::vector<std::thread> threads;
  std::vector<::testing::AssertionResult> results(
      4, ::testing::AssertionSuccess());
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      results[t] = check(17 + 8 * (t % 2), 13 + t, 29 + 16 * t, t);
    });
  for (std::thread &t : threads)
    t.join();
  for (auto &r : results)
    EXPECT_TRUE(r);
}

/// One convolution of tessera_dnnl_conv2d_nchw_fchw's arguments.
struct ConvShape {
  int64_t n, c, h, w, f, kh, kw, sh, sw, dh, dw;
  int64_t oh() const { return (h - dh * (kh - 1) - 1) / sh + 1; }
  int64_t ow() const { return (w - dw * (kw - 1) - 1) / sw + 1; }
};

::testing::AssertionResult convolutionMatchesLoops(const ConvShape &s,
                                                   unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  int64_t oh = s.oh(), ow = s.ow();
  std::vector<float> input(s.n * s.c * s.h * s.w),
      filter(s.f * s.c * s.kh * s.kw), init(s.n * s.f * oh * ow);
  for (std::vector<float> *v : {&input, &filter, &init})
    for (float &x : *v)
      x = dist(rng);
  for (bool accumulate : {false, true}) {
    // Twice: the second call runs the cached primitive.
    for (int call = 0; call < 2; ++call) {
      std::vector<float> out = init;
      tessera_dnnl_conv2d_nchw_fchw(s.n, s.c, s.h, s.w, s.f, s.kh, s.kw, oh, ow,
                                    s.sh, s.sw, s.dh, s.dw, input.data(),
                                    filter.data(), out.data(), accumulate);
      for (int64_t n = 0; n < s.n; ++n)
        for (int64_t f = 0; f < s.f; ++f)
          for (int64_t y = 0; y < oh; ++y)
            for (int64_t x = 0; x < ow; ++x) {
              int64_t o = ((n * s.f + f) * oh + y) * ow + x;
              double want = accumulate ? init[o] : 0.0;
              for (int64_t c = 0; c < s.c; ++c)
                for (int64_t i = 0; i < s.kh; ++i)
                  for (int64_t j = 0; j < s.kw; ++j)
                    want +=
                        double(
                            input[((n * s.c + c) * s.h + y * s.sh + i * s.dh) *
                                      s.w +
                                  x * s.sw + j * s.dw]) *
                        filter[((f * s.c + c) * s.kh + i) * s.kw + j];
              if (std::abs(out[o] - want) > 1e-4 * (1 + std::abs(want)))
                return ::testing::AssertionFailure()
                       << "conv " << s.n << "x" << s.c << "x" << s.h << "x"
                       << s.w << " * " << s.f << "x" << s.kh << "x" << s.kw
                       << " accumulate " << accumulate << " at " << n << ","
                       << f << "," << y << "," << x << ": " << out[o] << " vs "
                       << want;
            }
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(DnnlKernels, ConvolutionMatchesLoopsFromManyThreads) {
  // 3x3 with channels in and out that are not multiples of oneDNN's blocks,
  // a batch, stride 2 with dilation 2 and input rows and columns that no
  // window reads, a 1x1, a 1x5 window, a single input channel.
  std::vector<ConvShape> shapes = {{1, 10, 18, 18, 10, 3, 3, 1, 1, 1, 1},
                                   {2, 32, 12, 12, 64, 3, 3, 1, 1, 1, 1},
                                   {1, 7, 20, 19, 5, 3, 3, 2, 2, 2, 2},
                                   {3, 16, 9, 9, 24, 1, 1, 1, 1, 1, 1},
                                   {1, 8, 6, 17, 16, 1, 5, 1, 3, 1, 1},
                                   {1, 1, 8, 8, 3, 2, 2, 1, 1, 1, 1}};
  std::vector<std::thread> threads;
  std::vector<::testing::AssertionResult> results(
      shapes.size(), ::testing::AssertionSuccess());
  for (size_t i = 0; i < shapes.size(); ++i)
    threads.emplace_back(
        [&, i] { results[i] = convolutionMatchesLoops(shapes[i], i); });
  for (std::thread &t : threads)
    t.join();
  for (auto &r : results)
    EXPECT_TRUE(r);
}

#endif // TESSERA_HAS_DNNL

} // namespace
