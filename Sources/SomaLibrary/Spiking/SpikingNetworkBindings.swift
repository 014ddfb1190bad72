import SomaCore
import SomaLang
import SomaNeural

/// `lif_net`: LIF neurons connected by exponential synapses (SomaNeural's `SpikingNetwork`).
enum SpikingNetworkBindings {
    static var builtins: [Builtin] { [simulate] }

    static var simulate: Builtin {
        declaredBuiltin("lif_net(W, vin, T:, dt: 1ms, tau_s: 50ms, tau_m: 20ms, tau_ref: 2ms)", doc: """
            Simulates LIF neurons connected by exponential synapses.
            A spike of neuron j adds W[i, j]/τs to the current into neuron i, which decays
            with τs. `vin` is the external input: a number (each neuron alike), a vector (one
            per neuron), a steps x N matrix, or a function of t giving one value per neuron.
            Returns {t, v, spikes, s} with s the synaptic currents (steps x N).
            Example:
                r = lif_net([[0, 0], [0.5, 0]], [1.5, 0.9], T: 0.5)
                raster(r.spikes)
            """) { args in
            let w = try args.tensor(0, "W")
            guard w.rank == 2, w.shape[0] == w.shape[1] else {
                throw SomaError.shape("lif_net: W must be a square N x N matrix, got shape \(w.shape)")
            }
            let duration = try args.positiveNumber("T"), dt = try args.positiveNumber("dt")
            let lif = LIF(tauM: try args.positiveNumber("tau_m"), tauRef: try args.nonNegativeNumber("tau_ref"))
            let net = SpikingNetwork(weights: w.detached, tauS: try args.number("tau_s"), neuron: lif)
            let n = w.shape[0]
            let run = try net.simulate(try args.signal(1, "vin", .neurons(n)).signal, duration: duration, dt: dt)
            let steps = run.trace.t.count
            return Value(Record([
                "t": vectorValue(run.trace.t), "v": tensorValue(shape: [steps, n], run.trace.v),
                "spikes": spikesValue(run.trace.spikes, single: false), "s": tensorValue(shape: [steps, n], run.currents),
            ]))
        }
    }
}
