#!/bin/sh
# Builds Benchmarks/core/CoreSpeed.swift against SomaCore alone (release) in a
# scratch package outside the tree, runs it, then the numpy references.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${TMPDIR:-/tmp}/soma-core-speed
mkdir -p "$work/Sources/CoreSpeed"
for d in SomaCore CBLAS CLAPACKE; do ln -sfn "$root/Sources/$d" "$work/Sources/$d"; done
ln -sfn "$root/Benchmarks/core/CoreSpeed.swift" "$work/Sources/CoreSpeed/main.swift"
cat > "$work/Package.swift" <<'PKG'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "CoreSpeed", targets: [
    .target(name: "SomaCore", dependencies: ["CBLAS", "CLAPACKE"]),
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas"),
    .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke"),
    .executableTarget(name: "CoreSpeed", dependencies: ["SomaCore"]),
], swiftLanguageModes: [.v5])
PKG
(cd "$work" && swift build -c release --product CoreSpeed >/dev/null)
echo "# SomaCore (Swift, release)"
"$work/.build/release/CoreSpeed"
echo "# numpy $(python3 -c 'import numpy; print(numpy.__version__)')"
cd "$root/Benchmarks"
for n in 256 1024 2048; do python3 reference/matmul.py $n; done
python3 core/numpy_cpu.py
