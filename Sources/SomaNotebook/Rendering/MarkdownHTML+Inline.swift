extension MarkdownHTML {
    /// Emphasis and link labels nested deeper than this are shown as text:
    /// each level copies its span, so unbounded nesting would cost quadratic
    /// time and native stack.
    static let inlineDepthLimit = 16

    /// Renders inline Markdown: code, math, links, images, emphasis, escapes, raw tags.
    static func inline(_ text: String, depth: Int = 0) -> String {
        guard depth < inlineDepthLimit else { return text.htmlEscaped }
        let chars = Array(text)
        var search = InlineSearch()
        var brackets: [Int: Int]?
        func link(at start: Int) -> (String, String, Int)? {
            if brackets == nil { brackets = InlineSearch.bracketPairs(chars) }
            return MarkdownHTML.link(chars, at: start, brackets: brackets ?? [:], &search)
        }
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
                let close = search.first("`\(run)", from: i + run) { findRun(chars, from: $0, of: "`", length: run) }
                if let close {
                    let code = String(chars[(i + run)..<close]).trimmingWhitespace()
                    out += "<code>\(code.htmlEscaped)</code>"
                    i = close + run
                } else {
                    out += String(repeating: "`", count: run)
                    i += run
                }
            case "$":
                if let end = mathEnd(chars, at: i, &search) {
                    out += String(chars[i..<end]).htmlEscaped
                    i = end
                } else {
                    out += "$"
                    i += 1
                }
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                if let (label, target, end) = link(at: i + 1) {
                    // A remote or scripted image would load or run something: keep its alt text only.
                    out += HTMLSanitizer.isSafeImage(target)
                        ? "<img src=\"\(target.htmlEscaped)\" alt=\"\(label.htmlEscaped)\">" : label.htmlEscaped
                    i = end
                } else {
                    out += "!"
                    i += 1
                }
            case "[":
                if let (label, target, end) = link(at: i) {
                    out += HTMLSanitizer.isSafeLink(target)
                        ? "<a href=\"\(target.htmlEscaped)\">\(inline(label, depth: depth + 1))</a>"
                        : inline(label, depth: depth + 1)
                    i = end
                } else {
                    out += "["
                    i += 1
                }
            case "<":
                if let end = search.first(">", from: i, { chars[$0...].firstIndex(of: ">") }), end > i + 1 {
                    let inner = String(chars[(i + 1)..<end])
                    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                        out += "<a href=\"\(inner.htmlEscaped)\">\(inner.htmlEscaped)</a>"
                        i = end + 1
                        continue
                    }
                    if let first = inner.first, first.isLetter || first == "/", !inner.contains("\n") {
                        out += HTMLSanitizer.clean("<\(inner)>")
                        i = end + 1
                        continue
                    }
                }
                out += "&lt;"
                i += 1
            case "*", "_":
                if let (html, end) = emphasis(chars, at: i, depth: depth, &search) {
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
    private static func mathEnd(_ chars: [Character], at start: Int, _ search: inout InlineSearch) -> Int? {
        if start + 1 < chars.count, chars[start + 1] == "$" {
            let close = search.first("$$", from: start + 2) { from in
                var i = from
                while i + 1 < chars.count {
                    if chars[i] == "$", chars[i + 1] == "$" { return i }
                    i += 1
                }
                return nil
            }
            return close.map { $0 + 2 }
        }
        // `$5 and $6` is money, not math: the opener must touch text and the closer too.
        guard start + 1 < chars.count, !chars[start + 1].isWhitespace else { return nil }
        let close = search.first("$", from: start + 1) { from in
            var i = from
            while i < chars.count {
                if chars[i] == "\\" { i += 2; continue }
                if chars[i] == "$" { return i }
                i += 1
            }
            return nil
        }
        guard let i = close else { return nil }
        let followedByDigit = i + 1 < chars.count && chars[i + 1].isNumber
        return chars[i - 1].isWhitespace || followedByDigit ? nil : i + 1
    }

    /// `[label](target)` starting at the `[`; returns label, target and the index after `)`.
    private static func link(_ chars: [Character], at start: Int, brackets: [Int: Int],
                             _ search: inout InlineSearch) -> (String, String, Int)? {
        guard let close = brackets[start], close + 1 < chars.count, chars[close + 1] == "(",
              let end = search.first(")", from: close + 1, { chars[$0...].firstIndex(of: ")") }) else { return nil }
        var target = String(chars[(close + 2)..<end]).trimmingWhitespace()
        // Drop an optional "title" after the address.
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        return (String(chars[(start + 1)..<close]), target, end + 1)
    }

    /// `*em*`, `**strong**` (or with `_`) starting at `start`, rendered with its inner text.
    private static func emphasis(_ chars: [Character], at start: Int, depth: Int,
                                 _ search: inout InlineSearch) -> (String, Int)? {
        let mark = chars[start]
        let run = min(runLength(chars, at: start, of: mark), 2)
        let open = start + run
        guard open < chars.count, !chars[open].isWhitespace else { return nil }
        // An underscore inside a word (snake_case, v_in) is not emphasis.
        if mark == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        let close = search.first("\(mark)\(run)", from: open) { from in
            var i = from
            while i < chars.count {
                if chars[i] == "\\" { i += 2; continue }
                if chars[i] == "`" || chars[i] == "$" { i += 1; continue }
                if chars[i] == mark, runLength(chars, at: i, of: mark) >= run, !chars[i - 1].isWhitespace {
                    let after = i + run
                    if mark == "_", after < chars.count, chars[after].isLetter || chars[after].isNumber {
                        i += 1
                        continue
                    }
                    return i
                }
                i += 1
            }
            return nil
        }
        guard let i = close else { return nil }
        let tag = run == 2 ? "strong" : "em"
        return ("<\(tag)>\(inline(String(chars[open..<i]), depth: depth + 1))</\(tag)>", i + run)
    }
}

extension Character {
    /// ASCII punctuation that a backslash may escape in Markdown.
    var isPunctuationOrSymbol: Bool {
        isASCII && (isPunctuation || isSymbol)
    }
}
