import SomaCore

/// Compares autodiff against central differences for `f` at `inputs`.
///
/// The output is contracted with a fixed random tensor so every entry of the
/// Jacobian matters, not only its column sums. Returns the largest relative
/// error over all inputs (relative to max(1, |g|)).
func gradientError(_ inputs: [Tensor], seed: UInt64 = 7, h: Double = 1e-6,
                   _ f: ([Tensor]) throws -> Tensor) throws -> Double {
    try withoutActuallyEscaping(f) { f in try gradientError(inputs, seed: seed, h: h, escaping: f) }
}

private func gradientError(_ inputs: [Tensor], seed: UInt64, h: Double,
                           escaping f: @escaping ([Tensor]) throws -> Tensor) throws -> Double {
    var rng = RandomGenerator(seed: seed)
    let probe = try rng.randn(try f(inputs).shape)
    let scalar: ([Tensor]) throws -> Tensor = { xs in try (f(xs) * probe).sum() }

    let leaves = Tensor.leaves(inputs)
    let analytic = try backward(try scalar(leaves), wrt: leaves)
    var worst = 0.0
    for k in inputs.indices {
        let numeric = try numericalGradient(of: { xk in
            var xs = inputs
            xs[k] = xk
            return try scalar(xs)
        }, at: inputs[k], h: h)
        for (a, n) in zip(analytic[k].data, numeric.data) {
            // A NaN anywhere is a failure, not something `max` may skip.
            guard a.isFinite, n.isFinite else { return .infinity }
            worst = max(worst, abs(a - n) / max(1, abs(n)))
        }
        if analytic[k].shape != inputs[k].shape { return .infinity }
    }
    return worst
}
