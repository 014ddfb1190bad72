# Reference: string building, `s += str(i) + ","` 100k times, inside a
# function: CPython 3.11 appends in place only to a local (at module level
# the same loop copies the string at every step and takes minutes).
import time
def build(n):
    s = ""
    for i in range(n): s += str(i) + ","
    return s
t0 = time.perf_counter()
s = build(100000)
print(f"strings_1e5_s {time.perf_counter()-t0:.3f} {len(s)}")
