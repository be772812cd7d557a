"""same_npy.py DIR_A DIR_B COUNT: in<i>.npy, i < COUNT, are equal in both
directories (dtype, shape and every value, bit for bit)."""
import sys

import numpy as np

a, b, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    x, y = np.load("%s/in%d.npy" % (a, i)), np.load("%s/in%d.npy" % (b, i))
    if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
        sys.exit("in%d.npy differs: %s %s vs %s %s" % (i, x.dtype, x.shape, y.dtype, y.shape))
    print("in%d.npy: %s %s min %s max %s" % (i, x.dtype, list(x.shape),
                                             x.real.min() if x.size else "-", x.real.max() if x.size else "-"))
print("%d inputs identical" % count)
