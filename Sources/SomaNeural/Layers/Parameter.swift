import SomaCore

/// A trainable array of a layer (weights or biases) with its gradient.
///
/// The values are a tensor whose dtype is the layer's precision (float64, or
/// float32 for `precision: .single`); the gradient and an optimizer's state
/// have the same dtype, so a float32 layer computes and updates in Float32.
/// Parameters are reference objects so that optimizers can keep state per
/// parameter and a binding can expose `net.layers[0].W` for reading and
/// writing without copying the network.
public final class Parameter {
    /// Short name, e.g. `"W"` or `"b"`.
    public let name: String
    /// Shape of the array.
    public let shape: [Int]
    /// Current values, a tensor of `shape` (set them with `assign`).
    public internal(set) var value: Tensor
    /// ∂E/∂value from the last gradient computation (same shape and dtype).
    public internal(set) var grad: Tensor
    /// Whether weight decay applies (weights yes, biases no).
    public var decays: Bool

    /// A parameter holding `value` (row-major, `shape`'s product of them) as `dtype`.
    public init(name: String, shape: [Int], value: [Double], dtype: DType = .float64, decays: Bool) {
        self.name = name
        self.shape = shape
        self.value = Tensor(shape: shape, data: value).astype(dtype)
        self.grad = Tensor(repeating: 0, shape: shape, dtype: dtype)
        self.decays = decays
    }

    /// The element type of the values, gradient and optimizer state.
    public var dtype: DType { value.dtype }

    /// The values as an (untracked) tensor of `shape` and `dtype`.
    public var tensor: Tensor { value }

    /// Converts the values and gradient to `dtype` (rounding to float32 or
    /// widening exactly).
    public func convert(to dtype: DType) {
        value = value.astype(dtype)
        grad = grad.astype(dtype)
    }

    /// Runs `body` on the values and gradient as `T` arrays, in place (no copy
    /// when `T` is the parameter's element type), for update loops and
    /// kernels. `body` must keep the counts.
    func withElements<T: TensorElement, R>(_ type: T.Type, _ body: (inout [T], inout [T]) -> R) -> R {
        T.withElements(of: &value) { w in
            T.withElements(of: &grad) { g in body(&w, &g) }
        }
    }

    /// Runs `body` on the values and gradient as raw `T` buffers, for update
    /// loops that must not pay for array bounds and uniqueness checks per element.
    func withBuffers<T: TensorElement, R>(_ type: T.Type,
                                          _ body: (UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>) -> R) -> R {
        withElements(T.self) { w, g in
            w.withUnsafeMutableBufferPointer { wp in g.withUnsafeMutableBufferPointer { gp in body(wp, gp) } }
        }
    }

    /// Stores a gradient computed elsewhere (autodiff), in the parameter's dtype.
    func setGradient(_ g: Tensor) throws {
        grad = try g.detached.astype(dtype).reshaped(shape)
    }

    /// Replaces the values, converted to the parameter's dtype; the new
    /// tensor must have the same number of elements (a vector may stand for
    /// a 1 x n or n x 1 matrix).
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
        value = try t.astype(dtype).reshaped(shape)
    }
}
