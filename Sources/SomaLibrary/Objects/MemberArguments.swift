import SomaCore
import SomaLang
import SomaNeural

/// A method's arguments with its signature's defaults: `int("epochs")` is
/// the `epochs:` keyword when given, else the default written in the
/// signature, else nil for the optional accessors (an error for the others).
struct MemberArguments {
    let args: Arguments
    let signature: Signature

    init(_ args: Arguments, signature: Signature) {
        self.args = args
        self.signature = signature
    }

    var context: Context { args.context }
    var callee: String { args.callee }

    /// Keyword `name`, else its default from the signature.
    func keyword(_ name: String) -> Value? {
        if let v = args.keyword(name), !v.isNil { return v }
        return signature.defaults[name].flatMap { $0.isNil ? nil : $0 }
    }

    func optionalNumber(_ name: String) throws -> Double? {
        if let v = try args.keywordNumber(name) { return v }
        return signature.defaults[name]?.numberValue
    }

    func number(_ name: String) throws -> Double {
        guard let x = try optionalNumber(name) else { throw missing(name) }
        return x
    }

    func optionalInt(_ name: String) throws -> Int? {
        if let v = try args.keywordInt(name) { return v }
        return signature.defaults[name]?.numberValue.flatMap { Int(exactly: $0) }
    }

    func int(_ name: String) throws -> Int {
        guard let x = try optionalInt(name) else { throw missing(name) }
        return x
    }

    func bool(_ name: String) throws -> Bool {
        if case .bool(let b)? = signature.defaults[name] { return try args.keywordBool(name, default: b) }
        guard let v = args.keyword(name) else { throw missing(name) }
        guard case .bool(let b) = v else { throw SomaError.type("\(callee): \(name) must be true or false, got \(v.typeName)") }
        return b
    }

    func string(_ name: String) throws -> String {
        if let s = try args.keywordString(name) { return s }
        guard case .string(let s)? = signature.defaults[name] else { throw missing(name) }
        return s
    }

    /// An option string checked against the cases of `E`.
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, _: E.Type) throws -> E where E.RawValue == String {
        let s = try string(name)
        guard let e = E(rawValue: s) else {
            let names = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw SomaError.value("\(callee): \(name) must be one of \(names), got \"\(s)\"")
        }
        return e
    }

    func tensor(_ index: Int, _ name: String) throws -> Tensor { try args.tensor(index, name) }
    func list(_ index: Int, _ name: String) throws -> [Value] { try args.list(index, name) }
    func seed() throws -> UInt64 { try args.seed() }

    private func missing(_ name: String) -> SomaError {
        SomaError.type("\(callee): missing keyword argument \(name):")
    }
}

/// Runs a member's body, turning the lower modules' errors (SomaNeural,
/// SomaCore) into Soma errors led by `callee` once.
func translatingLowerErrors<T>(_ callee: String, _ body: () throws -> T) throws -> T {
    do {
        return try neuralCall(callee, body)
    } catch let error as TensorError {
        let e = SomaError(error)
        throw SomaError(e.kind, e.message.hasPrefix(callee) ? e.message : "\(callee): \(e.message)")
    }
}

/// A builtin (a constructor) whose body reads its keywords through
/// `MemberArguments`: defaults come from the signature, lower-module errors
/// are led by the builtin's name.
func declaredBuiltin(_ signature: String, doc: String, _ body: @escaping (MemberArguments) throws -> Value) -> Builtin {
    let parsed = Signature(signature)
    return Builtin(signature, doc: doc) { args in
        try translatingLowerErrors(parsed.name) { try body(MemberArguments(args, signature: parsed)) }
    }
}
