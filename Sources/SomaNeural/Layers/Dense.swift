import SomaCore

/// Element type of a layer's parameters, and so of its arithmetic:
/// `.double` is float64, `.single` float32 (half the memory, about twice
/// the speed of the matrix products, gradients exact to ~1e-6 relative).
public enum Precision: String, CaseIterable, Sendable {
    case double, single

    /// The tensor dtype of this precision.
    public var dtype: DType { self == .single ? .float32 : .float64 }
}

/// A fully connected layer: y = x·W + b, with W of shape inputs x outputs
/// (rows of x are samples, as in the course's numpy code). The layer
/// computes in its parameters' dtype (`precision`): an input of the other
/// dtype is converted to it.
///
///     let layer = Dense(inputs: 784, outputs: 128, initializer: .xavier, seed: 1, precision: .single)
public final class Dense: Layer {
    public let inputs: Int
    public let outputs: Int
    /// Weights, inputs x outputs.
    public let W: Parameter
    /// Biases, one per output.
    public let b: Parameter
    public var parameters: [Parameter] { [W, b] }
    public var description: String { "Dense(\(inputs) -> \(outputs))" }

    /// The dtype of the weights and biases; setting it converts them (the
    /// initial weights are drawn in float64, so both precisions start from
    /// the same numbers, rounded for `.single`).
    public var precision: Precision {
        get { W.dtype == .float32 ? .single : .double }
        set { for p in parameters { p.convert(to: newValue.dtype) } }
    }

    // Buffers of the fused kernel, of the parameters' element type (see Fused/Dense+Fused.swift).
    var buffers: AnyObject?

    /// A layer with weights drawn by `initializer` from a stream seeded by `seed`.
    public init(inputs: Int, outputs: Int, initializer: Initializer = .xavier, seed: UInt64 = 0,
                precision: Precision = .double) {
        self.inputs = inputs
        self.outputs = outputs
        var rng = RandomGenerator(seed: seed)
        W = Parameter(name: "W", shape: [inputs, outputs],
                      value: initializer.sample(fanIn: inputs, fanOut: outputs, using: &rng),
                      dtype: precision.dtype, decays: true)
        b = Parameter(name: "b", shape: [outputs], value: [Double](repeating: 0, count: outputs),
                      dtype: precision.dtype, decays: false)
    }

    public func outputWidth(forInput width: Int) throws -> Int {
        guard width == inputs else {
            throw NeuralError.shape("\(description) takes \(inputs) features per sample, got \(width)")
        }
        return outputs
    }

    public func forward(_ x: Tensor, _ p: [Tensor], training: Bool) throws -> Tensor {
        try expectParameters(p)
        return try x.astype(p[0].dtype).matmul(p[0]) + p[1]
    }
}
