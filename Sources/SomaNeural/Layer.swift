/// One stage of a feed-forward network, trained by explicit backprop.
///
/// A layer keeps the buffers it needs between `forward` and `backward`
/// (its input, its output, masks) and reuses them from step to step, so a
/// training loop allocates nothing per batch once the batch size is fixed.
/// Trainable arrays are listed explicitly in `parameters`; nothing is found
/// by reflection.
public protocol Layer: AnyObject {
    /// Name shown when a network is printed, e.g. `"Dense(2 -> 3)"`.
    var description: String { get }
    /// Trainable arrays, in a fixed order.
    var parameters: [Parameter] { get }
    /// Width of the output for an input of `width` features; throws when the
    /// layer cannot take that input.
    func outputWidth(forInput width: Int) throws -> Int
    /// Maps each row of `input` to a row of the output. `training` enables
    /// dropout and makes the layer remember what `backward` needs.
    func forward(_ input: Batch, training: Bool) -> Batch
    /// Given ∂E/∂output, stores ∂E/∂parameters in each parameter's `grad`
    /// and returns ∂E/∂input (an empty batch when `needInputGradient` is false).
    func backward(_ gradOutput: Batch, needInputGradient: Bool) -> Batch
}
