import Testing
import Foundation
import SomaCore
@testable import SomaNeural

@Suite struct HodgkinHuxleyTests {
    @Test func gatingSteadyStatesAtRest() {
        #expect(abs(HodgkinHuxley.nGate(-65).inf - 0.3177) < 1e-3)
        #expect(abs(HodgkinHuxley.mGate(-65).inf - 0.0529) < 1e-3)
        #expect(abs(HodgkinHuxley.hGate(-65).inf - 0.5961) < 1e-3)
        // The removable singularities give the limit, not NaN.
        #expect(HodgkinHuxley.nGate(-55).inf.isFinite)
        #expect(HodgkinHuxley.mGate(-40).tau.isFinite)
    }

    @Test func steppedCurrentSpikesOnlyWhenDriven() throws {
        let trace = try HodgkinHuxley().simulate(Signal(HodgkinHuxley.steppedCurrent), duration: 0.8, dt: 1e-5)
        #expect(trace.t.count == 80_001)
        #expect(abs(trace.t.last! - 0.8) < 1e-9)
        // The demo's figure: repetitive firing under 0.07 after release from
        // -0.2, silence at 0, and a few spikes into depolarisation block at 0.6.
        // Spikes per block as the course demo's Euler loop gives them when run
        // in Python with the same parameters: 0, 10, 0, 2.
        // Counted at 0 mV (as the demo's plot would show overshoots): 0, 10, 0, 2.
        var overshoot = HodgkinHuxley()
        overshoot.spikeThreshold = 0
        let strict = try overshoot.simulate(Signal(HodgkinHuxley.steppedCurrent), duration: 0.8, dt: 1e-5)
        func counts(_ spikes: [Double]) -> [Int] {
            (0..<4).map { k in spikes.filter { $0 >= 0.2 * Double(k) && $0 < 0.2 * Double(k + 1) }.count }
        }
        #expect(counts(strict.spikes) == [0, 10, 0, 2])
        // At the default -20 mV the small spikes of depolarisation block count too.
        let byDefault = counts(trace.spikes)
        #expect(byDefault[0] == 0 && byDefault[1] == 10 && byDefault[2] == 0 && byDefault[3] > 10)
        #expect(trace.v.max()! > 20)
    }

    @Test func spikeTimesAreThePeaks() throws {
        let trace = try HodgkinHuxley().simulate(Signal(constant: [0.07]), duration: 0.1, dt: 1e-5)
        for spike in trace.spikes {
            let i = Int((spike / 1e-5).rounded())
            #expect(trace.v[i] >= trace.v[i - 1] && trace.v[i] >= trace.v[i + 1], "a spike time sits on a peak of V")
        }
    }

    @Test func rk4AgreesWithEuler() throws {
        let hh = HodgkinHuxley()
        let euler = try hh.simulate(Signal(HodgkinHuxley.steppedCurrent), duration: 0.4, dt: 1e-5)
        let rk4 = try hh.simulate(Signal(HodgkinHuxley.steppedCurrent), duration: 0.4, dt: 2e-5, method: .rk4)
        try #require(euler.spikes.count > 3 && !rk4.spikes.isEmpty)
        #expect(abs(euler.spikes.count - rk4.spikes.count) <= 1)
        #expect(abs(euler.spikes[0] - rk4.spikes[0]) < 5e-4)
    }

    @Test func badStepThrows() {
        #expect(throws: NeuralError.self) { try HodgkinHuxley().simulate(Signal(constant: [0]), duration: 0.1, dt: 0) }
        #expect(throws: NeuralError.self) { try HodgkinHuxley().simulate(Signal(constant: [0]), duration: .nan, dt: 1e-5) }
    }

