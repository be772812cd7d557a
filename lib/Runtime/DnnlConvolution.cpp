//===- DnnlConvolution.cpp - libtessera_dnnl.so: convolutions -------------===//
//
// tessera_dnnl_conv2d_nchw_fchw (DnnlKernels.h): oneDNN's convolution
// primitive on the plain NCHW / FCHW tensors of linalg.conv_2d_nchw_fchw.
//
// oneDNN's fast convolutions (brgconv, jit) work on blocked layouts (channels
// in groups of 8 or 16): the primitive is created with layouts left to
// oneDNN, and the operands are reordered into the layouts it picked, on
// every call (the weights too: they are function arguments, not constants;
// at these sizes a reorder is a few percent of the convolution). Measured on
// the Zen 4 host, 32 -> 32 channels 3x3 on 64x64 with two threads: 0.45 ms
// blocked with the reorders, 0.75 ms on the plain layouts, 0.90 ms for the
// generated code. Primitives and reorders are created once per shape and
// accumulation and cached for the life of the process; the blocked copies
// live in buffers of the calling thread, reused across calls.
//
// Falls back to plain loops (with a warning, once) where oneDNN fails.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/DnnlKernels.h"

#include "DnnlShim.h"

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <utility>

using namespace tessera::dnnl_shim;

