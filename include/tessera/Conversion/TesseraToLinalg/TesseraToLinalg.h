//===- TesseraToLinalg.h - tessera to linalg patterns -----------*- C++ -*-===//

#ifndef TESSERA_CONVERSION_TESSERATOLINALG_TESSERATOLINALG_H
#define TESSERA_CONVERSION_TESSERATOLINALG_TESSERATOLINALG_H

namespace mlir {
class RewritePatternSet;

namespace tessera {

/// Adds the patterns that decompose every tessera op into linalg, tensor,
/// arith and math ops on tensors. Binary ops pack sign bits into words of
/// `binaryWordBits` (64, or 32 for targets without 64-bit integers).
void populateTesseraToLinalgPatterns(RewritePatternSet &patterns,
                                     unsigned binaryWordBits = 64);

} // namespace tessera
} // namespace mlir

#endif // TESSERA_CONVERSION_TESSERATOLINALG_TESSERATOLINALG_H
