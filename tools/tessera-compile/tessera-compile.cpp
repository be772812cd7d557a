//===- tessera-compile.cpp - Compile a model to a deployable artifact -----===//
//
//   tessera-compile model.mlir --target=cpu -o libmodel.so [--header model.h]
//       [--library-calls matmul,batch_matmul,qmatmul]
//
// cpu: a shared library with one packed entry point per public function
// (tessera_entry_<name>), the C interfaces (_mlir_ciface_<name>), and an
// embedded manifest, loadable by the runtime or linked directly through the
// generated C header.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/GPUTargets.h"
#include "tessera/Runtime/KernelBinaries.h"
#include "tessera/Runtime/Signature.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;
using namespace tessera::runtime;

static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<model.mlir>"));
static cl::opt<std::string> outputPath("o", cl::Required,
                                       cl::desc("Output artifact"));
static cl::opt<std::string> target("target", cl::init("cpu"),
                                   cl::desc("Target: cpu, vulkan, cuda"));
static cl::opt<std::string> dumpKernels(
    "dump-kernels",
    cl::desc("Also write every GPU kernel module into this directory: "
             "<name>.ptx (cuda), <name>.spv (vulkan)"),
    cl::value_desc("dir"));
static cl::opt<std::string> headerPath(
    "header", cl::desc("Where to write the C header (default: the output "
                       "with a .h extension)"));

static cl::opt<std::string> libraryCalls(
    "library-calls",
    cl::desc("GEMM kinds that call oneDNN (libtessera_dnnl.so, linked with an "
             "rpath) instead of generated code: matmul, batch_matmul, "
             "qmatmul, all, none (comma-separated; default none)"));
static cl::opt<unsigned> numThreads(
    "num-threads", cl::init(0),
    cl::desc("Threads of the parallel loops (0: OpenMP's default at run "
             "time, OMP_NUM_THREADS or every hardware thread)"));
static cl::opt<long long> libraryMinFlops(
    "library-min-flops", cl::init(0),
    cl::desc("Only GEMMs of at least this many FLOPs call oneDNN"));

static int die(const std::string &message) {
  errs() << "tessera-compile: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "Tessera compiler: model to artifact\n");
  tessera_target targetKind;
  if (!parseTarget(target, targetKind))
    return die("unknown target '" + target + "' (known: cpu, vulkan, cuda)");
  // A GPU artifact links its target's runtime library (no device needed to
  // compile).
  std::vector<std::string> gpuLibraries;
  if (targetKind != TESSERA_TARGET_CPU) {
    std::string error;
    std::string library = findGPURuntimeLibrary(targetKind, error);
    if (library.empty())
      return die("target " + target + ": " + error);
    gpuLibraries.push_back(library);
  }
  if (sys::fs::equivalent(inputPath, outputPath))
    return die("the output " + outputPath + " would overwrite the input");

  auto buffer = MemoryBuffer::getFile(inputPath);
  if (!buffer)
    return die("cannot open " + inputPath + ": " +
               buffer.getError().message());

  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      parseModule(context, (*buffer)->getBuffer(), inputPath, error);
  if (!module)
    return die(error);
  std::vector<FunctionSignature> signatures;
  if (!collectSignatures(*module, signatures, error))
    return die(error);
  if (signatures.empty())
    return die(inputPath + " has no public function to compile");
  auto libraryConfig = mlir::tessera::LibraryCallsConfig::parse(libraryCalls, error);
  if (!libraryConfig)
    return die(error);
  if (libraryMinFlops < 0)
    return die("--library-min-flops must not be negative");
  libraryConfig->minFlops = libraryMinFlops;
  if (targetKind != TESSERA_TARGET_CPU &&
      !checkGPUSignatures(signatures, targetKind, error))
    return die(error);
  if (targetKind != TESSERA_TARGET_CPU
          ? !lowerToLLVMDialectForGPU(*module, targetKind, error)
          : !lowerToLLVMDialect(*module, error, *libraryConfig, numThreads))
    return die(error);
  if (!dumpKernels.empty()) {
    std::vector<std::string> written;
    if (!writeKernelBinaries(*module, dumpKernels, written, error))
      return die(error);
    if (written.empty() && targetKind != TESSERA_TARGET_CPU)
      return die("--dump-kernels: the module has no GPU kernel");
  }

  LLVMContext llvmContext;
  std::unique_ptr<Module> llvmModule = translateToLLVMIR(
      *module, llvmContext, signatures, /*embedManifest=*/true, error);
  if (!llvmModule)
    return die(error);
  std::unique_ptr<TargetMachine> tm = createHostTargetMachine(/*forSharedLibrary=*/true, error);
  if (!tm)
    return die(error);

  // Write next to the destination, then rename: a failed build never leaves
  // a truncated artifact behind.
  std::string temporary = outputPath + ".tmp";
  if (!emitSharedLibrary(*llvmModule, *tm, temporary, error, gpuLibraries)) {
    sys::fs::remove(temporary);
    return die(error);
  }
  if (std::error_code ec = sys::fs::rename(temporary, outputPath)) {
    sys::fs::remove(temporary);
    return die("cannot write " + outputPath + ": " + ec.message());
  }

  SmallString<256> header(headerPath.empty() ? outputPath : headerPath);
  if (headerPath.empty())
    sys::path::replace_extension(header, ".h");
  std::string guard = "TESSERA_" + sys::path::stem(header).upper() + "_H";
  for (char &c : guard)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  std::error_code ec;
  ToolOutputFile headerFile(header, ec, sys::fs::OF_Text);
  if (ec)
    return die("cannot write " + header.str().str() + ": " + ec.message());
  headerFile.os() << generateCHeader(signatures, guard);
  headerFile.keep();
  return 0;
}
