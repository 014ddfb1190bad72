import Foundation
import SomaCore

/// Post-synaptic current kernel k·tⁿ·e^(−t/τs) with k = 1/(n!·τs^(n+1)), so
/// its integral over t ≥ 0 is 1; zero for t < 0.
///
///     psc(0.01, tauS: 0.05, n: 1)
public func psc(_ t: Double, tauS: Double, n: Int = 0) throws -> Double {
    guard tauS > 0, tauS.isFinite else { throw NeuralError.value("psc: tau_s must be positive, got \(tauS)") }
    guard n >= 0, n <= 100 else { throw NeuralError.value("psc: n must be an integer in 0...100, got \(n)") }
    guard t >= 0 else { return 0 }
    // log-space keeps tⁿ/n! finite for large n.
    let logK = -_lgammaOf(n + 1) - Double(n + 1) * log(tauS)
    let tn = n == 0 ? 1 : pow(t, Double(n))
    return exp(logK) * tn * exp(-t / tauS)
}

@inline(__always) private func _lgammaOf(_ k: Int) -> Double { lgamma(Double(k)) }

/// A spike train sampled every `dt` over `duration`: each spike adds 1/dt to
/// the bin holding its time, the discrete stand-in for a Dirac delta (so the
/// train integrates to the number of spikes). Spike times at or after the
/// end (T) fall outside the sampled window and are left out, so the spikes of
/// a longer run can be sampled over its first T seconds.
///
/// - Throws: `NeuralError.value` for a bad `dt` or `T`, or a spike time that
///   is negative or not finite.
public func spikeTrain(_ times: [Double], duration: Double, dt: Double) throws -> [Double] {
    let n = try stepCount(duration: duration, dt: dt, "spike_train")
    guard n <= 50_000_000 else { throw NeuralError.value("spike_train: T/dt = \(n) samples is too many") }
    var train = [Double](repeating: 0, count: n)
    for t in times {
        guard t.isFinite, t >= 0 else { throw NeuralError.value("spike_train: spike time \(t) is negative or not finite (times are in seconds from 0)") }
        // Compare as a Double first: a huge t/dt must not reach Int().
        let bin = (t / dt).rounded(.down)
        if bin < Double(n) { train[Int(bin)] += 1 / dt }
    }
    return train
}

/// Causal convolution of a signal with a kernel sampled at the same `dt`:
/// y[j] = dt · Σₖ x[k]·kernel[j−k]. Filtering a spike train with a PSC gives
/// the post-synaptic current; the output has the length of `x`.
public func filter(_ x: [Double], kernel: [Double], dt: Double) throws -> [Double] {
    guard dt > 0, dt.isFinite else { throw NeuralError.value("filter: dt must be positive") }
    var y = [Double](repeating: 0, count: x.count)
    let m = kernel.count
    let nonzero = x.reduce(0) { $1 != 0 ? $0 + 1 : $0 }
    guard Double(nonzero) * Double(min(m, x.count)) <= 2e9 else {
        throw NeuralError.value("filter: \(nonzero) nonzero samples times a \(m)-sample kernel is too much work; shorten the kernel")
    }
    for (k, xk) in x.enumerated() where xk != 0 {
        // Spike trains are mostly zeros: skipping them makes filtering O(spikes · m).
        let scaled = xk * dt
        let end = min(x.count, k + m)
        var j = k
        while j < end { y[j] += scaled * kernel[j - k]; j += 1 }
    }
    return y
}

/// LIF neurons connected by exponential synapses: a spike of neuron j adds
/// w[i][j]/τs to the synaptic current s_i, which decays as τs ds/dt = −s.
/// Each neuron's input is its external drive plus s_i.
///
///     var net = SpikingNetwork(weights: Tensor(shape: [2, 2], data: [0, 0, 0.4, 0]), tauS: 0.05)
///     let run = try net.simulate(Signal(constant: [1.5, 0]), duration: 1, dt: 0.001)
public struct SpikingNetwork {
    /// N x N weights; row i holds the weights onto neuron i.
    public var weights: Tensor
    /// Synaptic time constant (s).
    public var tauS: Double
    /// Neuron model shared by the population.
    public var neuron: LIF

    public init(weights: Tensor, tauS: Double, neuron: LIF = LIF()) {
        self.weights = weights
        self.tauS = tauS
        self.neuron = neuron
    }

    /// Simulates the network; `external` gives each neuron's external input
    /// (one channel per neuron). Returns the spikes, voltages and synaptic
    /// currents (row-major steps x neurons).
    public func simulate(_ external: Signal, duration: Double, dt: Double) throws -> (trace: LIFTrace, currents: [Double]) {
        guard weights.rank == 2, weights.shape[0] == weights.shape[1] else {
            throw NeuralError.shape("network weights must be a square matrix, got shape \(weights.shape)")
        }
        let n = weights.shape[0]
        guard n >= 0 else {
            throw NeuralError.shape("network weights must be a square matrix, got shape \(weights.shape)")
        }
        guard tauS > 0 else { throw NeuralError.value("tau_s must be positive") }
        let steps = try stepCount(duration: duration, dt: dt, "network")
        guard steps * max(n, 1) <= 50_000_000 else {
            throw NeuralError.value("network: \(steps) steps of \(n) neurons is too much to record")
        }
        try external.check(steps: steps, channels: n)
        var trace = LIFTrace(neurons: n, steps: steps, dt: dt, recordVoltage: true)
        var state = LIFState(neurons: n)
        var s = [Double](repeating: 0, count: n)
        var drive = [Double](repeating: 0, count: n)
        var currents: [Double] = []
        currents.reserveCapacity(steps * n)
        var fired: [Int] = []
        var spikeCount = 0
        let decay = exp(-dt / tauS)
        let w = weights.data  // once: a float32 tensor's `data` converts on every access
        for k in 0..<steps {
            let t0 = Double(k) * dt
            try external.fill(&drive, step: k, time: t0)
            for i in 0..<n { drive[i] += s[i] }
            fired.removeAll(keepingCapacity: true)
            neuron.advance(&state, drive: drive, dt: dt) { i, tSpike in
                trace.spikes[i].append(t0 + tSpike)
                fired.append(i)
            }
            spikeCount += fired.count
            if k % 1024 == 0 { try checkSpikeCount(spikeCount, "network") }
            trace.v.append(contentsOf: state.v)
            // Exact decay over the step, then each spike's jump w_ij / τs.
            for i in 0..<n { s[i] *= decay }
            for j in fired {
                for i in 0..<n { s[i] += w[i * n + j] / tauS }
            }
            currents.append(contentsOf: s)
        }
        return (trace, currents)
    }
}
