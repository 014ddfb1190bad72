import Testing
import Foundation
@testable import SomaNeural

@Suite struct ActivationTests {
    @Test func derivativesMatchCentralDifferences() {
        let elementwise: [Activation] = [.logistic, .arctan, .tanh, .relu, .leakyRelu, .identity]
        for a in elementwise {
            for z in [-2.0, -0.3, 0.4, 1.7] {
                let h = 1e-6
                let numeric = (a.apply(z + h) - a.apply(z - h)) / (2 * h)
                #expect(abs(numeric - a.derivative(z: z, y: a.apply(z))) < 1e-6, "\(a) at \(z)")
            }
        }
        #expect(Activation.threshold.apply(0) == 1 && Activation.threshold.apply(-1e-9) == 0)
    }

    @Test func softmaxMatchesTheNotes() {
        let y = softmax([0.6, 3.4, -1.2, 0.05])
        let expected = [0.0550, 0.9042, 0.0091, 0.0317]
        for (a, b) in zip(y, expected) { #expect(abs(a - b) < 1e-4) }
        #expect(abs(y.reduce(0, +) - 1) < 1e-12)
        #expect(softmax([1000, 1000]).allSatisfy { abs($0 - 0.5) < 1e-12 })
    }

    @Test func oneHotEncodesAndRejectsBadLabels() throws {
        let m = try oneHot([2, 0], classes: 3)
        #expect(m.data == [0, 0, 1, 1, 0, 0])
        #expect(throws: NeuralError.self) { try oneHot([3], classes: 3) }
        #expect(throws: NeuralError.self) { try oneHot([0.5], classes: 3) }
        #expect(oneHotMax(try Batch(rows: 1, cols: 3, data: [0.1, 0.7, 0.2])).data == [0, 1, 0])
    }

    @Test func namesResolve() throws {
        #expect(try Activation(name: "sigmoid") == .logistic)
        #expect(try Activation(name: "leaky_relu") == .leakyRelu)
        #expect(throws: NeuralError.self) { try Activation(name: "swish") }
        #expect(try Loss(name: "cce") == .cce)
    }
}
