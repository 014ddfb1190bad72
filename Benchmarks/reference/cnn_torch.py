"""One epoch of a small CNN in PyTorch on the CPU (2 threads): conv 3x3x16 + ReLU,
2x2 max pool, dense 10, cross entropy, Adam lr 1e-3, batches of 32, shuffled;
on the 1797 8x8 digits (scikit-learn's copy, or Soma's Notebooks/data/digits.csv.gz)
and on 4000 random 28x28 images. Prints `cnn8_epoch_s` and `cnn28_epoch_s` as
Benchmarks/cnn.soma does. PyTorch's default float32 (Soma computes in float64).
python3 cnn_torch.py"""
import gzip, os, time
import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(2)
torch.manual_seed(0)


def digits():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "Notebooks", "data", "digits.csv.gz")
    if os.path.exists(path):
        with gzip.open(path, "rt") as f:
            rows = [l.strip().split(",") for l in f if l.strip() and l[0].isdigit()]
        a = np.array(rows, dtype=float)
        return a[:, :64], a[:, 64].astype(int)
    from sklearn.datasets import load_digits
    d = load_digits()
    return d.data, d.target


def epoch(X, y, side):
    out = 16 * ((side - 2) // 2) ** 2
    net = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(out, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    perm = torch.randperm(len(X))
    total = 0.0
    for k in range(0, len(X), 32):
        idx = perm[k:k + 32]
        opt.zero_grad()
        loss = loss_fn(net(X[idx]), y[idx])
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    return time.perf_counter() - t0, total / len(X)


images, labels = digits()
X8 = torch.tensor(images / 16, dtype=torch.float32).reshape(-1, 1, 8, 8)
y8 = torch.tensor(labels)
t8, l8 = epoch(X8, y8, 8)
print(f"cnn8_epoch_s {t8:.3f} loss {l8:.4f}")
X28 = torch.rand(4000, 1, 28, 28)
y28 = torch.randint(0, 10, (4000,))
t28, l28 = epoch(X28, y28, 28)
print(f"cnn28_epoch_s {t28:.3f} loss {l28:.4f}")
