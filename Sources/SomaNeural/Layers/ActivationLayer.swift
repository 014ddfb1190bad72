import SomaCore

/// A layer applying an activation function to every element (softmax: to
/// every row).
public final class ActivationLayer: Layer {
    public let activation: Activation
    public var parameters: [Parameter] { [] }
    public var description: String { "Activation(\(activation.rawValue))" }

    // Buffers of the fused kernel (see Fused/ActivationLayer+Fused.swift).
    var z = Batch(rows: 0, cols: 0)
    var y = Batch(rows: 0, cols: 0)
    var dz = Batch(rows: 0, cols: 0)

    public init(_ activation: Activation) { self.activation = activation }

    public func outputWidth(forInput width: Int) throws -> Int { width }

    public func forward(_ x: Tensor, _ p: [Tensor], training: Bool) throws -> Tensor {
        try activation(x)
    }
}
