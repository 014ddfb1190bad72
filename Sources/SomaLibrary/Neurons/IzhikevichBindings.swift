import SomaCore
import SomaLang
import SomaNeural

/// `izhikevich(...)` and `Izhikevich(...)`: Izhikevich's two-variable spiking
/// neuron (SomaNeural's `Izhikevich`), as a function and as an object.
enum IzhikevichBindings {
    static var builtins: [Builtin] { [simulate, constructor] }

    static var simulate: Builtin {
        declaredBuiltin("izhikevich(I, T:, dt: 0.1ms, kind: \"RS\", a:, b:, c:, d:)", doc: """
            Simulates Izhikevich's two-variable spiking neurons.
            dv/dt = 0.04v² + 5v + 140 − u + I, du/dt = a(bv − u) (mV, ms), and v ≥ 30 mV is a
            spike: v ← c, u ← u + d. `kind` picks a, b, c, d from
            the 2003 paper ("RS" regular spiking, "IB", "CH" chattering, "FS" fast spiking,
            "LTS", "TC", "RZ"); a:, b:, c:, d: override them. `I` is read as lif reads vin: a
            number (one neuron), a vector (a population), a steps x N matrix or a function of t.
            Returns {t, v, u, spikes}, times in seconds; for a population v and u are steps x N.
            T and dt are in seconds (round(T/dt) steps); a dt longer than T is an error.
            Example:
                r = izhikevich(10, T: 1s)   # regular spiking: tonic firing after adaptation
                plot(r.t, r.v); xlabel("time (s)"); ylabel("v (mV)")
                len(r.spikes)   # 23
            """) { args in try run(try neuron(args), args) }
    }

    /// The neuron of `kind:` with the `a:`, `b:`, `c:`, `d:` given.
    /// Each must be finite, as the object's fields must be when set.
    static func neuron(_ args: MemberArguments) throws -> Izhikevich {
        var neuron = Izhikevich(kind: try args.choice("kind", Izhikevich.Kind.self))
        func parameter(_ name: String, _ old: Double) throws -> Double {
            guard let x = try args.optionalNumber(name) else { return old }
            guard x.isFinite else {
                throw SomaError.value("\(args.callee): \(name) must be a finite number, got \(formatNumber(x))")
            }
            return x
        }
        neuron.a = try parameter("a", neuron.a)
        neuron.b = try parameter("b", neuron.b)
        neuron.c = try parameter("c", neuron.c)
        neuron.d = try parameter("d", neuron.d)
        return neuron
    }

    /// `{t, v, u, spikes}` of `neuron` driven by the input `I`.
    static func run(_ neuron: Izhikevich, _ args: MemberArguments) throws -> Value {
        let duration = try args.positiveNumber("T"), dt = try args.positiveNumber("dt")
        let (input, single) = try args.signal(0, "I", .population)
        let run = try neuron.simulate(input, duration: duration, dt: dt)
        func state(_ values: [Double]) -> Value {
            neuronsValue(values, steps: run.t.count, neurons: run.neurons, single: single)
        }
        return Value(Record(["t": vectorValue(run.t), "v": state(run.v), "u": state(run.u),
                             "spikes": spikesValue(run.spikes, single: single)]))
    }

    static var constructor: Builtin {
        declaredBuiltin("Izhikevich(kind: \"RS\", a:, b:, c:, d:)", doc: """
            An Izhikevich neuron as an object, with its parameters as fields.
            a, b, c, d start from `kind`'s, as for `izhikevich`; `n.run(I, T:)` simulates it, `n.rate(I)` gives its
            f-I curve and `n.nullclines(v, I:)` its phase plane.
            Example:
                n = Izhikevich(kind: "FS"); n.d = 4
                f = n.rate(linspace(0, 20, 21))
                plot(linspace(0, 20, 21), f); xlabel("I"); ylabel("rate (Hz)")
            """) { args in IzhikevichType.type.value(IzhikevichBox(try neuron(args))) }
    }
}
