/// Converts notebook prose (CommonMark's common subset plus GFM tables) to HTML.
///
/// Covers what course notebooks use: headings, paragraphs, emphasis, code,
/// links, images, lists, block quotes, rules, tables and raw HTML. LaTeX in
/// `$...$` and `$$...$$` is copied untouched (only HTML-escaped) so MathJax
/// can typeset it; emphasis and escapes are never applied inside math.
enum MarkdownHTML {
    static func html(_ markdown: String) -> String {
        let lines = markdown.linesKeepingBreaks().map { String($0.trimmingLineBreak()) }
        return blocks(lines[...])
    }

    // MARK: blocks

    /// Quotes and lists nested deeper than this are shown as plain paragraphs:
    /// each level re-reads the lines inside it, so unbounded nesting would cost
    /// quadratic time and native stack.
    static let blockDepthLimit = 16

    /// block -> fence | math | heading | rule | quote | list | table | html | paragraph
    private static func blocks(_ lines: ArraySlice<String>, depth: Int = 0) -> String {
        guard depth < blockDepthLimit else {
            let text = lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: "\n")
            return text.isEmpty ? "" : "<p>\(inline(text))</p>\n"
        }
        var out = ""
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { i += 1; continue }
            if let (fence, info) = fenceOpening(line) {
                var end = i + 1
                while end < lines.endIndex, !isFenceClose(lines[end], fence) { end += 1 }
                let code = lines[(i + 1)..<end].joined(separator: "\n")
                let language = info.split(separator: " ").first.map { " class=\"language-\(String($0).htmlEscaped)\"" } ?? ""
                out += "<pre><code\(language)>\(code.htmlEscaped)\(code.isEmpty ? "" : "\n")</code></pre>\n"
                i = min(end + 1, lines.endIndex)
            } else if trimmed.hasPrefix("$$") {
                var end = i
                if !(trimmed.count > 2 && trimmed.hasSuffix("$$") && trimmed.count >= 4) {
                    end = i + 1
                    while end < lines.endIndex, !lines[end].trimmingWhitespace().hasSuffix("$$") { end += 1 }
                }
                let math = lines[i...min(end, lines.endIndex - 1)].joined(separator: "\n")
                out += "<div class=\"math\">\(math.htmlEscaped)</div>\n"
                i = min(end + 1, lines.endIndex)
            } else if let (level, text) = heading(trimmed) {
                out += "<h\(level) id=\"\(slug(text))\">\(inline(text))</h\(level)>\n"
                i += 1
            } else if isRule(trimmed) {
                out += "<hr>\n"
                i += 1
            } else if trimmed.hasPrefix(">") {
                var quoted: [String] = []
                while i < lines.endIndex, !lines[i].trimmingWhitespace().isEmpty {
                    var text = Substring(lines[i].trimmingWhitespace())
                    if text.hasPrefix(">") { text = text.dropFirst(); if text.hasPrefix(" ") { text = text.dropFirst() } }
                    quoted.append(String(text))
                    i += 1
                }
                out += "<blockquote>\n\(blocks(quoted[...], depth: depth + 1))</blockquote>\n"
            } else if listMarker(line) != nil {
                let (html, next) = list(lines, from: i, depth: depth)
                out += html
                i = next
            } else if i + 1 < lines.endIndex, line.contains("|"), isTableSeparator(lines[i + 1]) {
                var end = i + 2
                while end < lines.endIndex, lines[end].contains("|"), !lines[end].trimmingWhitespace().isEmpty { end += 1 }
                out += table(lines[i..<end])
                i = end
            } else if isHTMLStart(trimmed) {
                var block = ""
                while i < lines.endIndex, !lines[i].trimmingWhitespace().isEmpty {
                    block += lines[i] + "\n"
                    i += 1
                }
                // Raw HTML keeps only allowlisted tags; the rest shows as text.
                out += HTMLSanitizer.clean(block)
            } else {
                var paragraph: [String] = []
                while i < lines.endIndex {
                    let current = lines[i].trimmingWhitespace()
                    if current.isEmpty { break }
                    if !paragraph.isEmpty, startsBlock(lines[i]) { break }
                    if !paragraph.isEmpty, let level = setextLevel(current) {
                        out += "<h\(level)>\(inline(paragraph.joined(separator: "\n")))</h\(level)>\n"
                        paragraph = []
                        i += 1
                        break
                    }
                    paragraph.append(current)
                    i += 1
                }
                if !paragraph.isEmpty { out += "<p>\(inline(paragraph.joined(separator: "\n")))</p>\n" }
            }
        }
        return out
    }

    private static func startsBlock(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        return fenceOpening(line) != nil || heading(trimmed) != nil || trimmed.hasPrefix(">")
            || trimmed.hasPrefix("$$") || listMarker(line) != nil || (isRule(trimmed) && !trimmed.hasPrefix("-"))
    }

    private static func fenceOpening(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingWhitespace()
        for marker in ["```", "~~~"] where trimmed.hasPrefix(marker) {
            let run = String(trimmed.prefix(while: { $0 == marker.first }))
            return (run, String(trimmed.dropFirst(run.count)).trimmingWhitespace())
        }
        return nil
    }

    private static func isFenceClose(_ line: String, _ fence: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard let marker = fence.first else { return false }
        return trimmed.count >= fence.count && trimmed.allSatisfy { $0 == marker }
    }

    private static func heading(_ trimmed: String) -> (Int, String)? {
        let hashes = trimmed.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingWhitespace()
        // A closing run of #s is decoration, not text.
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimmingWhitespace())
    }

    private static func setextLevel(_ trimmed: String) -> Int? {
        if trimmed.count >= 2, trimmed.allSatisfy({ $0 == "=" }) { return 1 }
        if trimmed.count >= 2, trimmed.allSatisfy({ $0 == "-" }) { return 2 }
        return nil
    }

    private static func isRule(_ trimmed: String) -> Bool {
        let marks = trimmed.filter { $0 != " " }
        guard let first = marks.first, "-*_".contains(first), marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isHTMLStart(_ trimmed: String) -> Bool {
        guard trimmed.hasPrefix("<"), let next = trimmed.dropFirst().first else { return false }
        return next.isLetter || next == "/" || next == "!"
    }

    /// The marker of a list item line: its width up to the content, and whether it is ordered.
    private static func listMarker(_ line: String) -> (indent: Int, width: Int, ordered: Bool)? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first) {
            let after = rest.dropFirst()
            guard after.isEmpty || after.first == " " else { return nil }
            if isRule(line.trimmingWhitespace()) { return nil }
            let spaces = after.prefix(while: { $0 == " " }).count
            return (indent, indent + 1 + min(max(spaces, 1), 4), false)
        }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber }).count
        guard (1...9).contains(digits) else { return nil }
        let after = rest.dropFirst(digits)
        guard let mark = after.first, mark == "." || mark == ")" else { return nil }
        let tail = after.dropFirst()
        guard tail.isEmpty || tail.first == " " else { return nil }
        let spaces = tail.prefix(while: { $0 == " " }).count
        return (indent, indent + digits + 1 + min(max(spaces, 1), 4), true)
    }

    /// list -> item+, where an item's later lines are indented to its content or are lazy text.
    private static func list(_ lines: ArraySlice<String>, from start: Int, depth: Int) -> (String, Int) {
        guard let first = listMarker(lines[start]) else { return ("", start + 1) }
        var items: [[String]] = []
        var loose = false
        var i = start
        var width = first.width
        while i < lines.endIndex {
            let line = lines[i]
            if let marker = listMarker(line), marker.ordered == first.ordered, marker.indent < width {
                items.append([String(line.dropFirst(marker.width))])
                width = marker.width
                i += 1
            } else if line.trimmingWhitespace().isEmpty {
                // A blank line continues the list only if more of it follows.
                guard i + 1 < lines.endIndex else { break }
                let next = lines[i + 1]
                let nextIndent = next.prefix(while: { $0 == " " }).count
                if nextIndent >= width {
                    items[items.count - 1].append("")
                } else if let marker = listMarker(next), marker.ordered == first.ordered {
                    loose = true
                } else {
                    break
                }
                i += 1
            } else if line.prefix(while: { $0 == " " }).count >= width {
                items[items.count - 1].append(String(line.dropFirst(width)))
                i += 1
            } else if !startsBlock(line), items.last?.last?.isEmpty == false {
                items[items.count - 1].append(line.trimmingWhitespace())
                i += 1
            } else {
                break
            }
        }
        let tag = first.ordered ? "ol" : "ul"
        var out = "<\(tag)>\n"
        for item in items {
            var body = blocks(item[...], depth: depth + 1)
            if !loose, body.hasPrefix("<p>"), let close = body.range(of: "</p>\n") {
                let rest = body[close.upperBound...]
                body = String(body[body.index(body.startIndex, offsetBy: 3)..<close.lowerBound])
                    + (rest.isEmpty ? "" : "\n" + rest)
            }
            out += "<li>\(body.hasSuffix("\n") ? String(body.dropLast()) : body)</li>\n"
        }
        return (out + "</\(tag)>\n", i)
    }

    private static func isTableSeparator(_ line: String) -> Bool {
        let cells = tableCells(line)
        return !cells.isEmpty && cells.allSatisfy { cell in
            let core = cell.filter { $0 != ":" }
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }

    private static func tableCells(_ line: String) -> [String] {
        var text = line.trimmingWhitespace()
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|"), !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if character == "|", !escaped { cells.append(current.trimmingWhitespace()); current = "" }
            else { current.append(character) }
            escaped = character == "\\"
        }
        cells.append(current.trimmingWhitespace())
        return cells
    }

    private static func table(_ lines: ArraySlice<String>) -> String {
        guard let header = lines.first else { return "" }
        let aligns = tableCells(lines[lines.startIndex + 1]).map { cell -> String in
            switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
            case (true, true): return " style=\"text-align:center\""
            case (false, true): return " style=\"text-align:right\""
            default: return ""
            }
        }
        func row(_ line: String, _ tag: String) -> String {
            let cells = tableCells(line)
            let html = cells.enumerated().map { index, cell in
                "<\(tag)\(index < aligns.count ? aligns[index] : "")>\(inline(cell))</\(tag)>"
            }
            return "<tr>\(html.joined())</tr>\n"
        }
        var out = "<table>\n<thead>\n" + row(header, "th") + "</thead>\n<tbody>\n"
        for line in lines.dropFirst(2) { out += row(line, "td") }
        return out + "</tbody>\n</table>\n"
    }

    /// A heading's anchor: lowercase words joined by `-`.
    static func slug(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return words.joined(separator: "-").htmlEscaped
    }
}
