# Small helpers shared by the Tessera CMake files.
#
# With MLIR_LINK_MLIR_DYLIB, mlir_target_link_libraries() replaces every
# library it is given by libMLIR.so, so Tessera's own libraries must be
# linked with target_link_libraries() beside it.

# tessera_add_tool(name sources... [LINK own-libs...] [MLIR_LINK mlir-libs...])
# An LLVM-style executable in bin/ (no exceptions, no RTTI changes).
function(tessera_add_tool name)
  cmake_parse_arguments(ARG "" "" "LINK;MLIR_LINK" ${ARGN})
  add_llvm_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  llvm_update_compile_flags(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LINK})
  if(ARG_MLIR_LINK)
    mlir_target_link_libraries(${name} PRIVATE ${ARG_MLIR_LINK})
  endif()
endfunction()
