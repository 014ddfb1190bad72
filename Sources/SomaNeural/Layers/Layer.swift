import SomaCore

/// One stage of a network: a map from a batch of samples (one a row) to a
/// batch of outputs, written in SomaCore tensor operations.
///
/// `forward` is the layer's definition. It takes the parameter values as
/// tensors (aligned with `parameters`), so gradients come from SomaCore's
/// autodiff: pass tracked copies (`Tensor.leaves`) and call `backward` on the
/// loss. Trainable arrays are listed explicitly in `parameters`; nothing is
/// found by reflection.
///
///     let layer = Dense(inputs: 3, outputs: 2)
///     let y = try layer(x)                                  // x: N x 3
///     let p = Tensor.leaves(layer.parameters.map(\.tensor))
///     let g = try backward(try layer.forward(x, p, training: true).sum(), wrt: p)
public protocol Layer: AnyObject {
    /// Name shown when a network is printed, e.g. `"Dense(2 -> 3)"`.
    var description: String { get }
    /// Trainable arrays, in a fixed order.
    var parameters: [Parameter] { get }
    /// Width of the output for an input of `width` features; throws when the
    /// layer cannot take that input.
    func outputWidth(forInput width: Int) throws -> Int
    /// The outputs for the rows of `x` with parameter values `parameters`.
    /// A tracked input or parameter gives a tracked output; `training`
    /// enables dropout.
    func forward(_ x: Tensor, _ parameters: [Tensor], training: Bool) throws -> Tensor
}

extension Layer {
    /// The layer at its current parameter values (held constant: a tracked
    /// `x` receives its gradient, the parameters none).
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try forward(x, parameters.map(\.tensor), training: false)
    }

    /// Checks that `forward` received one tensor per parameter.
    func expectParameters(_ p: [Tensor]) throws {
        guard p.count == parameters.count else {
            throw NeuralError.value("\(description) takes \(parameters.count) parameter tensors, got \(p.count)")
        }
    }
}
