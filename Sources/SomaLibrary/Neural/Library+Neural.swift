import SomaCore
import SomaLang
import SomaNeural

extension Library {
    /// Neuron models and synapses (course unit 1).
    static var neural: LibrarySection {
        refusingTrackedArguments(LibrarySection(name: "neural", builtins: [
            Builtin("hh(current, T:, dt: 1e-5, method: \"euler\", threshold: -20)", doc: """
                Simulates a Hodgkin-Huxley neuron with the course demo's parameters.
                `current` (demo units) is a number, a tensor with one value per step, or a
                function of t in seconds. `method` is "euler" (as the demo) or "rk4".
                Returns {t, v, m, h, n, spikes}: times (s), voltage (mV), the gates, and
                the spike times: each peak of v above `threshold` mV (-20: strong input
                makes spikes peak below 0 mV, and they still count).
                Example:
                    r = hh(fn(t) = if t < 0.05 { 0.2 } else { 0 }, T: 0.1)
                    plot(r.t, r.v); xlabel("time (s)"); ylabel("v (mV)")
                    len(r.spikes)   # 4 spikes while the current is on
                """) { args in
                let duration = try positive(args.keywordNumber("T") ?? args.number(1, "T"), "T", "hh")
                let dt = try positive(args.keywordNumber("dt", default: 1e-5), "dt", "hh")
                let methodName = try args.keywordString("method", default: "euler")
                guard let method = HodgkinHuxley.Method(rawValue: methodName) else {
                    throw SomaError.value("hh: method must be \"euler\" or \"rk4\", got \"\(methodName)\"")
                }
                let current = try timeSignal(args, 0, "current", dt: dt)
                var neuron = HodgkinHuxley()
                neuron.spikeThreshold = try args.keywordNumber("threshold", default: -20)
                guard neuron.spikeThreshold.isFinite else { throw SomaError.value("hh: threshold must be a finite voltage in mV") }
                let trace = try neuralCall("hh") {
                    try neuron.simulate(duration: duration, dt: dt, method: method, current: current)
                }
                return Value(Record([
                    "t": vectorValue(trace.t), "v": vectorValue(trace.v), "m": vectorValue(trace.m),
                    "h": vectorValue(trace.h), "n": vectorValue(trace.n), "spikes": vectorValue(trace.spikes),
                ]))
            },
            Builtin("hh_gates(V)", doc: """
                The gating curves of the Hodgkin-Huxley model at the voltages V (mV).
                Returns {n_inf, m_inf, h_inf, tau_n, tau_m, tau_h}, the time constants in ms.
                Example:
                    V = linspace(-100, 50, 151); g = hh_gates(V)
                    plot(V, g.m_inf, label: "m"); plot(V, g.h_inf, label: "h"); plot(V, g.n_inf, label: "n"); legend()
                """) { args in
                let v = try args.tensor(0, "V")
                let gates = [HodgkinHuxley.nGate, HodgkinHuxley.mGate, HodgkinHuxley.hGate].map { gate in
                    v.data.map(gate)
                }
                func field(_ values: [Double]) -> Value { Value(Tensor(shape: v.shape, data: values)) }
                return Value(Record([
                    "n_inf": field(gates[0].map(\.inf)), "m_inf": field(gates[1].map(\.inf)),
                    "h_inf": field(gates[2].map(\.inf)), "tau_n": field(gates[0].map(\.tau)),
                    "tau_m": field(gates[1].map(\.tau)), "tau_h": field(gates[2].map(\.tau)),
                ]))
            },
            Builtin("lif(vin, T:, dt: 1ms, tau_m: 20ms, tau_ref: 2ms, voltage: true)", doc: """
                Simulates leaky integrate-and-fire neurons (threshold 1, reset 0).
                Spike times are placed inside the step. `vin` is a number (one neuron), a
                vector (always a population: one neuron per entry, constant input, whatever
                its length), a steps x N matrix (time-varying input to N neurons; a steps x 1
                matrix drives one neuron over time), or a function of t giving a number or a
                vector. Returns {t, v, spikes}; for a population v is steps x N and spikes a
                list of tensors, one per neuron.
                Example:
                    r = lif(1.5, T: 1s)
                    len(r.spikes)   # 41 spikes, as lif_rate(1.5) ≈ 41.7 Hz says
                """) { args in
                let duration = try positive(args.keywordNumber("T") ?? args.number(1, "T"), "T", "lif")
                let dt = try positive(args.keywordNumber("dt", default: 0.001), "dt", "lif")
                let lif = LIF(tauM: try positive(args.keywordNumber("tau_m", default: 0.02), "tau_m", "lif"),
                              tauRef: try args.keywordNumber("tau_ref", default: 0.002))
                let record = try args.keywordBool("voltage", default: true)
                let steps = try stepCount(duration, dt, "lif")
                let (neurons, single, drive) = try lifDrive(args, steps: steps, dt: dt)
                let trace = try neuralCall("lif") {
                    try lif.simulate(neurons: neurons, duration: duration, dt: dt, recordVoltage: record, input: drive)
                }
                let v = record ? (single ? vectorValue(trace.v) : tensorValue(shape: [trace.t.count, neurons], trace.v))
                    : Value.nil
                let spikes = single ? vectorValue(trace.spikes[0]) : Value(trace.spikes.map(vectorValue))
                return Value(Record(["t": vectorValue(trace.t), "v": v, "spikes": spikes]))
            },
            Builtin("lif_rate(v, tau_m: 20ms, tau_ref: 2ms)", doc: """
                The LIF tuning curve G(v) = 1/(τref − τm ln(1 − 1/v)) for v > 1, else 0, in Hz.
                Closed form, elementwise on tensors.
                Example:
                    lif_rate(1.5)   # 41.7
                    v = linspace(0, 5, 200); plot(v, lif_rate(v)); xlabel("input v"); ylabel("rate (Hz)")
                """) { args in
                let tauM = try positive(args.keywordNumber("tau_m", default: 0.02), "tau_m", "lif_rate")
                // The refractory period lif accepts: finite and not negative.
                let tauRef = try args.keywordNumber("tau_ref", default: 0.002)
                guard tauRef.isFinite, tauRef >= 0 else {
                    throw SomaError.value("lif_rate: tau_ref must be a finite time of 0 or more, got \(formatNumber(tauRef))")
                }
                let v = try args.tensor(0, "v")
                return Value(Tensor(shape: v.shape, data: v.data.map { lifRate($0, tauM: tauM, tauRef: tauRef) }))
            },
            Builtin("psc(t, tau_s:, n: 0)", doc: """
                The post-synaptic current kernel k·tⁿ·e^(−t/τs) of unit area, 0 for t < 0.
                k = 1/(n!·τs^(n+1)); elementwise on tensors.
                Example:
                    t = linspace(0, 0.3, 301)
                    plot(t, psc(t, tau_s: 50ms, n: 1))
                """) { args in
                let tauS = try args.keywordNumber("tau_s") ?? args.number(1, "tau_s")
                let n = try args.keywordInt("n", default: 0)
                let t = try args.tensor(0, "t")
                let values = try neuralCall("psc") { try t.data.map { try psc($0, tauS: tauS, n: n) } }
                return Value(Tensor(shape: t.shape, data: values))
            },
            Builtin("spike_train(times, T:, dt:)", doc: """
                A spike train sampled every dt over T, as a discrete Dirac comb.
                Each spike adds 1/dt to its bin, so the train integrates to the number of spikes.
                Example: sum(spike_train([0.1, 0.25], T: 0.5, dt: 1ms)) * 1ms  # 2
                """) { args in
                let duration = try args.keywordNumber("T") ?? args.number(1, "T")
                let dt = try args.keywordNumber("dt") ?? args.number(2, "dt")
                let times = try args.tensor(0, "times")
                return vectorValue(try neuralCall("spike_train") { try spikeTrain(times.data, duration: duration, dt: dt) })
            },
            signalFilter,
            Builtin("lif_net(W, vin, T:, dt: 1ms, tau_s: 50ms, tau_m: 20ms, tau_ref: 2ms)", doc: """
                Simulates LIF neurons connected by exponential synapses.
                A spike of neuron j adds W[i, j]/τs to the current into neuron i, which decays
                with τs. `vin` is the external input (a vector, one per neuron, or a function
                of t giving one). Returns {t, v, spikes, s} with s the synaptic currents (steps x N).
                Example:
                    r = lif_net([[0, 0], [0.5, 0]], [1.5, 0.9], T: 0.5)
                    raster(r.spikes)
                """) { args in
                let w = try args.tensor(0, "W")
                guard w.rank == 2, w.shape[0] == w.shape[1] else {
                    throw SomaError.shape("lif_net: W must be a square N x N matrix, got shape \(w.shape)")
                }
                let duration = try positive(args.keywordNumber("T") ?? args.number(2, "T"), "T", "lif_net")
                let dt = try positive(args.keywordNumber("dt", default: 0.001), "dt", "lif_net")
                let n = w.shape[0]
                let lif = LIF(tauM: try positive(args.keywordNumber("tau_m", default: 0.02), "tau_m", "lif_net"),
                              tauRef: try args.keywordNumber("tau_ref", default: 0.002))
                let net = SpikingNetwork(weights: w.detached, tauS: try args.keywordNumber("tau_s", default: 0.05),
                                         neuron: lif)
                let steps = try stepCount(duration, dt, "lif_net")
                let (neurons, _, drive) = try lifDrive(args, index: 1, steps: steps, dt: dt, forceNeurons: n)
                guard neurons == n else {
                    throw SomaError.shape("lif_net: vin gives \(neurons) inputs for \(n) neurons")
                }
                let run = try neuralCall("lif_net") { try net.simulate(duration: duration, dt: dt, external: drive) }
                return Value(Record([
                    "t": vectorValue(run.trace.t), "v": tensorValue(shape: [run.trace.t.count, n], run.trace.v),
                    "spikes": Value(run.trace.spikes.map(vectorValue)),
                    "s": tensorValue(shape: [run.trace.t.count, n], run.currents),
                ]))
            },
        ]))
    }
}

