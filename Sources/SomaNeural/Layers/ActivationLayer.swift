import SomaCore

/// A layer applying an activation function to every element (softmax: to
/// every row).
public final class ActivationLayer: Layer {
    public let activation: Activation
    public var parameters: [Parameter] { [] }
    public var description: String { "Activation(\(activation.rawValue))" }

    // Buffers of the fused kernel, of the input's element type (see Fused/ActivationLayer+Fused.swift).
    var buffers: AnyObject?

    public init(_ activation: Activation) { self.activation = activation }

    public func outputWidth(forInput width: Int) throws -> Int { width }

    public func forward(_ x: Tensor, _ p: [Tensor], training: Bool) throws -> Tensor {
        try activation(x)
    }
}
