#!/usr/bin/env python3
"""Writes numpy reference values for SomaCore's tests to numpy_reference.json.

Run from anywhere: python3 make_fixtures.py. The inputs are drawn from a seeded
numpy generator and stored alongside the outputs, so the Swift tests need
nothing but the JSON. Also records the first draws of Soma's RandomGenerator
(xoshiro256** seeded by splitmix64), computed here independently, so the
stream is pinned across machines.
"""
import json
import math
import os

import numpy as np

rng = np.random.default_rng(1234)
M64 = (1 << 64) - 1


def t(x):
    x = np.asarray(x, dtype=np.float64)
    return {"shape": list(x.shape), "data": [float(v) for v in x.ravel()]}


def rand(*shape):
    return rng.standard_normal(shape) if shape else np.float64(rng.standard_normal())


def binary_cases():
    ops = {
        "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
        "pow": np.power, "mod": np.mod, "eq": np.equal, "ne": np.not_equal,
        "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal,
        "maximum": np.maximum, "minimum": np.minimum,
    }
    shapes = [((3, 4), (3, 4)), ((2, 3, 4), (4,)), ((3, 1), (1, 5)), ((), (2, 2)), ((2, 1, 3), (4, 1))]
    out = []
    for name, f in ops.items():
        for sa, sb in shapes:
            a, b = rand(*sa), rand(*sb)
            if name == "pow":
                a = np.abs(a) + 0.1
            if name in ("eq", "ne", "le", "ge"):
                b = np.round(b)
                a = np.round(a)
            out.append({"op": name, "a": t(a), "b": t(b), "out": t(f(a, b).astype(np.float64))})
    return out


def unary_cases():
    ops = {
        "neg": np.negative, "abs": np.abs, "sqrt": lambda x: np.sqrt(np.abs(x)), "exp": np.exp,
        "log": lambda x: np.log(np.abs(x)), "sin": np.sin, "cos": np.cos, "tan": np.tan, "tanh": np.tanh,
        "arctan": np.arctan, "floor": np.floor, "ceil": np.ceil, "round": np.round, "sign": np.sign,
        "logistic": lambda x: 1 / (1 + np.exp(-x)), "relu": lambda x: np.maximum(x, 0), "square": np.square,
    }
    out = []
    for name, f in ops.items():
        x = rand(3, 5) * 3
        x[0, 0] = 2.5  # round half to even
        x[0, 1] = -0.5
        inp = np.abs(x) if name in ("sqrt", "log") else x
        out.append({"op": name, "x": t(inp), "out": t(f(inp))})
    return out


def reduction_cases():
    out = []
    x = rand(3, 4, 5)
    for name, f in {
        "sum": np.sum, "mean": np.mean, "std": np.std, "var": np.var, "min": np.min, "max": np.max,
        "argmax": np.argmax, "argmin": np.argmin, "prod": np.prod,
    }.items():
        for axis in (None, 0, 1, -1):
            out.append({"op": name, "axis": axis, "x": t(x), "out": t(f(x, axis=axis))})
    return out


def matmul_cases():
    shapes = [((3, 4), (4, 2)), ((4,), (4, 2)), ((3, 4), (4,)), ((4,), (4,)), ((2, 3, 4), (4, 5)),
              ((2, 1, 3, 4), (5, 4, 2)), ((64, 33), (33, 17))]
    out = []
    for sa, sb in shapes:
        a, b = rand(*sa), rand(*sb)
        out.append({"a": t(a), "b": t(b), "out": t(a @ b)})
    return out


def linalg_cases():
    a = rand(5, 5) + 5 * np.eye(5)
    b = rand(5)
    B = rand(5, 3)
    tall = rand(8, 4)
    y = rand(8)
    sym = rand(6, 6)
    sym = sym + sym.T
    u, s, vt = np.linalg.svd(tall, full_matrices=False)
    w, v = np.linalg.eigh(sym)
    lam = 0.5
    ridge = np.linalg.solve(tall.T @ tall + lam * np.eye(4), tall.T @ y)
    return {
        "a": t(a), "b": t(b), "B": t(B), "tall": t(tall), "y": t(y), "sym": t(sym),
        "solve_b": t(np.linalg.solve(a, b)), "solve_B": t(np.linalg.solve(a, B)),
        "inv": t(np.linalg.inv(a)), "det": t(np.linalg.det(a)),
        "svd_s": t(s), "pinv_tall": t(np.linalg.pinv(tall)),
        "lstsq": t(np.linalg.lstsq(tall, y, rcond=None)[0]), "ridge": t(ridge), "ridge_reg": lam,
        "eigh_w": t(w), "eigh_v_abs": t(np.abs(v)),
    }


