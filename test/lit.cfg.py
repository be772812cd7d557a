# -*- Python -*-
# lit configuration of Tessera's regression tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "TESSERA"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tessera_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "README.md", "lit.cfg.py",
                   "lit.site.cfg.py", "Unit"]

# Tests of the library path (oneDNN calls at run time) need libtessera_dnnl.so.
if config.tessera_enable_dnnl:
    config.available_features.add("dnnl")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%tessera_src_root", config.tessera_src_root))
config.substitutions.append(("%cc", os.path.join(config.llvm_tools_dir, "clang")))
# Debian's interpreter: it sees python3-numpy (the pyenv python3 does not).
config.substitutions.append(("%python", "/usr/bin/python3"))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.tessera_tools_dir, config.llvm_tools_dir]
tools = ["tessera-opt", "tessera-run", "tessera-compile",
         "tessera-embed-example"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
