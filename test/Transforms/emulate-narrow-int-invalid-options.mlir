// RUN: not tessera-opt %s --tessera-emulate-narrow-int="container-bits=16" 2>&1 | FileCheck %s --check-prefix=CONTAINER
// RUN: not tessera-opt %s --tessera-emulate-narrow-int="narrow-bits=8" 2>&1 | FileCheck %s --check-prefix=WIDE
// RUN: not tessera-opt %s --tessera-emulate-narrow-int="container-bits=32 narrow-bits=3" 2>&1 | FileCheck %s --check-prefix=ODD
// RUN: not tessera-opt %s --tessera-emulate-narrow-int="narrow-bits=1" 2>&1 | FileCheck %s --check-prefix=BOOL

// CONTAINER: error: tessera-emulate-narrow-int: container-bits=16 is not 8 or 32
// WIDE: error: tessera-emulate-narrow-int: narrow-bits=8 cannot be packed in 8-bit words
// ODD: error: tessera-emulate-narrow-int: narrow-bits=3 cannot be packed in 32-bit words
// An i1 takes a byte: in bytes, there is nothing to pack.
// BOOL: error: tessera-emulate-narrow-int: narrow-bits=1 cannot be packed in 8-bit words
func.func @f(%m: memref<4xi8>) {
  return
}
