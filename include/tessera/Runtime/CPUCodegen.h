//===- CPUCodegen.h - From a tessera module to CPU code ---------*- C++ -*-===//
//
// Shared by the JIT (runtime) and AOT (tessera-compile) paths: both lower
// with the same pipeline, add the same packed entry points and manifest, and
// optimize at O3 for the host CPU.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_CPUCODEGEN_H
#define TESSERA_RUNTIME_CPUCODEGEN_H

#include "tessera/Runtime/Signature.h"
#include "tessera/Transforms/LibraryCallsConfig.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir {
class DialectRegistry;
class ExecutionEngine;
class MLIRContext;
class ModuleOp;
class PassManager;
template <typename T> class OwningOpRef;
} // namespace mlir

namespace tessera::runtime {

/// Every dialect, interface and translation a model may use.
void registerCompilerDialects(mlir::DialectRegistry &registry);

/// Registers every pass that the pipelines name (once per process).
void registerCompilerPasses();

/// Parses MLIR text or bytecode and verifies it; diagnostics go to `error`.
mlir::OwningOpRef<mlir::ModuleOp> parseModule(mlir::MLIRContext &context,
                                              llvm::StringRef source,
                                              llvm::StringRef bufferName,
                                              std::string &error);

/// How a run of one of the compiler's pipelines ended.
enum class PipelineOutcome { Succeeded, PassFailed, InvalidOutput };

/// Runs `pm` on `module`, verifying the IR after every pass only with
/// $TESSERA_VERIFY_EACH=1 (off by default), else once at the end (the input
/// was verified when it was parsed). Verifying after each of the CPU
/// pipeline's passes was 20-40% of its time on the example models (fno2d:
/// 1.25-1.60 s with, 0.97-0.99 s without), and every candidate that --tune
/// compiles pays it.
PipelineOutcome runPipelineVerifyingOnce(mlir::PassManager &pm,
                                         mlir::ModuleOp module);

/// Runs the CPU pipeline on `module` (in place), with the GEMMs that
/// `libraryCalls` selects turned into calls to libtessera_dnnl.so, and
/// parallel loops for `threads` threads (0: OpenMP's default).
bool lowerToLLVMDialect(
    mlir::ModuleOp module, std::string &error,
    const mlir::tessera::LibraryCallsConfig &libraryCalls = {},
    int64_t threads = 0);

/// The oneDNN shim (libtessera_dnnl.so) that code lowered with library calls
/// needs: $TESSERA_DNNL_LIBRARY if set, else the one next to the running
/// executable (<bin>/../lib), else the one of this build. Empty, with
/// `error` set, if there is none (a build without oneDNN).
std::string findDnnlLibrary(std::string &error);

/// A TargetMachine for the host CPU (its features included). Code for a
/// shared library is position independent with the small code model.
std::unique_ptr<llvm::TargetMachine>
createHostTargetMachine(bool forSharedLibrary, std::string &error);

/// Translates a lowered module to LLVM IR and adds, for every signature, a
/// packed entry point `tessera_entry_<name>(void **descriptors)` calling the
/// C interface, and, if `embedManifest`, the manifest as a global string.
std::unique_ptr<llvm::Module>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                  const std::vector<FunctionSignature> &signatures,
                  bool embedManifest, std::string &error);

/// JIT-compiles a lowered module at O3; the code may call functions of
/// `extraLibraries` (shared libraries, loaded into the process).
std::unique_ptr<mlir::ExecutionEngine>
createJIT(mlir::ModuleOp module,
          const std::vector<FunctionSignature> &signatures, std::string &error,
          const std::vector<std::string> &extraLibraries = {});

/// Optimizes `llvmModule` at O3 for `tm`, emits an object file and links it
/// into the shared library `path` with the system's C compiler driver.
/// `extraLibraries` (e.g. a GPU target's runtime library) are linked too,
/// found at run time through an rpath to their directories.
bool emitSharedLibrary(llvm::Module &llvmModule, llvm::TargetMachine &tm,
                       llvm::StringRef path, std::string &error,
                       const std::vector<std::string> &extraLibraries = {});

/// The first of `candidates` that can be run: a path (with a '/') if it is
/// an executable file, a bare name if it is found on $PATH; "" if none.
/// (The configured clang may be missing where the tools are installed.)
std::string findFirstProgram(const std::vector<std::string> &candidates);

/// A C header declaring the entry points of a compiled library.
std::string generateCHeader(const std::vector<FunctionSignature> &signatures,
                            llvm::StringRef guardName);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_CPUCODEGEN_H
