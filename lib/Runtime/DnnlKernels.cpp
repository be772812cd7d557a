//===- DnnlKernels.cpp - libtessera_dnnl.so: GEMMs through oneDNN ---------===//
//
// The shim behind `tessera-cpu-library-calls` (see DnnlKernels.h). Built as
// its own shared library so that only modules that call it depend on oneDNN:
// the JIT adds it to the ExecutionEngine's libraries, artifacts link it.
//
// f32 GEMMs (plain and batched) run oneDNN's matmul primitive, created once
// per shape, leading dimensions, batch strides and accumulation, and cached
// for the life of the process. int8 GEMMs run oneDNN's integer GEMM
// (dnnl_gemm_{u8,s8}s8s32) as a one-time probe finds exact on this CPU:
// directly, or split into two GEMMs that cannot saturate (see below and
// tessera_dnnl_int8_strategy); zero points are rank-1 corrections.
//
// Uses only oneDNN's C API: no exceptions cross into compiled code.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/DnnlKernels.h"

#include "DnnlShim.h"

#include <oneapi/dnnl/dnnl.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

using namespace tessera::dnnl_shim;

namespace {

//===----------------------------------------------------------------------===//
// Reference loops (fallbacks)
//===----------------------------------------------------------------------===//

void referenceSgemm(int64_t M, int64_t N, int64_t K, const float *A,
                    int64_t lda, const float *B, int64_t ldb, float *C,
                    int64_t ldc, bool accumulate) {
  for (int64_t i = 0; i < M; ++i) {
    float *c = C + i * ldc;
    if (!accumulate)
      for (int64_t j = 0; j < N; ++j)
        c[j] = 0.0f;
    for (int64_t k = 0; k < K; ++k) {
      float a = A[i * lda + k];
      const float *b = B + k * ldb;
      for (int64_t j = 0; j < N; ++j)
        c[j] += a * b[j];
    }
  }
}

/// Integer GEMM with wrapping int32 arithmetic, as the generated code.
template <typename AType>
void referenceGemmInt8(int64_t M, int64_t N, int64_t K, const AType *A,
                       int64_t lda, int32_t za, const int8_t *B, int64_t ldb,
                       int32_t zb, int32_t *C, int64_t ldc, bool accumulate) {
  std::vector<uint32_t> row(N);
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j)
      row[j] = accumulate ? static_cast<uint32_t>(C[i * ldc + j]) : 0u;
    for (int64_t k = 0; k < K; ++k) {
      uint32_t a = static_cast<uint32_t>(static_cast<int32_t>(A[i * lda + k])) -
                   static_cast<uint32_t>(za);
      const int8_t *b = B + k * ldb;
      for (int64_t j = 0; j < N; ++j)
        row[j] += a * (static_cast<uint32_t>(static_cast<int32_t>(b[j])) -
                       static_cast<uint32_t>(zb));
    }
    for (int64_t j = 0; j < N; ++j)
      C[i * ldc + j] = static_cast<int32_t>(row[j]);
  }
}

//===----------------------------------------------------------------------===//
// f32: cached matmul primitives
//===----------------------------------------------------------------------===//

struct MatmulKey {
  int64_t batch, M, N, K, lda, ldb, ldc, strideA, strideB, strideC;
  bool accumulate;
  bool operator<(const MatmulKey &o) const {
    return std::tie(batch, M, N, K, lda, ldb, ldc, strideA, strideB, strideC,
                    accumulate) < std::tie(o.batch, o.M, o.N, o.K, o.lda, o.ldb,
                                           o.ldc, o.strideA, o.strideB,
                                           o.strideC, o.accumulate);
  }
};

struct MatmulPrimitive {
  dnnl_primitive_t primitive = nullptr;
  dnnl_memory_desc_t src, weights, dst;
};

std::mutex cacheMutex;
std::map<MatmulKey, MatmulPrimitive> cache; // never freed: process lifetime

