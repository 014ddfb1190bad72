import SomaCore

extension Value {
    /// The value as the REPL and notebooks show it: strings quoted.
    public var displayString: String { display(depth: 0) }

    /// Lists and records nested deeper than this show as `[...]` / `{...}`,
    /// so showing a pathological value cannot exhaust the stack.
    static let displayDepthLimit = 64

    private func display(depth: Int) -> String {
        switch self {
        case .nil: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return formatNumber(x)
        case .string(let s): return quoted(s)
        case .tensor(let box): return formatTensor(box.tensor)
        case .list(let items):
            if depth >= Value.displayDepthLimit { return "[...]" }
            return "[" + items.map { $0.display(depth: depth + 1) }.joined(separator: ", ") + "]"
        case .record(let r):
            if depth >= Value.displayDepthLimit { return "{...}" }
            return "{" + r.fields.map { "\($0): \($1.display(depth: depth + 1))" }.joined(separator: ", ") + "}"
        case .range(let r): return "\(r.start)..<\(r.end)"
        case .function(.native(let b)): return "<builtin \(b.name)>"
        case .function(.closure(let c)): return "<fn \(c.name)>"
        case .object(let o): return o.displayString
        }
    }

    /// The value as `print` and `str` show it: strings raw, the rest as displayed.
    public var textString: String {
        if case .string(let s) = self { return s }
        return displayString
    }

    /// Signature and doc of a function value, for `help`; nil for other values.
    public var helpText: String? {
        switch self {
        case .function(.native(let b)): return b.helpText
        case .function(.closure(let c)):
            guard let doc = c.doc, !doc.isEmpty else { return c.signature }
            return c.signature + "\n" + doc
        case .object(let o): return o.callable?.helpText
        default: return nil
        }
    }
}

/// A string as a Soma literal that reads back to it.
func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

extension Value: CustomStringConvertible {
    /// The value as the REPL shows it.
    public var description: String { displayString }
}

extension Value: Equatable {
    /// Structural equality (tensors by shape and elements, objects and
    /// functions by identity), as Soma's `==` gives for non-tensor values.
    public static func == (a: Value, b: Value) -> Bool {
        a.equals(b)
    }
}
