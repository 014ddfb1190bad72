import Testing
import SomaCore
@testable import SomaNeural

@Suite struct TrainingTests {
    @Test func perceptronLearnsOrButNotXor() throws {
        let (x, _) = xorData()
        let or = Perceptron(inputs: 2)
        let orErrors = try or.learn(x, [0, 1, 1, 1], epochs: 50)
        #expect(orErrors.last == 0)
        #expect(try or.predict(x) == [0, 1, 1, 1])

        let xor = Perceptron(inputs: 2)
        let xorErrors = try xor.learn(x, [0, 1, 1, 0], epochs: 100)
        #expect(xorErrors.count == 100 && xorErrors.allSatisfy { $0 > 0 })
        #expect(try xor.predict(x) != [0, 1, 1, 0])
    }

    @Test func xorNetworkLearns() throws {
        let (x, t) = xorData()
        let net = try Network(sizes: [2, 3, 1], activation: .logistic, output: .logistic, loss: .mse, seed: 5)
        let history = try net.learn(x, t, epochs: 3000, learningRate: 2)
        #expect(history.loss.count == 3000)
        #expect(history.loss.last! < history.loss.first! / 10)
        let y = try net.predict(x)
        #expect(y.data.map { $0 >= 0.5 ? 1.0 : 0.0 } == [0, 1, 1, 0])
        #expect(history.accuracy.last == 1)
    }

    @Test func momentumAndAdamReduceLoss() throws {
        let (x, t) = xorData()
        for opt in [try SGD(learningRate: 0.5, momentum: 0.9) as Optimizer,
                    try SGD(learningRate: 2, momentum: 0.9, form: .average),
                    try Adam(learningRate: 0.05)] {
            let net = try Network(sizes: [2, 4, 1], activation: .tanh, output: .logistic, loss: .bce, seed: 2)
            let h = try net.learn(x, t, epochs: 500, learningRate: 1, optimizer: opt)
            #expect(h.loss.last! < 0.5 * h.loss.first!)
        }
    }

    @Test func weightDecayShrinksWeights() throws {
        let (x, t) = xorData()
        func norm(decay: WeightDecay) throws -> Double {
            let net = try Network(sizes: [2, 8, 1], seed: 1)
            _ = try net.learn(x, t, epochs: 300, learningRate: 1, decay: decay)
            return net.layers.flatMap { $0.W.value.data }.map { $0 * $0 }.reduce(0, +)
        }
        let plain = try norm(decay: .none)
        #expect(try norm(decay: WeightDecay(l2: 0.05)) < plain)
        #expect(try norm(decay: WeightDecay(l1: 0.05)) < plain)
    }

    @Test func digitsClassifierWithValidationAndEarlyStopping() throws {
        let d = DigitsData.load()
        let x = try d.images / 16
        let t = try Tensor.onehot(Tensor(d.labels), classes: 10)
        let (xTrain, tTrain, xTest, tTest) = try split(x, t, testFraction: 0.2, seed: 1)
        let net = try Network(sizes: [64, 32, 10], activation: .relu, output: .softmax, loss: .cce, seed: 1)
        var reports = 0
        let h = try net.learn(xTrain, tTrain, epochs: 60, learningRate: 0.1, batchSize: 32, validation: 0.2,
                              patience: 3, progress: { _ in reports += 1 })
        #expect(reports == h.loss.count)
        #expect(h.valLoss.count == h.loss.count)
        #expect(h.loss.count < 60, "early stopping should end the run before 60 epochs")
        let accuracy = net.model.accuracy(try net.predict(xTest), tTest)
        #expect(accuracy > 0.9)
    }

    @Test func earlyStoppingKeepsTheBestWeights() throws {
        // A big network on few noisy samples overfits: validation loss turns up.
        var rng = RandomGenerator(seed: 8)
        var x = Tensor(repeating: 0, shape: [40, 1]), t = Tensor(repeating: 0, shape: [40, 1])
        for r in 0..<40 {
            x.data[r] = rng.uniform() * 2 - 1
            t.data[r] = 0.4 * x.data[r] - 0.9 + 0.3 * rng.normal()
        }
        let net = try Network(sizes: [1, 64, 64, 1], activation: .tanh, output: .identity, loss: .mse, seed: 2)
        let h = try net.learn(x, t, epochs: 400, learningRate: 0.05, batchSize: 4, validation: 0.5, patience: 10,
                              optimizer: try Adam(learningRate: 0.01))
        let best = try #require(h.valLoss.min())
        let bestEpoch = try #require(h.valLoss.firstIndex(of: best)) + 1
        #expect(h.valLoss.count - bestEpoch == 10 || h.valLoss.count == 400)
        // Recompute the validation loss of the kept weights on the same rows.
        // learn draws the validation rows first from a stream seeded by its seed (0).
        var stream = RandomGenerator(seed: 0)
        let order = try stream.permutation(40).data.prefix(20).map { Int($0) }
        let kept = try Loss.mse.value(try net.predict(try x.rows(order)), try t.rows(order))
        #expect(abs(kept - best) < 1e-9)
    }