def misc_cases():
    z = rand(4, 6) * 5
    m = np.max(z, axis=-1, keepdims=True)
    sm = np.exp(z - m) / np.sum(np.exp(z - m), axis=-1, keepdims=True)
    lse = np.log(np.sum(np.exp(z - m), axis=-1)) + m[:, 0]
    return {
        "z": t(z), "softmax": t(sm), "logsumexp": t(lse),
        "linspace": t(np.linspace(-1, 2, 7)), "arange": t(np.arange(0.5, 3.2, 0.7)),
        "norm": t(np.linalg.norm(z)),
    }


def shaping_cases():
    a = rand(2, 3)
    b = rand(2, 3)
    c = rand(3)
    cond = (rand(2, 3) > 0).astype(np.float64)
    return {
        "a": t(a), "b": t(b), "c": t(c), "cond": t(cond),
        "concat1": t(np.concatenate([a, b], axis=1)),
        "stack_last": t(np.stack([a, b], axis=-1)),
        "tile_2_2": t(np.tile(c, (2, 2))),
        "tile_a_3": t(np.tile(a, 3)),
        "repeat_flat": t(np.repeat(a, 2)),
        "repeat_axis1": t(np.repeat(a, 3, axis=1)),
        "where": t(np.where(cond != 0, a, c)),
        "clip": t(np.clip(a, -0.5, 0.5)),
        "var_ddof1": t(np.var(a, axis=0, ddof=1)),
        "logsumexp_all": t(np.log(np.sum(np.exp(a)))),
        "norm_axis1": t(np.linalg.norm(a, axis=1)),
        "outer": t(np.outer(c, a)),
        "eye_3_5": t(np.eye(3, 5)),
    }


def indexing_cases():
    """numpy's basic and advanced indexing; items are written as
    ["i", n] (an integer), ["s", start, stop, step] (a slice, None allowed),
    ["a"] (a whole axis) and ["t", [...]] (an index tensor)."""
    a = np.arange(2 * 3 * 4, dtype=np.float64).reshape(2, 3, 4)
    cases = [
        [["i", 1]],
        [["i", -1], ["s", None, None, -1]],
        [["a"], ["i", 0], ["s", 1, None, 2]],
        [["t", [1, 0, 1]]],
        [["a"], ["t", [0, 2]], ["t", [1, 3]]],
        [["t", [0, 1]], ["a"], ["t", [1, 2]]],
        [["i", 1], ["a"], ["t", [0, 3]]],
        [["a"], ["i", 1], ["t", [0, 3]]],
        [["t", [[0, 1], [1, 0]]], ["i", 2]],
        [["s", None, None, None], ["t", [2, -1]], ["i", -1]],
    ]
    out = []
    for items in cases:
        key = tuple(
            it[1] if it[0] == "i" else slice(it[1], it[2], it[3]) if it[0] == "s" else slice(None) if it[0] == "a"
            else np.array(it[1]) for it in items)
        out.append({"items": items, "out": t(a[key])})
    return {"a": t(a), "cases": out}


def xoshiro_stream(seed, n):
    x = seed

    def splitmix():
        nonlocal x
        x = (x + 0x9E3779B97F4A7C15) & M64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    s = [splitmix() for _ in range(4)]

    def rotl(v, k):
        return ((v << k) | (v >> (64 - k))) & M64

    out = []
    for _ in range(n):
        result = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        tt = (s[1] << 17) & M64
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= tt
        s[3] = rotl(s[3], 45)
        out.append(result)
    return out


def random_cases():
    raw = xoshiro_stream(42, 8)
    uniforms = [(r >> 11) * 2.0 ** -53 for r in xoshiro_stream(42, 8)]
    # Box-Muller with u1 = 1 - uniform, one normal per pair of draws.
    us = uniforms
    normals = [math.sqrt(-2 * math.log(1 - us[2 * i])) * math.cos(2 * math.pi * us[2 * i + 1]) for i in range(4)]
    return {"seed": 42, "raw_hex": [format(r, "016x") for r in raw], "uniform": uniforms, "normal": normals}


fixtures = {
    "numpy_version": np.__version__,
    "binary": binary_cases(), "unary": unary_cases(), "reductions": reduction_cases(),
    "matmul": matmul_cases(), "linalg": linalg_cases(), "misc": misc_cases(), "shaping": shaping_cases(), "indexing": indexing_cases(),
    "random": random_cases(),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy_reference.json")
with open(path, "w") as f:
    json.dump(fixtures, f, indent=None, separators=(",", ":"))
print("wrote", path)
