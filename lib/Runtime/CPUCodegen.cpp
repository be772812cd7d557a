//===- CPUCodegen.cpp - From a tessera module to CPU code -----------------===//

#include "tessera/Runtime/CPUCodegen.h"

#include "tessera/InitAllTessera.h"
#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Runtime/BufferPool.h"
#include "tessera/Runtime/DnnlKernels.h"
#include "tessera/Runtime/HostOptimizer.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"

#include <cstdlib>
#include <mutex>

using namespace mlir;

namespace tessera::runtime {

namespace {
/// Prints "file:line:col: " like a compiler, or the location as MLIR does.
void printLocation(llvm::raw_ostream &os, Location loc) {
  if (auto fileLoc = loc->findInstanceOf<FileLineColLoc>())
    os << fileLoc.getFilename().getValue() << ":" << fileLoc.getLine() << ":"
       << fileLoc.getColumn() << ": ";
  else
    os << loc << ": ";
}

/// Collects diagnostics as "file:line:col: error: message" lines.
class DiagnosticCollector {
public:
  DiagnosticCollector(MLIRContext &context, std::string &sink)
      : handler(&context, [&sink](Diagnostic &diag) {
          llvm::raw_string_ostream os(sink);
          if (!sink.empty())
            os << "\n";
          printLocation(os, diag.getLocation());
          switch (diag.getSeverity()) {
          case DiagnosticSeverity::Error:
            os << "error: ";
            break;
          case DiagnosticSeverity::Warning:
            os << "warning: ";
            break;
          default:
            os << "note: ";
          }
          os << diag;
          for (Diagnostic &note : diag.getNotes()) {
            os << "\n";
            printLocation(os, note.getLocation());
            os << "note: " << note;
          }
          return success();
        }) {}

private:
  ScopedDiagnosticHandler handler;
};

void initializeNativeTarget() {
  static bool done = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)done;
}
} // namespace

void registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  mlir::tessera::registerAllTesseraDialects(registry);
}

OwningOpRef<ModuleOp> parseModule(MLIRContext &context, llvm::StringRef source,
                                  llvm::StringRef bufferName,
                                  std::string &error) {
  DiagnosticCollector collector(context, error);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(source, bufferName), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module && error.empty())
    error = "cannot parse " + bufferName.str();
  return module;
}

void registerCompilerPasses() {
  // Pipelines are spelled in mlir-opt syntax: register every pass once.
  static std::once_flag registered;
  std::call_once(registered, [] {
    registerAllPasses();
    ::mlir::tessera::registerAllTesseraPasses();
  });
}

PipelineOutcome runPipelineVerifyingOnce(PassManager &pm, ModuleOp module) {
  const char *value = std::getenv("TESSERA_VERIFY_EACH");
  bool verifyEach = value && *value && llvm::StringRef(value) != "0";
  pm.enableVerifier(verifyEach);
  if (failed(pm.run(module)))
    return PipelineOutcome::PassFailed;
  if (!verifyEach && failed(verify(module)))
    return PipelineOutcome::InvalidOutput;
  return PipelineOutcome::Succeeded;
}

bool lowerToLLVMDialect(ModuleOp module, std::string &error,
                        const ::mlir::tessera::LibraryCallsConfig &libraryCalls,
                        int64_t threads) {
  DiagnosticCollector collector(*module.getContext(), error);
  registerCompilerPasses();
  PassManager pm(module.getContext());
  std::string pipelineError;
  llvm::raw_string_ostream pipelineStream(pipelineError);
  std::string environmentError;
  auto options =
      ::mlir::tessera::CPUPipelineOptions::fromEnvironment(&environmentError);
  if (!environmentError.empty()) {
    // A TESSERA_CPU_CODEGEN that does not parse is the caller's error.
    error = environmentError;
    return false;
  }
  options.libraryCalls = libraryCalls;
  options.threads = threads;
  if (failed(::mlir::tessera::buildCPUPipeline(pm, options, pipelineStream))) {
    error = "internal error: the CPU pipeline does not parse: " + pipelineError;
    return false;
  }
  switch (runPipelineVerifyingOnce(pm, module)) {
  case PipelineOutcome::Succeeded:
    return true;
  case PipelineOutcome::InvalidOutput:
    error = "internal error: the CPU pipeline produced invalid IR (" + error +
            "); TESSERA_VERIFY_EACH=1 names the pass";
    return false;
  case PipelineOutcome::PassFailed:
    break;
  }
  if (error.empty())
    error = "the CPU pipeline failed";
  return false;
}

