import SomaCore
import SomaLang
import SomaNeural

/// `psc`, `spike_train` and `convolve`: synapses as kernels and spike trains
/// (SomaNeural's Spiking/Synapse.swift).
enum SynapseBindings {
    static var builtins: [Builtin] { [psc, spikeTrain, convolve] }

    static var psc: Builtin {
        declaredBuiltin("psc(t, tau_s:, n: 0)", doc: """
            The post-synaptic current kernel k·tⁿ·e^(−t/τs) of unit area, 0 for t < 0.
            k = 1/(n!·τs^(n+1)); elementwise on tensors.
            Example:
                t = linspace(0, 0.3, 301)
                plot(t, psc(t, tau_s: 50ms, n: 1))
            """) { args in
            let tauS = try args.args.number(1, "tau_s"), n = try args.int("n")
            let t = try args.tensor(0, "t")
            return Value(Tensor(shape: t.shape, data: try t.data.map { try SomaNeural.psc($0, tauS: tauS, n: n) }))
        }
    }

    static var spikeTrain: Builtin {
        declaredBuiltin("spike_train(times, T:, dt:)", doc: """
            A spike train sampled every dt over T, as a discrete Dirac comb.
            Each spike adds 1/dt to its bin, so the train integrates to the number of spikes.
            Times at or after T lie outside the window and are left out; a negative time is an error.
            Example: sum(spike_train([0.1, 0.25, 0.7], T: 0.5, dt: 1ms)) * 1ms  # 2
            """) { args in
            let duration = try args.args.number(1, "T"), dt = try args.args.number(2, "dt")
            return vectorValue(try SomaNeural.spikeTrain(try args.tensor(0, "times").data, duration: duration, dt: dt))
        }
    }

    /// `convolve` has its own name: `filter(f, xs)` is the list filter.
    static var convolve: Builtin {
        declaredBuiltin("convolve(x, kernel, dt:)", doc: """
            The causal convolution y[j] = dt·Σ x[k]·kernel[j−k] of a signal with a kernel.
            Both are sampled at the same dt: a spike train convolved with a PSC kernel gives
            the post-synaptic current.
            Example:
                r = lif(1.5, T: 1s)
                t = arange(0, 1, 1ms)
                current = convolve(spike_train(r.spikes, T: 1, dt: 1ms), psc(t, tau_s: 20ms), dt: 1ms)
                plot(t, current)
            """) { args in
            let dt = try args.args.number(2, "dt")
            let x = try args.tensor(0, "x"), kernel = try args.tensor(1, "kernel")
            return vectorValue(try filter(x.data, kernel: kernel.data, dt: dt))
        }
    }
}