extension Library {
    /// `convolve(x, kernel, dt:)`: a signal through a kernel (a spike train
    /// through a PSC). It has its own name: `filter(f, xs)` is the list filter.
    static var signalFilter: Builtin {
        Builtin("convolve(x, kernel, dt:)", doc: """
            The causal convolution y[j] = dt·Σ x[k]·kernel[j−k] of a signal with a kernel.
            Both are sampled at the same dt: a spike train convolved with a PSC kernel gives
            the post-synaptic current.
            Example:
                r = lif(1.5, T: 1s)
                t = arange(0, 1, 1ms)
                current = convolve(spike_train(r.spikes, T: 1, dt: 1ms), psc(t, tau_s: 20ms), dt: 1ms)
                plot(t, current)
            """) { args in
            let dt = try args.keywordNumber("dt") ?? args.number(2, "dt")
            let x = try args.tensor(0, "x"), kernel = try args.tensor(1, "kernel")
            return vectorValue(try neuralCall("convolve") { try filter(x.data, kernel: kernel.data, dt: dt) })
        }
    }
}

/// A scalar signal of time from a number, a per-step tensor or a Soma function.
private func timeSignal(_ args: Arguments, _ index: Int, _ name: String, dt: Double) throws -> (Double) throws -> Double {
    let value = try args.value(index, name)
    switch value {
    case .number(let x):
        return { _ in x }
    case .function, .object:
        let f = try args.function(index, name)
        let context = args.context
        var calls = 0
        return { t in
            calls += 1
            if calls & 1023 == 0 { try context.checkInterrupt() }
            let y = try context.call(f, [Value(t)])
            guard let x = y.numberValue ?? y.tensorValue.flatMap({ $0.count == 1 ? $0.data[0] : nil }) else {
                throw SomaError.type("\(args.callee): \(name)(t) must return a number, got \(y.typeName)")
            }
            return x
        }
    default:
        let samples = try args.tensor(index, name).data
        guard !samples.isEmpty else { throw SomaError.value("\(args.callee): \(name) is empty") }
        // simulate() has already bounded T/dt, so the index fits in an Int.
        let last = Double(samples.count - 1)
        return { t in samples[Int(min(max((t / dt).rounded(.down), 0), last))] }
    }
}

