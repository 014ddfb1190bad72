/// A subset of matplotlib's mathtext: text between `$...$` may use Greek letters and
/// symbols (`\tau`, `\Delta`, `\partial`, `\cdot`), subscripts and superscripts
/// (`v_{in}`, `x^2`) and `\frac{a}{b}` (stacked over a bar). Outside dollars text is literal.
///
///     MathText.runs("$\\tau_m$ (ms)")  // "τ" then "m" smaller and lowered, then " (ms)"
enum MathText {
    /// A stretch of text drawn at one size and baseline.
    struct Run: Equatable {
        var text: String
        /// Size relative to the surrounding text.
        var scale: Double
        /// Baseline shift in ems of the surrounding text, positive upwards.
        var rise: Double
        /// A stacked fraction drawn in place of `text`.
        var fraction: Fraction? = nil
    }

    /// Numerator over denominator, each a line of runs at the fraction's scale.
    struct Fraction: Equatable {
        var top: [Run]
        var bottom: [Run]
    }

    /// Size of a fraction's parts relative to the text around it.
    static let fractionScale = 0.75

    /// Whether `text` holds a `$...$` span worth parsing.
    static func hasMath(_ text: String) -> Bool {
        text.filter { $0 == "$" }.count >= 2
    }

    /// The runs of `text`: one run of the whole text when it holds no math.
    static func runs(_ text: String) -> [Run] {
        guard hasMath(text) else { return [Run(text: text, scale: 1, rise: 0)] }
        var out: [Run] = []
        var plain = ""
        var inMath = false
        var math = ""
        for ch in text {
            if ch == "$" {
                if inMath {
                    if !plain.isEmpty { out.append(Run(text: plain, scale: 1, rise: 0)); plain = "" }
                    out += parse(Array(math), scale: 1, rise: 0)
                    math = ""
                } else if !plain.isEmpty {
                    out.append(Run(text: plain, scale: 1, rise: 0))
                    plain = ""
                }
                inMath.toggle()
            } else if inMath {
                math.append(ch)
            } else {
                plain.append(ch)
            }
        }
        // An unclosed dollar is literal.
        if inMath { plain += "$" + math }
        if !plain.isEmpty { out.append(Run(text: plain, scale: 1, rise: 0)) }
        return merge(out)
    }

    /// The text as it reads with the math symbols substituted and scripts inline (for widths of plain surfaces).
    static func plain(_ text: String) -> String {
        flatten(runs(text))
    }

    private static func flatten(_ runs: [Run]) -> String {
        runs.map { run in
            run.fraction.map { flatten($0.top) + "/" + flatten($0.bottom) } ?? run.text
        }.joined()
    }

    private static let scriptScale = 0.7
    private static let superRise = 0.38
    private static let subRise = -0.2

    /// Runs of one math span at a size and baseline.
    private static func parse(_ chars: [Character], scale: Double, rise: Double) -> [Run] {
        var out: [Run] = []
        var current = ""
        var i = 0
        func flush() {
            if !current.isEmpty { out.append(Run(text: current, scale: scale, rise: rise)); current = "" }
        }
        while i < chars.count {
            let ch = chars[i]
            switch ch {
            case "\\":
                var name = ""
                var j = i + 1
                while j < chars.count, chars[j].isLetter { name.append(chars[j]); j += 1 }
                if name.isEmpty, j < chars.count {
                    // An escaped character: \$, \{, \_, "\ " (a space), \, (a thin space).
                    let escaped = chars[j]
                    current.append(escaped == "," ? " " : escaped)
                    i = j + 1
                } else if name == "frac" {
                    let (top, afterTop) = group(chars, from: j)
                    let (bottom, afterBottom) = group(chars, from: afterTop)
                    flush()
                    out.append(Run(text: "", scale: scale, rise: rise,
                                   fraction: Fraction(top: merge(parse(top, scale: 1, rise: 0)),
                                                      bottom: merge(parse(bottom, scale: 1, rise: 0)))))
                    i = afterBottom
                } else if let symbol = symbols[name] {
                    current += symbol.count == 1 && binaryOperators.contains(Character(symbol)) ? " \(symbol) " : symbol
                    i = j
                } else if ["mathrm", "text", "mathit", "mathbf", "operatorname"].contains(name) {
                    let (inner, after) = group(chars, from: j)
                    flush()
                    out += parse(inner, scale: scale, rise: rise)
                    i = after
                } else if ["left", "right", "displaystyle"].contains(name) {
                    i = j
                } else {
                    current += "\\" + name
                    i = j
                }
            case "_", "^":
                let (inner, after) = group(chars, from: i + 1)
                flush()
                let shift = ch == "^" ? superRise : subRise
                out += parse(inner, scale: scale * scriptScale, rise: rise + shift * scale)
                i = after
            case "{", "}":
                i += 1
            case " ":
                // Spaces only separate commands in math, as in TeX.
                i += 1
            default:
                if binaryOperators.contains(ch) {
                    current += " \(ch) "
                } else if ch == "-" {
                    // A minus after an operand is binary and spaced; at the start or after an operator it is a sign.
                    let binary = current.last.map { $0.isLetter || $0.isNumber || $0 == ")" } ?? false
                    current += binary ? " − " : "−"
                } else {
                    current.append(ch)
                }
                i += 1
            }
        }
        flush()
        return out
    }

    /// The group starting at `start` (skipping spaces): `{...}`, a `\command`, or one character.
    private static func group(_ chars: [Character], from start: Int) -> ([Character], Int) {
        var i = start
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count else { return ([], i) }
        if chars[i] == "{" {
            var depth = 0
            var j = i
            while j < chars.count {
                if chars[j] == "{" { depth += 1 }
                if chars[j] == "}" {
                    depth -= 1
                    if depth == 0 { return (Array(chars[(i + 1)..<j]), j + 1) }
                }
                j += 1
            }
            return (Array(chars[(i + 1)...]), chars.count)
        }
        if chars[i] == "\\" {
            var j = i + 1
            while j < chars.count, chars[j].isLetter { j += 1 }
            if j == i + 1, j < chars.count { j += 1 }
            return (Array(chars[i..<j]), j)
        }
        return ([chars[i]], i + 1)
    }

    /// Neighbouring runs at the same size and baseline joined.
    private static func merge(_ runs: [Run]) -> [Run] {
        var out: [Run] = []
        for run in runs where !run.text.isEmpty || run.fraction != nil {
            if let last = out.last, last.fraction == nil, run.fraction == nil, last.scale == run.scale, last.rise == run.rise {
                out[out.count - 1].text += run.text
            } else {
                out.append(run)
            }
        }
        return out
    }

    /// Relations and operators set with a space either side, as TeX spaces them.
    static let binaryOperators: Set<Character> = ["=", "+", "<", ">", "≤", "≥", "≈", "≠", "→", "←", "×", "±", "∝", "∈", "∼"]

    /// TeX names of the symbols drawn from the font.
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "partial": "∂", "nabla": "∇", "infty": "∞", "cdot": "·", "times": "×", "pm": "±",
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "approx": "≈", "sim": "∼",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "sum": "Σ", "prod": "Π", "int": "∫",
        "sqrt": "√", "propto": "∝", "in": "∈", "ell": "ℓ", "circ": "∘", "prime": "′",
        "quad": "  ", "qquad": "    ", "log": "log", "exp": "exp", "ln": "ln", "max": "max", "min": "min",
        "sin": "sin", "cos": "cos", "tanh": "tanh",
    ]
}
