//===- Passes.td - Tessera conversion passes ---------------*- tablegen -*-===//

#ifndef TESSERA_CONVERSION_PASSES_TD
#define TESSERA_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def TesseraToLinalg : Pass<"tessera-to-linalg"> {
  let summary = "Decompose tessera ops into linalg, tensor, arith and math";
  let description = [{
    Rewrites every tessera operation into upstream ops on tensors, exactly
    following the operator semantics: spectral convolutions become truncated
    DFT contractions with constant DFT matrices, quantized ops keep integer
    semantics (round half to even, saturation, int32 accumulation), binary
    ops use XNOR-popcount over bit-packed words. The result is consumed by
    every target's pipeline. Ops that cannot be lowered (for example a
    dynamic extent the decomposition needs statically) are reported as
    errors naming the op.
  }];
  let options = [
    Option<"binaryWordBits", "binary-word-bits", "unsigned", /*default=*/"64",
           "Width of the words the binary ops pack sign bits into: 64, or "
           "32 for targets without 64-bit integers (WebGPU)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def GPUKernelsToSPIRV : Pass<"tessera-gpu-kernels-to-spirv",
                              "::mlir::ModuleOp"> {
  let summary = "Convert GPU kernels to SPIR-V modules nested in their "
                "gpu.module";
  let description = [{
    Converts every `gpu.module` that has a `#spirv.target_env` target into a
    `spirv.module` placed inside it, where `gpu-module-to-binary` (the
    SPIR-V target) finds and serializes it. Upstream's
    `convert-gpu-to-spirv` places the SPIR-V module of Vulkan (Shader)
    targets next to the `gpu.module` instead, and converts only gpu, scf,
    arith, memref and func ops; kernels here also use math (as GLSL
    extended instructions), complex (as `vector<2xT>`), cf, index and ub
    ops. Kernel arguments become storage buffers: argument i at
    descriptor set 0, binding i (scalars as one-member structs); workgroup
    attributions become Workgroup variables (SPIR-V has no attributions,
    upstream's GPUToSPIRV does not convert them). Ops that
    SPIR-V lacks are expanded first (arith-expand's patterns for signed
    floor/ceil divisions and min/max, polynomial approximations of
    `math.erf`/`math.erfc`, sign extensions of i2/i4 values, which SPIR-V
    emulates in i32, through i32); others that have no SPIR-V lowering are
    reported with their name. Unsigned integer types (ui8 tensors, bridged
    to signless arith by `unrealized_conversion_cast`) become signless in
    kernels, where those casts fold away.
  }];
  let options = [
    Option<"use64bitIndex", "use-64bit-index", "bool", /*default=*/"false",
           "Lower the index type to i64 instead of i32">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::spirv::SPIRVDialect",
    "::mlir::vector::VectorDialect"
  ];
}

#endif // TESSERA_CONVERSION_PASSES_TD
