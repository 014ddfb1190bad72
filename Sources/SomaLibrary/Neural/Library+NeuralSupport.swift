import SomaCore
import SomaLang
import SomaNeural

// Conversions shared by the neural and data sections of the library.

/// Runs neural-core code, turning its errors into Soma errors of the same kind.
func neuralCall<T>(_ callee: String, _ body: () throws -> T) throws -> T {
    try translatingErrors(callee, body) { (error: NeuralError) -> ErrorKind in
        switch error {
        case .shape: return .shape
        case .io: return .io
        case .value, .diverged: return .value
        }
    }
}

/// Runs code of a lower module, turning its errors of type `E` into Soma
/// errors of the kind `kind` names, with the message led by `callee` once.
func translatingErrors<T, E: Error & CustomStringConvertible>(
    _ callee: String, _ body: () throws -> T, kind: (E) -> ErrorKind
) throws -> T {
    do {
        return try body()
    } catch let error as E {
        let message = error.description.hasPrefix(callee) ? error.description : "\(callee): \(error.description)"
        throw SomaError(kind(error), message)
    }
}

/// A 1-d tensor value.
func vectorValue(_ values: [Double]) -> Value {
    .tensor(TensorBox(Tensor(shape: [values.count], data: values)))
}

/// A tensor value of the given shape.
func tensorValue(shape: [Int], _ values: [Double]) -> Value {
    .tensor(TensorBox(Tensor(shape: shape, data: values)))
}

/// A positive finite number argument.
func positive(_ x: Double, _ name: String, _ callee: String) throws -> Double {
    guard x > 0, x.isFinite else { throw SomaError.value("\(callee): \(name) must be a positive number, got \(formatNumber(x))") }
    return x
}

extension Arguments {
    /// The `seed:` keyword, or a seed drawn from the session's random stream
    /// (so `seed(n)` makes weight initialisation, shuffles and splits repeat).
    func seed() throws -> UInt64 {
        if let s = try keywordInt("seed") {
            guard s >= 0 else { throw SomaError.value("\(callee): seed must be a non-negative integer") }
            return UInt64(s)
        }
        return context.state(SessionRandom.self) { SessionRandom() }.generator.next()
    }
}

/// `section` with every builtin refusing arguments that `grad` is
/// differentiating: these builtins compute outside the tensor operations, so
/// a gradient through them would silently be zero. An error says so instead.
/// Builtins named in `except` are kept as they are.
func refusingTrackedArguments(_ section: LibrarySection, except: Set<String> = []) -> LibrarySection {
    var refusing = section
    refusing.builtins = section.builtins.map { builtin in
        if except.contains(builtin.name) { return builtin }
        return Builtin(builtin.signature, doc: builtin.doc, hints: builtin.hints) { args in
            if args.positional.contains(where: isTracked) || args.keywords.contains(where: { isTracked($0.value) }) {
                throw SomaError.value("\(args.callee): grad cannot differentiate through \(args.callee) (it is computed outside the tensor operations, so the gradient would be zero); write the computation with tensor operations, or use numgrad")
            }
            return try builtin.body(args)
        }
    }
    return refusing
}

/// Whether `value` holds a tensor that `grad` is differentiating.
private func isTracked(_ value: Value) -> Bool {
    switch value {
    case .tensor(let box): return box.tensor.node != nil
    case .list(let items): return items.contains(where: isTracked)
    default: return false
    }
}
