import Testing
import Foundation
import SomaCore
@testable import SomaNeural

@Suite struct ActivationTests {
    /// The fused kernel's derivative of each activation is the one autodiff
    /// takes of SomaCore's definition.
    @Test func fusedDerivativesMatchAutodiff() throws {
        let elementwise: [Activation] = [.logistic, .arctan, .tanh, .relu, .leakyRelu, .identity, .threshold]
        let z = Tensor([-2.0, -0.3, 0.4, 1.7])
        for a in elementwise {
            let y = try a(z)
            let g = try gradient(of: { try a($0).sum() }, at: z)
            for i in 0..<z.count {
                #expect(abs(g.data[i] - a.derivative(z: z.data[i], y: y.data[i])) < 1e-12, "\(a) at \(z.data[i])")
            }
        }
        #expect(try Activation.threshold(Tensor([0, -1e-9])).data == [1, 0])
    }

    @Test func softmaxIsSomaCoresAndMatchesTheNotes() throws {
        let y = try Activation.softmax(Tensor([0.6, 3.4, -1.2, 0.05]))
        let expected = [0.0550, 0.9042, 0.0091, 0.0317]
        for (a, b) in zip(y.data, expected) { #expect(abs(a - b) < 1e-4) }
        #expect(try Activation.softmax(Tensor([1000, 1000])).data.allSatisfy { abs($0 - 0.5) < 1e-12 })
    }

    @Test func lossesAreSomaCores() throws {
        let y = Tensor(shape: [2, 2], data: [0.2, 0.8, 0.6, 0.4]), t = Tensor(shape: [2, 2], data: [0, 1, 1, 0])
        #expect(try Loss.mse.value(y, t) == Tensor.mse(y, t).scalar())
        #expect(try Loss.cce.value(y, t) == Tensor.cce(y, t).scalar())
        #expect(throws: NeuralError.self) { try Loss.mse(y, Tensor([0, 1])) }
    }

    @Test func namesResolve() throws {
        #expect(try Activation(name: "sigmoid") == .logistic)
        #expect(try Activation(name: "leaky_relu") == .leakyRelu)
        #expect(throws: NeuralError.self) { try Activation(name: "swish") }
        #expect(try Loss(name: "cce") == .cce)
    }
}