/// Number of steps of a run, refused when absurdly large.
private func stepCount(_ duration: Double, _ dt: Double, _ callee: String) throws -> Int {
    let steps = (duration / dt).rounded()
    guard steps.isFinite, steps <= 1e9 else {
        throw SomaError.value("\(callee): T/dt = \(formatNumber(steps)) steps is too many; use a larger dt or a shorter T")
    }
    return Int(steps)
}

/// The input of a LIF population: (neurons, whether it is a single neuron, filler).
private func lifDrive(_ args: Arguments, index: Int = 0, steps: Int, dt: Double, forceNeurons: Int? = nil)
    throws -> (Int, Bool, (Int, Double, inout [Double]) throws -> Void) {
    let name = "vin"
    let value = try args.value(index, name)
    let context = args.context
    switch value {
    case .number(let x):
        let n = forceNeurons ?? 1
        return (n, forceNeurons == nil, { k, _, drive in
            if k & 1023 == 0 { try context.checkInterrupt() }
            for i in 0..<drive.count { drive[i] = x }
        })
    case .function, .object:
        let f = try args.function(index, name)
        let first = try context.call(f, [Value(0.0)])
        let width = try first.asTensor().count
        return (width, first.numberValue != nil && forceNeurons == nil, { k, t, drive in
            if k & 1023 == 0 { try context.checkInterrupt() }
            let y = try context.call(f, [Value(t)]).asTensor()
            guard y.count == drive.count else {
                throw SomaError.shape("\(args.callee): vin(t) gave \(y.count) values, expected \(drive.count)")
            }
            let values = y.data
            for i in 0..<drive.count { drive[i] = values[i] }
        })
    default:
        let v = try args.tensor(index, name)
        if v.rank == 2 {
            guard v.shape[0] >= steps else {
                throw SomaError.shape("\(args.callee): vin has \(v.shape[0]) rows but the run takes \(steps) steps")
            }
            let n = v.shape[1], values = v.data
            return (n, false, { k, _, drive in
                if k & 1023 == 0 { try context.checkInterrupt() }
                for i in 0..<n { drive[i] = values[k * n + i] }
            })
        }
        guard v.rank <= 1 else { throw SomaError.shape("\(args.callee): vin must be a number, vector or matrix") }
        let values = v.data
        return (v.count, false, { k, _, drive in
            if k & 1023 == 0 { try context.checkInterrupt() }
            for i in 0..<drive.count { drive[i] = values[i] }
        })
    }
}
