import SomaCore

extension Sequential {
    /// The layers as fused passes, when every layer has one and every
    /// parameter has the same dtype (the passes run in that one type).
    var fusedLayers: [FusedLayer]? {
        let fused = layers.compactMap { $0 as? FusedLayer }
        guard fused.count == layers.count else { return nil }
        let dtypes = Set(parameters.map(\.dtype))
        return dtypes.count <= 1 ? fused : nil
    }

    /// Mean loss and gradients (in each parameter's `grad`) on one batch by
    /// the layers' hand-written passes, in the element type of `x` (which
    /// the caller has given the parameters' dtype); also returns the outputs.
    func fusedLossAndGradient(_ fused: [FusedLayer], _ x: Tensor, _ t: Tensor,
                              loss: Loss) throws -> (loss: Double, output: Tensor) {
        // The layers' products cannot throw: a missing OpenBLAS is an error here.
        try BLASLibrary.require()
        return x.dtype == .float32
            ? try fusedLossAndGradient(fused, Batch<Float>(x), Batch<Float>(t), loss: loss)
            : try fusedLossAndGradient(fused, Batch<Double>(x), Batch<Double>(t), loss: loss)
    }

    /// The pass above for element type `T`. When the loss fuses with a final
    /// activation layer, the gradient enters below it as (y − t)/N.
    private func fusedLossAndGradient<T: FusedElement>(_ fused: [FusedLayer], _ x: Batch<T>, _ target: Batch<T>,
                                                        loss: Loss) throws -> (loss: Double, output: Tensor) {
        var h = x
        for layer in fused { h = T.forward(layer, h, training: true) }
        let y = h.tensor
        let value = try loss.value(y, target.tensor)
        let last = fused.count - 1
        var scratch = Batch<T>(rows: h.rows, cols: h.cols)
        if let act = fused[last] as? ActivationLayer, loss.fusesWith(act.activation) {
            let scale = 1 / T(max(h.rows, 1))
            for i in 0..<h.data.count { scratch.data[i] = (h.data[i] - target.data[i]) * scale }
            _ = T.backward(act, scratch, needInputGradient: false)
            backwardRows(fused, scratch, fromLayer: last - 1)
        } else {
            loss.gradient(h, target, into: &scratch)
            backwardRows(fused, scratch, fromLayer: last)
        }
        return (value, y)
    }

    /// Outputs of the fused forward pass (no memory kept for backward), in
    /// the parameters' dtype.
    func fusedPredict(_ fused: [FusedLayer], _ x: Tensor) throws -> Tensor {
        try BLASLibrary.require()
        return computeDType(for: x) == .float32 ? fusedPredict(fused, Batch<Float>(x)) : fusedPredict(fused, Batch<Double>(x))
    }

    private func fusedPredict<T: FusedElement>(_ fused: [FusedLayer], _ x: Batch<T>) -> Tensor {
        var h = x
        for layer in fused { h = T.forward(layer, h, training: false) }
        return h.tensor
    }

    /// Backpropagates ∂E/∂(output of layer `last`) down to the first layer.
    private func backwardRows<T: FusedElement>(_ fused: [FusedLayer], _ g: Batch<T>, fromLayer last: Int) {
        var grad = g
        var i = last
        while i >= 0 {
            grad = T.backward(fused[i], grad, needInputGradient: i > 0)
            i -= 1
        }
    }
}

extension Loss {
    /// ∂E/∂y into `g` (y's shape): the fused kernel's hand-written
    /// derivative of SomaCore's loss of the same name.
    func gradient<T: TensorElement>(_ y: Batch<T>, _ t: Batch<T>, into g: inout Batch<T>) {
        g.resize(rows: y.rows, cols: y.cols)
        let scale = 1 / T(max(y.rows, 1))
        let eps = T(Loss.epsilon)
        switch self {
        case .mse:
            for i in 0..<y.data.count { g.data[i] = 2 * (y.data[i] - t.data[i]) * scale }
        case .bce:
            for i in 0..<y.data.count {
                let p = y.data[i]
                // The clip has zero slope outside [ε, 1 − ε], as in autodiff.
                g.data[i] = p < eps || p > 1 - eps ? 0 : (p - t.data[i]) / (p * (1 - p)) * scale
            }
        case .cce:
            for i in 0..<y.data.count { g.data[i] = y.data[i] < eps ? 0 : -t.data[i] / y.data[i] * scale }
        }
    }

    /// Whether this loss after `output` has the simple gradient
    /// ∂E/∂z = (y − t)/N at the output layer's input z; using it avoids
    /// dividing by y (and the NaN when y underflows to 0).
    func fusesWith(_ output: Activation) -> Bool {
        (self == .cce && output == .softmax) || (self == .bce && output == .logistic)
    }
}
