import SomaCore

/// Layers applied one after another.
///
///     let model = try Sequential([Dense(inputs: 2, outputs: 3), ActivationLayer(.tanh),
///                                 Dense(inputs: 3, outputs: 1), ActivationLayer(.logistic)])
///     let y = try model.predict(x)
///
/// `forward` composes the layers' tensor definitions, so `grad` through a
/// model gives the true gradient. Training (`learn`) takes the gradient of
/// each batch from SomaCore's `backward`, or from the layers' fused passes
/// when every layer has one (the same numbers, faster).
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

    /// The dtype the model computes in: its parameters' (the first one's when
    /// layers differ), or the input's for a model without parameters.
    public func computeDType(for x: Tensor) -> DType {
        parameters.first?.dtype ?? x.dtype
    }

    /// Checks that `width` input features flow through every layer; returns
    /// the output width.
    @discardableResult
    public func check(inputWidth width: Int) throws -> Int {
        var w = width
        for layer in layers { w = try layer.outputWidth(forInput: w) }
        return w
    }

    /// The layers composed, with parameter values `parameters` (aligned
    /// with `self.parameters`): the differentiable definition of the model.
    public func forward(_ x: Tensor, _ parameters: [Tensor], training: Bool) throws -> Tensor {
        var h = x
        var next = 0
        for layer in layers {
            let n = layer.parameters.count
            guard next + n <= parameters.count else {
                throw NeuralError.value("Sequential takes \(self.parameters.count) parameter tensors, got \(parameters.count)")
            }
            h = try layer.forward(h, Array(parameters[next..<(next + n)]), training: training)
            next += n
        }
        return h
    }

    /// Outputs for samples: the rows of a matrix, a 1-d tensor as one sample
    /// (giving a 1-d output), images N x H x W as N rows of H·W features.
    /// Differentiable in `x`; an untracked input takes the fused pass. The
    /// outputs have the parameters' dtype (an input of the other dtype is
    /// converted, as each layer does).
    public func predict(_ x: Tensor) throws -> Tensor {
        let rows = try sampleRows(x, vectorIsOneSample: true)
        try check(inputWidth: rows.shape[1])
        let y: Tensor
        if rows.node == nil, let fused = fusedLayers {
            y = try fusedPredict(fused, rows)
        } else {
            y = try forward(rows, parameters.map(\.tensor), training: false)
        }
        return x.rank == 1 ? try y.reshaped([y.count]) : y
    }

    /// Mean loss of the outputs for rows `x` against targets `t`, and its
    /// gradient with respect to every parameter (stored in each `grad`)
    /// by SomaCore's autodiff; also returns the outputs.
    @discardableResult
    public func lossAndGradient(_ x: Tensor, _ t: Tensor, loss: Loss,
                                training: Bool = true) throws -> (loss: Double, output: Tensor) {
        let params = parameters
        let leaves = Tensor.leaves(params.map(\.tensor))
        let y = try forward(x, leaves, training: training)
        let value = try loss(y, t)
        let grads = try backward(value, wrt: leaves)
        for (p, g) in zip(params, grads) { try p.setGradient(g) }
        return (try value.scalar(), y.detached)
    }

    /// The gradients of the mean loss on (x, t) with respect to each
    /// parameter, by autodiff, shaped like the parameters.
    public func gradients(_ x: Tensor, _ t: Tensor, loss: Loss) throws -> [Tensor] {
        let rows = try sampleRows(x, vectorIsOneSample: false)
        try check(inputWidth: rows.shape[1])
        try lossAndGradient(rows, try sampleRows(t, vectorIsOneSample: false), loss: loss, training: false)
        return parameters.map(\.grad)
    }
}

/// Samples as rows: a matrix as is, a vector as one sample
/// (`vectorIsOneSample`) or one single-feature sample per element, a scalar
/// as one sample of one feature, images N x H x W as N rows of H·W.
/// Reshaping is differentiable, so a tracked input stays tracked.
public func sampleRows(_ t: Tensor, vectorIsOneSample: Bool) throws -> Tensor {
    switch t.rank {
    case 0: return try t.reshaped([1, 1])
    case 1: return try t.reshaped(vectorIsOneSample ? [1, t.count] : [t.count, 1])
    case 2: return t
    default:
        let n = t.shape[0]
        return try t.reshaped([n, n == 0 ? 0 : t.count / n])
    }
}