namespace {

struct ConvKey {
  int64_t n, c, h, w, f, kh, kw, oh, ow, sh, sw, dh, dw;
  bool accumulate;
  auto tied() const {
    return std::tie(n, c, h, w, f, kh, kw, oh, ow, sh, sw, dh, dw, accumulate);
  }
  bool operator<(const ConvKey &o) const { return tied() < o.tied(); }
};

/// The tensors of a convolution: input, filter, output.
enum Operand { Src, Weights, Dst, NumOperands };

struct ConvPrimitive {
  dnnl_primitive_t conv = nullptr;
  /// The plain layouts of the call, and those the primitive wants.
  dnnl_memory_desc_t plain[NumOperands], blocked[NumOperands];
  /// Plain -> blocked (inputs; the output only when accumulating) and
  /// blocked -> plain (the output); null where the layouts are the same.
  dnnl_primitive_t toBlocked[NumOperands] = {}, fromBlocked = nullptr;
  bool reordered[NumOperands] = {};
};

std::mutex cacheMutex;
std::map<ConvKey, ConvPrimitive> cache; // never freed: process lifetime

/// A reorder from `from` to `to`, or null with `status` set.
dnnl_primitive_t createReorder(const dnnl_memory_desc_t &from,
                               const dnnl_memory_desc_t &to,
                               dnnl_status_t &status) {
  dnnl_primitive_desc_t pd = nullptr;
  if ((status = dnnl_reorder_primitive_desc_create(&pd, &from, engine(), &to,
                                                   engine(), nullptr)))
    return nullptr;
  dnnl_primitive_t reorder = nullptr;
  status = dnnl_primitive_create(&reorder, pd);
  dnnl_primitive_desc_destroy(pd);
  return status ? nullptr : reorder;
}

/// Builds `p` for `key`; false (with `status`) if oneDNN cannot.
bool createConvolution(const ConvKey &key, ConvPrimitive &p,
                       dnnl_status_t &status) {
  dnnl_dims_t dims[NumOperands] = {{key.n, key.c, key.h, key.w},
                                   {key.f, key.c, key.kh, key.kw},
                                   {key.n, key.f, key.oh, key.ow}};
  dnnl_format_tag_t tags[NumOperands] = {dnnl_nchw, dnnl_oihw, dnnl_nchw};
  dnnl_memory_desc_t any[NumOperands];
  for (int i = 0; i < NumOperands; ++i)
    if ((status = dnnl_memory_desc_init_by_tag(&p.plain[i], 4, dims[i],
                                               dnnl_f32, tags[i])) ||
        (status = dnnl_memory_desc_init_by_tag(&any[i], 4, dims[i], dnnl_f32,
                                               dnnl_format_tag_any)))
      return false;
  // oneDNN counts dilation from 0 (no gaps); padding on the right may be
  // negative: input rows past the last window are not read.
  dnnl_dims_t strides = {key.sh, key.sw};
  dnnl_dims_t dilates = {key.dh - 1, key.dw - 1};
  dnnl_dims_t padLeft = {0, 0};
  dnnl_dims_t padRight = {
      (key.oh - 1) * key.sh + (key.kh - 1) * key.dh + 1 - key.h,
      (key.ow - 1) * key.sw + (key.kw - 1) * key.dw + 1 - key.w};
  dnnl_convolution_desc_t desc;
  if ((status = dnnl_dilated_convolution_forward_desc_init(
           &desc, dnnl_forward_inference, dnnl_convolution_direct, &any[Src],
           &any[Weights], nullptr, &any[Dst], strides, dilates, padLeft,
           padRight)))
    return false;
  dnnl_primitive_desc_t pd;
  if ((status = createPrimitiveDesc(&desc, key.accumulate, pd)))
    return false;
  dnnl_query_t queries[NumOperands] = {dnnl_query_src_md, dnnl_query_weights_md,
                                       dnnl_query_dst_md};
  for (int i = 0; i < NumOperands; ++i) {
    p.blocked[i] = *dnnl_primitive_desc_query_md(pd, queries[i], 0);
    p.reordered[i] = !dnnl_memory_desc_equal(&p.plain[i], &p.blocked[i]);
  }
  status = dnnl_primitive_create(&p.conv, pd);
  dnnl_primitive_desc_destroy(pd);
  if (status)
    return false;
  for (int i = 0; i < NumOperands; ++i) {
    if (!p.reordered[i] || (i == Dst && !key.accumulate))
      continue;
    if (!(p.toBlocked[i] = createReorder(p.plain[i], p.blocked[i], status)))
      return false;
  }
  if (p.reordered[Dst] &&
      !(p.fromBlocked = createReorder(p.blocked[Dst], p.plain[Dst], status)))
    return false;
  return true;
}

/// Destroys what a failed createConvolution made of `p` (the convolution
/// and any reorders), leaving it null: the failure is cached.
void destroyPrimitives(ConvPrimitive &p) {
  for (dnnl_primitive_t &reorder : p.toBlocked)
    if (reorder)
      dnnl_primitive_destroy(std::exchange(reorder, nullptr));
  if (p.fromBlocked)
    dnnl_primitive_destroy(std::exchange(p.fromBlocked, nullptr));
  if (p.conv)
    dnnl_primitive_destroy(std::exchange(p.conv, nullptr));
}

/// The cached primitive for `key`, created on first use; null if oneDNN
/// cannot make one (the failure is cached too).
const ConvPrimitive *getConvolution(const ConvKey &key, dnnl_status_t &status) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  auto [it, inserted] = cache.try_emplace(key);
  ConvPrimitive &p = it->second;
  if (inserted && (!engine() || !createConvolution(key, p, status))) {
    if (!engine())
      status = dnnl_runtime_error;
    destroyPrimitives(p);
  }
  if (!p.conv) {
    status = inserted ? status : dnnl_runtime_error;
    return nullptr;
  }
  status = dnnl_success;
  return &p;
}

/// A 64-byte aligned buffer of this thread for one blocked operand, grown
/// as needed.
void *threadBuffer(int operand, size_t bytes) {
  struct Buffer {
    std::unique_ptr<void, decltype(&std::free)> data{nullptr, &std::free};
    size_t bytes = 0;
  };
  thread_local Buffer buffers[NumOperands];
  Buffer &buffer = buffers[operand];
  if (buffer.bytes < bytes) {
    size_t rounded = (bytes + 63) / 64 * 64;
    buffer.data.reset(std::aligned_alloc(64, rounded));
    buffer.bytes = buffer.data ? rounded : 0;
  }
  return buffer.data.get();
}

