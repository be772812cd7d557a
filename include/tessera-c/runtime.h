/*===- tessera-c/runtime.h - Tessera's embeddable runtime, C API ---------===*\
|*                                                                            *|
|* Load a model (MLIR text or bytecode, or a .so made by tessera-compile),    *|
|* look up a function and call it with tensor views. Every call returns a     *|
|* status; on failure tessera_last_error() tells what went wrong (per thread, *|
|* until the next failing call). No call aborts on bad input.                 *|
|*                                                                            *|
|* Thread safety: distinct contexts are independent; a loaded function may    *|
|* be invoked from several threads at once. Loading into one context is       *|
|* serialized internally.                                                     *|
\*===----------------------------------------------------------------------===*/

#ifndef TESSERA_C_RUNTIME_H
#define TESSERA_C_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tessera_status {
  TESSERA_OK = 0,
  TESSERA_INVALID_ARGUMENT = 1, /* null pointer, arity, dtype or shape */
  TESSERA_NOT_FOUND = 2,        /* missing file, unknown function */
  TESSERA_INVALID_IR = 3,       /* the module does not parse or verify */
  TESSERA_COMPILE_ERROR = 4,    /* lowering or code generation failed */
  TESSERA_IO_ERROR = 5,         /* reading or writing a file failed */
  TESSERA_UNSUPPORTED = 6,      /* valid but not supported (e.g. a target) */
  TESSERA_RUNTIME_ERROR = 7     /* the device failed to run compiled code */
} tessera_status;

/* Element types. In tensor views, i4/u4 tensors hold one value per byte
 * (i4 sign-extended to [-8, 7], u4 in [0, 15]; inputs are read from the low
 * nibble). Compiled code stores them packed two per byte (element 2k in the
 * low nibble of byte k, 2k+1 in the high one): tessera_function_invoke packs
 * inputs and unpacks results at the call boundary. */
typedef enum tessera_dtype {
  TESSERA_F32 = 0,
  TESSERA_F64 = 1,
  TESSERA_I32 = 2,
  TESSERA_I64 = 3,
  TESSERA_I8 = 4,
  TESSERA_U8 = 5,
  TESSERA_I4 = 6,
  TESSERA_U4 = 7,
  TESSERA_I1 = 8, /* one byte per value, 0 or 1 */
  TESSERA_C64 = 9 /* complex<f32>: interleaved re, im */
} tessera_dtype;

/* Where compiled code runs. GPU targets need their runtime library
 * (libtessera_vulkan_rt.so, libtessera_cuda_rt.so, next to the tools in
 * <prefix>/lib) and a device: tessera_context_create fails with
 * TESSERA_UNSUPPORTED and says why ("no Vulkan device: ...") otherwise. */
typedef enum tessera_target {
  TESSERA_TARGET_CPU = 0,
  TESSERA_TARGET_VULKAN = 1, /* SPIR-V compute shaders through Vulkan 1.1 */
  TESSERA_TARGET_CUDA = 2    /* PTX/cubin through the CUDA driver API */
} tessera_target;

/* A tensor view: shape in elements; strides in elements (NULL = row-major
 * contiguous). Inputs are read, outputs are written in place. */
typedef struct tessera_tensor {
  tessera_dtype dtype;
  int32_t rank;
  const int64_t *shape;
  const int64_t *strides;
  void *data;
} tessera_tensor;

typedef struct tessera_context tessera_context;
typedef struct tessera_module tessera_module;
typedef struct tessera_function tessera_function;

/* The message of the last failing call on this thread ("" if none). */
const char *tessera_last_error(void);
const char *tessera_status_name(tessera_status status);
const char *tessera_dtype_name(tessera_dtype dtype);
size_t tessera_dtype_size(tessera_dtype dtype);

tessera_status tessera_context_create(tessera_target target,
                                      tessera_context **out);
void tessera_context_destroy(tessera_context *context);
/* The target of a context, and the device it runs on: "cpu", or the GPU's
 * name as its driver reports it (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"). */
tessera_target tessera_context_target(const tessera_context *context);
const char *tessera_context_device(const tessera_context *context);

