import SomaCore

extension Value {
    /// The value as the REPL and notebooks show it: strings quoted.
    public var displayString: String {
        var budget = Value.displayLengthLimit
        return display(depth: 0, budget: &budget)
    }

    /// Lists and records nested deeper than this show as `[...]` / `{...}`,
    /// so showing a pathological value cannot exhaust the stack.
    static let displayDepthLimit = 64

    /// Roughly the most characters a display of nested lists and records
    /// spends on items before eliding the rest with `...`: a list holding
    /// itself twice per level, 60 levels deep, would otherwise show 2^60 items.
    static let displayLengthLimit = 1 << 20

    private func display(depth: Int, budget: inout Int) -> String {
        switch self {
        case .nil: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return formatNumber(x)
        case .string(let s): return quoted(s)
        case .tensor(let box): return formatTensor(box.tensor)
        case .list(let items):
            if depth >= Value.displayDepthLimit { return "[...]" }
            return "[" + Value.displayItems(items, depth: depth, budget: &budget) { ("", $0) } + "]"
        case .record(let r):
            if depth >= Value.displayDepthLimit { return "{...}" }
            return "{" + Value.displayItems(r.fields, depth: depth, budget: &budget) { ("\($0.0): ", $0.1) } + "}"
        case .range(let r): return "\(r.start)..<\(r.end)"
        case .function(.native(let b)): return "<builtin \(b.name)>"
        case .function(.closure(let c)): return "<fn \(c.name)>"
        case .object(let o): return o.displayString
        }
    }

    /// The items of a list or record, separated by commas, until the budget runs out.
    private static func displayItems<Items: Sequence>(_ items: Items, depth: Int, budget: inout Int,
                                                      _ split: (Items.Element) -> (String, Value)) -> String {
        var parts: [String] = []
        for item in items {
            guard budget > 0 else { parts.append("..."); break }
            let (label, value) = split(item)
            let text = label + value.display(depth: depth + 1, budget: &budget)
            budget -= text.utf8.count + 2
            parts.append(text)
        }
        return parts.joined(separator: ", ")
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
            return DocText(c.doc ?? "").rendered(signature: c.signature)
        case .object(let o): return o.helpText
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

