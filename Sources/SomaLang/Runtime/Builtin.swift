/// A native function callable from Soma, with the signature and doc string
/// that `help(name)` shows.
///
///     Builtin("lif_rate(v, tau_m: 20ms, tau_ref: 2ms)",
///             doc: "Firing rate of a LIF neuron driven by a constant input v.") { args in
///         let v = try args.number(0, "v")
///         let tauM = try args.keywordNumber("tau_m", default: 0.02)
///         ...
///     }
///
/// The signature is also the contract the interpreter checks before calling
/// the body: positional parameters come first, `name:` marks a keyword
/// parameter, `name...` takes any number of positional values, and `name?`
/// is an optional positional one. Unknown keywords and surplus positional
/// arguments are rejected with an error that names the builtin.
public final class Builtin {
    /// The name, taken from the signature (`lif_rate`).
    public let name: String
    /// The signature as shown to users: `lif_rate(v, tau_m: 20ms, tau_ref: 2ms)`.
    public let signature: String
    /// Prose shown by `help`; its first line is a one-line summary.
    public let doc: String
    /// The native implementation.
    public let body: (Arguments) throws -> Value
    /// Notes added after the signature when a call's arguments do not fit it
    /// (an unknown keyword, too many positional arguments): what the caller
    /// may have meant instead, as `filter` points to `convolve`.
    public let hints: [String]
    let parameters: Parameters
    /// The same function for a call with one positional argument and no
    /// keywords, which compiled code calls directly (no `Arguments`, no
    /// array): it must give what `body` gives for that call, and must not
    /// call back into Soma. Set for small builtins used in loops (`str`).
    public let unary: ((Value) throws -> Value)?

    public init(_ signature: String, doc: String, hints: [String] = [], unary: ((Value) throws -> Value)? = nil,
                body: @escaping (Arguments) throws -> Value) {
        self.signature = signature
        self.doc = doc
        self.hints = hints
        self.body = body
        self.unary = unary
        self.parameters = Parameters(signature: signature)
        self.name = parameters.name
    }

    /// Every name the builtin accepts as a keyword (its positional ones too);
    /// nil when its signature does not say.
    public var keywordNames: [String]? {
        parameters.isChecked ? parameters.positional + parameters.keywords : nil
    }

    /// The `help` text: the signature, then the doc in Soma's one format (`DocText`).
    public var helpText: String {
        DocText(doc).rendered(signature: signature)
    }
}

/// The parameter list parsed from a builtin's signature.
struct Parameters {
    var name: String
    /// Names of positional parameters in order (they may also be passed by keyword).
    var positional: [String] = []
    /// Names of keyword-only parameters.
    var keywords: [String] = []
    /// Whether surplus positional arguments are accepted (`xs...`).
    var isVariadic = false
    /// Whether keywords can be checked (false for a signature without a parameter list).
    var isChecked = false

    init(signature: String) {
        guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")"), open < close else {
            name = signature.trimmingWhitespace()
            return
        }
        name = String(signature[..<open]).trimmingWhitespace()
        isChecked = true
        for item in Parameters.splitTopLevel(signature[signature.index(after: open)..<close]) {
            let text = item.trimmingWhitespace()
            if text.isEmpty { continue }
            if let colon = text.firstIndex(of: ":") {
                keywords.append(String(text[..<colon]).trimmingWhitespace())
            } else if text.hasSuffix("...") {
                isVariadic = true
                positional.append(String(text.dropLast(3)))
            } else if text.hasSuffix("?") {
                positional.append(String(text.dropLast()))
            } else if let eq = text.firstIndex(of: "=") {
                positional.append(String(text[..<eq]).trimmingWhitespace())
            } else {
                positional.append(text)
            }
        }
    }

    /// Whether `name` is a parameter that can be passed by keyword.
    func accepts(keyword: String) -> Bool {
        keywords.contains(keyword) || positional.contains(keyword)
    }

    /// Splits on commas that are not inside brackets or quotes.
    static func splitTopLevel(_ text: Substring) -> [Substring] {
        splitSignatureItems(text)
    }
}

/// A parameter list's items: splits on commas that are not inside brackets or
/// quotes (`a, b = [1, 2], c: "x,y"` gives three items).
public func splitSignatureItems(_ text: Substring) -> [Substring] {
    var parts: [Substring] = []
    var depth = 0
    var inString = false
    var start = text.startIndex
    var i = text.startIndex
    while i < text.endIndex {
        let c = text[i]
        if c == "\"" { inString.toggle() }
        if !inString {
            if c == "(" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || c == "}" { depth -= 1 }
            if c == ",", depth == 0 {
                parts.append(text[start..<i])
                start = text.index(after: i)
            }
        }
        i = text.index(after: i)
    }
    parts.append(text[start...])
    return parts
}
