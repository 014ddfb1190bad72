extension MarkdownHTML {
    /// Renders inline Markdown: code, math, links, images, emphasis, escapes, raw tags.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < chars.count && chars[i + 1].isPunctuationOrSymbol:
                out += String(chars[i + 1]).htmlEscaped
                i += 2
            case "\\" where i + 1 < chars.count && chars[i + 1] == "\n":
                out += "<br>\n"
                i += 2
            case "`":
                let run = runLength(chars, at: i, of: "`")
                if let close = findRun(chars, from: i + run, of: "`", length: run) {
                    let code = String(chars[(i + run)..<close]).trimmingWhitespace()
                    out += "<code>\(code.htmlEscaped)</code>"
                    i = close + run
                } else {
                    out += String(repeating: "`", count: run)
                    i += run
                }
            case "$":
                if let end = mathEnd(chars, at: i) {
                    out += String(chars[i..<end]).htmlEscaped
                    i = end
                } else {
                    out += "$"
                    i += 1
                }
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                if let (label, target, end) = link(chars, at: i + 1) {
                    out += "<img src=\"\(target.htmlEscaped)\" alt=\"\(label.htmlEscaped)\">"
                    i = end
                } else {
                    out += "!"
                    i += 1
                }
            case "[":
                if let (label, target, end) = link(chars, at: i) {
                    out += "<a href=\"\(target.htmlEscaped)\">\(inline(label))</a>"
                    i = end
                } else {
                    out += "["
                    i += 1
                }
            case "<":
                if let end = chars[i...].firstIndex(of: ">"), end > i + 1 {
                    let inner = String(chars[(i + 1)..<end])
                    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                        out += "<a href=\"\(inner.htmlEscaped)\">\(inner.htmlEscaped)</a>"
                        i = end + 1
                        continue
                    }
                    if let first = inner.first, first.isLetter || first == "/", !inner.contains("\n") {
                        out += "<\(inner)>"
                        i = end + 1
                        continue
                    }
                }
                out += "&lt;"
                i += 1
            case "*", "_":
                if let (html, end) = emphasis(chars, at: i) {
                    out += html
                    i = end
                } else {
                    let run = runLength(chars, at: i, of: c)
                    out += String(repeating: c, count: run)
                    i += run
                }
            default:
                out += String(c).htmlEscaped
                i += 1
            }
        }
        return out
    }

    private static func runLength(_ chars: [Character], at start: Int, of mark: Character) -> Int {
        var end = start
        while end < chars.count, chars[end] == mark { end += 1 }
        return end - start
    }

    /// The start of the next run of exactly `length` marks at or after `from`.
    private static func findRun(_ chars: [Character], from: Int, of mark: Character, length: Int) -> Int? {
        var i = from
        while i < chars.count {
            if chars[i] == mark {
                let run = runLength(chars, at: i, of: mark)
                if run == length { return i }
                i += run
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The end (exclusive) of `$...$` or `$$...$$` starting at `start`, as TeX would read it.
    private static func mathEnd(_ chars: [Character], at start: Int) -> Int? {
        if start + 1 < chars.count, chars[start + 1] == "$" {
            var i = start + 2
            while i + 1 < chars.count {
                if chars[i] == "$", chars[i + 1] == "$" { return i + 2 }
                i += 1
            }
            return nil
        }
        // `$5 and $6` is money, not math: the opener must touch text and the closer too.
        guard start + 1 < chars.count, !chars[start + 1].isWhitespace else { return nil }
        var i = start + 1
        while i < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "$" {
                let followedByDigit = i + 1 < chars.count && chars[i + 1].isNumber
                return chars[i - 1].isWhitespace || followedByDigit ? nil : i + 1
            }
            i += 1
        }
        return nil
    }

    /// `[label](target)` starting at the `[`; returns label, target and the index after `)`.
    private static func link(_ chars: [Character], at start: Int) -> (String, String, Int)? {
        var depth = 0
        var i = start
        var close: Int?
        while i < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "[" { depth += 1 }
            if chars[i] == "]" { depth -= 1; if depth == 0 { close = i; break } }
            i += 1
        }
        guard let close, close + 1 < chars.count, chars[close + 1] == "(",
              let end = chars[(close + 1)...].firstIndex(of: ")") else { return nil }
        var target = String(chars[(close + 2)..<end]).trimmingWhitespace()
        // Drop an optional "title" after the address.
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        return (String(chars[(start + 1)..<close]), target, end + 1)
    }

    /// `*em*`, `**strong**` (or with `_`) starting at `start`, rendered with its inner text.
    private static func emphasis(_ chars: [Character], at start: Int) -> (String, Int)? {
        let mark = chars[start]
        let run = min(runLength(chars, at: start, of: mark), 2)
        let open = start + run
        guard open < chars.count, !chars[open].isWhitespace else { return nil }
        // An underscore inside a word (snake_case, v_in) is not emphasis.
        if mark == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        var i = open
        while i < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "`" || chars[i] == "$" { i += 1; continue }
            if chars[i] == mark, runLength(chars, at: i, of: mark) >= run, !chars[i - 1].isWhitespace {
                let after = i + run
                if mark == "_", after < chars.count, chars[after].isLetter || chars[after].isNumber {
                    i += 1
                    continue
                }
                let tag = run == 2 ? "strong" : "em"
                return ("<\(tag)>\(inline(String(chars[open..<i])))</\(tag)>", after)
            }
            i += 1
        }
        return nil
    }
}

extension Character {
    /// ASCII punctuation that a backslash may escape in Markdown.
    var isPunctuationOrSymbol: Bool {
        isASCII && (isPunctuation || isSymbol)
    }
}
