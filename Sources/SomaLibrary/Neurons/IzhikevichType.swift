import SomaCore
import SomaLang
import SomaNeural

/// The neuron an `Izhikevich` object holds.
final class IzhikevichBox {
    var neuron: Izhikevich
    init(_ neuron: Izhikevich) { self.neuron = neuron }
}

/// `Izhikevich(...)` in Soma: fields a, b, c, d; methods run, rate, nullclines.
enum IzhikevichType {
    static var type: ObjectType<IzhikevichBox> {
        ObjectType(
            name: "Izhikevich", summary: "an Izhikevich neuron: parameters a, b, c, d and what they make it do.",
            display: { n in
                "<Izhikevich " + zip("abcd", [n.neuron.a, n.neuron.b, n.neuron.c, n.neuron.d])
                    .map { "\($0)=\(formatNumber($1))" }.joined(separator: " ") + ">"
            },
            fields: [parameter("a", \.a, "Recovery rate of u (1/ms).\nExample: n = Izhikevich(); n.a = 0.1; n.a"),
                     parameter("b", \.b, "Coupling of u to v.\nExample: n = Izhikevich(kind: \"LTS\"); n.b"),
                     parameter("c", \.c, "Reset voltage after a spike (mV).\nExample: n = Izhikevich(kind: \"CH\"); n.c   # -50"),
                     parameter("d", \.d, "Jump of u after a spike.\nExample: n = Izhikevich(); n.d = 4; len(n.run(10, T: 0.5).spikes)")],
            methods: [
                .init("run(I, T:, dt: 0.1ms)", doc: "Simulates the neuron as izhikevich(I, T:, dt:) does: {t, v, u, spikes}.\nExample: r = Izhikevich(kind: \"FS\").run(10, T: 0.2); plot(r.t, r.v)") { n, args in
                    try IzhikevichBindings.run(n.neuron, args)
                },
                .init("rate(I, T: 1, dt: 0.1ms)", doc: "Firing rate (Hz) over T seconds for each constant current in I: the f-I curve.\nExample: Izhikevich().rate([0, 5, 10, 15])   # [0, 11, 23, 34]") { n, args in
                    let currents = try args.tensor(0, "I")
                    let rates = try n.neuron.rates(currents: currents.data, duration: try args.positiveNumber("T"),
                                                   dt: try args.positiveNumber("dt"))
                    return Value(Tensor(shape: currents.shape, data: rates))
                },
                .init("nullclines(v, I: 0)", doc: "The u of the v-nullcline (0.04v² + 5v + 140 + I) and of the u-nullcline (b·v) at voltages v.\nExample: v = linspace(-80, -40, 41); nc = Izhikevich().nullclines(v); plot(v, nc.v); plot(v, nc.u)") { n, args in
                    let v = try args.tensor(0, "v"), current = try args.number("I")
                    let lines = v.data.map { n.neuron.nullclines($0, current: current) }
                    return Value(Record(["v": Value(Tensor(shape: v.shape, data: lines.map(\.vNullcline))),
                                         "u": Value(Tensor(shape: v.shape, data: lines.map(\.uNullcline)))]))
                },
            ])
    }

    /// A parameter field, readable and writable with a finite number.
    private static func parameter(_ name: String, _ path: WritableKeyPath<Izhikevich, Double>, _ doc: String) -> ObjectType<IzhikevichBox>.Field {
        .init(name, doc: doc, get: { n in Value(n.neuron[keyPath: path]) }, set: { n, value in
            guard let x = value.numberValue, x.isFinite else { throw SomaError.type("Izhikevich.\(name) must be a finite number") }
            n.neuron[keyPath: path] = x
        })
    }
}