    /// A step longer than the run is an error naming both, in every model; as long as the run, one step.
    @Test func aStepLongerThanTheRunThrows() throws {
        let longer = NeuralError.value("lif: the step dt = 0.02 s is longer than the run T = 0.01 s, "
                                       + "so not one step fits (T and dt are in seconds: dt: 0.1ms is a tenth of a millisecond)")
        #expect(throws: longer) { try LIF().simulate(constant: [1.5], duration: 0.01, dt: 0.02) }
        #expect(throws: NeuralError.self) { try Izhikevich(kind: .regularSpiking).simulate(Signal(constant: [10]), duration: 0.1, dt: 1) }
        #expect(throws: NeuralError.self) { try HodgkinHuxley().simulate(Signal(constant: [0]), duration: 1e-5, dt: 1e-4) }
        #expect(throws: NeuralError.self) { try spikeTrain([0.001], duration: 0.01, dt: 0.1) }
        #expect(try LIF().simulate(constant: [1.5], duration: 0.01, dt: 0.01).t.count == 1)
        #expect(try Izhikevich(kind: .regularSpiking).simulate(Signal(constant: [10]), duration: 0.01, dt: 0.006).v.count == 2)
    }
}

@Suite struct LIFTests {
    @Test func closedFormRate() {
        #expect(lifRate(0.5) == 0)
        #expect(lifRate(1) == 0)
        let isi: Double = 0.002 - 0.02 * log(1.0 - 1.0 / 1.5)
        #expect(abs(lifRate(1.5) - 1 / isi) < 1e-9)
    }

    @Test func simulatedRatesMatchClosedForm() throws {
        let inputs = stride(from: 1.1, through: 3.0, by: 0.1).map { $0 }
        let run = try LIF().simulate(constant: inputs, duration: 5, dt: 0.001, recordVoltage: false)
        for (v, rate) in zip(inputs, run.rates(duration: 5)) {
            let expected = lifRate(v)
            #expect(abs(rate - expected) / expected < 0.02, "v = \(v): simulated \(rate) vs \(expected)")
        }
    }

    @Test func subthresholdNeverSpikesAndVoltageIsRecorded() throws {
        let run = try LIF().simulate(constant: [0.9, 2], duration: 1, dt: 0.001)
        #expect(run.spikes[0].isEmpty)
        #expect(run.v.count == 1000 * 2)
        #expect(run.v.allSatisfy { $0 <= 1 && $0 >= 0 })
        // After the first spike the voltage is reset to 0 and held.
        #expect(run.spikes[1].first! > 0.01 && run.spikes[1].first! < 0.02)
    }

    @Test func timeVaryingInput() throws {
        let run = try LIF().simulate(Signal { t in t < 0.5 ? 0 : 2 }, duration: 1, dt: 0.001)
        #expect(run.spikes[0].allSatisfy { $0 > 0.5 })
        #expect(run.spikes[0].count > 10)
    }
}

@Suite struct SynapseTests {
    @Test(arguments: [0, 1, 2])
    func pscHasUnitArea(n: Int) throws {
        let dt = 1e-4
        var area = 0.0
        for k in 0..<20_000 { area += try psc(Double(k) * dt, tauS: 0.05, n: n) * dt }
        #expect(abs(area - 1) < 2e-3)
        #expect(try psc(-0.1, tauS: 0.05) == 0)
    }

    @Test func filteredSpikeTrainIsSumOfKernels() throws {
        let dt = 0.001
        let train = try spikeTrain([0.1, 0.3], duration: 1, dt: dt)
        #expect(train.count == 1000)
        #expect(abs(train.reduce(0, +) * dt - 2) < 1e-9)
        let kernel = try (0..<1000).map { try psc(Double($0) * dt, tauS: 0.02) }
        let y = try filter(train, kernel: kernel, dt: dt)
        #expect(abs(y[100] - kernel[0]) < 1e-9)
        #expect(abs(y[350] - (kernel[250] + kernel[50])) < 1e-9)
    }

    @Test func excitatoryAndInhibitorySynapses() throws {
        // Neuron 0 is driven; it excites neuron 1 and inhibits neuron 2.
        let w = Tensor(shape: [3, 3], data: [0, 0, 0,
                                                   0.4, 0, 0,
                                                   -0.25, 0, 0])
        let net = SpikingNetwork(weights: w, tauS: 0.05)
        let run = try net.simulate(Signal(constant: [3, 0.9, 1.5]), duration: 1, dt: 0.001)
        let alone = try LIF().simulate(constant: [0.9, 1.5], duration: 1, dt: 0.001, recordVoltage: false)
        #expect(run.trace.spikes[1].count > alone.spikes[0].count)
        #expect(run.trace.spikes[2].count < alone.spikes[1].count)
        #expect(run.currents.count == 3000)
    }
}
