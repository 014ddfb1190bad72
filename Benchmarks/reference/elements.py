# Reference: list element read and write in a top-level loop, 1M updates of
# a 1000-element list.
import time
x = [0.0] * 1000
t0 = time.perf_counter()
for k in range(1000000):
    i = k % 1000
    x[i] = x[i] + 0.5
print(f"elements_1m_s {time.perf_counter()-t0:.3f} {sum(x)}")
