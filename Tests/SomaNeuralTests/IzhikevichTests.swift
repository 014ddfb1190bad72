import Testing
@testable import SomaNeural

@Suite struct IzhikevichTests {
    func spikes(_ kind: Izhikevich.Kind, _ current: Double, duration: Double = 1) throws -> [Double] {
        try Izhikevich(kind: kind).simulate(Signal(constant: [current]), duration: duration, dt: 1e-4).spikes[0]
    }

    /// Intervals between successive spikes.
    func intervals(_ s: [Double]) -> [Double] { zip(s.dropFirst(), s).map { $0 - $1 } }

    @Test func regularSpikingFiresTonicallyForI10() throws {
        let s = try spikes(.regularSpiking, 10)
        #expect(s.count >= 8 && s.count <= 30)
        // Spike-frequency adaptation: the first interval is the shortest ...
        let isi = intervals(s)
        #expect(isi[0] < isi.last!)
        // ... then tonic firing: the late intervals are all but equal.
        let late = isi.suffix(4)
        #expect(late.max()! - late.min()! < 0.02 * late.max()!)
    }

    @Test func restsWithoutInputAndFastSpikingIsFaster() throws {
        let run = try Izhikevich(kind: .regularSpiking).simulate(Signal(constant: [0]), duration: 1, dt: 1e-4)
        #expect(run.spikes[0].isEmpty)
        #expect(abs(run.v.last! - -70) < 1)       // the resting point of RS: v ≈ −70 mV
        #expect(try spikes(.fastSpiking, 10).count > 2 * spikes(.regularSpiking, 10).count)
    }

    @Test func chatteringFiresInBursts() throws {
        // Bursts: short intervals inside a burst, long ones between bursts.
        let isi = intervals(try spikes(.chattering, 10))
        #expect(isi.min()! < 0.01 && isi.max()! > 0.02)
    }

    @Test func populationAndBadArgumentsThrow() throws {
        let run = try Izhikevich(kind: .regularSpiking).simulate(Signal(constant: [0, 10]), duration: 0.2, dt: 1e-4)
        #expect(run.v.count == 2000 * 2 && run.u.count == 2000 * 2)
        #expect(run.spikes[0].isEmpty && !run.spikes[1].isEmpty)
        #expect(throws: NeuralError.self) {
            try Izhikevich(kind: .regularSpiking).simulate(Signal(constant: [10]), duration: 1, dt: 0)
        }
        #expect(throws: NeuralError.self) {
            try Izhikevich(a: 0.02, b: 0.2, c: 40, d: 8).simulate(Signal(constant: [10]), duration: 1, dt: 1e-4)
        }
    }

    @Test func rateCurveAndNullclines() throws {
        let rs = Izhikevich(kind: .regularSpiking)
        let rates = try rs.rates(currents: [0, 5, 10, 15], duration: 1, dt: 1e-4)
        #expect(rates[0] == 0 && rates[1] < rates[2] && rates[2] < rates[3])
        #expect(rates[2] == Double(try spikes(.regularSpiking, 10).count))
        // With I = 0 the nullclines cross at the rest (−70 mV) and the saddle (−50 mV).
        for v in [-70.0, -50] {
            let (vLine, uLine) = rs.nullclines(v, current: 0)
            #expect(abs(vLine - uLine) < 1e-12)
        }
        #expect(rs.nullclines(-60, current: 0).vNullcline < rs.nullclines(-60, current: 0).uNullcline)
    }
}
