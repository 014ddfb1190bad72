import Foundation

/// A population of leaky integrate-and-fire neurons: τm dv/dt = vin − v,
/// a spike when v reaches 1, then v = 0 held for the refractory period.
///
/// Between spikes the membrane equation is integrated exactly for the input
/// held over a step, and spike times are placed inside the step where v
/// crossed 1; so rates match the closed form `lifRate` even at dt = 1 ms,
/// where a plain Euler step would fire late.
///
///     let lif = LIF()
///     let run = try lif.simulate(constant: [1.5, 2.0], duration: 1, dt: 0.001)
///     run.spikes[0].count      // ≈ lifRate(1.5) * 1 s
public struct LIF {
    /// Membrane time constant (s).
    public var tauM = 0.02
    /// Refractory period (s).
    public var tauRef = 0.002

    public init(tauM: Double = 0.02, tauRef: Double = 0.002) {
        self.tauM = tauM
        self.tauRef = tauRef
    }

    /// Simulates neurons driven by constant inputs.
    public func simulate(constant inputs: [Double], duration: Double, dt: Double,
                         recordVoltage: Bool = true) throws -> LIFTrace {
        try simulate(Signal(constant: inputs), duration: duration, dt: dt, recordVoltage: recordVoltage)
    }

    /// Simulates one neuron per channel of `input`.
    ///
    /// - Parameters:
    ///   - recordVoltage: keep v for every step (memory: steps × neurons).
    /// - Throws: `NeuralError.value` for non-positive times or too many steps,
    ///   `NeuralError.shape` for an input that does not cover the run.
    public func simulate(_ input: Signal, duration: Double, dt: Double, recordVoltage: Bool = true) throws -> LIFTrace {
        let neurons = input.channels
        let steps = try stepCount(duration: duration, dt: dt, "lif")
        guard tauM > 0, tauRef >= 0 else {
            throw NeuralError.value("lif: tau_m must be positive and tau_ref non-negative")
        }
        // The step times alone take 8 bytes a step.
        guard steps <= 50_000_000, neurons >= 0, neurons <= 10_000_000 else {
            throw NeuralError.value("lif: \(steps) steps of \(neurons) neurons is too large a run")
        }
        if recordVoltage && steps * max(neurons, 1) > 50_000_000 {
            throw NeuralError.value("lif: recording \(steps) steps of \(neurons) neurons needs too much memory")
        }
        try input.check(steps: steps, channels: neurons)
        var trace = LIFTrace(neurons: neurons, steps: steps, dt: dt, recordVoltage: recordVoltage)
        var state = LIFState(neurons: neurons)
        var drive = [Double](repeating: 0, count: neurons)
        var spikeCount = 0
        for k in 0..<steps {
            let t0 = Double(k) * dt
            try input.fill(&drive, step: k, time: t0)
            advance(&state, drive: drive, dt: dt) { i, tSpike in
                trace.spikes[i].append(t0 + tSpike)
                spikeCount += 1
            }
            if recordVoltage { trace.v.append(contentsOf: state.v) }
            if k % 1024 == 0 { try checkSpikeCount(spikeCount, "lif") }
        }
        return trace
    }
}

/// Most spike times a run keeps (400 MB); a run that fires more stops with an
/// error. Runs check it every 1024 steps (a check in every step slowed the
/// population loop by 15 %), so they may overshoot it by 1024 steps of spikes.
public let maxRecordedSpikes = 50_000_000

/// Throws when a run has fired more spikes than it may record.
func checkSpikeCount(_ count: Int, _ callee: String) throws {
    guard count <= maxRecordedSpikes else {
        throw NeuralError.value("\(callee): more than \(maxRecordedSpikes) spikes to record; use a shorter T or fewer neurons")
    }
}

/// Membrane voltages and remaining refractory times of a LIF population.
public struct LIFState {
    public var v: [Double]
    public var refractory: [Double]
    public init(neurons: Int) {
        v = [Double](repeating: 0, count: neurons)
        refractory = [Double](repeating: 0, count: neurons)
    }
}

extension LIF {
    /// Advances every neuron by one step `dt` with input `drive`; calls
    /// `spiked(i, t)` with the time `t` inside the step at which neuron i fired.
    @inlinable
    public func advance(_ state: inout LIFState, drive: [Double], dt: Double, spiked: (Int, Double) -> Void) {
        // 1 − e^(−dt/τm) for a whole non-refractory step; partial spans are rare.
        let fullStep = -expm1(-dt / tauM)
        let (tauM, tauRef) = (self.tauM, self.tauRef)
        state.v.withUnsafeMutableBufferPointer { v in
            state.refractory.withUnsafeMutableBufferPointer { refractory in
                drive.withUnsafeBufferPointer { drive in
                    for i in 0..<v.count {
                        let ref = refractory[i] - dt
                        let j = drive[i]
                        // Only steps that end a refractory period integrate over part of dt.
                        let gain = ref <= 0 ? fullStep : -expm1(-min(max(dt - ref, 0), dt) / tauM)
                        var vi = v[i] + (j - v[i]) * gain
                        var refOut = ref
                        if vi > 1 {
                            // Time within the step when v crossed 1, from the exact solution.
                            let tSpike = dt + tauM * log1p(-(vi - 1) / (j - 1))
                            spiked(i, tSpike)
                            vi = 0
                            refOut = tauRef + tSpike
                        }
                        v[i] = vi
                        refractory[i] = refOut
                    }
                }
            }
        }
    }
}

/// The result of a LIF simulation.
public struct LIFTrace {
    /// Number of neurons.
    public let neurons: Int
    /// Times (s) at the end of each step.
    public var t: [Double]
    /// Voltages, row-major steps × neurons (empty when not recorded).
    public var v: [Double] = []
    /// Spike times (s) of each neuron.
    public var spikes: [[Double]]

    init(neurons: Int, steps: Int, dt: Double, recordVoltage: Bool) {
        self.neurons = neurons
        t = (0..<steps).map { Double($0 + 1) * dt }
        spikes = Array(repeating: [], count: neurons)
        if recordVoltage { v.reserveCapacity(steps * neurons) }
    }

    /// Firing rate of each neuron (spikes per second) over `duration`.
    public func rates(duration: Double) -> [Double] {
        spikes.map { Double($0.count) / duration }
    }
}

/// Closed-form LIF tuning curve G(v) = 1/(τref − τm ln(1 − 1/v)) for v > 1, else 0.
///
///     lifRate(1.5)    // ≈ 41.7 Hz with τm = 20 ms, τref = 2 ms
public func lifRate(_ v: Double, tauM: Double = 0.02, tauRef: Double = 0.002) -> Double {
    // NaN in is NaN out: no input, no rate (it is not "below threshold").
    if v.isNaN { return .nan }
    guard v > 1 else { return 0 }
    return 1 / (tauRef - tauM * log1p(-1 / v))
}
