import SomaCore
import SomaLang
import SomaNeural

extension Library {
    /// The step loop of course unit 5's population dynamics (Stdlib/neural/population.soma
    /// builds `simulate` on it; `simulate_steps` there is the same loop written in Soma).
    static var neuralPopulation: LibrarySection {
        LibrarySection(name: "neural-population", builtins: [
            Builtin("population_run(E, bias, W, U, v0, dt:, tau_s:, tau_r: 0, tau_m: 20ms, tau_ref: 2ms, spiking: false, decoders:, voltage0:, record: true)", doc: """
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
                if case .nil = try args.value(2, "W") {} else {
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
                let v0 = try args.tensor(4, "v0")
                guard v0.count == n else { throw SomaError.shape("population_run: v0 has \(v0.count) values for \(n) neurons") }
                let dt = try positive(args.keywordNumber("dt", default: 0.001), "dt", "population_run")
                let tauS = try positive(args.keywordNumber("tau_s", default: 0.05), "tau_s", "population_run")
                let tauR = try args.keywordNumber("tau_r", default: 0)
                guard tauR >= 0, tauR.isFinite else { throw SomaError.value("population_run: tau_r must be ≥ 0") }
                let tauM = try positive(args.keywordNumber("tau_m", default: 0.02), "tau_m", "population_run")
                let tauRef = try args.keywordNumber("tau_ref", default: 0.002)
                guard tauRef >= 0, tauRef.isFinite else { throw SomaError.value("population_run: tau_ref must be ≥ 0") }
                let spiking = try args.keywordBool("spiking", default: false)
                let record = try args.keywordBool("record", default: true)
                var decoders: [Double]?
                var outputs = 0
                if let d = try args.keywordTensor("decoders") {
                    guard d.rank <= 2, d.count > 0, d.shape[0] == n else {
                        throw SomaError.shape("population_run: decoders must be \(n) x k, got shape \(d.shape)")
                    }
                    decoders = d.data
                    outputs = d.count / n
                }
                let voltage0 = try args.keywordTensor("voltage0")?.data
                let context = args.context
                let model = try neuralCall("population_run") {
                    try PopulationDynamics(neurons: n, dim: dim, encoders: e.data, bias: bias.data, weights: weights,
                                           tauS: tauS, tauRate: tauR, neuron: LIF(tauM: tauM, tauRef: tauRef))
                }
                let run = try neuralCall("population_run") {
                    try model.run(steps: steps, dt: dt, input: u.data, v0: v0.data, spiking: spiking,
                                  decoders: decoders, outputs: outputs, voltage0: voltage0, record: record,
                                  interrupt: { k in if k & 1023 == 0 { try context.checkInterrupt() } })
                }
                let rates = record ? tensorValue(shape: [steps, n], run.rates) : Value.nil
                let x: Value = decoders == nil ? .nil : tensorValue(shape: [steps, outputs], run.decoded)
                let spikes: Value = spiking ? Value(run.spikes.map(vectorValue)) : .nil
                return Value(Record(["rates": rates, "x": x, "spikes": spikes]))
            },
        ])
    }
}