std::string findDnnlLibrary(std::string &error) {
  if (const char *env = std::getenv("TESSERA_DNNL_LIBRARY"); env && *env) {
    if (llvm::sys::fs::exists(env))
      return env;
    error = std::string("TESSERA_DNNL_LIBRARY names ") + env +
            ", which does not exist";
    return "";
  }
  // <prefix>/bin/<tool> -> <prefix>/lib/libtessera_dnnl.so
  static int anchor;
  std::string executable = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  if (!executable.empty()) {
    llvm::SmallString<256> candidate(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)));
    llvm::sys::path::append(candidate, "lib", TESSERA_DNNL_LIBRARY_NAME);
    if (llvm::sys::fs::exists(candidate))
      return std::string(candidate);
  }
#ifdef TESSERA_DNNL_SHIM_PATH
  if (llvm::sys::fs::exists(TESSERA_DNNL_SHIM_PATH))
    return TESSERA_DNNL_SHIM_PATH;
  error =
      "the module calls oneDNN (library-calls), but " TESSERA_DNNL_SHIM_PATH
      " is missing (set TESSERA_DNNL_LIBRARY to " TESSERA_DNNL_LIBRARY_NAME ")";
#else
  error = "the module calls oneDNN (library-calls), but this build of Tessera "
          "has no " TESSERA_DNNL_LIBRARY_NAME " (oneDNN, libdnnl-dev, was not "
          "found at configure time)";
#endif
  return "";
}

/// Whether lowered code calls the oneDNN shim.
static bool callsDnnl(ModuleOp module) {
  bool found = false;
  module.walk([&](LLVM::LLVMFuncOp func) {
    if (func.isExternal() &&
        func.getName().starts_with(TESSERA_DNNL_SYMBOL_PREFIX))
      found = true;
  });
  return found;
}

