import SomaCore

/// Layers applied one after another; trains with explicit backprop.
///
///     let model = try Sequential([Dense(inputs: 2, outputs: 3), ActivationLayer(.tanh),
///                                 Dense(inputs: 3, outputs: 1), ActivationLayer(.logistic)])
///     let y = try model.predict(x)
public final class Sequential {
    /// The layers, input side first.
    public private(set) var layers: [Layer]

    /// - Throws: `NeuralError.value` for an empty list.
    public init(_ layers: [Layer]) throws {
        guard !layers.isEmpty else { throw NeuralError.value("Sequential needs at least one layer") }
        self.layers = layers
    }

    /// Every trainable parameter, input side first.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Checks that `width` input features flow through every layer; returns
    /// the output width.
    @discardableResult
    public func check(inputWidth width: Int) throws -> Int {
        var w = width
        for layer in layers { w = try layer.outputWidth(forInput: w) }
        return w
    }

    /// Runs the layers on a batch (shapes must already be checked).
    public func forward(_ x: Batch, training: Bool) -> Batch {
        var h = x
        for layer in layers { h = layer.forward(h, training: training) }
        return h
    }

    /// Backpropagates ∂E/∂(output of layer `last`) down to the first layer.
    public func backward(_ g: Batch, fromLayer last: Int) {
        var grad = g
        var i = last
        while i >= 0 {
            grad = layers[i].backward(grad, needInputGradient: i > 0)
            i -= 1
        }
    }

    /// Outputs for the rows of `x`.
    public func predict(_ x: Batch) throws -> Batch {
        try check(inputWidth: x.cols)
        return forward(x, training: false)
    }

    /// Outputs for a tensor of samples (rows); a 1-d tensor is one sample.
    public func predict(_ x: Tensor) throws -> Tensor {
        if x.rank == 1 {
            let out = try predict(try Batch(rows: 1, cols: x.count, data: x.data))
            return Tensor(out.data)
        }
        return try predict(try Batch(x)).tensor
    }

    /// Mean loss and gradients (in each parameter's `grad`) on one batch;
    /// also returns the outputs. When the loss fuses with a final activation
    /// layer, the gradient enters below it as (y − t)/N.
    @discardableResult
    public func lossAndGradient(_ x: Batch, _ t: Batch, loss: Loss,
                                scratch: inout Batch) throws -> (loss: Double, output: Batch) {
        let y = forward(x, training: true)
        guard y.rows == t.rows, y.cols == t.cols else {
            throw NeuralError.shape("targets are \(t.rows) x \(t.cols) but the network gives \(y.rows) x \(y.cols)")
        }
        let value = loss.unchecked(y.data, t.data, rows: y.rows)
        let lastIndex = layers.count - 1
        if let act = layers[lastIndex] as? ActivationLayer, loss.fusesWith(act.activation) {
            scratch.resize(rows: y.rows, cols: y.cols)
            let scale = 1 / Double(max(y.rows, 1))
            for i in 0..<y.data.count { scratch.data[i] = (y.data[i] - t.data[i]) * scale }
            _ = act.backward(scratch, needInputGradient: false)
            backward(scratch, fromLayer: lastIndex - 1)
        } else {
            loss.gradient(y, t, into: &scratch)
            backward(scratch, fromLayer: lastIndex)
        }
        return (value, y)
    }
}
