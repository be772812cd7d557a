//===- LibraryCallsConfig.cpp - Which ops the CPU hands to oneDNN ---------===//

#include "tessera/Transforms/LibraryCallsConfig.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir::tessera;

std::vector<std::string> LibraryCallsConfig::kinds() const {
  std::vector<std::string> names;
  if (matmul)
    names.push_back("matmul");
  if (batchMatmul)
    names.push_back("batch_matmul");
  if (qmatmul)
    names.push_back("qmatmul");
  if (conv)
    names.push_back("conv");
  return names;
}

bool LibraryCallsConfig::selectKinds(llvm::ArrayRef<std::string> names,
                                     std::string &error) {
  for (llvm::StringRef name : names) {
    name = name.trim();
    if (name == "matmul")
      matmul = true;
    else if (name == "batch_matmul")
      batchMatmul = true;
    else if (name == "qmatmul")
      qmatmul = true;
    else if (name == "conv")
      conv = true;
    else if (name == "all")
      matmul = batchMatmul = qmatmul = conv = true;
    else if (name != "none" && !name.empty()) {
      error = "unknown library-calls op kind '" + name.str() +
              "' (known: matmul, batch_matmul, qmatmul, conv, all, none)";
      return false;
    }
  }
  return true;
}

std::optional<LibraryCallsConfig>
LibraryCallsConfig::parse(llvm::StringRef list, std::string &error) {
  llvm::SmallVector<llvm::StringRef> parts;
  list.split(parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> names(parts.begin(), parts.end());
  LibraryCallsConfig config;
  if (!config.selectKinds(names, error))
    return std::nullopt;
  return config;
}

std::string LibraryCallsConfig::toPassOptions() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::vector<std::string> names = kinds();
  if (!names.empty())
    os << "ops=" << llvm::join(names, ",") << " ";
  os << "min-flops=" << minFlops;
  return text;
}
