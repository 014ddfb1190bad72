/// A fully connected layer: y = x·W + b, with W of shape inputs x outputs
/// (rows of x are samples, as in the course's numpy code).
///
///     let layer = Dense(inputs: 784, outputs: 128, initializer: .xavier, seed: 1)
public final class Dense: Layer {
    public let inputs: Int
    public let outputs: Int
    /// Weights, inputs x outputs.
    public let W: Parameter
    /// Biases, one per output.
    public let b: Parameter
    public var parameters: [Parameter] { [W, b] }
    public var description: String { "Dense(\(inputs) -> \(outputs))" }

    /// Precision of the matrix products; `.single` halves their cost (as
    /// numpy's float32 code), `.double` keeps gradients exact to ~1e-15.
    public var precision: Precision = .double

    var input = Batch(rows: 0, cols: 0)
    var output = Batch(rows: 0, cols: 0)
    var gradInput = Batch(rows: 0, cols: 0)
    var single = SingleBuffers()

    /// A layer with weights drawn by `initializer` from a stream seeded by `seed`.
    public init(inputs: Int, outputs: Int, initializer: Initializer = .xavier, seed: UInt64 = 0) {
        self.inputs = inputs
        self.outputs = outputs
        var rng = RandomSource(seed: seed)
        W = Parameter(name: "W", shape: [inputs, outputs],
                      value: initializer.sample(fanIn: inputs, fanOut: outputs, using: &rng), decays: true)
        b = Parameter(name: "b", shape: [outputs], value: [Double](repeating: 0, count: outputs), decays: false)
    }

    public func outputWidth(forInput width: Int) throws -> Int {
        guard width == inputs else {
            throw NeuralError.shape("\(description) takes \(inputs) features per sample, got \(width)")
        }
        return outputs
    }

    public func forward(_ x: Batch, training: Bool) -> Batch {
        let rows = x.rows
        output.resize(rows: rows, cols: outputs)
        if precision == .single {
            forwardSingle(x)
            return output
        }
        let m = outputs
        output.data.withUnsafeMutableBufferPointer { out in
            b.value.withUnsafeBufferPointer { bias in
                guard let o = out.baseAddress, let bb = bias.baseAddress else { return }
                for r in 0..<rows { (o + r * m).update(from: bb, count: m) }
            }
        }
        multiply(x.data, W.value, m: rows, n: m, k: inputs, beta: 1, into: &output.data)
        input = training ? x : Batch(rows: 0, cols: 0)
        return output
    }

    public func backward(_ g: Batch, needInputGradient: Bool) -> Batch {
        if precision == .single { return backwardSingle(g, needInputGradient: needInputGradient) }
        let rows = g.rows
        multiply(input.data, transposeA: true, g.data, m: inputs, n: outputs, k: rows, into: &W.grad)  // dW = xᵀ·g
        columnSums(g.data, rows: rows, cols: outputs, into: &b.grad)
        // Drop the reference to the previous layer's buffer so it can be
        // overwritten in place on the next step.
        input = Batch(rows: 0, cols: 0)
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        gradInput.resize(rows: rows, cols: inputs)
        multiply(g.data, W.value, transposeB: true, m: rows, n: inputs, k: outputs, into: &gradInput.data)  // dx = g·Wᵀ
        return gradInput
    }
}
