# Reference: square float64 matrix product with numpy (BLAS); prints GFLOPS.
import sys, time, numpy as np
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
rng = np.random.default_rng(0)
a = rng.random((n, n)); b = rng.random((n, n))
reps = max(1, int(2e9 // (2 * n**3)))
a @ b
t0 = time.perf_counter()
for _ in range(reps): c = a @ b
dt = (time.perf_counter() - t0) / reps
print(f"matmul{n}_s {dt:.5f} gflops {2*n**3/dt/1e9:.1f}")
