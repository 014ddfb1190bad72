import Foundation

/// Izhikevich's simple spiking neuron (Izhikevich 2003, "Simple model of
/// spiking neurons"), two equations in mV and ms:
///
///     dv/dt = 0.04 v² + 5 v + 140 − u + I
///     du/dt = a (b v − u)
///     if v ≥ 30 mV: v ← c, u ← u + d
///
/// `a` is the recovery rate, `b` the coupling of u to v, `c` the reset
/// voltage and `d` the jump of u after a spike; the `Kind`s are the paper's
/// firing patterns. The API takes and returns times in seconds, as `LIF` and
/// `HodgkinHuxley` do; the equations are stepped in ms (forward Euler).
///
///     let rs = Izhikevich(kind: .regularSpiking)
///     let run = try rs.simulate(Signal(constant: [10]), duration: 1, dt: 1e-4)
///     run.spikes[0].count      // tonic firing, about 14 spikes
public struct Izhikevich {
    /// The firing patterns of the paper's figure 2, by their usual names.
    public enum Kind: String, CaseIterable {
        case regularSpiking = "RS", intrinsicallyBursting = "IB", chattering = "CH", fastSpiking = "FS"
        case lowThresholdSpiking = "LTS", thalamoCortical = "TC", resonator = "RZ"

        /// (a, b, c, d) of the pattern.
        public var parameters: (a: Double, b: Double, c: Double, d: Double) {
            switch self {
            case .regularSpiking: return (0.02, 0.2, -65, 8)
            case .intrinsicallyBursting: return (0.02, 0.2, -55, 4)
            case .chattering: return (0.02, 0.2, -50, 2)
            case .fastSpiking: return (0.1, 0.2, -65, 2)
            case .lowThresholdSpiking: return (0.02, 0.25, -65, 2)
            case .thalamoCortical: return (0.02, 0.25, -65, 0.05)
            case .resonator: return (0.1, 0.26, -65, 2)
            }
        }
    }

    public var a, b, c, d: Double
    /// The spike cut-off (mV): v reaching it is a spike, recorded as this value.
    public var peak = 30.0
    /// Starting voltage (mV); u starts at b·v0.
    public var v0 = -65.0

    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    public init(kind: Kind) {
        let p = kind.parameters
        self.init(a: p.a, b: p.b, c: p.c, d: p.d)
    }

    /// Simulates one neuron per channel of `input` (the current I) for
    /// `duration` seconds with steps of `dt` seconds.
    /// - Throws: `NeuralError.value` for bad times or parameters, `NeuralError.shape`
    ///   for an input that does not cover the run.
    public func simulate(_ input: Signal, duration: Double, dt: Double) throws -> IzhikevichTrace {
        let steps = try stepCount(duration: duration, dt: dt, "izhikevich")
        guard [a, b, c, d, peak, v0].allSatisfy(\.isFinite), c < peak else {
            throw NeuralError.value("izhikevich: a, b, c, d must be finite and the reset c below the peak of \(String(format: "%g", peak)) mV")
        }
        let neurons = input.channels
        guard steps * max(neurons, 1) <= 50_000_000 else {
            throw NeuralError.value("izhikevich: recording \(steps) steps of \(neurons) neurons needs too much memory")
        }
        try input.check(steps: steps, channels: neurons)
        var trace = IzhikevichTrace(neurons: neurons, steps: steps, dt: dt)
        var v = [Double](repeating: v0, count: neurons)
        var u = [Double](repeating: b * v0, count: neurons)
        var current = [Double](repeating: 0, count: neurons)
        let h = dt * 1000  // the equations run in ms
        for k in 0..<steps {
            try input.fill(&current, step: k, time: Double(k) * dt)
            for i in 0..<neurons {
                let dv = 0.04 * v[i] * v[i] + 5 * v[i] + 140 - u[i] + current[i]
                u[i] += h * a * (b * v[i] - u[i])
                v[i] += h * dv
                if v[i] >= peak {
                    trace.spikes[i].append(Double(k + 1) * dt)
                    trace.v.append(peak)
                    v[i] = c
                    u[i] += d
                } else {
                    trace.v.append(v[i])
                }
                trace.u.append(u[i])
            }
        }
        return trace
    }
}

extension Izhikevich {
    /// The firing rate (spikes per second) for each constant current in
    /// `currents` over `duration`: the neuron's f-I curve.
    public func rates(currents: [Double], duration: Double, dt: Double) throws -> [Double] {
        try simulate(Signal(constant: currents), duration: duration, dt: dt).spikes.map { Double($0.count) / duration }
    }

    /// The nullclines at voltage `v` (mV) with current `current`: dv/dt = 0
    /// on u = 0.04v² + 5v + 140 + I, du/dt = 0 on u = b·v.
    public func nullclines(_ v: Double, current: Double) -> (vNullcline: Double, uNullcline: Double) {
        (0.04 * v * v + 5 * v + 140 + current, b * v)
    }
}

/// An Izhikevich run: times at the end of each step, v and u (row-major
/// steps x neurons; a spike's step records v at the peak), spike times (s).
public struct IzhikevichTrace {
    public let neurons: Int
    public var t: [Double]
    public var v: [Double] = [], u: [Double] = []
    public var spikes: [[Double]]

    init(neurons: Int, steps: Int, dt: Double) {
        self.neurons = neurons
        t = (0..<steps).map { Double($0 + 1) * dt }
        spikes = Array(repeating: [], count: neurons)
        v.reserveCapacity(steps * neurons)
        u.reserveCapacity(steps * neurons)
    }
}