dnnl_status_t runConvolution(const ConvKey &key, const float *input,
                             const float *filter, float *output) {
  dnnl_status_t status;
  const ConvPrimitive *p = getConvolution(key, status);
  if (!p)
    return status;
  dnnl_stream_t s = stream();
  if (!s)
    return dnnl_runtime_error;
  void *user[NumOperands] = {const_cast<float *>(input),
                             const_cast<float *>(filter), output};
  dnnl_memory_t plain[NumOperands] = {}, blocked[NumOperands] = {};
  auto execute = [&](dnnl_primitive_t reorder, dnnl_memory_t from,
                     dnnl_memory_t to) {
    dnnl_exec_arg_t args[] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
    return dnnl_primitive_execute(reorder, s, 2, args);
  };
  status = dnnl_success;
  for (int i = 0; i < NumOperands && !status; ++i) {
    if ((status =
             dnnl_memory_create(&plain[i], &p->plain[i], engine(), user[i])))
      break;
    if (!p->reordered[i]) {
      blocked[i] = plain[i];
      continue;
    }
    void *data = threadBuffer(i, dnnl_memory_desc_get_size(&p->blocked[i]));
    if (!data) {
      status = dnnl_out_of_memory;
      break;
    }
    if ((status =
             dnnl_memory_create(&blocked[i], &p->blocked[i], engine(), data)))
      break;
    if (p->toBlocked[i])
      status = execute(p->toBlocked[i], plain[i], blocked[i]);
  }
  if (!status) {
    dnnl_exec_arg_t args[] = {{DNNL_ARG_SRC, blocked[Src]},
                              {DNNL_ARG_WEIGHTS, blocked[Weights]},
                              {DNNL_ARG_DST, blocked[Dst]}};
    status = dnnl_primitive_execute(p->conv, s, 3, args);
  }
  if (!status && p->fromBlocked)
    status = execute(p->fromBlocked, blocked[Dst], plain[Dst]);
  if (!status)
    status = dnnl_stream_wait(s);
  for (int i = 0; i < NumOperands; ++i) {
    if (blocked[i] && blocked[i] != plain[i])
      dnnl_memory_destroy(blocked[i]);
    if (plain[i])
      dnnl_memory_destroy(plain[i]);
  }
  return status;
}

void referenceConvolution(const ConvKey &k, const float *input,
                          const float *filter, float *output) {
  for (int64_t n = 0; n < k.n; ++n)
    for (int64_t f = 0; f < k.f; ++f)
      for (int64_t oh = 0; oh < k.oh; ++oh)
        for (int64_t ow = 0; ow < k.ow; ++ow) {
          float *out = output + ((n * k.f + f) * k.oh + oh) * k.ow + ow;
          float sum = k.accumulate ? *out : 0.0f;
          for (int64_t c = 0; c < k.c; ++c)
            for (int64_t kh = 0; kh < k.kh; ++kh)
              for (int64_t kw = 0; kw < k.kw; ++kw)
                sum +=
                    input[((n * k.c + c) * k.h + oh * k.sh + kh * k.dh) * k.w +
                          ow * k.sw + kw * k.dw] *
                    filter[((f * k.c + c) * k.kh + kh) * k.kw + kw];
          *out = sum;
        }
}

std::atomic<bool> warnedConvolution{false};

} // namespace

TESSERA_DNNL_EXPORT void tessera_dnnl_conv2d_nchw_fchw(
    int64_t N, int64_t C, int64_t H, int64_t W, int64_t F, int64_t KH,
    int64_t KW, int64_t OH, int64_t OW, int64_t SH, int64_t SW, int64_t DH,
    int64_t DW, const float *input, const float *filter, float *output,
    int32_t accumulate) {
  if (N <= 0 || F <= 0 || OH <= 0 || OW <= 0)
    return;
  ConvKey key{N, C, H, W, F, KH, KW, OH, OW, SH, SW, DH, DW, accumulate != 0};
  if (C > 0 && KH > 0 && KW > 0) {
    dnnl_status_t status = runConvolution(key, input, filter, output);
    if (!status)
      return;
    warnOnce(warnedConvolution, "a convolution primitive", status);
  }
  referenceConvolution(key, input, filter, output);
}
