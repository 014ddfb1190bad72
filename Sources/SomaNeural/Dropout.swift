/// Inverted dropout: while training, each element is zeroed with probability
/// `rate` and the survivors are scaled by 1/(1 − rate), so nothing changes
/// at prediction time.
public final class Dropout: Layer {
    /// Probability of dropping an element, in [0, 1).
    public var rate: Double
    public var parameters: [Parameter] { [] }
    public var description: String { "Dropout(\(rate))" }

    private var rng: RandomSource
    private var mask: [Double] = []
    private var y = Batch(rows: 0, cols: 0)
    private var dx = Batch(rows: 0, cols: 0)

    /// - Throws: `NeuralError.value` unless 0 ≤ rate < 1.
    public init(rate: Double, seed: UInt64 = 0) throws {
        guard rate >= 0, rate < 1 else { throw NeuralError.value("dropout rate must be in [0, 1), got \(rate)") }
        self.rate = rate
        rng = RandomSource(seed: seed)
    }

    public func outputWidth(forInput width: Int) throws -> Int { width }

    public func forward(_ x: Batch, training: Bool) -> Batch {
        guard training, rate > 0 else { return x }
        let n = x.data.count
        if mask.count != n { mask = [Double](repeating: 0, count: n) }
        let keep = 1 - rate, scale = 1 / (1 - rate)
        y.resize(rows: x.rows, cols: x.cols)
        for i in 0..<n {
            mask[i] = rng.uniform() < keep ? scale : 0
            y.data[i] = x.data[i] * mask[i]
        }
        return y
    }

    public func backward(_ g: Batch, needInputGradient: Bool) -> Batch {
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        guard rate > 0, mask.count == g.data.count else { return g }
        dx.resize(rows: g.rows, cols: g.cols)
        for i in 0..<g.data.count { dx.data[i] = g.data[i] * mask[i] }
        return dx
    }
}
