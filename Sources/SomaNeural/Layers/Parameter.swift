import SomaCore

/// A trainable array of a layer (weights or biases) with its gradient.
///
/// Parameters are reference objects so that optimizers can keep state per
/// parameter and a binding can expose `net.layers[0].W` for reading and
/// writing without copying the network.
public final class Parameter {
    /// Short name, e.g. `"W"` or `"b"`.
    public let name: String
    /// Shape of the array; `value.count` is its product.
    public let shape: [Int]
    /// Current values, row-major.
    public var value: [Double]
    /// ∂E/∂value from the last gradient computation.
    public var grad: [Double]
    /// Whether weight decay applies (weights yes, biases no).
    public var decays: Bool

    public init(name: String, shape: [Int], value: [Double], decays: Bool) {
        self.name = name
        self.shape = shape
        self.value = value
        self.grad = [Double](repeating: 0, count: value.count)
        self.decays = decays
    }

    /// Runs `body` on the values and gradient as raw buffers, for update loops
    /// that must not pay for array bounds and uniqueness checks per element.
    @inlinable
    public func withBuffers<R>(_ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> R) -> R {
        value.withUnsafeMutableBufferPointer { w in
            grad.withUnsafeMutableBufferPointer { g in body(w, g) }
        }
    }

    /// The values as an (untracked) tensor of `shape`.
    public var tensor: Tensor { Tensor(shape: shape, data: value) }

    /// Replaces the values; the new tensor must have the same number of
    /// elements (a vector may stand for a 1 x n or n x 1 matrix).
    ///
    /// - Throws: `NeuralError.value` for a tensor that is being
    ///   differentiated: a stored parameter would drop its gradient (and give
    ///   zeros), so differentiate with respect to the input, or use
    ///   `Sequential.gradients`.
    public func assign(_ t: Tensor) throws {
        guard t.node == nil else {
            throw NeuralError.value("cannot store a tensor that grad is differentiating in \(name): the gradient would not flow through a layer's weights (differentiate with respect to the input, or use the network's gradients(X, T))")
        }
        guard t.count == value.count, t.rank <= 2 || t.shape == shape else {
            throw NeuralError.shape("cannot assign a tensor of shape \(t.shape) to \(name) of shape \(shape)")
        }
        guard t.rank == 0 || t.rank == 1 || t.shape == shape else {
            throw NeuralError.shape("cannot assign a tensor of shape \(t.shape) to \(name) of shape \(shape)")
        }
        value = t.data
    }
}
