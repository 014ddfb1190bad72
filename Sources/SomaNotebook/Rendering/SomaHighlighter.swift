/// Colours Soma code for HTML: keywords, numbers, strings and comments.
///
/// This is a display lexer, not the language's: it never fails, and text it
/// does not recognise passes through escaped.
///
///     SomaHighlighter.html("x = 20ms # step")
///     // x = <span class="num">20ms</span> <span class="com"># step</span>
enum SomaHighlighter {
    static let keywords: Set<String> = ["fn", "if", "else", "for", "in", "while", "break", "continue",
                                        "return", "and", "or", "not", "true", "false", "nil",
                                        "try", "catch", "use"]

    static func html(_ code: String) -> String {
        let scalars = Array(code.unicodeScalars)
        var out = ""
        var index = 0
        func text(_ range: Range<Int>) -> String {
            var piece = ""
            piece.unicodeScalars.append(contentsOf: scalars[range])
            return piece
        }
        func span(_ kind: String, _ range: Range<Int>) {
            out += "<span class=\"\(kind)\">\(text(range).htmlEscaped)</span>"
        }
        while index < scalars.count {
            let c = scalars[index]
            let start = index
            if c == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                span("com", start..<index)
            } else if c == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"", scalars[index] != "\n" {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                index = min(index + 1, scalars.count)
                span("str", start..<index)
            } else if isDigit(c) || (c == "." && index + 1 < scalars.count && isDigit(scalars[index + 1])
                                     && (index == 0 || !isWordScalar(scalars[index - 1]))) {
                index = numberEnd(scalars, from: index)
                span("num", start..<index)
            } else if isWordScalar(c) {
                while index < scalars.count, isWordScalar(scalars[index]) { index += 1 }
                let word = text(start..<index)
                if keywords.contains(word) { span("kw", start..<index) } else { out += word.htmlEscaped }
            } else {
                out += String(c).htmlEscaped
                index += 1
            }
        }
        return out
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c == "_" || isDigit(c)
    }

    /// The end of a number starting at `start`: digits, `_`, a fraction, an exponent, a time suffix.
    private static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, isDigit(s[i]) || s[i] == "_" { i += 1 }
        if i + 1 < s.count, s[i] == ".", isDigit(s[i + 1]) {
            i += 1
            while i < s.count, isDigit(s[i]) || s[i] == "_" { i += 1 }
        }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
            if j < s.count, isDigit(s[j]) {
                i = j
                while i < s.count, isDigit(s[i]) { i += 1 }
            }
        }
        for suffix in ["ms", "us", "s"] {
            let letters = Array(suffix.unicodeScalars)
            let end = i + letters.count
            if end <= s.count, Array(s[i..<end]) == letters, end == s.count || !isWordScalar(s[end]) {
                return end
            }
        }
        return i
    }
}
