import SomaCore

/// Inverted dropout: while training, each element is zeroed with probability
/// `rate` and the survivors are scaled by 1/(1 − rate), so nothing changes
/// at prediction time.
public final class Dropout: Layer {
    /// Probability of dropping an element, in [0, 1).
    public var rate: Double
    public var parameters: [Parameter] { [] }
    public var description: String { "Dropout(\(rate))" }

    var rng: RandomGenerator
    // Buffers of the fused kernel (see Fused/Dropout+Fused.swift).
    var mask: [Double] = []
    var buffers: AnyObject?

    /// - Throws: `NeuralError.value` unless 0 ≤ rate < 1.
    public init(rate: Double, seed: UInt64 = 0) throws {
        guard rate >= 0, rate < 1 else { throw NeuralError.value("dropout rate must be in [0, 1), got \(rate)") }
        self.rate = rate
        rng = RandomGenerator(seed: seed)
    }

    public func outputWidth(forInput width: Int) throws -> Int { width }

    public func forward(_ x: Tensor, _ p: [Tensor], training: Bool) throws -> Tensor {
        guard training, rate > 0 else { return x }
        drawMask(count: x.count)
        return try x * Tensor(shape: x.shape, data: mask).astype(x.dtype)
    }

    /// Fills `mask` with 1/(1 − rate) (kept) or 0 (dropped) per element.
    func drawMask(count n: Int) {
        if mask.count != n { mask = [Double](repeating: 0, count: n) }
        let keep = 1 - rate, scale = 1 / (1 - rate)
        for i in 0..<n { mask[i] = rng.uniform() < keep ? scale : 0 }
    }
}
