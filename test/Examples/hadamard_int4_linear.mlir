// RUN: tessera-opt %tessera_src_root/examples/hadamard_int4_linear.mlir | tessera-opt | FileCheck %tessera_src_root/examples/hadamard_int4_linear.mlir
// RUN: tessera-opt %tessera_src_root/examples/hadamard_int4_linear.mlir --mlir-print-op-generic | tessera-opt --verify-each | FileCheck %tessera_src_root/examples/hadamard_int4_linear.mlir
