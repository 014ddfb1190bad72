/// A Python-style format spec from string interpolation (`"{x:8.3f}"`):
/// `[[fill]align][sign][0][width][.precision][type]` with type one of
/// `f e g d %` (numbers) or `s`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character?
    var width = 0
    var precision: Int?
    var type: Character?

    init(_ text: String) throws {
        var chars = Array(text)[...]
        func bad() -> SomaError { SomaError.value("invalid format spec '\(text)' (expected e.g. 8.3f, .2e, d, %)") }
        if chars.count >= 2, "<>^".contains(chars[chars.startIndex + 1]) {
            fill = chars.removeFirst()
            align = chars.removeFirst()
        } else if let c = chars.first, "<>^".contains(c) {
            align = chars.removeFirst()
        }
        if let c = chars.first, "+- ".contains(c) { sign = chars.removeFirst() }
        if chars.first == "0" {
            fill = "0"
            if align == nil { align = "=" }
            chars.removeFirst()
        }
        var digits = ""
        while let c = chars.first, c.isASCII, c.isNumber { digits.append(chars.removeFirst()) }
        if !digits.isEmpty {
            guard let w = Int(digits), w <= 1000 else {
                throw SomaError.limit("format spec '\(text)': the width \(digits) is over the limit of 1000")
            }
            width = w
        }
        if chars.first == "." {
            chars.removeFirst()
            var p = ""
            while let c = chars.first, c.isASCII, c.isNumber { p.append(chars.removeFirst()) }
            guard !p.isEmpty else { throw bad() }
            guard let n = Int(p), n <= 100 else {
                throw SomaError.limit("format spec '\(text)': the precision \(p) is over the limit of 100")
            }
            precision = n
        }
        if let c = chars.first {
            guard "fFeEgGd%s".contains(c) else { throw bad() }
            type = c
            chars.removeFirst()
        }
        guard chars.isEmpty else { throw bad() }
    }

    /// `value` formatted by this spec.
    func format(_ value: Value) throws -> String {
        switch value {
        case .number(let x): return pad(try formatNumber(x), numeric: true)
        case .bool(let b) where type != nil && type != "s": return pad(try formatNumber(b ? 1 : 0), numeric: true)
        case .tensor(let box) where type != nil && type != "s":
            let parts = try box.tensor.data.map { try formatNumber($0) }
            return pad("[" + parts.joined(separator: ", ") + "]", numeric: false)
        default:
            if let type, type != "s" {
                throw SomaError.type("format '\(type)' needs a number, got \(value.typeName)")
            }
            var text = value.textString
            if let precision, text.count > precision { text = String(text.prefix(precision)) }
            return pad(text, numeric: false)
        }
    }

    private func formatNumber(_ x: Double) throws -> String {
        var body: String
        let signPrefix: String
        switch type {
        case "d":
            guard let _ = Int(exactly: x.rounded()), x == x.rounded() else {
                throw SomaError.value("format 'd' needs a whole number, got \(SomaLang.formatNumber(x))")
            }
            body = cFormat("%.0f", abs(x))
        case "f", "F": body = cFormat("%.\(precision ?? 6)f", abs(x))
        case "e", "E": body = cFormat("%.\(precision ?? 6)\(type == "E" ? "E" : "e")", abs(x))
        case "g", "G": body = cFormat("%.\(precision ?? 6)\(type == "G" ? "G" : "g")", abs(x))
        case "%": body = cFormat("%.\(precision ?? 6)f", abs(x) * 100) + "%"
        default:
            body = precision.map { cFormat("%.\($0)g", abs(x)) } ?? SomaLang.formatNumber(abs(x))
        }
        if x.isNaN { body = "nan" }
        let negative = x < 0 || (x == 0 && x.sign == .minus && type != nil)
        switch sign {
        case "+": signPrefix = negative ? "-" : "+"
        case " ": signPrefix = negative ? "-" : " "
        default: signPrefix = negative ? "-" : ""
        }
        if align == "=" && fill == "0" {
            let zeros = max(0, width - signPrefix.count - body.count)
            return signPrefix + String(repeating: "0", count: zeros) + body
        }
        return signPrefix + body
    }

    private func pad(_ text: String, numeric: Bool) -> String {
        let missing = width - text.count
        guard missing > 0 else { return text }
        let filler = { (n: Int) in String(repeating: self.fill, count: n) }
        switch align ?? (numeric ? ">" : "<") {
        case "<": return text + filler(missing)
        case "^": return filler(missing / 2) + text + filler(missing - missing / 2)
        default: return filler(missing) + text
        }
    }
}
