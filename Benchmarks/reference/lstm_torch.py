"""One epoch of an LSTM (8 inputs, hidden 64, linear read-out at the last step,
MSE) on 1024 sequences of length 50 in minibatches of 32, Adam lr 0.01, gradient
clipping at norm 5, in PyTorch on the CPU with 2 threads: the reference for
Benchmarks/lstm.soma. Prints `lstm_epoch_s` (float32, PyTorch's default) and
`lstm_epoch_f64_s` (float64, Soma's default dtype).
python3 lstm_torch.py [THREADS]   (2 by default)"""
import sys
import time
import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)


def epoch(dtype):
    torch.manual_seed(0)
    n, steps, inputs, hidden, batch = 1024, 50, 8, 64, 32
    X = torch.randn(n, steps, inputs, dtype=dtype)
    Y = X[:, 0:5, 0].mean(dim=1, keepdim=True)
    lstm = torch.nn.LSTM(inputs, hidden, batch_first=True).to(dtype)
    out = torch.nn.Linear(hidden, 1).to(dtype)
    params = list(lstm.parameters()) + list(out.parameters())
    opt = torch.optim.Adam(params, lr=0.01)
    t0 = time.perf_counter()
    total = 0.0
    for start in range(0, n, batch):
        xb, yb = X[start:start + batch], Y[start:start + batch]
        opt.zero_grad()
        hs, _ = lstm(xb)
        loss = torch.mean((out(hs[:, -1, :]) - yb) ** 2)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        total += loss.item() * len(xb)
    return time.perf_counter() - t0, total / n


epoch(torch.float32)  # warm-up: first calls allocate and pick kernels
t32, l32 = epoch(torch.float32)
t64, l64 = epoch(torch.float64)
print(f"lstm_epoch_s {t32:.3f} loss {l32:.4f}")
print(f"lstm_epoch_f64_s {t64:.3f} loss {l64:.4f}")
