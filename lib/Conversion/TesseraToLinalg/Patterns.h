//===- Patterns.h - Lowering patterns of each op family ---------*- C++ -*-===//
//
// One populate function per op family, each defined in the family's file,
// so that the lowerings stay small and independent.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_CONVERSION_TESSERATOLINALG_PATTERNS_H
#define TESSERA_LIB_CONVERSION_TESSERATOLINALG_PATTERNS_H

namespace mlir {
class RewritePatternSet;

namespace tessera {
void populateSpectralLoweringPatterns(RewritePatternSet &patterns);
void populateAttentionLoweringPatterns(RewritePatternSet &patterns);
void populatePartialConvLoweringPatterns(RewritePatternSet &patterns);
void populateNeuronLoweringPatterns(RewritePatternSet &patterns);
void populateQuantLoweringPatterns(RewritePatternSet &patterns);
/// `wordBits` (64 or 32): the width of the words sign bits are packed in.
void populateBinaryLoweringPatterns(RewritePatternSet &patterns,
                                    unsigned wordBits);
} // namespace tessera
} // namespace mlir

#endif // TESSERA_LIB_CONVERSION_TESSERATOLINALG_PATTERNS_H
