import SomaCore
import SomaLang
import SomaNeural

/// `population_run`: the step loop of course unit 5's population dynamics
/// (SomaNeural's `PopulationDynamics`). Stdlib/neural/population.soma builds
/// `simulate` on it; `simulate_steps` there is the same loop written in Soma.
enum PopulationRunBindings {
    static var builtins: [Builtin] { [run] }

    static var run: Builtin {
        declaredBuiltin("population_run(E, bias, W, U, v0, dt: 1ms, tau_s: 50ms, tau_r: 0, tau_m: 20ms, tau_ref: 2ms, spiking: false, decoders:, voltage0:, record: true)", doc: """
            Runs the Euler loop τs dJ/dt = −J + v·W + β + τs·u·E of one population.
            E is dim x N encoders with gain, W N x N or nil, U steps x dim input and v0 the N
            initial activities. Rate mode: v = G(J), or τr dv/dt = −v + G(J) with tau_r > 0.
            Spiking mode: LIF neurons (tau_m, tau_ref) driven by J, each spike adds W[j,:]/τs
            to J, and the recorded activity is the spike train filtered by the same PSC.
            Returns {rates (steps x N, or nil with record: false), x (steps x k decoded with
            decoders: N x k, else nil), spikes (spiking: a list of spike times per neuron)}.
            Use `simulate(pop, W, input, ...)`, which calls it.
            Example:
                E = [[2, -2]]; bias = [1.5, 1.5]
                r = population_run(E, bias, nil, full([300, 1], 0.5), zeros(2), dt: 1ms, tau_s: 10ms)
                plot(r.rates)   # one neuron speeds up, the other slows down
            """) { args in
            let e = try args.tensor(0, "E"), bias = try args.tensor(1, "bias")
            guard e.rank == 2 else { throw SomaError.shape("population_run: E must be dim x N, got shape \(e.shape)") }
            let dim = e.shape[0], n = e.shape[1]
            guard bias.count == n else {
                throw SomaError.shape("population_run: bias has \(bias.count) values for \(n) neurons")
            }
            var weights: [Double]?
            if case .nil = try args.args.value(2, "W") {} else {
                let w = try args.tensor(2, "W")
                guard w.rank == 2, w.shape == [n, n] else {
                    throw SomaError.shape("population_run: W must be \(n) x \(n), got shape \(w.shape)")
                }
                weights = w.data
            }
            let u = try args.tensor(3, "U")
            let steps = u.rank == 2 ? u.shape[0] : (dim == 1 ? u.count : 0)
            guard steps > 0, u.count == steps * dim else {
                throw SomaError.shape("population_run: U must be steps x \(dim), got shape \(u.shape)")
            }
            var input = try Signal(samples: u.data, channels: dim, name: "U")
            let context = args.context
            input.interrupt = { try context.checkInterrupt() }
            let v0 = try args.tensor(4, "v0")
            guard v0.count == n else { throw SomaError.shape("population_run: v0 has \(v0.count) values for \(n) neurons") }
            var decoders: [Double]?
            var outputs = 0
            if let d = try args.args.keywordTensor("decoders") {
                guard d.rank <= 2, d.count > 0, d.shape[0] == n else {
                    throw SomaError.shape("population_run: decoders must be \(n) x k, got shape \(d.shape)")
                }
                decoders = d.data
                outputs = d.count / n
            }
            let neuron = LIF(tauM: try args.positiveNumber("tau_m"), tauRef: try args.nonNegativeNumber("tau_ref"))
            let model = try PopulationDynamics(neurons: n, dim: dim, encoders: e.data, bias: bias.data, weights: weights,
                                               tauS: try args.positiveNumber("tau_s"),
                                               tauRate: try args.nonNegativeNumber("tau_r"), neuron: neuron)
            let spiking = try args.bool("spiking"), record = try args.bool("record")
            let run = try model.run(steps: steps, dt: try args.positiveNumber("dt"), input: input, v0: v0.data,
                                    spiking: spiking, decoders: decoders, outputs: outputs,
                                    voltage0: try args.args.keywordTensor("voltage0")?.data, record: record)
            return Value(Record([
                "rates": record ? tensorValue(shape: [steps, n], run.rates) : .nil,
                "x": decoders == nil ? .nil : tensorValue(shape: [steps, outputs], run.decoded),
                "spikes": spiking ? spikesValue(run.spikes, single: false) : .nil,
            ]))
        }
    }
}
