import SomaCore

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

    /// Precision of the fused kernel's matrix products; `.single` halves
    /// their cost (as numpy's float32 code), `.double` keeps gradients exact
    /// to ~1e-15. The tensor definition (`forward`) computes in double.
    public var precision: Precision = .double

    // Buffers of the fused kernel (see Fused/Dense+Fused.swift).
    var input = Batch(rows: 0, cols: 0)
    var output = Batch(rows: 0, cols: 0)
    var gradInput = Batch(rows: 0, cols: 0)
    var single = SingleBuffers()

    /// A layer with weights drawn by `initializer` from a stream seeded by `seed`.
    public init(inputs: Int, outputs: Int, initializer: Initializer = .xavier, seed: UInt64 = 0) {
        self.inputs = inputs
        self.outputs = outputs
        var rng = RandomGenerator(seed: seed)
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

    public func forward(_ x: Tensor, _ p: [Tensor], training: Bool) throws -> Tensor {
        try expectParameters(p)
        return try x.matmul(p[0]) + p[1]
    }
}
