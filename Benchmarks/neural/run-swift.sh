#!/bin/sh
# Builds Benchmarks/neural/NeuralSpeed.swift against SomaCore and SomaNeural
# (release, through ../swift-harness), then times each workload
# beside its numpy reference, alternating runs, and prints the ratios.
#     Benchmarks/neural/run-swift.sh [repeats]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
repeats=${1:-3}
exe=$("$root/Benchmarks/swift-harness" NeuralSpeed "$root/Benchmarks/neural/NeuralSpeed.swift" SomaCore SomaNeural)
cd "$root/Benchmarks"
python3 - "$exe" "$repeats" <<'PY'
import subprocess, sys
exe, repeats = sys.argv[1], int(sys.argv[2])
pairs = [("mlp", ["python3", "reference/mlp_numpy.py"], 1 / 4),
         ("mlp32", ["python3", "reference/mlp_numpy.py"], 1 / 4),
         ("lif", ["python3", "reference/lif_numpy.py"], 1 / 3)]
def seconds(argv):
    line = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return float(line.split()[1]), line
for name, ref, goal in pairs:
    soma, numpy = [], []
    for _ in range(repeats):  # alternate so both see the same machine load
        soma.append(seconds([exe, name])); numpy.append(seconds(ref))
    s, r = min(soma), min(numpy)
    ratio = s[0] / r[0]
    print(f"{name}: soma {s[1]} | numpy {r[1]} | ratio {ratio:.3f} (goal <= {goal:.2f}) {'ok' if ratio <= goal else 'MISS'}")
PY
