# Reference: dict field reads in a top-level loop, 1M iterations reading two
# keys of a five-key dict.
import time
p = {"tau": 10.0, "v_rest": -65.0, "v_th": -50.0, "r": 1.0, "dt": 0.1}
t0 = time.perf_counter()
s = 0.0
for i in range(1000000): s += p["v_th"] - p["v_rest"]
print(f"records_1m_s {time.perf_counter()-t0:.3f} {s}")