/* Sets an option of the modules that `context` compiles from MLIR after the
 * call (artifacts of tessera-compile keep the choices they were compiled
 * with). Options:
 *   "library-calls"      comma-separated op kinds that call oneDNN
 *                        instead of generated code: "matmul" (f32),
 *                        "batch_matmul" (f32), "qmatmul" (int8 GEMMs with
 *                        i32 accumulation), "conv" (f32 NCHW convolutions),
 *                        "all", "none" (the default)
 *   "library-min-flops"  only ops of at least this many FLOPs (2*M*N*K per
 *                        matrix, 2 per multiply-add of a convolution) call
 *                        oneDNN; default 0
 *   "threads"            threads of the generated code's parallel loops
 *                        (big ops are split into one slice per thread);
 *                        "0" (default): OpenMP's default, OMP_NUM_THREADS
 *                        if set, else every hardware thread; "1": single-
 *                        threaded code
 *   "tuning"             "on" / "off" (default): tune the CPU kernels of
 *                        each module compiled from MLIR (every candidate of
 *                        their pruned tuning spaces is compiled and timed
 *                        on the module's shapes, the best one is used;
 *                        cached results are reused without measuring);
 *                        on Vulkan, the GPU mapping's configurations
 *                        (docs/GPUTuning.md) on the whole module
 *   "tuning-budget"      seconds of measuring per module; default "10"
 *   "tuning-cache"       the persistent cache file; "" (default):
 *                        $XDG_CACHE_HOME/tessera/tuning.json (else
 *                        ~/.cache/tessera/tuning.json); "none": in memory
 *                        only
 *   "tuning-compile-threads"  threads that compile the CPU candidates side
 *                        by side (nothing is timed meanwhile); "0"
 *                        (default): the hardware threads, at most 4
 *   "tuning-functions"   comma-separated public functions to tune for (the
 *                        ones the application runs): only their kernels
 *                        are measured and only their run time is compared;
 *                        on the CPU the others' kernels keep the default
 *                        config, on Vulkan the chosen mapping applies to
 *                        the whole module. "" (default): every public
 *                        function. A name the module lacks fails its load
 *                        with TESSERA_INVALID_ARGUMENT.
 * An unknown name or value gives TESSERA_INVALID_ARGUMENT; library calls in
 * a build without oneDNN give TESSERA_UNSUPPORTED. */
tessera_status tessera_context_set_option(tessera_context *context,
                                          const char *name, const char *value);

/* Loads a module from a file: .mlir / .mlirbc (compiled with the JIT) or a
 * shared library made by `tessera-compile --target=cpu`. */
tessera_status tessera_module_load_file(tessera_context *context,
                                        const char *path, tessera_module **out);
/* Loads a module from MLIR text or bytecode in memory. */
tessera_status tessera_module_load_source(tessera_context *context,
                                          const char *data, size_t size,
                                          tessera_module **out);
void tessera_module_destroy(tessera_module *module);

/* What tuning did for a module compiled with "tuning" on: per kernel its
 * class, space sizes, candidates measured, default and best times and the
 * chosen config ("cached" when it came from the cache), then the seconds
 * spent; warnings (e.g. a corrupt cache, ignored) first. "" if the module
 * was not tuned. Owned by the module. */
const char *tessera_module_tuning_report(const tessera_module *module);

/* Merges the tuned configs of a cache file into the context's in-memory
 * cache (entries of other devices or compiler versions are skipped).
 * TESSERA_NOT_FOUND if there is no file, TESSERA_IO_ERROR naming the
 * problem if it is corrupt (it is then moved aside to <path>.corrupt and
 * ignored). */
tessera_status tessera_context_load_tuning_cache(tessera_context *context,
                                                 const char *path);
/* Writes the context's cache into `path`, merged with the file's entries,
 * atomically (a temporary file renamed) under a lock (<path>.lock). */
tessera_status tessera_context_save_tuning_cache(tessera_context *context,
                                                 const char *path);

size_t tessera_module_num_functions(const tessera_module *module);
const char *tessera_module_function_name(const tessera_module *module,
                                         size_t index);

/* The returned function lives as long as its module. */
tessera_status tessera_module_lookup(tessera_module *module, const char *name,
                                     tessera_function **out);

size_t tessera_function_num_inputs(const tessera_function *function);
size_t tessera_function_num_results(const tessera_function *function);
/* Describes input/result `index`: dtype, rank and shape (owned by the
 * function). */
tessera_status tessera_function_input(const tessera_function *function,
                                      size_t index, tessera_dtype *dtype,
                                      int32_t *rank, const int64_t **shape);
tessera_status tessera_function_result(const tessera_function *function,
                                       size_t index, tessera_dtype *dtype,
                                       int32_t *rank, const int64_t **shape);

/* Runs the function: `inputs` must match its inputs in number, dtype and
 * shape; results are written into `outputs` (caller-allocated, matching the
 * results' dtypes and shapes). */
tessera_status tessera_function_invoke(tessera_function *function,
                                       const tessera_tensor *inputs,
                                       size_t num_inputs,
                                       const tessera_tensor *outputs,
                                       size_t num_outputs);

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_C_RUNTIME_H */
