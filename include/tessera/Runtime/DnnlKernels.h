/*===- DnnlKernels.h - oneDNN kernels for compiled code ---------*- C -*-===*\
|*                                                                            *|
|* The functions of libtessera_dnnl.so, the shim that compiled code calls     *|
|* when `tessera-cpu-library-calls` (pipeline option `library-calls`) turns   *|
|* a linalg GEMM or convolution into a library call. Every matrix is          *|
|* row-major with unit stride along its rows; `ld*` is the distance in        *|
|* elements between two rows, `stride*` the distance between two matrices of  *|
|* a batch. With `accumulate` 0 the product overwrites C (C is not read),     *|
|* otherwise it is added to C (likewise a convolution's output).              *|
|*                                                                            *|
|* Every call computes the exact result of the generated code (f32: up to     *|
|* rounding; int8: bit-exact, modulo 2^32): where oneDNN cannot deliver it    *|
|* (a failed primitive, int8 kernels that saturate on this CPU), the shim     *|
|* falls back to a slower exact path, it never aborts.                        *|
\*===----------------------------------------------------------------------===*/

#ifndef TESSERA_RUNTIME_DNNLKERNELS_H
#define TESSERA_RUNTIME_DNNLKERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every symbol of the shim starts with this prefix: the runtime links the
 * shim into a JIT or an artifact only when the module calls one of them. */
#define TESSERA_DNNL_SYMBOL_PREFIX "tessera_dnnl_"
#define TESSERA_DNNL_LIBRARY_NAME "libtessera_dnnl.so"

/* C[MxN] (+)= A[MxK] * B[KxN], f32. */
void tessera_dnnl_sgemm(int64_t M, int64_t N, int64_t K, const float *A,
                        int64_t lda, const float *B, int64_t ldb, float *C,
                        int64_t ldc, int32_t accumulate);

/* C[b] (+)= A[b] * B[b] for b < batch, f32. */
void tessera_dnnl_sgemm_batched(int64_t batch, int64_t M, int64_t N,
                                int64_t K, const float *A, int64_t strideA,
                                int64_t lda, const float *B, int64_t strideB,
                                int64_t ldb, float *C, int64_t strideC,
                                int64_t ldc, int32_t accumulate);

/* C[MxN] (+)= (A - a_zero_point) * (B - b_zero_point), int8 inputs, int32
 * accumulation and result (wrapping modulo 2^32 like the generated code).
 * A is int8 (s8s8) or uint8 (u8s8); B is int8. */
void tessera_dnnl_gemm_s8s8s32(int64_t M, int64_t N, int64_t K,
                               const int8_t *A, int64_t lda,
                               int32_t a_zero_point, const int8_t *B,
                               int64_t ldb, int32_t b_zero_point, int32_t *C,
                               int64_t ldc, int32_t accumulate);
void tessera_dnnl_gemm_u8s8s32(int64_t M, int64_t N, int64_t K,
                               const uint8_t *A, int64_t lda,
                               int32_t a_zero_point, const int8_t *B,
                               int64_t ldb, int32_t b_zero_point, int32_t *C,
                               int64_t ldc, int32_t accumulate);

/* How int8 GEMMs run on this CPU, decided on first use by checking oneDNN
 * against plain loops on extreme and mixed values: "dnnl" (oneDNN's u8s8 or
 * s8s8 GEMM is exact: CPUs with VNNI), "dnnl-split" (without VNNI oneDNN's
 * kernels saturate pairs of products to 16 bits; the unsigned A, or s8 A +
 * 128, is split into 7 high bits and 1 low bit, two exact u8s8 GEMMs) or
 * "reference" (plain loops). Zero points are applied as rank-1 corrections
 * around oneDNN's GEMM. `unsigned_a` asks about u8s8, else s8s8. */
const char *tessera_dnnl_int8_strategy(int32_t unsigned_a);

/* output[N][F][OH][OW] (+)= sum over c, kh, kw of
 *   input[N][C][oh * SH + kh * DH][ow * SW + kw * DW] * filter[F][C][kh][kw],
 * f32, every tensor contiguous in that order (linalg.conv_2d_nchw_fchw
 * without padding; strides SH, SW and dilations DH, DW are 1 when absent).
 * OH = (H - DH (KH - 1) - 1) / SH + 1, likewise OW: rows and columns of the
 * input that no output reads are allowed. */
void tessera_dnnl_conv2d_nchw_fchw(int64_t N, int64_t C, int64_t H, int64_t W,
                                   int64_t F, int64_t KH, int64_t KW,
                                   int64_t OH, int64_t OW, int64_t SH,
                                   int64_t SW, int64_t DH, int64_t DW,
                                   const float *input, const float *filter,
                                   float *output, int32_t accumulate);

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_RUNTIME_DNNLKERNELS_H */
