# Reference: per-operation overhead on 10-element numpy arrays, 100k times
# each in a top-level loop: x[2:5], W @ x (10x10), x.reshape(2, 5); and a
# 100-row slice X[k:k+100] of a 10000x784 matrix.
import time
import numpy as np
rng = np.random.default_rng(0)
x = rng.random(10)
W = rng.random((10, 10))
n = 100000
t0 = time.perf_counter()
for i in range(n): y = x[2:5]
print(f"slice10_s {time.perf_counter()-t0:.3f} {len(y)}")
t0 = time.perf_counter()
for i in range(n): y = W @ x
print(f"matvec10_s {time.perf_counter()-t0:.3f} {len(y)}")
t0 = time.perf_counter()
for i in range(n): y = x.reshape(2, 5)
print(f"reshape10_s {time.perf_counter()-t0:.3f} {y.shape}")
X = np.zeros((10000, 784))
t0 = time.perf_counter()
for i in range(n):
    k = i % 9900
    y = X[k:k+100]
print(f"rowslice100_s {time.perf_counter()-t0:.3f} {y.shape}")
