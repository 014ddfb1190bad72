import SomaCore
import SomaLang
import SomaNeural

/// How a model reads the value given as its input (issue 12's rule: a vector
/// is always a population; input that varies in time is a function of t or a
/// steps x N matrix).
enum SignalLayout {
    /// A population (lif, izhikevich): a number drives one neuron, a vector
    /// one neuron per entry with constant input, a steps x N matrix N neurons
    /// over time, a function of t a number or a vector.
    case population
    /// N connected neurons (lif_net): as `population`, and a number drives each alike.
    case neurons(Int)
    /// One neuron over time (hh): a number, one value per step (a vector or a
    /// steps x 1 matrix), or a function of t giving a number.
    case single
}

extension MemberArguments {
    /// The input at `index` as the one `Signal` type the models take, and
    /// whether it drives a single neuron (a number, or a function giving one).
    /// The signal checks the session's interrupt latch at its fixed cadence.
    func signal(_ index: Int, _ name: String, _ layout: SignalLayout) throws -> (signal: Signal, single: Bool) {
        var (signal, single) = try readSignal(index, name, layout)
        let context = self.context
        signal.interrupt = { try context.checkInterrupt() }
        return (signal, single)
    }

    private func readSignal(_ index: Int, _ name: String, _ layout: SignalLayout) throws -> (Signal, Bool) {
        let value = try args.value(index, name)
        switch value {
        case .number(let x):
            if case .neurons(let n) = layout { return (Signal(constant: Array(repeating: x, count: n), name: name), false) }
            return (Signal(constant: [x], name: name), true)
        case .function, .object:
            let f = try args.function(index, name)
            let context = self.context
            let first = try context.call(f, [Value(0.0)])
            let width = try first.asTensor().count
            let signal = Signal(channels: width, name: name) { t in try context.call(f, [Value(t)]).asTensor().data }
            if case .population = layout { return (signal, first.numberValue != nil) }
            return (signal, false)
        default:
            let v = try args.tensor(index, name)
            guard v.rank <= 2 else {
                throw SomaError.shape("\(callee): \(name) must be a number, a vector, a steps x N matrix or a function of t")
            }
            if v.rank == 2 { return (try Signal(samples: v.data, channels: v.shape[1], name: name), false) }
            if case .single = layout { return (try Signal(samples: v.data, channels: 1, name: name), true) }
            return (Signal(constant: v.data, name: name), false)
        }
    }

    /// Keyword `name` (or its default), a positive finite number.
    func positiveNumber(_ name: String) throws -> Double {
        try positive(number(name), name, callee)
    }

    /// A finite number of 0 or more (a refractory period).
    func nonNegativeNumber(_ name: String) throws -> Double {
        let x = try number(name)
        guard x.isFinite, x >= 0 else {
            throw SomaError.value("\(callee): \(name) must be a finite number of 0 or more, got \(formatNumber(x))")
        }
        return x
    }
}

/// Values of a run, steps x neurons: a vector for a single neuron, else a matrix.
func neuronsValue(_ values: [Double], steps: Int, neurons: Int, single: Bool) -> Value {
    single ? vectorValue(values) : tensorValue(shape: [steps, neurons], values)
}

/// Spike times: a tensor for a single neuron, else a list of tensors, one per neuron.
func spikesValue(_ spikes: [[Double]], single: Bool) -> Value {
    single ? vectorValue(spikes.first ?? []) : Value(spikes.map(vectorValue))
}
