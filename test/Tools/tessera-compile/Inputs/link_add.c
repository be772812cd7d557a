/* Links a tessera-compile artifact directly through its generated header. */
#include "libadd.h"

#include <stdio.h>

int main(void) {
  float a[6], b[6], y[6];
  for (int i = 0; i < 6; ++i) {
    a[i] = (float)i;
    b[i] = 0.25f * (float)i;
  }
  add_in0_t in0 = {a, a, 0, {2, 3}, {3, 1}};
  add_in1_t in1 = {b, b, 0, {2, 3}, {3, 1}};
  add_out0_t out0 = {y, y, 0, {2, 3}, {3, 1}};
  _mlir_ciface_add(&in0, &in1, &out0);
  for (int i = 0; i < 6; ++i)
    printf("%g%s", y[i], i == 5 ? "\n" : " ");
  printf("%s", tessera_manifest);
  return 0;
}
