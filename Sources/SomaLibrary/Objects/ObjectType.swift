import SomaLang

/// An object type bound to Soma, declared once as a table: its fields (read,
/// optionally write, and a doc line each), its methods (a signature, a doc
/// and a body each) and what calling the object does. Names, tab completion,
/// `help(obj)` and each member's `help` come from the table; a method's
/// keyword defaults are read from its signature (`MemberArguments`), never
/// typed a second time.
///
///     ObjectType<Perceptron>(name: "Perceptron", summary: "...",
///         display: { "<Perceptron \($0.weights.count) inputs>" },
///         fields: [.init("b", doc: "The bias.", get: { Value($0.bias) })],
///         methods: [.init("learn(X, t, epochs: 100, lr: 1)", doc: "...") { p, args in ... }])
struct ObjectType<Model: AnyObject> {
    /// One field: a getter, an optional setter and a one-line doc.
    struct Field {
        let name: String
        let doc: String
        let get: (Model) throws -> Value
        let set: ((Model, Value) throws -> Void)?

        init(_ name: String, doc: String, get: @escaping (Model) throws -> Value,
             set: ((Model, Value) throws -> Void)? = nil) {
            self.name = name
            self.doc = doc
            self.get = get
            self.set = set
        }
    }

    /// One method: its signature (with the keyword defaults), doc and body.
    struct Method {
        let signature: Signature
        let doc: String
        let body: (Model, MemberArguments) throws -> Value

        init(_ signature: String, doc: String, body: @escaping (Model, MemberArguments) throws -> Value) {
            self.signature = Signature(signature)
            self.doc = doc
            self.body = body
        }

        var name: String { signature.name }

        /// The method bound to `model`: a builtin whose errors from the
        /// lower modules are reported once, led by the method's name.
        func bound(to model: Model, typeName: String) -> Builtin {
            let signature = self.signature, body = self.body
            return Builtin(signature.text, doc: doc) { args in
                let member = MemberArguments(args, signature: signature)
                return try translatingLowerErrors(signature.name) { try body(model, member) }
            }
        }
    }

    let name: String
    /// One line saying what the object is.
    let summary: String
    let display: (Model) -> String
    var fields: [Field] = []
    var methods: [Method] = []
    /// What `obj(...)` does, or nil when the object cannot be called.
    var call: Method?

    /// The object as a Soma value.
    func value(_ model: Model) -> Value { .object(BoundObject(type: self, model: model)) }

    /// `help(obj)`: the summary, then one line per field and method.
    var helpText: String {
        var lines = ["\(name): \(summary)"]
        if let call { lines.append("  \(call.signature.text.replacingFirstName(with: "obj"))  \(firstLine(call.doc))") }
        if !fields.isEmpty {
            lines.append("fields:")
            let width = fields.map { $0.name.count + ($0.set == nil ? 0 : 6) }.max() ?? 0
            for f in fields {
                let label = f.set == nil ? f.name : f.name + " (set)"
                lines.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + firstLine(f.doc))
            }
        }
        if !methods.isEmpty {
            lines.append("methods:")
            for m in methods { lines.append("  \(m.signature.text)\n      \(firstLine(m.doc))") }
        }
        return lines.joined(separator: "\n")
    }
}

/// A doc string's one-line summary.
private func firstLine(_ doc: String) -> String {
    DocText(doc).summary
}

extension String {
    /// `f(x, y)` as `obj(x, y)`.
    fileprivate func replacingFirstName(with name: String) -> String {
        guard let open = firstIndex(of: "(") else { return name }
        return name + self[open...]
    }
}

/// A model bound through its type's table.
final class BoundObject<Model: AnyObject>: SomaObject {
    let type: ObjectType<Model>
    let model: Model

    init(type: ObjectType<Model>, model: Model) {
        self.type = type
        self.model = model
    }

    var typeName: String { type.name }
    var displayString: String { type.display(model) }
    var fieldNames: [String] { type.fields.map(\.name) }
    var methodNames: [String] { type.methods.map(\.name) }
    /// `help(obj)`: the type's table, one line per member.
    var helpText: String? { type.helpText }

    func field(_ name: String) throws -> Value? {
        guard let f = type.fields.first(where: { $0.name == name }) else { return nil }
        return try translatingLowerErrors(name) { try f.get(model) }
    }

    func setField(_ name: String, _ value: Value) throws {
        guard let f = type.fields.first(where: { $0.name == name }) else {
            throw SomaError.type("\(type.name) has no field '\(name)'; its fields are \(fieldNames.joined(separator: ", "))")
        }
        guard let set = f.set else { throw SomaError.type("\(type.name).\(name) is read-only") }
        try translatingLowerErrors("\(name) =") { try set(model, value) }
    }

    func method(_ name: String) -> Builtin? {
        type.methods.first { $0.name == name }?.bound(to: model, typeName: type.name)
    }

    var callable: Builtin? { type.call?.bound(to: model, typeName: type.name) }
}
