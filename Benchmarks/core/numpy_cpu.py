# The elementwise and softmax references of ../reference timed by thread CPU
# time as well as wall time, to compare with CoreSpeed.swift on a busy machine.
import time, numpy as np
x = np.linspace(-3, 3, 1_000_000)
y = np.exp(-x**2) * np.sin(x) + 1
w, c = time.perf_counter(), time.thread_time()
for _ in range(20): y = np.exp(-x**2) * np.sin(x) + 1
print(f"elementwise_s {(time.perf_counter()-w)/20:.5f} sum {y.sum():.4f} cpu {(time.thread_time()-c)/20:.5f}")
rng = np.random.default_rng(0)
z = rng.standard_normal((1000, 1000))
def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
softmax(z)
w, c = time.perf_counter(), time.thread_time()
for _ in range(20): y = softmax(z)
print(f"softmax_s {(time.perf_counter()-w)/20:.5f} sum {y.sum():.4f} cpu {(time.thread_time()-c)/20:.5f}")
