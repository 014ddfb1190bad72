import Foundation

/// The network dynamics of course unit 5 (population coding, NEF style) for
/// one population of N neurons with encoders E (dim x N, gain included),
/// biases β and recurrent weights W (N x N, row j = the outgoing weights of
/// neuron j, so the recurrent current is v·W with v a row of activities):
///
///     τs dJ/dt = −J + v·W + β + τs·u(t)·E          (Euler, as the course's Dynamics)
///
/// Rate mode: v = G(J) (τr = 0) or τr dv/dt = −v + G(J), with G the LIF
/// tuning curve. Spiking mode: v is the spike train of LIF neurons driven by J
/// (a spike is 1/dt in its step, so it adds W[j,:]/τs to J), and the activity
/// that is decoded is the spike train filtered by the same exponential PSC
/// (τs da/dt = −a + v). The input enters scaled by τs, so with W = D·E the
/// decoded value integrates u (the notes' neural integrator).
public struct PopulationDynamics {
    public var neurons: Int
    public var dim: Int
    /// dim x N, row-major.
    public var encoders: [Double]
    public var bias: [Double]
    /// N x N row-major, or nil for no recurrent connection.
    public var weights: [Double]?
    public var tauS: Double
    /// Time constant of the rate dynamics (0: v = G(J)); rate mode only.
    public var tauRate: Double
    public var neuron: LIF

    public init(neurons: Int, dim: Int, encoders: [Double], bias: [Double], weights: [Double]?,
                tauS: Double, tauRate: Double = 0, neuron: LIF = LIF()) throws {
        guard neurons >= 1, dim >= 1, encoders.count == neurons * dim, bias.count == neurons else {
            throw NeuralError.shape("population: encoders must be \(dim) x \(neurons) and bias \(neurons) long")
        }
        if let w = weights, w.count != neurons * neurons {
            throw NeuralError.shape("population: W must be \(neurons) x \(neurons)")
        }
        guard tauS > 0, tauS.isFinite, tauRate >= 0, tauRate.isFinite else {
            throw NeuralError.value("population: tau_s must be positive and tau_m non-negative")
        }
        self.neurons = neurons
        self.dim = dim
        self.encoders = encoders
        self.bias = bias
        self.weights = weights
        self.tauS = tauS
        self.tauRate = tauRate
        self.neuron = neuron
    }

    /// The result of a run: activities per step (steps x N, when recorded),
    /// decoded values (steps x k, when decoders were given) and, in spiking
    /// mode, the spike times of each neuron.
    public struct Run {
        public var rates: [Double] = []
        public var decoded: [Double] = []
        public var spikes: [[Double]] = []
    }

    /// Runs `steps` steps of `dt`. `input` has `dim` channels; `v0` the
    /// initial activities (N); `decoders` N x k row-major (k = `outputs`);
    /// `voltage0` the initial membrane voltages in spiking mode.
    public func run(steps: Int, dt: Double, input: Signal, v0: [Double], spiking: Bool,
                    decoders: [Double]? = nil, outputs: Int = 0, voltage0: [Double]? = nil,
                    record: Bool = true) throws -> Run {
        let n = neurons
        guard dt > 0, dt.isFinite, steps >= 0 else { throw NeuralError.value("population: dt must be positive") }
        try input.check(steps: steps, channels: dim)
        guard v0.count == n else { throw NeuralError.shape("population: v0 must have \(n) values") }
        if let d = decoders, d.count != n * outputs || outputs < 1 {
            throw NeuralError.shape("population: decoders must be \(n) x \(outputs)")
        }
        if record && steps * n > 50_000_000 {
            throw NeuralError.value("population: recording \(steps) steps of \(n) neurons needs too much memory; use record: false")
        }
        if let d = decoders, steps * outputs > 50_000_000 || d.isEmpty {
            throw NeuralError.value("population: \(steps) steps of \(outputs) decoded values is too many")
        }
        var out = Run()
        if record { out.rates.reserveCapacity(steps * n) }
        if decoders != nil { out.decoded.reserveCapacity(steps * outputs) }
        if spiking { out.spikes = Array(repeating: [], count: n) }

        var v = v0                      // activities (rate) or filtered spikes (spiking)
        var j = bias                    // J0 = v0·W + β
        var recurrent = [Double](repeating: 0, count: n)
        var drive = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: dim)
        if let w = weights { addProduct(v, w, into: &j) }
        var state = LIFState(neurons: n)
        if spiking, let v0m = voltage0 {
            guard v0m.count == n else { throw NeuralError.shape("population: voltage0 must have \(n) values") }
            state.v = v0m
        }
        var fired: [Int] = []
        var spikeCount = 0
        let a = dt / tauS
        for k in 0..<steps {
            let t0 = Double(k) * dt
            try input.fill(&u, step: k, time: t0)
            // u·E scaled by τs, the input current of this step.
            for i in 0..<n { drive[i] = 0 }
            for d in 0..<dim {
                if u[d] != 0 {
                    let scaled = tauS * u[d]
                    for i in 0..<n { drive[i] += scaled * encoders[d * n + i] }
                }
            }
            for i in 0..<n { recurrent[i] = 0 }
            if spiking {
                fired.removeAll(keepingCapacity: true)
                neuron.advance(&state, drive: j, dt: dt) { i, tSpike in
                    out.spikes[i].append(t0 + tSpike)
                    fired.append(i)
                }
                spikeCount += fired.count
                if let w = weights {
                    let amp = 1 / dt
                    w.withUnsafeBufferPointer { wp in
                        recurrent.withUnsafeMutableBufferPointer { r in
                            for f in fired {
                                let row = f * n
                                for i in 0..<n { r[i] += amp * wp[row + i] }
                            }
                        }
                    }
                }
                for i in 0..<n { j[i] += a * (-j[i] + recurrent[i] + bias[i] + drive[i]) }
                for i in 0..<n { v[i] -= a * v[i] }
                for f in fired { v[f] += a / dt }
            } else {
                if let w = weights { addProduct(v, w, into: &recurrent) }
                for i in 0..<n { j[i] += a * (-j[i] + recurrent[i] + bias[i] + drive[i]) }
                let (tauM, tauRef) = (neuron.tauM, neuron.tauRef)
                if tauRate == 0 {
                    for i in 0..<n { v[i] = lifRate(j[i], tauM: tauM, tauRef: tauRef) }
                } else {
                    let b = dt / tauRate
                    for i in 0..<n { v[i] += b * (-v[i] + lifRate(j[i], tauM: tauM, tauRef: tauRef)) }
                }
            }
            if record { out.rates.append(contentsOf: v) }
            if k % 1024 == 0 { try checkSpikeCount(spikeCount, "population") }
            if let d = decoders {
                for c in 0..<outputs {
                    var s = 0.0
                    for i in 0..<n { s += v[i] * d[i * outputs + c] }
                    out.decoded.append(s)
                }
            }
        }
        return out
    }

    /// into += x·W for a row x (N) and W (N x N, row-major); zero entries of x are skipped.
    private func addProduct(_ x: [Double], _ w: [Double], into out: inout [Double]) {
        let n = neurons
        w.withUnsafeBufferPointer { wp in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<n where x[r] != 0 {
                    let xr = x[r], row = r * n
                    for i in 0..<n { o[i] += xr * wp[row + i] }
                }
            }
        }
    }
}
