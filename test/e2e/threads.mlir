// The example models with every op cut into thread slices, however small
// (parallel-min-work=1): the slices run as OpenMP parallel loops on 2
// threads (the JIT, and the AOT artifact linked with libomp), against the
// same references as test/e2e/models.mlir. 3 slices exercise the choice of
// a loop that 3 divides.
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/fno2d.mlir --entry fno2d --golden models:fno2d --workdir %t --aot --metric l2 --rtol 1e-4 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=3 parallel-min-work=1" %check --model %tessera_src_root/examples/fno2d.mlir --entry fno2d --golden models:fno2d --workdir %t --metric l2 --rtol 1e-4 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/fasternet_block.mlir --entry fasternet_block --golden models:fasternet_block --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/kronecker_attention_block.mlir --entry kronecker_attention_block_qkv --golden models:kronecker_attention_block_qkv --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/pau_mlp.mlir --entry pau_mlp --golden models:pau_mlp --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/hadamard_int4_linear.mlir --entry hadamard_int4_linear --golden models:hadamard_int4_linear --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/xnor_conv.mlir --entry xnor_conv --golden models:xnor_conv --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/quadratic_conv_block.mlir --entry quadratic_conv_block --golden models:quadratic_conv_block --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="parallel-chunks=2 parallel-min-work=1" %check --model %tessera_src_root/examples/paon_block.mlir --entry paon_block --golden models:paon_block --workdir %t --rtol 1e-4 --atol 1e-5 --extra-args=--num-threads=2
