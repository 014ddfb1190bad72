import Testing
import SomaCore
@testable import SomaNeural

/// `precision: .single` as a property of the data: float32 parameters,
/// gradients, optimizer state and outputs; input of either dtype.
@Suite struct PrecisionTests {
    private func data() throws -> (Tensor, Tensor) {
        var rng = RandomGenerator(seed: 4)
        let x = try rng.randn([40, 5])
        let t = try Tensor.onehot(Tensor((0..<40).map { Double($0 % 3) }), classes: 3)
        return (x, t)
    }

    @Test(arguments: ["sgd", "momentum", "adam"])
    func singlePrecisionTrainsInFloat32(optimizer: String) throws {
        let (x, t) = try data()
        let net = try Network(sizes: [5, 8, 3], activation: .tanh, output: .softmax, loss: .cce, seed: 1, precision: .single)
        #expect(net.model.parameters.allSatisfy { $0.dtype == .float32 && $0.grad.dtype == .float32 })
        let opt: Optimizer? = optimizer == "adam" ? try Adam(learningRate: 0.01) : nil
        let h = try net.learn(x.astype(.float32), t, epochs: 30, learningRate: 0.2, batchSize: 10,
                              momentum: optimizer == "momentum" ? 0.5 : 0, decay: WeightDecay(l2: 1e-3), optimizer: opt)
        let (first, last) = (try #require(h.loss.first), try #require(h.loss.last))
        #expect(last < first)
        #expect(net.model.parameters.allSatisfy { $0.dtype == .float32 && $0.grad.dtype == .float32 })
        #expect(try net.predict(x).dtype == .float32)
    }

    /// A float32 model trains to within float32 rounding of the float64 one.
    @Test func singleFollowsDouble() throws {
        let (x, t) = try data()
        var weights: [[Double]] = []
        for precision in Precision.allCases {
            let net = try Network(sizes: [5, 8, 3], activation: .logistic, output: .softmax, loss: .cce, seed: 2,
                                  precision: precision)
            _ = try net.learn(x, t, epochs: 5, learningRate: 0.5, batchSize: 8, momentum: 0.5, shuffle: false)
            weights.append(net.model.parameters.flatMap(\.value.data))
        }
        for (a, b) in zip(weights[0], weights[1]) { #expect(abs(a - b) < 1e-4 * max(1, abs(a))) }
    }

    /// Input of the other dtype is converted as the batches are gathered: the
    /// run equals one on input converted beforehand.
    @Test(arguments: Precision.allCases)
    func inputOfTheOtherDTypeIsConverted(precision: Precision) throws {
        let (x, t) = try data()
        let other: DType = precision == .double ? .float32 : .float64
        var runs: [(History, [Double])] = []
        for input in [x.astype(other), x.astype(other).astype(precision.dtype)] {
            let net = try Network(sizes: [5, 8, 3], activation: .tanh, output: .softmax, loss: .cce, seed: 3,
                                  precision: precision)
            let h = try net.learn(input, t, epochs: 3, learningRate: 0.3, batchSize: 7, validation: 0.2, seed: 5)
            #expect(net.model.parameters.allSatisfy { $0.dtype == precision.dtype })
            #expect(try net.predict(input).dtype == precision.dtype)
            runs.append((h, net.model.parameters.flatMap(\.value.data)))
        }
        #expect(runs[0].0 == runs[1].0)
        #expect(runs[0].1 == runs[1].1)
    }

    @Test func assignAndPrecisionConvert() throws {
        let d = Dense(inputs: 2, outputs: 3, seed: 1, precision: .single)
        #expect(d.W.dtype == .float32 && d.b.dtype == .float32)
        try d.W.assign(Tensor(repeating: 0.1, shape: [2, 3]))
        #expect(d.W.dtype == .float32 && d.W.value.shape == [2, 3])
        #expect(abs(d.W.value.data[0] - 0.1) < 1e-7)
        d.precision = .double
        #expect(d.W.dtype == .float64 && d.W.grad.dtype == .float64 && d.precision == .double)
        // The tensor definition computes in the layer's dtype whatever the input's.
        #expect(try d(Tensor(repeating: 1, shape: [1, 2], dtype: .float32)).dtype == .float64)
    }
}
