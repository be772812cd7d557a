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
//   tessera-compile model.mlir --target=webgpu -o DIR [--entry F]
//
// webgpu: a directory with one WGSL module per kernel, the constants and a
// manifest (docs/WebGPUArtifact.md) that the JS runtime tessera-web runs.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/GPUTargets.h"
#include "tessera/Runtime/KernelBinaries.h"
#include "tessera/Runtime/Signature.h"
#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Target/WebGPU/WebGPUArtifact.h"

#include "tessera/InitAllTessera.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"

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
static cl::opt<std::string> outputPath("o", cl::desc("Output artifact"));
static cl::opt<std::string> target("target", cl::init("cpu"),
                                   cl::desc("Target: cpu, vulkan, cuda, webgpu"));
static cl::opt<std::string> entryName(
    "entry", cl::desc("webgpu: the function to compile (default: the only "
                      "public one)"));
static cl::opt<int64_t> blockSize(
    "block-size", cl::init(64),
    cl::desc("webgpu: threads per workgroup (at most "
             "--wgsl-max-invocations)"));
static cl::opt<bool> printTuningSpace(
    "print-tuning-space",
    cl::desc("Print each CPU kernel's class, knobs and pruned tuning space "
             "on this host (what --tune in tessera-run measures) and exit "
             "without writing an artifact"));
static cl::list<int64_t> webgpuVariants(
    "webgpu-variants", cl::CommaSeparated,
    cl::desc("webgpu: also compile every kernel for these workgroup sizes "
             "and ship them as variants that tessera-web can tune among on "
             "the client (e.g. 32,64,128,256)"));
static cl::opt<int64_t> wgslMaxInvocations(
    "wgsl-max-invocations", cl::init(256),
    cl::desc("webgpu: the device's maxComputeInvocationsPerWorkgroup"));
static cl::opt<int64_t> wgslMaxStorageBuffers(
    "wgsl-max-storage-buffers", cl::init(8),
    cl::desc("webgpu: the device's maxStorageBuffersPerShaderStage"));
static cl::opt<int64_t> wgslMaxWorkgroupStorage(
    "wgsl-max-workgroup-storage", cl::init(16384),
    cl::desc("webgpu: the device's maxComputeWorkgroupStorageSize (bytes)"));
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

/// A context with the compiler's dialects, whose diagnostics print as
/// "location: error: message" lines (without the op dump).
static std::unique_ptr<mlir::MLIRContext> createContext() {
  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  context->printOpOnDiagnostic(false);
  context->getDiagEngine().registerHandler([](mlir::Diagnostic &diag) {
    errs() << diag.getLocation() << ": "
           << (diag.getSeverity() == mlir::DiagnosticSeverity::Error
                   ? "error: "
                   : "note: ")
           << diag << "\n";
    for (mlir::Diagnostic &note : diag.getNotes())
      errs() << note.getLocation() << ": note: " << note << "\n";
    return mlir::success();
  });
  return context;
}

/// The input model, parsed; null after printing why not.
static mlir::OwningOpRef<mlir::ModuleOp> readInput(mlir::MLIRContext &context) {
  auto buffer = MemoryBuffer::getFile(inputPath);
  if (!buffer) {
    die("cannot open " + inputPath + ": " + buffer.getError().message());
    return nullptr;
  }
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      parseModule(context, (*buffer)->getBuffer(), inputPath, error);
  if (!module)
    die(error);
  return module;
}

/// --print-tuning-space: the CPU pipeline's first passes (the kernels the
/// tuner sees), then tessera-print-tuning-space for this host.
static int printCPUTuningSpace() {
  std::unique_ptr<mlir::MLIRContext> context = createContext();
  mlir::OwningOpRef<mlir::ModuleOp> module = readInput(*context);
  if (!module)
    return 1;
  mlir::registerAllPasses();
  mlir::tessera::registerAllTesseraPasses();
  std::string ignored;
  bool library = !findDnnlLibrary(ignored).empty();
  mlir::tessera::CPUPipelineOptions options =
      mlir::tessera::CPUPipelineOptions::fromEnvironment();
  options.threads = numThreads;
  std::string pipeline = mlir::tessera::getCPUPipelinePrefixText(options) +
                         ",tessera-print-tuning-space{library=" +
                         (library ? "true" : "false") + "}";
  mlir::PassManager pm(context.get());
  std::string pipelineError;
  raw_string_ostream pipelineStream(pipelineError);
  if (failed(mlir::parsePassPipeline(pipeline, pm, pipelineStream)))
    return die("cannot build the pipeline: " + pipelineError);
  if (failed(pm.run(*module)))
    return die("cannot analyze " + inputPath);
  outs().flush();
  return 0;
}

/// --target=webgpu: the artifact directory.
static int compileForWebGPU() {
  if (sys::fs::equivalent(inputPath, outputPath))
    return die("the output " + outputPath + " would overwrite the input");
  std::unique_ptr<mlir::MLIRContext> context = createContext();
  mlir::OwningOpRef<mlir::ModuleOp> module = readInput(*context);
  if (!module)
    return 1;
  mlir::tessera::WebGPUPipelineOptions pipeline;
  pipeline.blockSize = blockSize;
  pipeline.maxStorageBuffers = wgslMaxStorageBuffers;
  mlir::tessera::WebGPUArtifactOptions options;
  options.wgsl.maxInvocationsPerWorkgroup = wgslMaxInvocations;
  options.wgsl.maxStorageBuffers = wgslMaxStorageBuffers;
  options.wgsl.maxWorkgroupStorageBytes = wgslMaxWorkgroupStorage;
  options.generator = "tessera-compile";
  if (blockSize < 1 || blockSize > wgslMaxInvocations)
    return die("--block-size must be between 1 and --wgsl-max-invocations (" +
               std::to_string(wgslMaxInvocations) + ")");
  if (failed(mlir::tessera::compileWebGPUArtifact(
          *module, entryName, outputPath, pipeline, options,
          SmallVector<int64_t>(webgpuVariants.begin(), webgpuVariants.end()))))
    return die("cannot compile " + inputPath + " for WebGPU");
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "Tessera compiler: model to artifact\n");
  if (printTuningSpace)
    return printCPUTuningSpace();
  if (outputPath.empty())
    return die("no output: give -o (a .so for cpu/vulkan/cuda, a directory "
               "for webgpu)");
  if (target == "webgpu")
    return compileForWebGPU();
  tessera_target targetKind;
  if (!parseTarget(target, targetKind))
    return die("unknown target '" + target +
               "' (known: cpu, vulkan, cuda, webgpu)");
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
  for (FunctionSignature &sig : signatures)
    sig.packedWordBits = packedWordBits(targetKind);
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
