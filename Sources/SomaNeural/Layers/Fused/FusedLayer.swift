/// A layer with a hand-written forward and backward pass over reused
/// buffers: the fused kernel that `Sequential` trains with when every layer
/// has one (the MLP benchmark needs it: it is about 1.4 times faster than
/// differentiating `forward`). Each pass must agree with autodiff of the
/// layer's `forward`; the tests check that.
protocol FusedLayer: Layer {
    /// Maps each row of `input` to a row of the output; with `training` the
    /// layer remembers what `backwardRows` needs.
    func forwardRows(_ input: Batch, training: Bool) -> Batch
    /// Given ∂E/∂output, stores ∂E/∂parameters in each parameter's `grad`
    /// and returns ∂E/∂input (an empty batch when `needInputGradient` is false).
    func backwardRows(_ gradOutput: Batch, needInputGradient: Bool) -> Batch
}
