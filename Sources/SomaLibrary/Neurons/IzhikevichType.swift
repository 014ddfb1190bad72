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
            fields: [parameter("a", \.a, "Recovery rate of u (1/ms)."), parameter("b", \.b, "Coupling of u to v."),
                     parameter("c", \.c, "Reset voltage after a spike (mV)."), parameter("d", \.d, "Jump of u after a spike.")],
            methods: [
                .init("run(I, T:, dt: 0.1ms)", doc: "Simulates the neuron as izhikevich(I, T:, dt:) does: {t, v, u, spikes}.") { n, args in
                    try IzhikevichBindings.run(n.neuron, args)
                },
                .init("rate(I, T: 1, dt: 0.1ms)", doc: "Firing rate (Hz) over T seconds for each constant current in I: the f-I curve.") { n, args in
                    let currents = try args.tensor(0, "I")
                    let rates = try n.neuron.rates(currents: currents.data, duration: try args.positiveNumber("T"),
                                                   dt: try args.positiveNumber("dt"))
                    return Value(Tensor(shape: currents.shape, data: rates))
                },
                .init("nullclines(v, I: 0)", doc: "The u of the v-nullcline (0.04v² + 5v + 140 + I) and of the u-nullcline (b·v) at voltages v.") { n, args in
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