    @Test func divergenceReportsTheEpoch() throws {
        let x = Tensor(shape: [4, 1], data: [1, 2, 3, 4])
        let t = Tensor(shape: [4, 1], data: [10, 20, 30, 40])
        let net = try Network(sizes: [1, 1], activation: .identity, output: .identity, loss: .mse)
        do {
            _ = try net.learn(x, t, epochs: 200, learningRate: 10)
            Issue.record("learning with a huge rate should diverge")
        } catch let NeuralError.diverged(epoch, _) {
            #expect(epoch > 1 && epoch < 200)
        }
    }

    @Test func mismatchedTargetsThrow() throws {
        let (x, _) = xorData()
        let net = try Network(sizes: [2, 3, 2])
        #expect(throws: NeuralError.self) { try net.learn(x, Tensor(shape: [4, 1], data: [0, 1, 1, 0]), epochs: 1, learningRate: 1) }
        #expect(throws: NeuralError.self) { try net.learn(x, Tensor(repeating: 0, shape: [3, 2]), epochs: 1, learningRate: 1) }
    }

    @Test func augmentationShiftsAndRotates() throws {
        // A single lit pixel at (1, 1) of a 4 x 4 image.
        var img = Tensor(repeating: 0, shape: [1, 16])
        img.data[1 * 4 + 1] = 1
        let shifted = try Augment.shift(img, width: 4, height: 4, dx: 1, dy: 2)
        #expect(shifted.data[3 * 4 + 2] == 1 && shifted.data.reduce(0, +) == 1)
        let turned = try Augment.rotate(img, width: 4, height: 4, angle: .pi)
        #expect(abs(turned.data[2 * 4 + 2] - 1) < 1e-9)
        let noisy = Augment.noise(img, sigma: 0.1, seed: 3)
        #expect(noisy != img)
        #expect(throws: NeuralError.self) { try Augment.shift(img, width: 3, height: 3, dx: 0, dy: 0) }
    }
}

@Suite struct TrainingPathTests {
    /// Training with every gradient from autodiff gives the run the fused
    /// kernel gives (same seed, same batches).
    @Test func autodiffTrainingMatchesTheFusedKernel() throws {
        let d = DigitsData.load()
        let x = try d.images.get([.slice(start: 0, stop: 300, step: 1)]) / 16
        let t = try Tensor.onehot(Tensor(Array(d.labels.prefix(300))), classes: 10)
        var runs: [(History, [Double])] = []
        for fused in [true, false] {
            let net = try Network(sizes: [64, 16, 10], activation: .logistic, output: .softmax, loss: .cce, seed: 3)
            let h = try net.learn(x, t, epochs: 5, learningRate: 0.5, batchSize: 30, momentum: 0.5,
                                  decay: WeightDecay(l2: 1e-3), validation: 0.2, patience: 10, seed: 2, fused: fused)
            runs.append((h, net.model.parameters.flatMap(\.value.data)))
        }
        for (a, b) in zip(runs[0].0.loss + runs[0].0.valLoss, runs[1].0.loss + runs[1].0.valLoss) {
            #expect(abs(a - b) < 1e-9 * max(1, abs(a)))
        }
        #expect(runs[0].0.accuracy == runs[1].0.accuracy)
        for (a, b) in zip(runs[0].1, runs[1].1) { #expect(abs(a - b) < 1e-9) }
    }

    @Test func optionsAreValidated() throws {
        let (x, t) = xorData()
        let net = try Network(sizes: [2, 2, 1])
        func fails(_ body: () throws -> Void, _ words: String) {
            do {
                try body()
                Issue.record("expected an error mentioning \(words)")
            } catch {
                #expect("\(error)".contains(words), "\(error)")
            }
        }
        fails({ _ = try net.learn(x, t, epochs: 1, learningRate: 1, batchSize: 0) }, "batch must be at least 1")
        fails({ _ = try net.learn(x, t, epochs: 1, learningRate: 1, patience: -1) }, "patience")
        fails({ _ = try net.learn(x, t, epochs: 1, learningRate: 1, decay: WeightDecay(l2: .nan)) }, "decay")
        fails({ _ = try net.learn(x, t, epochs: 1, learningRate: 1, decay: WeightDecay(l2: -1)) }, "decay")
        fails({ _ = try net.learn(x, t, epochs: 1, learningRate: .infinity) }, "lr")
        fails({ _ = try net.learn(x, t, epochs: 100_000_000, learningRate: 1) }, "at most 10000000")
        fails({ _ = try Perceptron(inputs: 2).learn(x, [0, 1, 2, 0], epochs: 1) }, "0 or 1")
    }
}
