import Foundation

/// The Hodgkin-Huxley neuron with the course demo's parameters.
///
/// Units follow the demo: voltage in mV, internal time in ms, conductances
/// in mS/mm², capacitance in µF/mm², injected current in µA/mm². The public
/// API takes and returns times in seconds, as the course notebooks do.
///
///     let hh = HodgkinHuxley()
///     let trace = try hh.simulate(Signal { t in t < 0.2 ? -0.2 : 0.6 }, duration: 0.8, dt: 1e-5)
///     print(trace.spikes.count)
public struct HodgkinHuxley {
    /// Membrane capacitance.
    public var cm = 0.02
    /// Leak, potassium and sodium maximal conductances.
    public var gL = 0.003, gK = 0.36, gNa = 1.2
    /// Reversal potentials (mV).
    public var eL = -54.387, eK = -77.0, eNa = 50.0
    /// Starting state; the demo's resting point near -53 mV.
    public var initial = HHState(v: -53.14669365, m: 0.18920957, h: 0.21004222, n: 0.50796341)
    /// A spike is a peak of V above this voltage (mV), counted once V has
    /// crossed it upwards and timed at the peak. -20 mV counts what a person
    /// sees in the trace: under strong input the spikes shrink and peak below
    /// 0 mV, while sub-threshold bumps stay far below -20 mV.
    public var spikeThreshold = -20.0

    /// Integration scheme for `simulate`.
    public enum Method: String, CaseIterable { case euler, rk4 }

    public init() {}

    /// Right-hand side of the four equations at state `s` with injected current `i`.
    /// Returns derivatives per ms.
    @inlinable
    public func derivative(_ s: HHState, current i: Double) -> HHState {
        let (nInf, tauN) = HodgkinHuxley.nGate(s.v)
        let (mInf, tauM) = HodgkinHuxley.mGate(s.v)
        let (hInf, tauH) = HodgkinHuxley.hGate(s.v)
        let n2 = s.n * s.n
        let ionic = gL * (s.v - eL) + gK * n2 * n2 * (s.v - eK) + gNa * s.m * s.m * s.m * s.h * (s.v - eNa)
        return HHState(v: (i - ionic) / cm,
                       m: (mInf - s.m) / tauM,
                       h: (hInf - s.h) / tauH,
                       n: (nInf - s.n) / tauN)
    }

    /// Simulates `duration` seconds with step `dt` seconds, injecting the
    /// one-channel `current` (a sampled current holds its value over each step).
    ///
    /// - Parameters:
    ///   - duration: simulated time in seconds (> 0).
    ///   - dt: step in seconds; Euler needs about 1e-5 s to stay stable.
    ///   - method: `.euler` (as the demo) or `.rk4`.
    /// - Throws: `NeuralError.value` for a non-positive or absurd step count,
    ///   `NeuralError.shape` for a current that is not one channel covering the run.
    public func simulate(_ current: Signal, duration: Double, dt: Double, method: Method = .euler) throws -> HHTrace {
        let steps = try stepCount(duration: duration, dt: dt, "hh")
        guard steps <= 10_000_000 else {
            throw NeuralError.value("hh: \(steps) steps is too many; use a larger dt or a shorter T")
        }
        try current.check(steps: steps, channels: 1)
        let h = dt * 1000  // the equations run in ms
        var trace = HHTrace(capacity: steps + 1)
        var s = initial
        trace.append(t: 0, s)
        var peak: (v: Double, t: Double)? = initial.v >= spikeThreshold ? (initial.v, 0) : nil
        for k in 0..<steps {
            let t = Double(k) * dt
            switch method {
            case .euler:
                s = s + derivative(s, current: try current.value(step: k, time: t)) * h
            case .rk4:
                let k1 = derivative(s, current: try current.value(step: k, time: t))
                let iMid = try current.value(within: k, at: t + dt / 2)
                let k2 = derivative(s + k1 * (h / 2), current: iMid)
                let k3 = derivative(s + k2 * (h / 2), current: iMid)
                let k4 = derivative(s + k3 * h, current: try current.value(within: k, at: t + dt))
                s = s + (k1 + k2 * 2 + k3 * 2 + k4) * (h / 6)
            }
            let now = Double(k + 1) * dt
            trace.append(t: now, s)
            if s.v >= spikeThreshold {
                // Above threshold: follow the peak of this spike.
                if peak == nil || s.v > peak!.v { peak = (s.v, now) }
            } else if let top = peak {
                // Back below: the spike is over; it happened at its peak.
                trace.spikes.append(top.t)
                peak = nil
            }
        }
        if let top = peak { trace.spikes.append(top.t) }
        return trace
    }
}

/// The four state variables of a Hodgkin-Huxley neuron.
public struct HHState: Equatable {
    public var v, m, h, n: Double
    public init(v: Double, m: Double, h: Double, n: Double) {
        self.v = v; self.m = m; self.h = h; self.n = n
    }
    @inlinable static func + (a: HHState, b: HHState) -> HHState {
        HHState(v: a.v + b.v, m: a.m + b.m, h: a.h + b.h, n: a.n + b.n)
    }
    @inlinable static func * (a: HHState, k: Double) -> HHState {
        HHState(v: a.v * k, m: a.m * k, h: a.h * k, n: a.n * k)
    }
}

/// A simulated Hodgkin-Huxley run: one sample per step, times in seconds.
public struct HHTrace {
    public var t: [Double] = [], v: [Double] = [], m: [Double] = [], h: [Double] = [], n: [Double] = []
    /// Times (s) of the spikes: the peaks of V above the spike threshold.
    public var spikes: [Double] = []

    init(capacity: Int) {
        t.reserveCapacity(capacity); v.reserveCapacity(capacity)
        m.reserveCapacity(capacity); h.reserveCapacity(capacity); n.reserveCapacity(capacity)
    }

    mutating func append(t time: Double, _ s: HHState) {
        t.append(time); v.append(s.v); m.append(s.m); h.append(s.h); n.append(s.n)
    }
}
