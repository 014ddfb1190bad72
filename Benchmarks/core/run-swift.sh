#!/bin/sh
# Builds Benchmarks/core/CoreSpeed.swift against SomaCore alone (release,
# through ../swift-harness), runs it, then the numpy references.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
exe=$("$root/Benchmarks/swift-harness" CoreSpeed "$root/Benchmarks/core/CoreSpeed.swift" SomaCore)
echo "# SomaCore (Swift, release)"
"$exe"
echo "# numpy $(python3 -c 'import numpy; print(numpy.__version__)')"
cd "$root/Benchmarks"
for n in 256 1024 2048; do python3 reference/matmul.py $n; done
python3 core/numpy_cpu.py
