//===- tessera-compile.cpp - Compile a model to a deployable artifact -----===//
//
//   tessera-compile model.mlir --target=cpu -o libmodel.so [--header model.h]
//       [--library-calls matmul,batch_matmul,qmatmul,conv]
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

#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/GPUTargets.h"
#include "tessera/Runtime/KernelBinaries.h"
#include "tessera/Runtime/Signature.h"
#include "tessera/Target/WebGPU/WebGPUArtifact.h"
#include "tessera/Transforms/GPUTuningSpace.h"

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

/// The tool's own options: --help lists these (and the generic ones), not
/// every option of the LLVM and MLIR libraries linked in.
static cl::OptionCategory toolOptions("tessera-compile options");

static cl::opt<std::string> inputPath(cl::cat(toolOptions), cl::Positional,
                                      cl::Required, cl::desc("<model.mlir>"));
static cl::opt<std::string> outputPath(cl::cat(toolOptions), "o",
                                       cl::desc("Output artifact"));
static cl::opt<std::string>
    target(cl::cat(toolOptions), "target", cl::init("cpu"),
           cl::desc("Target: cpu, vulkan, cuda, webgpu"));
static cl::opt<std::string>
    entryName(cl::cat(toolOptions), "entry",
              cl::desc("webgpu: the function to compile (default: the only "
                       "public one)"));
static cl::opt<int64_t>
    blockSize(cl::cat(toolOptions), "block-size", cl::init(64),
              cl::desc("webgpu: threads per workgroup (at most "
                       "--wgsl-max-invocations)"));
static cl::opt<bool> printTuningSpace(
    cl::cat(toolOptions), "print-tuning-space",
    cl::desc("Print each kernel's class, knobs and pruned tuning space "
             "(what --tune in tessera-run measures) and exit without "
             "writing an artifact: the CPU's on this host, or with "
             "--target=vulkan|cuda|webgpu the GPU mapping's on the device "
             "(see --gpu-max-invocations)"));
static cl::opt<int64_t> gpuMaxInvocations(
    cl::cat(toolOptions), "gpu-max-invocations", cl::init(0),
    cl::desc("--print-tuning-space on a GPU target: describe a device with "
             "this many invocations per workgroup (default: the Vulkan "
             "device's, WebGPU's --wgsl-max-invocations)"));
static cl::opt<int64_t> gpuMaxWorkgroupBytes(
    cl::cat(toolOptions), "gpu-max-workgroup-bytes", cl::init(0),
    cl::desc("--print-tuning-space on a GPU target: the device's workgroup "
             "memory in bytes"));
static cl::opt<int64_t> gpuSubgroupSize(
    cl::cat(toolOptions), "gpu-subgroup-size", cl::init(-1),
    cl::desc("--print-tuning-space on a GPU target: the device's subgroup "
             "size (0: unknown)"));
static cl::list<std::string> webgpuVariants(
    cl::cat(toolOptions), "webgpu-variants", cl::CommaSeparated,
    cl::desc("webgpu: also compile every kernel for these workgroup sizes "
             "and ship them as variants that tessera-web can tune among on "
             "the client (e.g. 32,64,128,256); 'space': the points of the "
             "GPU tuning space pruned by the --wgsl-* limits (block size x "
             "coarsening for loop nests, tile / K-depth / outputs per "
             "thread for matmuls; --print-tuning-space --target=webgpu "
             "lists them), at most --webgpu-variants-max per kernel"));
static cl::opt<unsigned> webgpuVariantsMax(
    cl::cat(toolOptions), "webgpu-variants-max", cl::init(24),
    cl::desc("webgpu: with --webgpu-variants=space, the most variants per "
             "kernel (the best points of each kernel class by the space's "
             "cost model)"));
static cl::opt<int64_t> wgslMaxInvocations(
    cl::cat(toolOptions), "wgsl-max-invocations", cl::init(256),
    cl::desc("webgpu: the device's maxComputeInvocationsPerWorkgroup"));
static cl::opt<int64_t> wgslMaxStorageBuffers(
    cl::cat(toolOptions), "wgsl-max-storage-buffers", cl::init(8),
    cl::desc("webgpu: the device's maxStorageBuffersPerShaderStage"));
static cl::opt<int64_t> wgslMaxWorkgroupStorage(
    cl::cat(toolOptions), "wgsl-max-workgroup-storage", cl::init(16384),
    cl::desc("webgpu: the device's maxComputeWorkgroupStorageSize (bytes)"));
static cl::opt<std::string> dumpKernels(
    cl::cat(toolOptions), "dump-kernels",
    cl::desc("Also write every GPU kernel module into this directory: "
             "<name>.ptx (cuda), <name>.spv (vulkan)"),
    cl::value_desc("dir"));
static cl::opt<std::string>
    headerPath(cl::cat(toolOptions), "header",
               cl::desc("Where to write the C header (default: the output "
                        "with a .h extension)"));

static cl::opt<std::string> libraryCalls(
    cl::cat(toolOptions), "library-calls",
    cl::desc("Op kinds that call oneDNN (libtessera_dnnl.so, linked with an "
             "rpath) instead of generated code: matmul, batch_matmul, "
             "qmatmul, conv, all, none (comma-separated; default none)"));
static cl::opt<unsigned> numThreads(
    cl::cat(toolOptions), "num-threads", cl::init(0),
    cl::desc("Threads of the parallel loops (0: OpenMP's default at run "
             "time, OMP_NUM_THREADS or every hardware thread)"));
