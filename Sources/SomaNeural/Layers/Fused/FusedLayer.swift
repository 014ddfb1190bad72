import SomaCore

/// A layer with a hand-written forward and backward pass over reused
/// buffers: the fused kernel that `Sequential` trains with when every layer
/// has one (the MLP benchmark needs it: it is about 1.4 times faster than
/// differentiating `forward`). Each pass is written once, generic over the
/// element type, and runs in the parameters' dtype (Float64 or Float32); it
/// must agree with autodiff of the layer's `forward`, which the tests check
/// for both.
protocol FusedLayer: Layer {
    /// Maps each row of `input` to a row of the output; with `training` the
    /// layer remembers what `backwardRows` needs.
    func forwardRows(_ input: Batch<Double>, training: Bool) -> Batch<Double>
    func forwardRows(_ input: Batch<Float>, training: Bool) -> Batch<Float>
    /// Given ∂E/∂output, stores ∂E/∂parameters in each parameter's `grad`
    /// and returns ∂E/∂input (an empty batch when `needInputGradient` is false).
    func backwardRows(_ gradOutput: Batch<Double>, needInputGradient: Bool) -> Batch<Double>
    func backwardRows(_ gradOutput: Batch<Float>, needInputGradient: Bool) -> Batch<Float>
}

/// The element types of the fused passes. A layer implements each pass once,
/// generic over the element type, and lists it for both types (one line
/// each): called through the protocol, a generic requirement would run
/// unspecialised, with every arithmetic operation a witness-table call.
/// Generic callers reach the layer's pass for their type through these.
protocol FusedElement: TensorElement {
    static func forward(_ layer: FusedLayer, _ x: Batch<Self>, training: Bool) -> Batch<Self>
    static func backward(_ layer: FusedLayer, _ g: Batch<Self>, needInputGradient: Bool) -> Batch<Self>
}

extension Double: FusedElement {
    static func forward(_ layer: FusedLayer, _ x: Batch<Double>, training: Bool) -> Batch<Double> {
        layer.forwardRows(x, training: training)
    }
    static func backward(_ layer: FusedLayer, _ g: Batch<Double>, needInputGradient: Bool) -> Batch<Double> {
        layer.backwardRows(g, needInputGradient: needInputGradient)
    }
}

extension Float: FusedElement {
    static func forward(_ layer: FusedLayer, _ x: Batch<Float>, training: Bool) -> Batch<Float> {
        layer.forwardRows(x, training: training)
    }
    static func backward(_ layer: FusedLayer, _ g: Batch<Float>, needInputGradient: Bool) -> Batch<Float> {
        layer.backwardRows(g, needInputGradient: needInputGradient)
    }
}

/// A layer's reused buffers for one element type.
protocol FusedBuffers: AnyObject {
    init()
}

/// The buffers of type `B` kept in `slot`, made when the slot holds none
/// (or those of the other element type).
func fusedBuffers<B: FusedBuffers>(_ slot: inout AnyObject?) -> B {
    if let buffers = slot as? B { return buffers }
    let buffers = B()
    slot = buffers
    return buffers
}
