//===- TesseraToLinalg.h - tessera to linalg patterns -----------*- C++ -*-===//

#ifndef TESSERA_CONVERSION_TESSERATOLINALG_TESSERATOLINALG_H
#define TESSERA_CONVERSION_TESSERATOLINALG_TESSERATOLINALG_H

namespace mlir {
class RewritePatternSet;

namespace tessera {

/// Adds the patterns that decompose every tessera op into linalg, tensor,
/// arith and math ops on tensors.
void populateTesseraToLinalgPatterns(RewritePatternSet &patterns);

} // namespace tessera
} // namespace mlir

#endif // TESSERA_CONVERSION_TESSERATOLINALG_TESSERATOLINALG_H
