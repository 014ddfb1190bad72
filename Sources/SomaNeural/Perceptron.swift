/// Rosenblatt's perceptron: y = 1 if w·x + b ≥ 0 else 0, trained by
/// w ← w + κ(t − y)x, b ← b + κ(t − y). It converges on linearly separable
/// data (OR) and never on XOR.
public final class Perceptron {
    public var weights: [Double]
    public var bias: Double = 0

    public init(inputs: Int) { weights = [Double](repeating: 0, count: inputs) }

    /// 0/1 output for each row of `x`.
    public func predict(_ x: Batch) throws -> [Double] {
        guard x.cols == weights.count else {
            throw NeuralError.shape("Perceptron takes \(weights.count) inputs per sample, got \(x.cols)")
        }
        return (0..<x.rows).map { r in output(x.data, row: r) }
    }

    private func output(_ data: [Double], row r: Int) -> Double {
        var z = bias
        for c in 0..<weights.count { z += weights[c] * data[r * weights.count + c] }
        return z >= 0 ? 1 : 0
    }

    /// Applies the learning rule sample by sample; returns the number of
    /// misclassified samples in each epoch (it stops early at zero).
    /// `afterEpoch(epoch)` may throw to stop (an interrupt).
    public func learn(_ x: Batch, _ t: [Double], epochs: Int, learningRate: Double = 1,
                      afterEpoch: ((Int) throws -> Void)? = nil) throws -> [Int] {
        guard x.cols == weights.count else {
            throw NeuralError.shape("Perceptron takes \(weights.count) inputs per sample, got \(x.cols)")
        }
        guard t.count == x.rows else { throw NeuralError.shape("Perceptron: \(x.rows) samples but \(t.count) targets") }
        guard epochs <= 10_000_000 else { throw NeuralError.value("Perceptron: at most 10000000 epochs, got \(epochs)") }
        var errors: [Int] = []
        for _ in 0..<max(epochs, 0) {
            var wrong = 0
            for r in 0..<x.rows {
                let delta = t[r] - output(x.data, row: r)
                if delta != 0 {
                    wrong += 1
                    for c in 0..<weights.count { weights[c] += learningRate * delta * x.data[r * weights.count + c] }
                    bias += learningRate * delta
                }
            }
            errors.append(wrong)
            if wrong == 0 { break }
            try afterEpoch?(errors.count)
        }
        return errors
    }
}
