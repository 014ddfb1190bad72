import Testing
import SomaCore
@testable import SomaNeural

private func randomTensor(_ shape: [Int], seed: UInt64) throws -> Tensor {
    var rng = RandomGenerator(seed: seed)
    return try rng.randn(shape)
}

/// Targets for `rows` samples of `k` outputs: one-hot rows.
private func oneHotTargets(rows: Int, k: Int) throws -> Tensor {
    try Tensor.onehot(Tensor((0..<rows).map { Double($0 % k) }), classes: k)
}

/// The configurations the course trains: hidden activation, output activation, loss.
private let configurations: [(Activation, Activation, Loss)] = [
    (.logistic, .logistic, .mse),
    (.tanh, .softmax, .cce),
    (.arctan, .logistic, .bce),
    (.leakyRelu, .identity, .mse),
    (.tanh, .softmax, .mse),
    (.relu, .softmax, .cce),
    (.logistic, .tanh, .mse),
]

@Suite struct GradientTests {
    /// Every parameter's autodiff gradient agrees with central differences.
    @Test(arguments: configurations.indices)
    func autodiffMatchesCentralDifferences(index: Int) throws {
        let (hidden, output, loss) = configurations[index]
        let net = try Network(sizes: [3, 5, 4, 2], activation: hidden, output: output, loss: loss, seed: 3)
        let x = try randomTensor([6, 3], seed: 11), t = try oneHotTargets(rows: 6, k: 2)
        try net.model.lossAndGradient(x, t, loss: loss)
        for p in net.model.parameters {
            let analytic = p.grad.data
            let numeric = try numericalGradient(of: { w in
                let keep = p.value
                defer { p.value = keep }
                try p.assign(w)
                return Tensor(try loss.value(try net.predict(x), t))
            }, at: p.tensor)
            for i in 0..<analytic.count {
                let scale = max(abs(numeric.data[i]), abs(analytic[i]), 1e-3)
                #expect(abs(numeric.data[i] - analytic[i]) / scale < 1e-6,
                        "\(p.name)[\(i)]: numeric \(numeric.data[i]) vs autodiff \(analytic[i])")
            }
        }
    }

    /// The fused kernel's hand-written passes give the gradients autodiff
    /// takes of the same layers' tensor definitions, in both precisions: the
    /// same numbers to rounding (1e-10 of the largest gradient in float64,
    /// 1e-4 in float32, whose unit roundoff is 6e-8).
    @Test(arguments: configurations.indices, Precision.allCases)
    func fusedKernelMatchesAutodiff(index: Int, precision: Precision) throws {
        let (hidden, output, loss) = configurations[index]
        let dtype = precision.dtype
        let x = try randomTensor([7, 3], seed: 4).astype(dtype), t = try oneHotTargets(rows: 7, k: 2).astype(dtype)
        let a = try Network(sizes: [3, 6, 2], activation: hidden, output: output, loss: loss, seed: 8, precision: precision)
        let b = try Network(sizes: [3, 6, 2], activation: hidden, output: output, loss: loss, seed: 8, precision: precision)
        let fused = try #require(a.model.fusedLayers)
        let (lf, yf) = try a.model.fusedLossAndGradient(fused, x, t, loss: loss)
        let (la, ya) = try b.model.lossAndGradient(x, t, loss: loss)
        let tolerance = precision == .double ? 1e-10 : 1e-4
        #expect(yf.dtype == dtype && ya.dtype == dtype)
        #expect(abs(lf - la) <= tolerance * max(1, abs(la)))
        for (u, v) in zip(yf.data, ya.data) { #expect(abs(u - v) < tolerance) }
        for (p, q) in zip(a.model.parameters, b.model.parameters) {
            #expect(p.grad.dtype == dtype && q.grad.dtype == dtype)
            let (gp, gq) = (p.grad.data, q.grad.data)
            let scale = max(gq.map(abs).max() ?? 0, 1e-12)
            for (g, h) in zip(gp, gq) { #expect(abs(g - h) <= tolerance * scale, "\(p.name): \(g) vs \(h)") }
        }
    }

    /// Dropout draws the same mask on both paths (same seed), so the fused
    /// and autodiff gradients agree with dropout on too.
    @Test func fusedDropoutMatchesAutodiff() throws {
        let x = try randomTensor([5, 4], seed: 2), t = try oneHotTargets(rows: 5, k: 3)
        func model() throws -> Sequential {
            try Sequential([Dense(inputs: 4, outputs: 8, seed: 1), ActivationLayer(.relu), Dropout(rate: 0.5, seed: 9),
                            Dense(inputs: 8, outputs: 3, seed: 2), ActivationLayer(.softmax)])
        }
        let (a, b) = (try model(), try model())
        _ = try a.fusedLossAndGradient(try #require(a.fusedLayers), x, t, loss: .cce)
        try b.lossAndGradient(x, t, loss: .cce)
        for (p, q) in zip(a.parameters, b.parameters) {
            for (g, h) in zip(p.grad.data, q.grad.data) { #expect(abs(g - h) < 1e-12) }
        }
    }

    /// `grad` of a function of a network's output with respect to its input
    /// is the true gradient (it used to be zeros).
    @Test(arguments: configurations.indices)
    func inputGradientThroughANetwork(index: Int) throws {
        let (hidden, output, loss) = configurations[index]
        let net = try Network(sizes: [3, 5, 2], activation: hidden, output: output, loss: loss, seed: 5)
        let x = try randomTensor([4, 3], seed: 6)
        let weights = try randomTensor([4, 2], seed: 7)
        let f: (Tensor) throws -> Tensor = { x in try (net.predict(x) * weights).sum() }
        let analytic = try gradient(of: f, at: x)
        let numeric = try numericalGradient(of: f, at: x)
        #expect(analytic.data.contains { $0 != 0 } || hidden == .relu)
        for (a, n) in zip(analytic.data, numeric.data) { #expect(abs(a - n) < 1e-6 * max(1, abs(n))) }
        // One sample as a vector: the same gradient as its row.
        let row = try x.get([.index(0)])
        let g1 = try gradient(of: { try (net.predict($0) * weights.get([.index(0)])).sum() }, at: row)
        for (a, b) in zip(g1.data, analytic.data.prefix(3)) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func parameterGradientsByName() throws {
        let net = try Network(sizes: [2, 3, 1], seed: 1)
        let (x, t) = xorData()
        let g = try net.model.gradients(x, t, loss: .mse)
        #expect(g.map(\.shape) == [[2, 3], [3], [3, 1], [1]])
        #expect(g.contains { $0.data.contains { $0 != 0 } })
    }

    @Test func storingATrackedTensorInAParameterIsAnError() throws {
        let d = Dense(inputs: 2, outputs: 1)
        let leaf = Tensor.leaves([d.W.tensor])[0]
        #expect(throws: NeuralError.self) { try d.W.assign(leaf) }
    }

    @Test func singlePrecisionAgreesWithDouble() throws {
        let x = try randomTensor([20, 30], seed: 5), t = try oneHotTargets(rows: 20, k: 4)
        var grads: [[Double]] = []
        var outputs: [Tensor] = []
        for precision in [Precision.double, .single] {
            let net = try Network(sizes: [30, 16, 4], activation: .tanh, output: .softmax, loss: .cce, seed: 9,
                                  precision: precision)
            let dtype = precision.dtype
            _ = try net.model.fusedLossAndGradient(try #require(net.model.fusedLayers), x.astype(dtype), t.astype(dtype),
                                                   loss: .cce)
            grads.append(net.model.parameters.flatMap(\.grad.data))
            outputs.append(try net.predict(x))
        }
        let scale = try #require(grads[0].map(abs).max())
        for (a, b) in zip(grads[0], grads[1]) { #expect(abs(a - b) < 1e-4 * scale) }
        for (a, b) in zip(outputs[0].data, outputs[1].data) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func dropoutScalesSurvivorsAndIsOffAtPrediction() throws {
        let d = try Dropout(rate: 0.5, seed: 1)
        let x = Tensor(repeating: 1, shape: [1, 1000])
        let y = try d.forward(x, [], training: true)
        #expect(y.data.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = y.data.filter { $0 != 0 }.count
        #expect(kept > 400 && kept < 600)
        #expect(try d(x) == x)
        #expect(throws: NeuralError.self) { try Dropout(rate: 1) }
    }

    @Test func shapeMismatchThrows() throws {
        let net = try Network(sizes: [2, 3, 1])
        #expect(throws: NeuralError.self) { try net.predict(Tensor(shape: [1, 3], data: [1, 2, 3])) }
        #expect(throws: NeuralError.self) { try Network(sizes: [2]) }
        #expect(throws: NeuralError.self) { try Network(sizes: [2, 0, 1]) }
        #expect(throws: NeuralError.self) { try Dense(inputs: 2, outputs: 1).forward(Tensor([1, 2]), [], training: false) }
    }
}
