"""One epoch of mini-batch SGD on a 784-128-10 MLP (sigmoid hidden, softmax
output, cross-entropy), 60000 synthetic samples, batch 100, lr 0.1, samples in
order: the workload of mlp_numpy.py, as a PyTorch user writes it (nn.Linear,
nn.CrossEntropyLoss on the logits, torch.optim.SGD), in float32 on the CPU.
The reference for Benchmarks/mlp_learn32.soma (Network.learn, precision "single").
The first argument is the number of threads (torch.set_num_threads): the runner
has a row for 2 threads and one for 1 thread, since a two-thread BLAS collapses
when the other core is busy. Prints seconds for the epoch and the last batch's loss.
python3 mlp_torch.py 2"""
import sys, time
import numpy as np
import torch
import torch.nn as nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)

rng = np.random.default_rng(0)
N, D, H, K, B = 60000, 784, 128, 10, 100
X = torch.from_numpy(rng.random((N, D), dtype=np.float32))
labels = torch.from_numpy(rng.integers(0, K, N))
net = nn.Sequential(nn.Linear(D, H), nn.Sigmoid(), nn.Linear(H, K))
with torch.no_grad():  # the same initialisation as mlp_numpy.py: N(0, 1/fan_in), zero biases
    net[0].weight.copy_(torch.from_numpy((rng.standard_normal((H, D)) * np.sqrt(1 / D)).astype(np.float32)))
    net[2].weight.copy_(torch.from_numpy((rng.standard_normal((K, H)) * np.sqrt(1 / H)).astype(np.float32)))
    net[0].bias.zero_()
    net[2].bias.zero_()
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
t0 = time.perf_counter()
for i in range(0, N, B):
    opt.zero_grad()
    loss = loss_fn(net(X[i:i + B]), labels[i:i + B])
    loss.backward()
    opt.step()
dt = time.perf_counter() - t0
print(f"mlp_epoch_s {dt:.3f} loss {loss.item():.4f} threads {threads}")
