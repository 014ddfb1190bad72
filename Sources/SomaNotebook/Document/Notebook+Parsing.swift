extension Notebook {
    /// Parses Markdown text into prose and `soma` cells.
    ///
    /// A cell is a fenced block (``` or ~~~, as in CommonMark) whose info
    /// string starts with `soma` or `{soma}`; other fences stay prose, and so
    /// does anything inside them. `#|` lines at the top of a cell are options.
    ///
    /// - Parameters:
    ///   - text: the notebook's Markdown.
    ///   - path: the path shown in diagnostics.
    /// - Throws: `NotebookError` for a bad cell option or a repeated cell name.
    public init(parsing text: String, path: String) throws(NotebookError) {
        var blocks: [NotebookBlock] = []
        var prose = ""
        var cellCount = 0
        var names: [String: Int] = [:]
        // Old Mac files end lines with a lone CR: read them as line breaks too.
        let lines = (text.utf8.contains(UInt8(ascii: "\r")) ? text.normalizingLoneCarriageReturns() : text).linesKeepingBreaks()
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard let fence = Fence(opening: line) else {
                prose += line
                index += 1
                continue
            }
            // Find the closing fence; an unclosed fence runs to the end (CommonMark).
            var end = index + 1
            while end < lines.count, !fence.isClosed(by: lines[end]) { end += 1 }
            let body = lines[(index + 1)..<min(end, lines.count)]
            guard fence.isSoma else {
                prose += lines[index..<min(end + 1, lines.count)].joined()
                index = end + 1
                continue
            }
            if !prose.isEmpty { blocks.append(.prose(prose)); prose = "" }
            cellCount += 1
            var cell = try Self.cell(number: cellCount, body: Array(body),
                                     fenceLine: index + 1, path: path)
            if let name = cell.options.name {
                if let earlier = names[name] {
                    throw NotebookError(path: path, line: index + 1,
                                        message: "cell name '\(name)' is already used by cell \(earlier); names must be unique (they name figure files)")
                }
                names[name] = cellCount
            }
            cell.number = cellCount
            blocks.append(.cell(cell))
            index = end + 1
        }
        if !prose.isEmpty { blocks.append(.prose(prose)) }
        self.init(path: path, blocks: blocks)
    }

    /// Builds a cell from the lines between its fences, reading `#|` options first.
    private static func cell(number: Int, body: [Substring], fenceLine: Int,
                             path: String) throws(NotebookError) -> NotebookCell {
        var options = CellOptions()
        var optionCount = 0
        for line in body {
            let trimmed = line.trimmingWhitespace()
            guard trimmed.hasPrefix("#|") else { break }
            let setting = trimmed.dropFirst(2).trimmingWhitespace()
            let key: String
            let value: String?
            if let colon = setting.firstIndex(of: ":") {
                key = String(setting[..<colon]).trimmingWhitespace()
                value = String(setting[setting.index(after: colon)...]).trimmingWhitespace().unquoted()
            } else {
                key = setting
                value = nil
            }
            do {
                try options.set(key, value)
            } catch {
                throw NotebookError(path: path, line: fenceLine + 1 + optionCount, message: error.message)
            }
            optionCount += 1
        }
        var code = body.dropFirst(optionCount).joined()
        if let last = code.unicodeScalars.last, last != "\n" { code += "\n" }
        return NotebookCell(number: number, options: options, code: code,
                            firstLine: fenceLine + 1 + optionCount)
    }
}

/// An opening code fence and what closes it.
private struct Fence {
    var marker: Character
    var length: Int
    var isSoma: Bool

    /// Reads a CommonMark opening fence: up to 3 spaces, then 3+ backticks or tildes.
    init?(opening line: Substring) {
        let content = line.trimmingLineBreak()
        let indent = content.prefix(while: { $0 == " " })
        guard indent.count <= 3 else { return nil }
        let rest = content.dropFirst(indent.count)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix(while: { $0 == first })
        guard run.count >= 3 else { return nil }
        let info = rest.dropFirst(run.count).trimmingWhitespace()
        // A backtick fence's info string may not hold backticks (it would be inline code).
        if first == "`", info.contains("`") { return nil }
        // `soma`, `soma title="x"` and Quarto's `{soma}` / `{soma, echo=false}` all count.
        let tag = info.hasPrefix("{") ? Substring(info.dropFirst()) : Substring(info)
        let word = tag.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        marker = first
        length = run.count
        isSoma = word == "soma"
    }

    /// Whether a line is a closing fence for this opening one.
    func isClosed(by line: Substring) -> Bool {
        let content = line.trimmingLineBreak()
        let indent = content.prefix(while: { $0 == " " })
        guard indent.count <= 3 else { return false }
        let rest = content.dropFirst(indent.count)
        let run = rest.prefix(while: { $0 == marker })
        return run.count >= length && rest.dropFirst(run.count).allSatisfy(\.isWhitespace)
    }
}

extension StringProtocol {
    /// The text split after each line break, every line keeping its `\n` or `\r\n`.
    func linesKeepingBreaks() -> [Substring] {
        let string = String(self)
        var lines: [Substring] = []
        let utf8 = string.utf8
        var start = utf8.startIndex
        var position = start
        while position != utf8.endIndex {
            let next = utf8.index(after: position)
            if utf8[position] == UInt8(ascii: "\n") {
                lines.append(string[start..<next])
                start = next
            }
            position = next
        }
        if start != utf8.endIndex { lines.append(string[start..<utf8.endIndex]) }
        return lines
    }

    /// The text with each CR that is not followed by LF turned into LF
    /// (CRLF is kept), so CR-only files split into their lines.
    func normalizingLoneCarriageReturns() -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(String(self).utf8)
        bytes.reserveCapacity(utf8.count)
        for (index, byte) in utf8.enumerated() {
            if byte == UInt8(ascii: "\r"), index + 1 == utf8.count || utf8[index + 1] != UInt8(ascii: "\n") {
                bytes.append(UInt8(ascii: "\n"))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text without a trailing `\n` or `\r\n`.
    func trimmingLineBreak() -> Substring {
        var text = Substring(self)
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" {
            text = Substring(text.unicodeScalars.dropLast())
        }
        return text
    }

    /// The text without one pair of surrounding double or single quotes.
    func unquoted() -> String {
        let text = String(self)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
