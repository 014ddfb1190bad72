# Reference: a spiking NEF integrator in numpy. 1000 LIF neurons (tau_m 20 ms,
# tau_ref 2 ms, threshold 1) representing x in [-1, 1] (rates 80-150 Hz),
# identity decoders (ridge, sigma = 0.1 max rate) and recurrent weights
# W = D E; tau_s dJ/dt = -J + s W + beta + tau_s u E (Euler, dt 1 ms), the spikes
# s (1/dt in a spike's step) filtered by the same PSC are decoded each step.
# The LIF step is the one Soma's `lif` uses (exact between spikes, spike time
# inside the step). Pulsed input over 10 s; times the simulation loop only.
import time, numpy as np
N, dt, T, tau_s, tau_m, tau_ref = 1000, 0.001, 10.0, 0.05, 0.02, 0.002
rng = np.random.default_rng(1)
enc = rng.choice([-1.0, 1.0], N)
c = rng.uniform(-1, 1, N); a = rng.uniform(80, 150, N)
Jmax = 1 / (1 - np.exp((tau_ref - 1 / a) / tau_m))
gain = (Jmax - 1) / (1 - c); bias = 1 - gain * c; E = enc * gain

def G(J):
    out = np.zeros_like(J); m = J > 1
    out[m] = 1 / (tau_ref - tau_m * np.log1p(-1 / J[m])); return out

X = np.linspace(-1, 1, 1000); A = G(np.outer(X, E) + bias)
sigma = 0.1 * A.max()
D = np.linalg.solve(A.T @ A + len(X) * sigma ** 2 * np.eye(N), A.T @ X)
W = np.outer(D, E)
steps = int(round(T / dt)); t = np.arange(steps) * dt
u = np.zeros(steps); u[(t >= 1) & (t < 2)] = 0.5; u[(t >= 4) & (t < 5)] = -0.8; u[(t >= 7) & (t < 8)] = 0.4
ideal = np.cumsum(u) * dt

t0 = time.perf_counter()
v0 = G(bias)                                # rates at x = 0
J = v0 @ W + bias; act = v0.copy()
vm = rng.random(N); refr = np.zeros(N)
full_gain = -np.expm1(-dt / tau_m)
xhat = np.zeros(steps)
for k in range(steps):
    ref = refr - dt
    g = np.where(ref <= 0, full_gain, -np.expm1(-np.clip(dt - ref, 0, dt) / tau_m))
    vm += (J - vm) * g
    fired = np.flatnonzero(vm > 1)
    tsp = dt + tau_m * np.log1p(-(vm[fired] - 1) / (J[fired] - 1))
    vm[fired] = 0; ref[fired] = tau_ref + tsp; refr = ref
    rec = W[fired].sum(axis=0) / dt
    J += dt / tau_s * (-J + rec + bias + tau_s * u[k] * E)
    act -= dt / tau_s * act; act[fired] += 1 / tau_s
    xhat[k] = act @ D
elapsed = time.perf_counter() - t0
print(f"nef_integrator_10s_s {elapsed:.3f} rmse {np.sqrt(np.mean((xhat - ideal) ** 2)):.4f} final {xhat[-1]:.3f} ideal {ideal[-1]:.3f}")