/// The cached primitive for `key`, created on first use; null if oneDNN
/// cannot make one (the failure is cached too).
const MatmulPrimitive *getMatmul(const MatmulKey &key, dnnl_status_t &status) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  auto it = cache.find(key);
  if (it != cache.end()) {
    status = it->second.primitive ? dnnl_success : dnnl_runtime_error;
    return it->second.primitive ? &it->second : nullptr;
  }
  MatmulPrimitive &p = cache[key];
  status = dnnl_runtime_error;
  if (!engine())
    return nullptr;
  bool batched = key.batch != 1 || key.strideA || key.strideB || key.strideC;
  int ndims = batched ? 3 : 2;
  auto init = [&](dnnl_memory_desc_t *md, int64_t rows, int64_t cols,
                  int64_t ld, int64_t stride) {
    dnnl_dims_t dims, strides;
    if (batched) {
      dims[0] = key.batch, dims[1] = rows, dims[2] = cols;
      strides[0] = stride, strides[1] = ld, strides[2] = 1;
    } else {
      dims[0] = rows, dims[1] = cols;
      strides[0] = ld, strides[1] = 1;
    }
    return dnnl_memory_desc_init_by_strides(md, ndims, dims, dnnl_f32, strides);
  };
  if ((status = init(&p.src, key.M, key.K, key.lda, key.strideA)) ||
      (status = init(&p.weights, key.K, key.N, key.ldb, key.strideB)) ||
      (status = init(&p.dst, key.M, key.N, key.ldc, key.strideC)))
    return nullptr;
  dnnl_matmul_desc_t desc;
  if ((status =
           dnnl_matmul_desc_init(&desc, &p.src, &p.weights, nullptr, &p.dst)))
    return nullptr;
  dnnl_primitive_desc_t pd;
  if ((status = createPrimitiveDesc(&desc, key.accumulate, pd)))
    return nullptr;
  status = dnnl_primitive_create(&p.primitive, pd);
  dnnl_primitive_desc_destroy(pd);
  if (status) {
    p.primitive = nullptr;
    return nullptr;
  }
  return &p;
}

/// Runs the cached primitive of `key` on the given buffers.
dnnl_status_t runMatmul(const MatmulKey &key, const float *A, const float *B,
                        float *C) {
  dnnl_status_t status;
  const MatmulPrimitive *p = getMatmul(key, status);
  if (!p)
    return status;
  dnnl_stream_t s = stream();
  if (!s)
    return dnnl_runtime_error;
  dnnl_memory_t src = nullptr, weights = nullptr, dst = nullptr;
  if (!(status = dnnl_memory_create(&src, &p->src, engine(),
                                    const_cast<float *>(A))) &&
      !(status = dnnl_memory_create(&weights, &p->weights, engine(),
                                    const_cast<float *>(B))) &&
      !(status = dnnl_memory_create(&dst, &p->dst, engine(), C))) {
    dnnl_exec_arg_t args[] = {
        {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}};
    status = dnnl_primitive_execute(p->primitive, s, 3, args);
    if (!status)
      status = dnnl_stream_wait(s);
  }
  for (dnnl_memory_t m : {src, weights, dst})
    if (m)
      dnnl_memory_destroy(m);
  return status;
}

std::atomic<bool> warnedSgemm{false};

//===----------------------------------------------------------------------===//
// int8: oneDNN's integer GEMM, probed for exactness
//===----------------------------------------------------------------------===//

// oneDNN's u8s8 and s8s8 GEMMs (the s8s8 one adds 128 to A and runs u8s8)
// are exact on CPUs with VNNI, but without VNNI they multiply with
// vpmaddubsw, which saturates the sum of two adjacent u8 * s8 products to
// 16 bits: random data already gives wrong results. Products of a u8 operand
// below 128 cannot saturate (2 * 127 * 128 < 2^15), so there the shim splits
// the unsigned A (a u8 A, or a s8 A + 128) into its 7 high and 1 low bits
// and runs two GEMMs:  A * B = 2 * (A >> 1) * B + (A & 1) * B.
// Zero points (and the + 128 of a s8 A) are applied afterwards as rank-1
// corrections; oneDNN's own zero points take a slow reference path.
enum class Int8Strategy { Dnnl, DnnlSplit, Reference };