/// Whether lowered code has parallel loops (OpenMP ops, before translation).
static bool usesOpenMP(ModuleOp module) {
  bool found = false;
  module.walk([&](Operation *op) {
    if (op->getName().getDialectNamespace() == "omp") {
      found = true;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

/// Whether translated code calls the OpenMP runtime.
static bool usesOpenMP(const llvm::Module &module) {
  for (const llvm::Function &f : module)
    if (f.isDeclaration() && !f.use_empty() &&
        f.getName().starts_with("__kmpc_"))
      return true;
  return false;
}

static bool callsDnnl(const llvm::Module &module) {
  for (const llvm::Function &f : module)
    if (f.isDeclaration() && !f.use_empty() &&
        f.getName().starts_with(TESSERA_DNNL_SYMBOL_PREFIX))
      return true;
  return false;
}

std::unique_ptr<llvm::TargetMachine>
createHostTargetMachine(bool forSharedLibrary, std::string &error) {
  initializeNativeTarget();
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) {
    error = llvm::toString(builder.takeError());
    return nullptr;
  }
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  if (forSharedLibrary) {
    builder->setRelocationModel(llvm::Reloc::PIC_);
    builder->setCodeModel(llvm::CodeModel::Small);
  }
  auto tm = builder->createTargetMachine();
  if (!tm) {
    error = llvm::toString(tm.takeError());
    return nullptr;
  }
  return std::move(*tm);
}

/// Adds `void tessera_entry_<name>(void **args)` that calls
/// `_mlir_ciface_<name>(args[0], ..., args[n-1])`: every parameter of the C
/// interface is a pointer to a memref descriptor (inputs, then results as
/// out-parameters).
static bool addEntryPoint(llvm::Module &module, const FunctionSignature &sig,
                          std::string &error) {
  std::string ciface = "_mlir_ciface_" + sig.name;
  llvm::Function *callee = module.getFunction(ciface);
  if (!callee) {
    error = "no C interface was generated for function '" + sig.name + "'";
    return false;
  }
  size_t expected = sig.inputs.size() + sig.results.size();
  if (callee->arg_size() != expected) {
    error = "function '" + sig.name + "' lowered to " +
            std::to_string(callee->arg_size()) + " parameters, expected " +
            std::to_string(expected) + " (inputs + results)";
    return false;
  }
  llvm::LLVMContext &ctx = module.getContext();
  auto *ptrType = llvm::PointerType::getUnqual(ctx);
  auto *entryType =
      llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptrType}, false);
  auto *entry =
      llvm::Function::Create(entryType, llvm::GlobalValue::ExternalLinkage,
                             kEntryPrefix + sig.name, module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", entry));
  llvm::SmallVector<llvm::Value *> args;
  for (size_t i = 0; i < expected; ++i) {
    llvm::Value *slot = b.CreateConstGEP1_64(ptrType, entry->getArg(0), i);
    args.push_back(b.CreateLoad(ptrType, slot));
  }
  b.CreateCall(callee, args);
  b.CreateRetVoid();
  return true;
}

std::unique_ptr<llvm::Module>
translateToLLVMIR(ModuleOp module, llvm::LLVMContext &llvmContext,
                  const std::vector<FunctionSignature> &signatures,
                  bool embedManifest, std::string &error) {
  DiagnosticCollector collector(*module.getContext(), error);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "tessera");
  if (!llvmModule) {
    if (error.empty())
      error = "translation to LLVM IR failed";
    return nullptr;
  }
  for (const FunctionSignature &sig : signatures)
    if (!addEntryPoint(*llvmModule, sig, error))
      return nullptr;
  if (embedManifest) {
    auto *text = llvm::ConstantDataArray::getString(
        llvmContext, serializeManifest(signatures), /*AddNull=*/true);
    new llvm::GlobalVariable(*llvmModule, text->getType(), /*isConstant=*/true,
                             llvm::GlobalValue::ExternalLinkage, text,
                             kManifestSymbol);
  }
  return llvmModule;
}

std::unique_ptr<ExecutionEngine>
createJIT(ModuleOp module, const std::vector<FunctionSignature> &signatures,
          std::string &error, const std::vector<std::string> &extraLibraries) {
  std::unique_ptr<llvm::TargetMachine> tm =
      createHostTargetMachine(/*forSharedLibrary=*/false, error);
  if (!tm)
    return nullptr;
  // The transformer is a function_ref: keep the optimizer alive here.
  llvm::TargetMachine *hostMachine = tm.get();
  auto optimize = [hostMachine](llvm::Module *llvmModule) {
    optimizeForHost(*llvmModule, hostMachine);
    return llvm::Error::success();
  };
  std::string buildError;
  auto buildModule = [&](Operation *op, llvm::LLVMContext &ctx) {
    return translateToLLVMIR(cast<ModuleOp>(op), ctx, signatures,
                             /*embedManifest=*/false, buildError);
  };
  ExecutionEngineOptions options;
  llvm::SmallVector<llvm::StringRef, 2> sharedLibraries;
  bool dnnl = callsDnnl(module);
  // Parallel loops run on LLVM's OpenMP runtime. Loaded first (and
  // globally, as every library of the JIT) whenever oneDNN is used too:
  // Debian's oneDNN is built against GNU OpenMP, and its calls then bind to
  // LLVM's runtime (which implements GNU's ABI) instead of a second thread
  // pool; two pools spinning on two cores made a model mixing library calls
  // and parallel loops 60x slower (a 0.09 ms model ran 5.7 ms).
  if (dnnl || usesOpenMP(module))
    sharedLibraries.push_back(TESSERA_OPENMP_LIBRARY_PATH);
  // Code with library calls resolves them in the oneDNN shim.
  std::string dnnlLibrary;
  if (dnnl) {
    dnnlLibrary = findDnnlLibrary(error);
    if (dnnlLibrary.empty())
      return nullptr;
    sharedLibraries.push_back(dnnlLibrary);
  }
  for (const std::string &library : extraLibraries)
    sharedLibraries.push_back(library);
  options.sharedLibPaths = sharedLibraries;
  options.llvmModuleBuilder = buildModule;
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  options.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(module, options, std::move(tm));
  if (!engine) {
    error = llvm::toString(engine.takeError());
    if (!buildError.empty())
      error = buildError;
    return nullptr;
  }
  // Temporaries come from the runtime's buffer pool (BufferPool.h).
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto bind = [&](llvm::StringRef name, void *address) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
    };
    bind("_mlir_memref_to_llvm_alloc",
         reinterpret_cast<void *>(&_mlir_memref_to_llvm_alloc));
    bind("_mlir_memref_to_llvm_aligned_alloc",
         reinterpret_cast<void *>(&_mlir_memref_to_llvm_aligned_alloc));
    bind("_mlir_memref_to_llvm_free",
         reinterpret_cast<void *>(&_mlir_memref_to_llvm_free));
    return symbols;
  });
  return std::move(*engine);
}

