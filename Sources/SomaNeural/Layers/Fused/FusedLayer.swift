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
    func forwardRows<T: TensorElement>(_ input: Batch<T>, training: Bool) -> Batch<T>
    /// Given ∂E/∂output, stores ∂E/∂parameters in each parameter's `grad`
    /// and returns ∂E/∂input (an empty batch when `needInputGradient` is false).
    func backwardRows<T: TensorElement>(_ gradOutput: Batch<T>, needInputGradient: Bool) -> Batch<T>
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
