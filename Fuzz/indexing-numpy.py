"""Differential fuzzer: tensor indexing, views and in-place updates against numpy.

Generates short Soma scripts (slices with any bounds and steps, rows, masks,
position lists, `x op= e`, `X[i][j] op= v`, views kept across writes, float32)
and the same steps in numpy with value semantics (every view is a copy, as
Soma's views never alias on write), then compares dtype, shape and elements.

    python3 Fuzz/indexing-numpy.py SEED CASES [SOMA] [big]

`big` uses larger shapes and compares two checksums per tensor instead of
the elements. Prints each mismatch (script, Soma's output, numpy's values).
"""
import random, subprocess, sys, re
import numpy as np
rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
NCASE = int(sys.argv[2]) if len(sys.argv) > 2 else 200

BIG = len(sys.argv) > 4
def rand_shape():
    if BIG:
        r = rng.choice([1, 2, 2, 3])
        return [rng.choice([1, 7, 33, 64, 130, 257]) for _ in range(r)][:3] if r < 3 else [rng.choice([1, 5, 17]), rng.choice([3, 40]), rng.choice([2, 33])]
    r = rng.choice([1, 1, 2, 2, 3])
    return [rng.choice([0, 1, 2, 3, 4]) if rng.random() < 0.1 else rng.choice([1, 2, 3, 4]) for _ in range(r)]

def rand_slice(n):
    def b():
        return rng.choice([None, rng.randint(-n - 2, n + 2)])
    s, e = b(), b()
    st = rng.choice([None, None, 1, 2, -1, -2])
    f = lambda v: "" if v is None else str(v)
    txt = f(s) + ":" + f(e) + ("" if st is None else ":" + str(st))
    return txt, slice(s, e, st)

def rand_index(shape, allow_int=True):
    # returns soma text, numpy index
    k = rng.randint(1, len(shape))
    parts, npp = [], []
    nint = 0
    for ax in range(k):
        n = shape[ax]
        c = rng.random()
        if c < 0.35 and allow_int and n > 0 and nint < len(shape) - 1:
            i = rng.randint(-n, n - 1); parts.append(str(i)); npp.append(i); nint += 1
        elif c < 0.5:
            parts.append(":"); npp.append(slice(None))
        else:
            t, s = rand_slice(n); parts.append(t); npp.append(s)
    return ", ".join(parts), tuple(npp)

OPS = ["+=", "-=", "*=", "/="]

