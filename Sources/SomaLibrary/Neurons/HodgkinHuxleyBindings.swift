import SomaCore
import SomaLang
import SomaNeural

/// `hh` and `hh_gates`: the Hodgkin-Huxley neuron (SomaNeural's `HodgkinHuxley`).
enum HodgkinHuxleyBindings {
    static var builtins: [Builtin] { [simulate, gates] }

    static var simulate: Builtin {
        declaredBuiltin("hh(current, T:, dt: 1e-5, method: \"euler\", threshold: -20)", doc: """
            Simulates a Hodgkin-Huxley neuron with the course demo's parameters.
            `current` (demo units) is a number, a tensor with one value per step (held over
            the step), or a function of t in seconds. `method` is "euler" (as the demo) or "rk4".
            Returns {t, v, m, h, n, spikes}: times (s), voltage (mV), the gates, and
            the spike times: each peak of v above `threshold` mV (-20: strong input
            makes spikes peak below 0 mV, and they still count). T and dt are in seconds, the
            run has round(T/dt) steps, and a dt longer than T is an error, not an empty run.
            Example:
                r = hh(fn(t) = if t < 0.05 { 0.2 } else { 0 }, T: 0.1)
                plot(r.t, r.v); xlabel("time (s)"); ylabel("v (mV)")
                len(r.spikes)   # 4 spikes while the current is on
            """) { args in
            let duration = try args.positiveNumber("T"), dt = try args.positiveNumber("dt")
            let method = try args.choice("method", HodgkinHuxley.Method.self)
            var neuron = HodgkinHuxley()
            neuron.spikeThreshold = try args.number("threshold")
            guard neuron.spikeThreshold.isFinite else { throw SomaError.value("hh: threshold must be a finite voltage in mV") }
            let (current, _) = try args.signal(0, "current", .single)
            let trace = try neuron.simulate(current, duration: duration, dt: dt, method: method)
            return Value(Record([
                "t": vectorValue(trace.t), "v": vectorValue(trace.v), "m": vectorValue(trace.m),
                "h": vectorValue(trace.h), "n": vectorValue(trace.n), "spikes": vectorValue(trace.spikes),
            ]))
        }
    }

    static var gates: Builtin {
        declaredBuiltin("hh_gates(V)", doc: """
            The gating curves of the Hodgkin-Huxley model at the voltages V (mV).
            Returns {n_inf, m_inf, h_inf, tau_n, tau_m, tau_h}, the time constants in ms.
            Example:
                V = linspace(-100, 50, 151); g = hh_gates(V)
                plot(V, g.m_inf, label: "m"); plot(V, g.h_inf, label: "h"); plot(V, g.n_inf, label: "n"); legend()
            """) { args in
            let v = try args.tensor(0, "V")
            let gates = [HodgkinHuxley.nGate, HodgkinHuxley.mGate, HodgkinHuxley.hGate].map { gate in v.data.map(gate) }
            func field(_ values: [Double]) -> Value { Value(Tensor(shape: v.shape, data: values)) }
            return Value(Record([
                "n_inf": field(gates[0].map(\.inf)), "m_inf": field(gates[1].map(\.inf)),
                "h_inf": field(gates[2].map(\.inf)), "tau_n": field(gates[0].map(\.tau)),
                "tau_m": field(gates[1].map(\.tau)), "tau_h": field(gates[2].map(\.tau)),
            ]))
        }
    }
}
