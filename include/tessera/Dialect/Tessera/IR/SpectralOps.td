//===- SpectralOps.td - Fourier Neural Operator ops --------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_SPECTRALOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_SPECTRALOPS_TD

def Tessera_SpectralConvOp : Tessera_Op<"spectral_conv", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Fourier Neural Operator spectral convolution";
  let description = [{
    Computes `y = irfftn(R . rfftn(x)) + bias` over the `d` trailing spatial
    dimensions of `x : [B, Cin, N1..Nd]` (d = 1, 2 or 3). For every kept
    frequency k the channels are mixed by a complex matrix:
    `Y[b, o, k] = sum_i X[b, i, k] * W[i, o, k]`; every other frequency is 0.

    The weight is a `complex<f32>` tensor `[Cin, Cout, K1..Kd]`. Which
    frequencies are kept, and so the mode extents `Kj`, follows `convention`
    and the per-dimension `modes`:

    * `corners` (the original FNO code), `modes = m`: on non-last dims the
      frequencies `0..m-1` then `-m..-1` (K = 2m, positive block first; the
      concatenation of the original code's per-corner weights along the
      non-last mode dims); on the last dim `0..m-1` (K = m). Requires
      `2m <= N` on non-last dims and `m <= N/2 + 1` on the last.
    * `centered` (neuraloperator library), `modes = M` total modes: non-last
      dims keep `K = min(M, N)` bins, frequencies `-floor(K/2) .. ceil(K/2)-1`
      in ascending order (fftshift order); the last dim keeps
      `min(M/2 + 1, N/2 + 1)` bins from 0.

    The inverse transform treats the last dim as the half spectrum of a real
    signal: the imaginary parts of bin 0 and, for even N, of bin N/2 are
    ignored, as by every C2R FFT. `fft_norm` (`backward` by default,
    `forward`, `ortho`) has numpy's meaning. `out_shape` resamples the output
    to other spatial extents by zero-padding or truncating the spectrum, each
    kept frequency placed at its true signed position. `bias` (`[Cout]`) is
    added to every output point. Spatial extents must be static; the batch
    may be dynamic.

    Example (Darcy FNO layer, width 32, 12 modes):

    ```mlir
    %y = tessera.spectral_conv corners %x, %w, bias %b modes [12, 12]
        : (tensor<8x32x64x64xf32>, tensor<32x32x24x12xcomplex<f32>>,
           tensor<32xf32>) -> tensor<8x32x64x64xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_ComplexTensor:$weight,
    Optional<Tessera_F32Tensor>:$bias,
    Tessera_SpectralConventionAttr:$convention,
    DenseI64ArrayAttr:$modes,
    DefaultValuedAttr<Tessera_FFTNormAttr, "::mlir::tessera::FFTNorm::backward">:$fft_norm,
    OptionalAttr<DenseI64ArrayAttr>:$out_shape);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    `` $convention $input `,` $weight (`,` `bias` $bias^)? `modes` $modes
    (`out_shape` $out_shape^)? (`fft_norm` `` $fft_norm^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Number of transformed (trailing spatial) dimensions.
    unsigned getNumSpatialDims() { return getModes().size(); }
    /// Extent of the weight's mode dimension `dim` implied by the convention,
    /// the modes and the spatial extent `n` of that dimension.
    static int64_t getModeExtent(SpectralConvention convention, int64_t mode,
                                 int64_t n, bool isLastDim);
  }];
}

def Tessera_FactorizedWeightOp : Tessera_Op<"factorized_weight", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Dense spectral weight built from tensor factors (TFNO)";
  let description = [{
    Reconstructs the dense spectral weight `W : [Cin, Cout, K1..Kd]` of a
    tensorized FNO (TFNO / MG-TFNO) from its factors, so that a factorized
    model is a `factorized_weight` feeding `spectral_conv`. All operands and
    the result share their element type (`f32` or `complex<f32>`).

    * `cp`: `weights [r]`, factors `[Cin, r] [Cout, r] [K1, r] .. [Kd, r]`;
      `W[i,o,k..] = sum_r w[r] * A[i,r] * B[o,r] * F1[k1,r] * ..`.
    * `tucker`: core `[ri, ro, r1..rd]`, factors `[Cin, ri] [Cout, ro]
      [Kj, rj]`; `W = core x_0 A x_1 B x_2 F1 ..` (mode products).
    * `tt`: cores `[1, Cin, r1] [r1, Cout, r2] .. [rd+1, Kd, 1]`; W is the
      product of the tensor-train cores.

    ```mlir
    %w = tessera.factorized_weight cp %lambda, %fi, %fo, %f1, %f2
        : (tensor<4xcomplex<f32>>, tensor<32x4xcomplex<f32>>,
           tensor<32x4xcomplex<f32>>, tensor<24x4xcomplex<f32>>,
           tensor<12x4xcomplex<f32>>) -> tensor<32x32x24x12xcomplex<f32>>
    ```
  }];
  let arguments = (ins
    Tessera_FactorizationAttr:$factorization,
    Variadic<Tessera_F32OrComplexTensor>:$factors);
  let results = (outs Tessera_F32OrComplexTensor:$output);
  let assemblyFormat = [{
    `` $factorization $factors attr-dict `:` functional-type($factors, results)
  }];
  let hasVerifier = 1;
}

#endif // TESSERA_DIALECT_TESSERA_IR_SPECTRALOPS_TD
