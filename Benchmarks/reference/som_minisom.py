# Reference: MiniSom 20x20 map on the 1797 8x8 digits, 5000 random-sample iterations.
import time, gzip, pathlib, numpy as np
DATA = pathlib.Path(__file__).resolve().parents[2] / "Notebooks/data/digits.csv.gz"
t0 = time.perf_counter()
from minisom import MiniSom
d = np.loadtxt(gzip.open(DATA), delimiter=",")
X = d[:, :64] / 16.0
som = MiniSom(20, 20, 64, sigma=3.0, learning_rate=0.5, random_seed=1)
t1 = time.perf_counter()
som.train_random(X, 5000)
t2 = time.perf_counter()
print(f"som_train_s {t2-t1:.3f} qe {som.quantization_error(X):.4f} total_s {t2-t0:.3f}")
