// RUN: tessera-opt %tessera_src_root/examples/kronecker_attention_block.mlir | tessera-opt | FileCheck %tessera_src_root/examples/kronecker_attention_block.mlir
// RUN: tessera-opt %tessera_src_root/examples/kronecker_attention_block.mlir --mlir-print-op-generic | tessera-opt --verify-each | FileCheck %tessera_src_root/examples/kronecker_attention_block.mlir
