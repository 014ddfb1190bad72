import Testing
@testable import SomaNeural

/// Loss of `model` on (x, t) without touching gradients.
private func lossValue(_ model: Sequential, _ x: Batch, _ t: Batch, _ loss: Loss) throws -> Double {
    try loss.value(model.forward(x, training: false), t)
}

private func randomBatch(rows: Int, cols: Int, seed: UInt64) -> Batch {
    var rng = RandomSource(seed: seed)
    var b = Batch(rows: rows, cols: cols)
    for i in 0..<b.data.count { b.data[i] = rng.normal() }
    return b
}

@Suite struct BackpropTests {
    /// Every parameter's backprop gradient agrees with central differences.
    @Test(arguments: [
        (Activation.logistic, Activation.logistic, Loss.mse),
        (.tanh, .softmax, .cce),
        (.arctan, .logistic, .bce),
        (.leakyRelu, .identity, .mse),
        (.tanh, .softmax, .mse),
    ])
    func gradientMatchesCentralDifferences(hidden: Activation, output: Activation, loss: Loss) throws {
        let net = try Network(sizes: [3, 5, 4, 2], activation: hidden, output: output, loss: loss, seed: 3)
        let x = randomBatch(rows: 6, cols: 3, seed: 11)
        var t = Batch(rows: 6, cols: 2)
        for r in 0..<6 { t.data[r * 2 + (r % 2)] = 1 }
        var scratch = Batch(rows: 0, cols: 0)
        _ = try net.model.lossAndGradient(x, t, loss: loss, scratch: &scratch)
        for p in net.model.parameters {
            let analytic = p.grad
            for i in 0..<p.value.count {
                let w = p.value[i], h = 1e-5
                p.value[i] = w + h
                let up = try lossValue(net.model, x, t, loss)
                p.value[i] = w - h
                let down = try lossValue(net.model, x, t, loss)
                p.value[i] = w
                let numeric = (up - down) / (2 * h)
                let scale = max(abs(numeric), abs(analytic[i]), 1e-3)
                #expect(abs(numeric - analytic[i]) / scale < 1e-6,
                        "\(p.name)[\(i)]: numeric \(numeric) vs backprop \(analytic[i])")
            }
        }
    }

    @Test func singlePrecisionProductsAgreeWithDouble() throws {
        let x = randomBatch(rows: 20, cols: 30, seed: 5)
        var t = Batch(rows: 20, cols: 4)
        for r in 0..<20 { t.data[r * 4 + r % 4] = 1 }
        var grads: [[Double]] = []
        var outputs: [Batch] = []
        for precision in [Precision.double, .single] {
            let net = try Network(sizes: [30, 16, 4], activation: .tanh, output: .softmax, loss: .cce, seed: 9,
                                  precision: precision)
            var scratch = Batch(rows: 0, cols: 0)
            _ = try net.model.lossAndGradient(x, t, loss: .cce, scratch: &scratch)
            grads.append(net.model.parameters.flatMap(\.grad))
            outputs.append(try net.predict(x))
        }
        let scale = grads[0].map(abs).max()!
        for (a, b) in zip(grads[0], grads[1]) { #expect(abs(a - b) < 1e-4 * scale) }
        for (a, b) in zip(outputs[0].data, outputs[1].data) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func dropoutScalesSurvivorsAndIsOffAtPrediction() throws {
        let d = try Dropout(rate: 0.5, seed: 1)
        let x = try Batch(rows: 1, cols: 1000, data: [Double](repeating: 1, count: 1000))
        let y = d.forward(x, training: true)
        #expect(y.data.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = y.data.filter { $0 != 0 }.count
        #expect(kept > 400 && kept < 600)
        #expect(d.forward(x, training: false) == x)
        #expect(throws: NeuralError.self) { try Dropout(rate: 1) }
    }

    @Test func shapeMismatchThrows() throws {
        let net = try Network(sizes: [2, 3, 1])
        #expect(throws: NeuralError.self) { try net.predict(try Batch(rows: 1, cols: 3, data: [1, 2, 3])) }
        #expect(throws: NeuralError.self) { try Network(sizes: [2]) }
        #expect(throws: NeuralError.self) { try Network(sizes: [2, 0, 1]) }
    }
}
