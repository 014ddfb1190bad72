import SomaCore

/// Rosenblatt's perceptron: y = 1 if w·x + b ≥ 0 else 0, trained by
/// w ← w + κ(t − y)x, b ← b + κ(t − y). It converges on linearly separable
/// data (OR) and never on XOR.
public final class Perceptron {
    public var weights: [Double]
    public var bias: Double = 0

    public init(inputs: Int) { weights = [Double](repeating: 0, count: inputs) }

    /// 0/1 output for each row of `x` (a 1-d `x` is one sample).
    public func predict(_ x: Tensor) throws -> [Double] {
        let rows = try checkedRows(x)
        let data = x.data  // once: a float32 tensor's `data` converts on every access
        return (0..<rows).map { r in output(data, row: r) }
    }

    private func output(_ data: [Double], row r: Int) -> Double {
        var z = bias
        for c in 0..<weights.count { z += weights[c] * data[r * weights.count + c] }
        return z >= 0 ? 1 : 0
    }

    /// The number of samples in `x`, which must have `weights.count` features each.
    private func checkedRows(_ x: Tensor) throws -> Int {
        let (rows, cols) = x.matrixSize
        guard cols == weights.count || (rows * cols == 0 && weights.isEmpty) else {
            throw NeuralError.shape("Perceptron takes \(weights.count) inputs per sample, got \(cols)")
        }
        return rows
    }

    /// Applies the learning rule sample by sample; returns the number of
    /// misclassified samples in each epoch (it stops early at zero).
    /// `afterEpoch(epoch)` may throw to stop (an interrupt).
    ///
    /// - Throws: `NeuralError.value` for targets other than 0 and 1, a
    ///   non-finite learning rate or too many epochs.
    public func learn(_ x: Tensor, _ t: [Double], epochs: Int, learningRate: Double = 1,
                      afterEpoch: ((Int) throws -> Void)? = nil) throws -> [Int] {
        let rows = try checkedRows(x)
        guard t.count == rows else { throw NeuralError.shape("Perceptron: \(rows) samples but \(t.count) targets") }
        if let bad = t.first(where: { $0 != 0 && $0 != 1 }) {
            throw NeuralError.value("Perceptron targets must be 0 or 1, got \(bad)")
        }
        guard learningRate.isFinite else { throw NeuralError.value("lr must be a finite number, got \(learningRate)") }
        guard epochs >= 0 else { throw NeuralError.value("epochs must be a non-negative integer, got \(epochs)") }
        guard epochs <= TrainingOptions.maxEpochs else {
            throw NeuralError.value("epochs must be at most \(TrainingOptions.maxEpochs), got \(epochs)")
        }
        let data = x.data
        var errors: [Int] = []
        for _ in 0..<epochs {
            var wrong = 0
            for r in 0..<rows {
                let delta = t[r] - output(data, row: r)
                if delta != 0 {
                    wrong += 1
                    for c in 0..<weights.count { weights[c] += learningRate * delta * data[r * weights.count + c] }
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