/// Buffers reused by the calls of one thread.
struct Scratch {
  std::vector<uint8_t> high, low;
  std::vector<int32_t> product, lowProduct;
  std::vector<uint32_t> colSum;
};
Scratch &scratch() {
  thread_local Scratch s;
  return s;
}

/// C = (A - za)(B - zb) modulo 2^32 with oneDNN's integer GEMM, following
/// `strategy` (Dnnl or DnnlSplit). `A` is u8 if `unsignedA`, else s8.
dnnl_status_t dnnlGemmInt8(Int8Strategy strategy, bool unsignedA, int64_t M,
                           int64_t N, int64_t K, const void *A, int64_t lda,
                           int32_t za, const int8_t *B, int64_t ldb, int32_t zb,
                           int32_t *C, int64_t ldc) {
  Scratch &s = scratch();
  int32_t co = 0;
  dnnl_status_t status;
  // Offset added to every element of A before the GEMM (s8 A, split).
  uint32_t aShift = 0;
  if (strategy == Int8Strategy::Dnnl) {
    status = unsignedA ? dnnl_gemm_u8s8s32('N', 'N', 'F', M, N, K, 1.0f,
                                           static_cast<const uint8_t *>(A), lda,
                                           0, B, ldb, 0, 0.0f, C, ldc, &co)
                       : dnnl_gemm_s8s8s32('N', 'N', 'F', M, N, K, 1.0f,
                                           static_cast<const int8_t *>(A), lda,
                                           0, B, ldb, 0, 0.0f, C, ldc, &co);
  } else {
    s.high.resize(static_cast<size_t>(M * K));
    s.low.resize(static_cast<size_t>(M * K));
    auto *a = static_cast<const uint8_t *>(A); // s8 read as its bits
    uint8_t flip = unsignedA ? 0 : 0x80;       // s8 + 128 as u8
    for (int64_t i = 0; i < M; ++i)
      for (int64_t k = 0; k < K; ++k) {
        uint8_t u = a[i * lda + k] ^ flip;
        s.high[i * K + k] = u >> 1;
        s.low[i * K + k] = u & 1;
      }
    aShift = unsignedA ? 0 : 128;
    s.lowProduct.resize(static_cast<size_t>(M * N));
    status = dnnl_gemm_u8s8s32('N', 'N', 'F', M, N, K, 1.0f, s.high.data(), K,
                               0, B, ldb, 0, 0.0f, C, ldc, &co);
    if (!status)
      status =
          dnnl_gemm_u8s8s32('N', 'N', 'F', M, N, K, 1.0f, s.low.data(), K, 0, B,
                            ldb, 0, 0.0f, s.lowProduct.data(), N, &co);
    if (status)
      return status;
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j)
        C[i * ldc + j] = static_cast<int32_t>(
            2u * static_cast<uint32_t>(C[i * ldc + j]) +
            static_cast<uint32_t>(s.lowProduct[i * N + j]));
  }
  if (status)
    return status;
  // C = sum_k (a + shift) b: subtract (shift + za) colsum(B) + zb rowsum(A)
  // and add K za zb, where rowsum is of A as given (without the shift).
  uint32_t zaTotal = aShift + static_cast<uint32_t>(za);
  if (zaTotal == 0 && zb == 0)
    return dnnl_success;
  std::vector<uint32_t> &colSum = s.colSum;
  colSum.assign(static_cast<size_t>(N), 0u);
  if (zaTotal)
    for (int64_t k = 0; k < K; ++k)
      for (int64_t j = 0; j < N; ++j)
        colSum[j] +=
            static_cast<uint32_t>(static_cast<int32_t>(B[k * ldb + j]));
  uint32_t constant = static_cast<uint32_t>(K) * static_cast<uint32_t>(za) *
                      static_cast<uint32_t>(zb);
  for (int64_t i = 0; i < M; ++i) {
    uint32_t rowSum = 0;
    if (zb)
      for (int64_t k = 0; k < K; ++k)
        rowSum += unsignedA ? static_cast<uint32_t>(
                                  static_cast<const uint8_t *>(A)[i * lda + k])
                            : static_cast<uint32_t>(static_cast<int32_t>(
                                  static_cast<const int8_t *>(A)[i * lda + k]));
    for (int64_t j = 0; j < N; ++j) {
      uint32_t c = static_cast<uint32_t>(C[i * ldc + j]);
      c -= zaTotal * colSum[j] + static_cast<uint32_t>(zb) * rowSum;
      c += constant;
      C[i * ldc + j] = static_cast<int32_t>(c);
    }
  }
  return dnnl_success;
}

