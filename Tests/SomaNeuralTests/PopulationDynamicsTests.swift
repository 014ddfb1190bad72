import Testing
import Foundation
@testable import SomaNeural

@Suite struct PopulationDynamicsTests {
    /// Two neurons with opposite encoders and gains/biases chosen by hand.
    func pair(weights: [Double]? = nil) throws -> PopulationDynamics {
        try PopulationDynamics(neurons: 2, dim: 1, encoders: [2, -2], bias: [1.5, 1.5], weights: weights, tauS: 0.05)
    }

    @Test func rateModeSettlesToTheTuningCurve() throws {
        // No recurrence, constant input u: J → β + τs·u·E and v = G(J).
        let pop = try pair()
        let steps = 2000, u = 4.0
        let run = try pop.run(steps: steps, dt: 0.001, input: Signal(constant: [u]), v0: [0, 0], spiking: false)
        #expect(run.rates.count == steps * 2)
        let last = Array(run.rates.suffix(2))
        #expect(abs(last[0] - lifRate(1.5 + 0.05 * u * 2)) < 1e-6)
        #expect(abs(last[1] - lifRate(1.5 - 0.05 * u * 2)) < 1e-6)
    }

    @Test func spikingRatesMatchTheRateModel() throws {
        // Without recurrence the filtered spike trains average to G(J).
        let pop = try pair()
        let steps = 20000
        let input = try Signal(samples: Array(repeating: 2.0, count: steps), channels: 1)
        let spikes = try pop.run(steps: steps, dt: 0.001, input: input, v0: [0, 0], spiking: true, record: false)
        let rates = try pop.run(steps: steps, dt: 0.001, input: input, v0: [0, 0], spiking: false, record: false)
        #expect(rates.rates.isEmpty)
        let expected = lifRate(1.5 + 0.05 * 2 * 2)
        let counted = Double(spikes.spikes[0].count) / 20
        #expect(abs(counted - expected) / expected < 0.02)
    }

    @Test func decodedValueIsActivityTimesDecoders() throws {
        let pop = try pair(weights: [0, 0.001, 0.001, 0])
        let run = try pop.run(steps: 50, dt: 0.001, input: Signal(constant: [1]), v0: [10, 10], spiking: false,
                              decoders: [1, -1, 0.5, 2], outputs: 2)
        #expect(run.decoded.count == 100)
        for k in 0..<50 {
            let v = (run.rates[2 * k], run.rates[2 * k + 1])
            // decoders are N x k row-major: row i holds neuron i's weights on the k outputs.
            #expect(abs(run.decoded[2 * k] - (v.0 + 0.5 * v.1)) < 1e-9)
            #expect(abs(run.decoded[2 * k + 1] - (-v.0 + 2 * v.1)) < 1e-9)
        }
    }

    @Test func badShapesThrow() throws {
        #expect(throws: NeuralError.self) {
            try PopulationDynamics(neurons: 2, dim: 1, encoders: [1], bias: [0, 0], weights: nil, tauS: 0.05)
        }
        #expect(throws: NeuralError.self) {
            try PopulationDynamics(neurons: 2, dim: 1, encoders: [1, 1], bias: [0, 0], weights: [1], tauS: 0.05)
        }
        let pop = try pair()
        #expect(throws: NeuralError.self) { try pop.run(steps: 3, dt: 0.001, input: Signal(samples: [1, 2], channels: 1), v0: [0, 0], spiking: false) }
        #expect(throws: NeuralError.self) { try pop.run(steps: 3, dt: 0.001, input: Signal(samples: [1, 2, 3], channels: 1), v0: [0], spiking: false) }
    }
}
