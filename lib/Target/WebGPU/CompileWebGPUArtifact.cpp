//===- CompileWebGPUArtifact.cpp - tessera-compile --target=webgpu --------===//

#include "tessera/InitAllTessera.h"
#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Target/WebGPU/WebGPUArtifact.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

using namespace mlir;
using namespace mlir::tessera;

LogicalResult mlir::tessera::compileWebGPUArtifact(
    ModuleOp module, StringRef entryName, StringRef dir,
    const WebGPUPipelineOptions &pipelineOptions,
    const WebGPUArtifactOptions &options, ArrayRef<int64_t> variantBlockSizes) {
  SmallVector<WebGPUPipelineOptions> variants;
  for (int64_t blockSize : variantBlockSizes) {
    if (blockSize == pipelineOptions.blockSize)
      continue;
    if (blockSize < 1 || blockSize > options.wgsl.maxInvocationsPerWorkgroup)
      return module.emitError()
             << "variant workgroup size " << blockSize << " is outside 1.."
             << options.wgsl.maxInvocationsPerWorkgroup;
    variants.push_back(pipelineOptions);
    variants.back().blockSize = blockSize;
  }
  return compileWebGPUArtifactWithVariants(module, entryName, dir,
                                           pipelineOptions, options, variants);
}

LogicalResult mlir::tessera::compileWebGPUArtifactWithVariants(
    ModuleOp module, StringRef entryName, StringRef dir,
    const WebGPUPipelineOptions &pipelineOptions,
    const WebGPUArtifactOptions &options,
    ArrayRef<WebGPUPipelineOptions> variantOptions,
    ArrayRef<std::string> variantConfigs) {
  func::FuncOp entry;
  SmallVector<StringRef> publicNames;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal())
      continue;
    publicNames.push_back(func.getName());
    if (func.getName() == entryName || (entryName.empty() && !entry))
      entry = func;
  }
  if (!entryName.empty() && (!entry || entry.getName() != entryName))
    return module.emitError()
           << "no public function '" << entryName << "' to compile for WebGPU";
  if (!entry)
    return module.emitError() << "no public function to compile for WebGPU";
  if (entryName.empty() && publicNames.size() > 1) {
    InFlightDiagnostic diag = module.emitError()
                              << "a WebGPU artifact has one entry function; "
                                 "name it with --entry (public functions:";
    for (StringRef name : publicNames)
      diag << " " << name;
    return diag << ")";
  }
  WebGPUEntry signature;
  if (failed(getWebGPUEntry(entry, signature)))
    return failure();
  // Other public functions would be lowered (and checked) for nothing.
  for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
    if (func.isPublic() && func != entry)
      func.setPrivate();

  static std::once_flag registered;
  std::call_once(registered, [] {
    registerAllPasses();
    registerAllTesseraPasses();
  });
  auto lower = [&](ModuleOp target,
                   const WebGPUPipelineOptions &lowering) -> LogicalResult {
    PassManager pm(target.getContext());
    std::string pipelineError;
    llvm::raw_string_ostream pipelineStream(pipelineError);
    if (failed(buildWebGPUPipeline(pm, lowering, pipelineStream)))
      return target.emitError()
             << "cannot build the WebGPU pipeline: " << pipelineError;
    return pm.run(target);
  };
  // Variants first, from copies of the module before it is lowered.
  SmallVector<OwningOpRef<ModuleOp>> variants;
  for (const WebGPUPipelineOptions &lowering : variantOptions) {
    variants.push_back(module.clone());
    if (failed(lower(*variants.back(), lowering)))
      return failure();
  }
  if (failed(lower(module, pipelineOptions)))
    return failure();
  SmallVector<ModuleOp> variantModules;
  for (OwningOpRef<ModuleOp> &variant : variants)
    variantModules.push_back(*variant);
  return writeWebGPUArtifact(module, signature, dir, options, variantModules,
                             variantConfigs);
}
