//===- TesseraEnums.td - Enumerations of the tessera dialect -*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_TESSERAENUMS_TD
#define TESSERA_DIALECT_TESSERA_IR_TESSERAENUMS_TD

include "tessera/Dialect/Tessera/IR/TesseraDialect.td"
include "mlir/IR/EnumAttr.td"

class Tessera_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<Tessera_Dialect, info, mnemonic>;

def Tessera_SpectralConvention : I32EnumAttr<"SpectralConvention",
    "which Fourier modes a spectral convolution keeps", [
      I32EnumAttrCase<"corners", 0>,
      I32EnumAttrCase<"centered", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_SpectralConventionAttr
    : Tessera_EnumAttr<Tessera_SpectralConvention, "convention">;

def Tessera_FFTNorm : I32EnumAttr<"FFTNorm",
    "normalisation of a discrete Fourier transform pair (numpy's meaning)", [
      I32EnumAttrCase<"backward", 0>,
      I32EnumAttrCase<"forward", 1>,
      I32EnumAttrCase<"ortho", 2>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_FFTNormAttr : Tessera_EnumAttr<Tessera_FFTNorm, "fft_norm">;

def Tessera_Factorization : I32EnumAttr<"Factorization",
    "tensor factorization of a spectral weight", [
      I32EnumAttrCase<"cp", 0>,
      I32EnumAttrCase<"tucker", 1>,
      I32EnumAttrCase<"tt", 2>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_FactorizationAttr
    : Tessera_EnumAttr<Tessera_Factorization, "factorization">;

def Tessera_KroneckerMode : I32EnumAttr<"KroneckerMode",
    "which attention inputs a Kronecker attention operator summarises", [
      I32EnumAttrCase<"kv", 0>,
      I32EnumAttrCase<"qkv", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_KroneckerModeAttr
    : Tessera_EnumAttr<Tessera_KroneckerMode, "kronecker_mode">;

def Tessera_QuadraticVariant : I32EnumAttr<"QuadraticVariant",
    "form of a quadratic neuron", [
      I32EnumAttrCase<"fan", 0>,
      I32EnumAttrCase<"compact", 1>,
      I32EnumAttrCase<"square", 2>,
      I32EnumAttrCase<"power", 3>,
      I32EnumAttrCase<"product", 4>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_QuadraticVariantAttr
    : Tessera_EnumAttr<Tessera_QuadraticVariant, "quadratic_variant">;

def Tessera_PauVersion : I32EnumAttr<"PauVersion",
    "denominator of a Pade activation unit", [
      I32EnumAttrCase<"safe", 0>,
      I32EnumAttrCase<"abs", 1>,
      I32EnumAttrCase<"unsafe", 2>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_PauVersionAttr : Tessera_EnumAttr<Tessera_PauVersion, "pau_version">;

def Tessera_PadeVariant : I32EnumAttr<"PadeVariant",
    "form of a Pade neuron (PAON)", [
      I32EnumAttrCase<"abs", 0>,
      I32EnumAttrCase<"smooth", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_PadeVariantAttr : Tessera_EnumAttr<Tessera_PadeVariant, "pade_variant">;

def Tessera_WeightTransform : I32EnumAttr<"WeightTransform",
    "function whose sign binarises the weights of a binary op", [
      I32EnumAttrCase<"sign", 0>,
      I32EnumAttrCase<"periodic", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tessera";
}
def Tessera_WeightTransformAttr
    : Tessera_EnumAttr<Tessera_WeightTransform, "weight_transform">;

#endif // TESSERA_DIALECT_TESSERA_IR_TESSERAENUMS_TD