/// Whether `strategy` computes (A - za)(B - zb) exactly on this CPU, tried on
/// operands with runs of extreme values (where saturating kernels fail),
/// alternating extremes and a deterministic pseudo-random mix, odd sizes.
bool probeExact(Int8Strategy strategy, bool unsignedA) {
  const int64_t M = 24, N = 40, K = 130;
  std::vector<uint8_t> au(M * K);
  std::vector<int8_t> as(M * K), b(K * N);
  auto pattern = [](int64_t row, int64_t k, int lo, int hi) {
    switch (row % 4) {
    case 0:
      return hi;
    case 1:
      return lo;
    case 2:
      return k % 2 ? lo : hi;
    default:
      return static_cast<int>((row * 131 + k * 71) % (hi - lo + 1)) + lo;
    }
  };
  for (int64_t i = 0; i < M; ++i)
    for (int64_t k = 0; k < K; ++k) {
      au[i * K + k] = static_cast<uint8_t>(pattern(i, k, 0, 255));
      as[i * K + k] = static_cast<int8_t>(pattern(i, k, -128, 127));
    }
  for (int64_t j = 0; j < N; ++j)
    for (int64_t k = 0; k < K; ++k)
      b[k * N + j] = static_cast<int8_t>(pattern(j + 1, k, -128, 127));
  const void *a = unsignedA ? static_cast<const void *>(au.data()) : as.data();
  for (auto [za, zb] : {std::pair<int32_t, int32_t>{0, 0}, {-3, 7}}) {
    std::vector<int32_t> got(M * N), want(M * N);
    if (dnnlGemmInt8(strategy, unsignedA, M, N, K, a, K, za, b.data(), N, zb,
                     got.data(), N))
      return false;
    if (unsignedA)
      referenceGemmInt8(M, N, K, au.data(), K, za, b.data(), N, zb, want.data(),
                        N, false);
    else
      referenceGemmInt8(M, N, K, as.data(), K, za, b.data(), N, zb, want.data(),
                        N, false);
    if (got != want)
      return false;
  }
  return true;
}

Int8Strategy chooseInt8Strategy(bool unsignedA) {
  for (Int8Strategy s : {Int8Strategy::Dnnl, Int8Strategy::DnnlSplit})
    if (probeExact(s, unsignedA))
      return s;
  return Int8Strategy::Reference;
}

Int8Strategy int8Strategy(bool unsignedA) {
  if (unsignedA) {
    static const Int8Strategy u8 = chooseInt8Strategy(true);
    return u8;
  }
  static const Int8Strategy s8 = chooseInt8Strategy(false);
  return s8;
}

std::atomic<bool> warnedInt8{false};

template <typename AType>
void gemmInt8(int64_t M, int64_t N, int64_t K, const AType *A, int64_t lda,
              int32_t za, const int8_t *B, int64_t ldb, int32_t zb, int32_t *C,
              int64_t ldc, bool accumulate) {
  constexpr bool unsignedA = std::is_same_v<AType, uint8_t>;
  if (M <= 0 || N <= 0)
    return;
  Int8Strategy strategy = int8Strategy(unsignedA);
  if (strategy != Int8Strategy::Reference && K > 0) {
    // oneDNN's beta is a float: accumulate exactly in int32 here instead.
    int32_t *out = C;
    int64_t ldOut = ldc;
    if (accumulate) {
      std::vector<int32_t> &product = scratch().product;
      product.resize(static_cast<size_t>(M * N));
      out = product.data();
      ldOut = N;
    }
    dnnl_status_t status = dnnlGemmInt8(strategy, unsignedA, M, N, K, A, lda,
                                        za, B, ldb, zb, out, ldOut);
    if (!status) {
      if (accumulate)
        for (int64_t i = 0; i < M; ++i)
          for (int64_t j = 0; j < N; ++j)
            C[i * ldc + j] =
                static_cast<int32_t>(static_cast<uint32_t>(C[i * ldc + j]) +
                                     static_cast<uint32_t>(out[i * ldOut + j]));
      return;
    }
    warnOnce(warnedInt8, "an int8 GEMM", status);
  }
  referenceGemmInt8(M, N, K, A, lda, za, B, ldb, zb, C, ldc, accumulate);
}

} // namespace

