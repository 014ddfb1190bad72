import SomaCore
import SomaLang
import SomaNeural

/// `lif` and `lif_rate`: the leaky integrate-and-fire neuron (SomaNeural's `LIF`).
enum LIFBindings {
    static var builtins: [Builtin] { [simulate, rate] }

    static var simulate: Builtin {
        declaredBuiltin("lif(vin, T:, dt: 1ms, tau_m: 20ms, tau_ref: 2ms, voltage: true)", doc: """
            Simulates leaky integrate-and-fire neurons (threshold 1, reset 0).
            Spike times are placed inside the step. `vin` is a number (one neuron), a
            vector (always a population: one neuron per entry, constant input, whatever
            its length), a steps x N matrix (time-varying input to N neurons; a steps x 1
            matrix drives one neuron over time), or a function of t giving a number or a
            vector. Returns {t, v, spikes}; for a population v is steps x N and spikes a
            list of tensors, one per neuron. T and dt are in seconds and the run has
            round(T/dt) steps; a dt longer than T is an error, not an empty run.
            Example:
                r = lif(1.5, T: 1s)
                len(r.spikes)   # 41 spikes, as lif_rate(1.5) ≈ 41.7 Hz says
            """) { args in
            let duration = try args.positiveNumber("T"), dt = try args.positiveNumber("dt")
            let lif = LIF(tauM: try args.positiveNumber("tau_m"), tauRef: try args.nonNegativeNumber("tau_ref"))
            let record = try args.bool("voltage")
            let (input, single) = try args.signal(0, "vin", .population)
            let trace = try lif.simulate(input, duration: duration, dt: dt, recordVoltage: record)
            let v = record ? neuronsValue(trace.v, steps: trace.t.count, neurons: trace.neurons, single: single) : .nil
            return Value(Record(["t": vectorValue(trace.t), "v": v, "spikes": spikesValue(trace.spikes, single: single)]))
        }
    }

    static var rate: Builtin {
        declaredBuiltin("lif_rate(v, tau_m: 20ms, tau_ref: 2ms)", doc: """
            The LIF tuning curve G(v) = 1/(τref − τm ln(1 − 1/v)) for v > 1, else 0, in Hz.
            Closed form, elementwise on tensors.
            Example:
                lif_rate(1.5)   # 41.7
                v = linspace(0, 5, 200); plot(v, lif_rate(v)); xlabel("input v"); ylabel("rate (Hz)")
            """) { args in
            let tauM = try args.positiveNumber("tau_m"), tauRef = try args.nonNegativeNumber("tau_ref")
            let v = try args.tensor(0, "v")
            return Value(Tensor(shape: v.shape, data: v.data.map { lifRate($0, tauM: tauM, tauRef: tauRef) }))
        }
    }
}