def case():
    shape = rand_shape()
    N = int(np.prod(shape))
    X = np.arange(N, dtype=float).reshape(shape)
    env = {"X": X}
    f32 = rng.random() < 0.3
    lines = [f"X = reshape(range({N}) * 1.0, {shape})" + ('.astype("float32")' if f32 else "")]
    if f32: X = X.astype(np.float32); env["X"] = X
    names = ["X"]
    for step in range(rng.randint(1, 6)):
        c = rng.random()
        src = rng.choice(names)
        a = env[src]
        if a.ndim == 0: continue
        if c < 0.3:
            t, idx = rand_index(list(a.shape))
            v = a[idx]
            if np.ndim(v) == 0: continue
            nm = f"v{step}"
            lines.append(f"{nm} = {src}[{t}]"); env[nm] = np.array(v, copy=True); names.append(nm)
        elif c < 0.45:
            nm = f"r{step}"
            lines.append(f"{nm} = reshape({src}, [-1])"); env[nm] = a.reshape(-1).copy(); names.append(nm)
        elif c < 0.55:
            nm = f"a{step}"
            lines.append(f"{nm} = {src}"); env[nm] = a.copy(); names.append(nm)
        elif c < 0.75:
            t, idx = rand_index(list(a.shape))
            op = rng.choice(OPS + ["="])
            val = rng.choice([2, -1, 3])
            sel = a[idx]
            if np.size(sel) == 0 and op != "=": pass
            lines.append(f"{src}[{t}] {op} {val}")
            b = a.copy()
            if op == "=": b[idx] = val
            else:
                exec(f"b[idx] {op} val")
            env[src] = b
        elif c < 0.8:
            other = rng.choice(names)
            o = env[other]
            op = rng.choice(OPS)
            try:
                with np.errstate(all="ignore"):
                    r = eval(f"a {op[0]} o")
            except Exception:
                continue
            if r.ndim == 0: continue
            lines.append(f"{src} {op} {other}"); env[src] = r
        elif c < 0.83:
            other = rng.choice(names)
            o = env[other]
            if a.ndim == 0: continue
            t, idx = rand_index(list(a.shape))
            op = rng.choice(OPS)
            b = a.copy()
            try:
                with np.errstate(all="ignore"):
                    r = eval(f"b[idx] {op[0]} o")
                    b[idx] = r
            except Exception:
                continue
            if np.ndim(a[idx]) == 0: continue
            lines.append(f"{src}[{t}] {op} {other}"); env[src] = b
        elif c < 0.86:
            n = a.shape[0]
            if n == 0: continue
            pos = [rng.randint(-n, n - 1) for _ in range(rng.randint(1, 3))]
            op = rng.choice(OPS + ["="])
            lines.append(f"{src}[{pos}] {op} 7")
            b = a.copy()
            if op == "=": b[pos] = 7
            else: exec(f"b[pos] {op} 7")
            env[src] = b
        elif c < 0.88 and a.ndim == 2 and a.shape[1] > 0:
            thr = rng.randint(0, max(N, 1))
            op = rng.choice(OPS + ["="])
            lines.append(f"{src}[{src}[:, 0] > {thr}] {op} 4")
            b = a.copy(); m = b[:, 0] > thr
            if op == "=": b[m] = 4
            else: exec(f"b[m] {op} 4")
            env[src] = b
        elif c < 0.91:
            t, idx = rand_index(list(a.shape))
            op = rng.choice(OPS + ["="])
            nm = f"f{step}"
            if np.ndim(a[idx]) == 0: continue
            lines.append(f"fn g{step}(t) {{\n  t[{t}] {op} 3\n  return t\n}}\n{nm} = g{step}({src})")
            b = a.copy()
            if op == "=": b[idx] = 3
            else: exec(f"b[idx] {op} 3")
            env[nm] = b; names.append(nm)
        elif c < 0.94:
            t, idx = rand_index(list(a.shape))
            sub = a[idx]
            if np.ndim(sub) == 0: continue
            t2, idx2 = rand_index(list(sub.shape), allow_int=True)
            if np.ndim(sub[idx2]) == 0: continue
            op = rng.choice(OPS + ["="])
            b = a.copy()
            exec(f"b[idx][idx2] {op} 6")
            lines.append(f"{src}[{t}][{t2}] {op} 6"); env[src] = b
        elif c < 0.97:
            op = rng.choice(OPS)
            val = rng.choice([2, -1, 3])
            lines.append(f"{src} {op} {val}")
            b = a.copy(); exec(f"b {op} val"); env[src] = b
        else:
            thr = rng.randint(0, max(N, 1))
            op = rng.choice(OPS + ["="])
            lines.append(f"{src}[{src} > {thr}] {op} 5")
            b = a.copy(); m = b > thr
            if op == "=": b[m] = 5
            else: exec(f"b[m] {op} 5")
            env[src] = b
    for nm in names:
        lines.append(f'print("@@{nm}", {nm}.dtype, {nm}.shape, [sum({nm}), sum(reshape({nm}, [-1]) * cos(range(len(reshape({nm}, [-1])))))])' if BIG else f'print("@@{nm}", {nm}.dtype, {nm}.shape, reshape({nm}, [-1]))')
    exp = []
    for nm in names:
        a = env[nm]
        f = a.reshape(-1).astype(np.float64)
        exp.append((nm + ":" + str(a.dtype), list(a.shape), [float(np.sum(f)), float(np.sum(f * np.cos(np.arange(f.size))))] if BIG else [float(x) for x in a.reshape(-1)]))
    return "\n".join(lines) + "\n", exp

num = re.compile(r"-?(?:inf|nan|\d+(?:\.\d+)?(?:e[+-]?\d+)?)")
def parse(out):
    res = []
    for line in out.replace(", dtype=float32", "").replace("\n", " ").split("@@")[1:]:
        line = line.strip()
        nm, dt, rest = line.split(" ", 2)
        nm = nm + ":" + dt
        sh, vals = rest.split("] ", 1) if not rest.startswith("[] ") else ("[", rest[3:])
        shape = [int(x) for x in num.findall(sh)]
        if vals.startswith("tensor(shape"):
            v = []
        else:
            v = [float(x) for x in num.findall(vals)]
        res.append((nm, shape, v))
    return res

import tempfile, os
CASE = os.path.join(tempfile.mkdtemp(), "case.soma")
bad = 0
for i in range(NCASE):
    src, exp = case()
    open(CASE, "w").write(src)
    p = subprocess.run([sys.argv[3] if len(sys.argv) > 3 else ".build/release/soma", CASE], capture_output=True, text=True)
    try:
        got = parse(p.stdout)
    except Exception as e:
        got = None
    ok = got is not None and len(got) == len(exp) and all(g[0] == e[0] and g[1] == e[1] and len(g[2]) == len(e[2]) and np.allclose(g[2], e[2], equal_nan=True, rtol=1e-6 if not BIG else 1e-4, atol=0 if not BIG else 1e-3) for g, e in zip(got, exp))
    if not ok or p.returncode != 0:
        bad += 1
        print("=== MISMATCH", i, "rc", p.returncode)
        print(src)
        print("got:", p.stdout, p.stderr[:500])
        print("exp:", exp)
        if bad > 5: break
print("cases", i + 1, "bad", bad)