std::string findFirstProgram(const std::vector<std::string> &candidates) {
  for (const std::string &candidate : candidates) {
    // findProgramByName returns a name with a '/' as it is, whether or not
    // the file exists.
    if (llvm::StringRef(candidate).contains('/')) {
      if (llvm::sys::fs::can_execute(candidate) &&
          !llvm::sys::fs::is_directory(candidate))
        return candidate;
      continue;
    }
    if (auto found = llvm::sys::findProgramByName(candidate))
      return *found;
  }
  return "";
}

bool emitSharedLibrary(llvm::Module &llvmModule, llvm::TargetMachine &tm,
                       llvm::StringRef path, std::string &error,
                       const std::vector<std::string> &extraLibraries) {
  llvmModule.setDataLayout(tm.createDataLayout());
  llvmModule.setTargetTriple(tm.getTargetTriple());
  optimizeForHost(llvmModule, &tm);

  llvm::SmallString<128> objectPath;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("tessera", "o", objectPath)) {
    error = "cannot create a temporary object file: " + ec.message();
    return false;
  }
  llvm::FileRemover removeObject(objectPath);
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(objectPath, ec, llvm::sys::fs::OF_None);
    if (ec) {
      error = "cannot write " + objectPath.str().str() + ": " + ec.message();
      return false;
    }
    llvm::legacy::PassManager codegen;
    if (tm.addPassesToEmitFile(codegen, os, nullptr,
                               llvm::CodeGenFileType::ObjectFile)) {
      error = "the target cannot emit object files";
      return false;
    }
    codegen.run(llvmModule);
  }

  // Link with the C compiler driver, which knows the system's libc and libm.
  std::string driver = findFirstProgram({TESSERA_CLANG_PATH, "clang-22", "cc"});
  if (driver.empty()) {
    error = "no C compiler driver found to link the shared library "
            "(looked for " TESSERA_CLANG_PATH ", clang-22, cc)";
    return false;
  }
  std::string output = path.str();
  llvm::SmallVector<llvm::StringRef> argv = {
      driver, "-shared", "-fuse-ld=lld", "-o", output, objectPath, "-lm"};
  // Parallel loops: LLVM's OpenMP runtime, found through an rpath too;
  // needed before the oneDNN shim whenever that is too, so that oneDNN's
  // OpenMP calls bind to it and not to a second pool of GNU OpenMP threads
  // (see createJIT).
  bool dnnl = callsDnnl(llvmModule);
  std::string ompRpath;
  if (dnnl || usesOpenMP(llvmModule)) {
    llvm::StringRef omp = TESSERA_OPENMP_LIBRARY_PATH;
    ompRpath = "-Wl,-rpath," + llvm::sys::path::parent_path(omp).str();
    argv.push_back(omp);
    argv.push_back(ompRpath);
  }
  // Library calls: link the oneDNN shim, found at run time through an rpath
  // to its directory (and $ORIGIN, for an artifact deployed next to it).
  std::string dnnlLibrary, rpath;
  if (dnnl) {
    dnnlLibrary = findDnnlLibrary(error);
    if (dnnlLibrary.empty())
      return false;
    llvm::SmallString<256> directory(dnnlLibrary);
    llvm::sys::fs::make_absolute(directory);
    llvm::sys::path::remove_filename(directory);
    rpath = "-Wl,-rpath," + std::string(directory) + ":$ORIGIN";
    argv.push_back(dnnlLibrary);
    argv.push_back(rpath);
  }
  // The buffer pool of the temporaries (BufferPool.h), a copy per artifact.
  argv.push_back(TESSERA_ARTIFACT_SUPPORT_PATH);
  std::vector<std::string> extraRpaths;
  extraRpaths.reserve(extraLibraries.size());
  for (const std::string &library : extraLibraries) {
    llvm::SmallString<256> directory(library);
    llvm::sys::fs::make_absolute(directory);
    llvm::sys::path::remove_filename(directory);
    extraRpaths.push_back("-Wl,-rpath," + std::string(directory));
    argv.push_back(library);
    argv.push_back(extraRpaths.back());
  }
  std::string linkError;
  int rc = llvm::sys::ExecuteAndWait(driver, argv, std::nullopt, {}, 0, 0,
                                     &linkError);
  if (rc != 0) {
    error = "linking " + output + " failed" +
            (linkError.empty() ? "" : ": " + linkError);
    return false;
  }
  return true;
}

