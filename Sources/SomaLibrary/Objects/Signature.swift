import SomaLang

/// A member's signature as written in its table, `learn(X, T, epochs: 100, lr: 0.1, batch:)`,
/// with the keyword defaults parsed once: `epochs` defaults to 100, `batch` has none.
struct Signature {
    let text: String
    let name: String
    /// Default values by parameter name (keywords `k: v` and positionals `p = v`).
    let defaults: [String: Value]

    init(_ text: String) {
        self.text = text
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            name = text
            defaults = [:]
            return
        }
        name = String(text[..<open]).trimmingWhitespace()
        var defaults: [String: Value] = [:]
        for item in splitSignatureItems(text[text.index(after: open)..<close]) {
            guard let sep = item.firstIndex(where: { $0 == ":" || $0 == "=" }) else { continue }
            let key = String(item[..<sep]).trimmingWhitespace()
            let literal = String(item[item.index(after: sep)...]).trimmingWhitespace()
            if let v = parseLiteral(literal) { defaults[key] = v }
        }
        self.defaults = defaults
    }
}

/// The value of a default written in a signature: a number (with an
/// optional `ms`), a quoted string, true, false or nil; nil when absent.
private func parseLiteral(_ text: String) -> Value? {
    if text.isEmpty { return nil }
    if text == "true" { return .bool(true) }
    if text == "false" { return .bool(false) }
    if text == "nil" { return .nil }
    if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
        return .string(String(text.dropFirst().dropLast()))
    }
    if text.hasSuffix("ms"), let x = Double(text.dropLast(2)) { return .number(x / 1000) }
    if let x = Double(text) { return .number(x) }
    return nil
}
