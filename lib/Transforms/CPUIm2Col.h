//===- CPUIm2Col.h - Windowed convolutions as im2col GEMMs ------*- C++ -*-===//
//
// Part of tessera-cpu-tile-and-vectorize: an f32 NCHW convolution with a
// window larger than 1x1 becomes a copy of its input patches and a GEMM
// that the contraction tiling vectorizes. Internal to the pass.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_TRANSFORMS_CPUIM2COL_H
#define TESSERA_LIB_TRANSFORMS_CPUIM2COL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tessera {

/// Rewrites `conv` (static, f32) as the patches of its input,
/// P[n, c, kh, kw, oh, ow] = in[n, c, oh * sh + kh * dh, ow * sw + kw * dw],
/// viewed as [N, C*KH*KW, OH*OW], and a contraction with the filter viewed
/// as [F, C*KH*KW]: out[n, f, p] += W[f, r] * P[n, r, p]. The patches are
/// copied one filter position at a time, as a (strided) window of the input
/// whose rows are contiguous when the stride is 1; upstream's
/// rewriteInIm2Col writes [N, C*KH*KW, OH*OW] element by element, each
/// element's input position computed by divisions (p into oh, ow; r into c,
/// kh, kw), as scalar loads. The filter positions are shared among the
/// threads when `parallel`.
/// Fails on dynamic shapes and element types other than f32.
LogicalResult convolutionToIm2Col(RewriterBase &rewriter,
                                  linalg::Conv2DNchwFchwOp conv, bool parallel);

} // namespace mlir::tessera

#endif // TESSERA_LIB_TRANSFORMS_CPUIM2COL_H
