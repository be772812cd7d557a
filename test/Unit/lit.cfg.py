# -*- Python -*-
# Runs the GoogleTest binaries under build/unittests; each test case is one
# lit test.

import os

import lit.formats

config.name = "TESSERA-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.tessera_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(config.llvm_build_mode, "Tests")
