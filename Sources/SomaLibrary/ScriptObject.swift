import SomaLang

/// An object whose fields and methods were written in Soma: what
/// `object("SOM", {W: W, rows: 20}, {learn: som_learn})` returns.
///
/// Like native objects it is a reference (`b = a` shares it), so a model's
/// `learn` method can change its weights in place. A method is a Soma
/// function whose first parameter is the object itself (`fn som_learn(self, X)`);
/// `obj.learn(X)` passes `obj` as that parameter. A method named `call`
/// makes the object callable: `ae(X)` is `ae.call(X)`.
final class ScriptObject: SomaObject {
    let typeName: String
    let doc: String
    private(set) var fieldNames: [String]
    private var fields: [String: Value]
    private let methods: [(name: String, function: Closure)]

    init(typeName: String, doc: String, fields: Record, methods: [(name: String, function: Closure)]) {
        self.typeName = typeName
        self.doc = doc
        self.fieldNames = fields.keys
        self.fields = Dictionary(fields.fields.map { ($0, $1) }, uniquingKeysWith: { _, last in last })
        self.methods = methods
    }

    var methodNames: [String] { methods.map(\.name).filter { $0 != "call" } }

    func field(_ name: String) throws -> Value? { fields[name] }

    func setField(_ name: String, _ value: Value) throws {
        guard fields[name] != nil else {
            throw SomaError(.name, "\(typeName) has no field '\(name)'",
                                 notes: ["its fields are " + fieldNames.joined(separator: ", ")])
        }
        fields[name] = value
    }

    func method(_ name: String) -> Builtin? {
        guard let function = methods.first(where: { $0.name == name })?.function else { return nil }
        return bound(function, as: name)
    }

    var callable: Builtin? { method("call") }

    /// `<SOM rows: 20, cols: 20, W: [400, 64]>`: numbers, short strings and
    /// tensor shapes, cut at about a line.
    var displayString: String {
        var parts: [String] = []
        var width = typeName.count + 2
        for name in fieldNames {
            guard let value = fields[name], let shown = Self.summary(value) else { continue }
            let part = "\(name): \(shown)"
            width += part.count + 2
            if width > 90 { parts.append("…"); break }
            parts.append(part)
        }
        return parts.isEmpty ? "<\(typeName)>" : "<\(typeName) \(parts.joined(separator: ", "))>"
    }

    /// `help(obj)`: the type's doc, then one line per field and method.
    var helpText: String? {
        var lines = [typeName + (doc.isEmpty ? "" : " — " + doc)]
        if !fieldNames.isEmpty {
            lines.append("fields:")
            for name in fieldNames {
                lines.append("  .\(name)" + (fields[name].flatMap(Self.summary).map { "  " + $0 } ?? ""))
            }
        }
        if !methods.isEmpty {
            lines.append("methods:")
            for (name, function) in methods {
                let shown = name == "call" ? "\(typeName.lowercased())(" : ".\(name)("
                let summary = function.doc.map { "  — " + DocText($0).summary } ?? ""
                lines.append("  " + shown + Self.parameters(of: function).joined(separator: ", ") + ")" + summary)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A builtin that calls `function` with this object as its first argument.
    private func bound(_ function: Closure, as name: String) -> Builtin {
        let signature = "\(name)(\(Self.parameters(of: function).joined(separator: ", ")))"
        return Builtin(signature, doc: function.doc ?? "") { [self] args in
            try args.context.call(.function(.closure(function)), [.object(self)] + args.positional,
                                  keywords: args.keywords)
        }
    }

    /// The method's parameters as `help` shows them, without the object itself.
    private static func parameters(of function: Closure) -> [String] {
        Array(function.parameterTexts.dropFirst())
    }

    private static func summary(_ value: Value) -> String? {
        switch value {
        case .number, .bool, .nil: return value.displayString
        case .string(let s) where s.count <= 20: return value.displayString
        case .tensor(let box): return box.tensor.rank == 0 ? value.displayString : "\(box.tensor.shape)"
        case .list(let items): return "list of \(items.count)"
        case .object(let o): return "<\(o.typeName)>"
        default: return nil
        }
    }
}