//===----------------------------------------------------------------------===//
// Exported functions
//===----------------------------------------------------------------------===//

TESSERA_DNNL_EXPORT void tessera_dnnl_sgemm(int64_t M, int64_t N, int64_t K,
                                            const float *A, int64_t lda,
                                            const float *B, int64_t ldb,
                                            float *C, int64_t ldc,
                                            int32_t accumulate) {
  if (M <= 0 || N <= 0)
    return;
  if (K > 0) {
    MatmulKey key{1, M, N, K, lda, ldb, ldc, 0, 0, 0, accumulate != 0};
    dnnl_status_t status = runMatmul(key, A, B, C);
    if (!status)
      return;
    warnOnce(warnedSgemm, "an f32 matmul primitive", status);
  }
  referenceSgemm(M, N, K, A, lda, B, ldb, C, ldc, accumulate != 0);
}

TESSERA_DNNL_EXPORT void tessera_dnnl_sgemm_batched(
    int64_t batch, int64_t M, int64_t N, int64_t K, const float *A,
    int64_t strideA, int64_t lda, const float *B, int64_t strideB, int64_t ldb,
    float *C, int64_t strideC, int64_t ldc, int32_t accumulate) {
  if (batch <= 0 || M <= 0 || N <= 0)
    return;
  if (K > 0) {
    MatmulKey key{
        batch,          M, N, K, lda, ldb, ldc, strideA, strideB, strideC,
        accumulate != 0};
    // A batch of one is a plain matmul (and its stride meaningless).
    if (batch == 1)
      key.strideA = key.strideB = key.strideC = 0;
    dnnl_status_t status = runMatmul(key, A, B, C);
    if (!status)
      return;
    warnOnce(warnedSgemm, "an f32 matmul primitive", status);
  }
  for (int64_t b = 0; b < batch; ++b)
    referenceSgemm(M, N, K, A + b * strideA, lda, B + b * strideB, ldb,
                   C + b * strideC, ldc, accumulate != 0);
}

TESSERA_DNNL_EXPORT void
tessera_dnnl_gemm_s8s8s32(int64_t M, int64_t N, int64_t K, const int8_t *A,
                          int64_t lda, int32_t a_zero_point, const int8_t *B,
                          int64_t ldb, int32_t b_zero_point, int32_t *C,
                          int64_t ldc, int32_t accumulate) {
  gemmInt8(M, N, K, A, lda, a_zero_point, B, ldb, b_zero_point, C, ldc,
           accumulate != 0);
}

TESSERA_DNNL_EXPORT void
tessera_dnnl_gemm_u8s8s32(int64_t M, int64_t N, int64_t K, const uint8_t *A,
                          int64_t lda, int32_t a_zero_point, const int8_t *B,
                          int64_t ldb, int32_t b_zero_point, int32_t *C,
                          int64_t ldc, int32_t accumulate) {
  gemmInt8(M, N, K, A, lda, a_zero_point, B, ldb, b_zero_point, C, ldc,
           accumulate != 0);
}

TESSERA_DNNL_EXPORT const char *tessera_dnnl_int8_strategy(int32_t unsigned_a) {
  switch (int8Strategy(unsigned_a != 0)) {
  case Int8Strategy::Dnnl:
    return "dnnl";
  case Int8Strategy::DnnlSplit:
    return "dnnl-split";
  case Int8Strategy::Reference:
    return "reference";
  }
  return "reference";
}
