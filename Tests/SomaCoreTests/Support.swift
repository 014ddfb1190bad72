import SomaCore

/// Whether two numbers agree to a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, rel: Double = 1e-9, abs: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return Swift.abs(a - b) <= Swift.max(abs, rel * Swift.max(Swift.abs(a), Swift.abs(b)))
}

/// Whether two tensors have the same shape and elements within tolerance.
func close(_ a: Tensor, _ b: Tensor, rel: Double = 1e-9, abs: Double = 1e-12) -> Bool {
    a.shape == b.shape && zip(a.data, b.data).allSatisfy { close($0, $1, rel: rel, abs: abs) }
}

/// A tensor of `shape` holding 1, 2, 3, ...
func iota(_ shape: [Int]) -> Tensor {
    Tensor(shape: shape, data: (0..<shape.reduce(1, *)).map { Double($0 + 1) })
}