static const char *cTypeName(tessera_dtype dtype) {
  switch (dtype) {
  case TESSERA_F32:
    return "float";
  case TESSERA_F64:
    return "double";
  case TESSERA_I32:
    return "int32_t";
  case TESSERA_I64:
    return "int64_t";
  case TESSERA_I8:
  case TESSERA_I4:
    return "int8_t";
  case TESSERA_U8:
  case TESSERA_U4:
  case TESSERA_I1:
    return "uint8_t";
  case TESSERA_C64:
    return "float _Complex";
  }
  return "void";
}

std::string generateCHeader(const std::vector<FunctionSignature> &sigs,
                            llvm::StringRef guardName) {
  std::string h;
  llvm::raw_string_ostream os(h);
  os << "/* Generated by tessera-compile. Entry points of the compiled model.\n"
        " *\n"
        " * Each function takes one pointer per input, then one per result,\n"
        " * to a memref descriptor { allocated, aligned, offset, sizes[rank],\n"
        " * strides[rank] } (row-major, strides in elements); an i4/u4 tensor\n"
        " * is a rank-1 buffer of ceil(n / 2) bytes holding two values each\n"
        " * (element 2k in the low nibble of byte k). Results are\n"
        " * written into caller-allocated buffers. The packed form\n"
        " * tessera_entry_<name>(void **descriptors) takes the same pointers "
        "in\n"
        " * an array; tessera_manifest describes every signature. */\n";
  os << "#ifndef " << guardName << "\n#define " << guardName << "\n\n";
  os << "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << "extern const char tessera_manifest[];\n\n";
  for (const FunctionSignature &sig : sigs) {
    os << "/* " << sig.name << ": ";
    for (size_t i = 0; i < sig.inputs.size(); ++i)
      os << (i ? ", " : "") << sig.inputs[i].str();
    os << " -> ";
    for (size_t i = 0; i < sig.results.size(); ++i)
      os << (i ? ", " : "") << sig.results[i].str();
    os << " */\n";
    auto descriptor = [&](const TensorSpec &spec, const std::string &name) {
      // i4/u4 tensors are passed packed two per byte: a rank-1 descriptor of
      // ceil(n / 2) bytes (GPU targets: ceil(n / 8) 32-bit words), whatever
      // the tensor's rank.
      bool packed = spec.dtype == TESSERA_I4 || spec.dtype == TESSERA_U4;
      size_t rank = packed ? 1 : spec.shape.size();
      int64_t perWord = sig.packedWordBits / 4;
      int64_t words = (spec.numElements() + perWord - 1) / perWord;
      if (packed)
        os << "/* " << spec.str() << " packed two per byte, element 2k in the "
           << "low nibble of byte k: " << words << " "
           << (sig.packedWordBits == 8 ? "bytes" : "little-endian 32-bit words")
           << " */\n";
      const char *wordType = sig.packedWordBits == 8 ? "uint8_t" : "uint32_t";
      os << "typedef struct { " << (packed ? wordType : cTypeName(spec.dtype))
         << " *allocated, *aligned; int64_t offset";
      if (rank)
        os << ", sizes[" << rank << "], strides[" << rank << "]";
      os << "; } " << name << ";\n";
    };
    std::vector<std::string> params;
    for (size_t i = 0; i < sig.inputs.size(); ++i) {
      std::string name = sig.name + "_in" + std::to_string(i) + "_t";
      descriptor(sig.inputs[i], name);
      params.push_back("const " + name + " *in" + std::to_string(i));
    }
    for (size_t i = 0; i < sig.results.size(); ++i) {
      std::string name = sig.name + "_out" + std::to_string(i) + "_t";
      descriptor(sig.results[i], name);
      params.push_back(name + " *out" + std::to_string(i));
    }
    os << "void _mlir_ciface_" << sig.name << "(";
    for (size_t i = 0; i < params.size(); ++i)
      os << (i ? ", " : "") << params[i];
    os << ");\nvoid " << kEntryPrefix << sig.name
       << "(void **descriptors);\n\n";
  }
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guardName << " */\n";
  return h;
}

} // namespace tessera::runtime
