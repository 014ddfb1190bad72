/// Losses as in the course notes: per-sample losses averaged over samples
/// (the first axis; a 1-d output counts each element as a sample except for
/// `cce`, where a 1-d output is one sample's class distribution).
extension Tensor {
    /// Mean squared error `1/N Σᵢ ‖yᵢ − tᵢ‖²` (the course's definition, and
    /// the one SomaNeural's networks report).
    public static func mse(_ y: Tensor, _ t: Tensor) throws -> Tensor {
        let d = try y - t
        return try (d * d).sum() / Double(samples(d))
    }

    /// Bernoulli cross entropy `−1/N Σ t ln y + (1 − t) ln(1 − y)`; `y` is
    /// clipped to `[1e-12, 1 − 1e-12]` so a saturated output gives a large,
    /// finite loss.
    public static func bce(_ y: Tensor, _ t: Tensor) throws -> Tensor {
        let p = try y.clipped(1e-12, 1 - 1e-12)
        let ll = try t * p.log() + (1 - t) * (1 - p).log()
        return try -(ll.sum()) / Double(samples(ll))
    }

    /// Categorical cross entropy `−1/N Σᵢ Σₖ tᵢₖ ln yᵢₖ` for one-hot targets
    /// (`y` clipped below at 1e-12).
    public static func cce(_ y: Tensor, _ t: Tensor) throws -> Tensor {
        let ll = try t * y.clipped(1e-12, nil).log()
        return try -(ll.sum()) / Double(ll.rank <= 1 ? 1 : samples(ll))
    }

    private static func samples(_ x: Tensor) -> Int { Swift.max(x.shape.first ?? 1, 1) }
}