static cl::opt<long long> libraryMinFlops(
    cl::cat(toolOptions), "library-min-flops", cl::init(0),
    cl::desc("Only GEMMs and convolutions of at least this many FLOPs call "
             "oneDNN"));

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
           << (diag.getSeverity() == mlir::DiagnosticSeverity::Error ? "error: "
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
  std::string pipeline =
      mlir::tessera::getCPUPipelinePrefixText(options) +
      ",tessera-print-tuning-space{library=" + (library ? "true" : "false") +
      "}";
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

/// --print-tuning-space --target=vulkan|cuda|webgpu: the GPU prefix's first
/// passes (linalg on tensors), then tessera-print-gpu-tuning-space for the
/// device: the Vulkan device's limits (WebGPU's defaults where there is
/// none), the --wgsl-* limits for WebGPU, overridden by --gpu-*.
static int printGPUTuningSpace(bool webgpu) {
  std::unique_ptr<mlir::MLIRContext> context = createContext();
  mlir::OwningOpRef<mlir::ModuleOp> module = readInput(*context);
  if (!module)
    return 1;
  mlir::registerAllPasses();
  mlir::tessera::registerAllTesseraPasses();
  mlir::tessera::GPUDeviceLimits limits;
  if (webgpu) {
    limits.maxInvocations = wgslMaxInvocations;
    limits.maxWorkgroupBytes = wgslMaxWorkgroupStorage;
  } else if (target == "vulkan") {
    std::string library, device, error, fingerprint;
    void *handle = nullptr;
    if (!probeGPUTarget(TESSERA_TARGET_VULKAN, library, handle, device,
                        error) ||
        !queryGPUDevice(handle, limits, fingerprint, error))
      errs() << "tessera-compile: note: no Vulkan device to query (" << error
             << "): WebGPU's default limits\n";
  }
  if (gpuMaxInvocations > 0)
    limits.maxInvocations = gpuMaxInvocations;
  if (gpuMaxWorkgroupBytes > 0)
    limits.maxWorkgroupBytes = gpuMaxWorkgroupBytes;
  if (gpuSubgroupSize >= 0)
    limits.subgroupSize = gpuSubgroupSize;
  std::string pipeline =
      "tessera-to-linalg,func.func(tosa-to-linalg-named,tosa-to-linalg,"
      "tosa-to-arith,tosa-to-tensor,convert-elementwise-to-linalg),"
      "canonicalize,func.func(linalg-fuse-elementwise-ops),"
      "tessera-print-gpu-tuning-space{" +
      limits.str() + "}";
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
  pipeline.maxWorkgroupThreads = wgslMaxInvocations;
  pipeline.maxWorkgroupBytes = wgslMaxWorkgroupStorage;
  bool spaceVariants = llvm::is_contained(webgpuVariants, "space");
  if (!spaceVariants) {
    SmallVector<int64_t> blockSizes;
    for (const std::string &text : webgpuVariants) {
      int64_t size;
      if (StringRef(text).getAsInteger(10, size))
        return die("--webgpu-variants: '" + text +
                   "' is neither a workgroup size nor 'space'");
      blockSizes.push_back(size);
    }
    if (failed(mlir::tessera::compileWebGPUArtifact(
            *module, entryName, outputPath, pipeline, options, blockSizes)))
      return die("cannot compile " + inputPath + " for WebGPU");
    return 0;
  }
  if (webgpuVariants.size() != 1)
    return die("--webgpu-variants=space takes no workgroup sizes besides");
  // The whole-module configurations of the space: each kernel gets the
  // points of its own class (the other class's knobs stay at the
  // default's), those whose WGSL differs shipped.
  mlir::tessera::GPUDeviceLimits limits;
  limits.maxInvocations = wgslMaxInvocations;
  limits.maxWorkgroupBytes = wgslMaxWorkgroupStorage;
  std::vector<mlir::tessera::GPUTuningPoint> space =
      mlir::tessera::gpuModuleTuningSpace(
          true, true, limits, std::max<size_t>(1, webgpuVariantsMax));
  // The default: --block-size with the space's first matmul tiling (the
  // untuned one, or the best that fits a device too small for it).
  mlir::tessera::GPUTuningPoint base = space.front();
  base.blockSize = pipeline.blockSize;
  base.coarsening = pipeline.coarsening;
  base.applyTo(pipeline);
  SmallVector<mlir::tessera::WebGPUPipelineOptions> variants;
  std::vector<std::string> configs;
  for (mlir::tessera::GPUTuningPoint point : space) {
    mlir::tessera::WebGPUPipelineOptions variant = pipeline;
    point.applyTo(variant);
    if (point == base)
      continue;
    variants.push_back(variant);
    configs.push_back(point.str());
  }
  if (failed(mlir::tessera::compileWebGPUArtifactWithVariants(
          *module, entryName, outputPath, pipeline, options, variants,
          configs)))
    return die("cannot compile " + inputPath + " for WebGPU");
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(toolOptions);
  cl::ParseCommandLineOptions(argc, argv,
                              "Tessera compiler: model to artifact\n");
  if (printTuningSpace)
    return target == "cpu" ? printCPUTuningSpace()
                           : printGPUTuningSpace(target == "webgpu");
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
    return die("cannot open " + inputPath + ": " + buffer.getError().message());

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
  auto libraryConfig =
      mlir::tessera::LibraryCallsConfig::parse(libraryCalls, error);
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
  std::unique_ptr<TargetMachine> tm =
      createHostTargetMachine(/*forSharedLibrary=*/true, error);
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
