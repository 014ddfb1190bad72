/// Renders an executed notebook as Markdown: the source with each cell's
/// output, value, error and figures inserted after the cell.
///
/// Prose is copied byte for byte; figures are linked by file name
/// (`![](cell3-fig1.png)`), so the file reads well next to its PNGs.
public struct MarkdownRenderer {
    public init() {}

    public func render(_ executed: ExecutedNotebook) -> String {
        var text = ""
        for block in executed.blocks {
            switch block {
            case .prose(let prose):
                text += prose
            case .cell(let cell, let result):
                // Keep a blank line between a cell and what came before (e.g. an injected cell).
                if !text.isEmpty, !text.hasSuffix("\n\n"), !text.hasSuffix("\r\n\r\n") { text += "\n" }
                text += renderCell(cell, result)
            }
        }
        return text
    }

    private func renderCell(_ cell: NotebookCell, _ result: CellResult) -> String {
        var parts: [String] = []
        if cell.options.echo || cell.origin == .injectedParameters {
            parts.append(fenced(cell.code, info: "soma"))
        }
        let output = result.output
        if !output.stream.isEmpty { parts.append(fenced(output.stream, info: "text")) }
        if let value = output.value { parts.append(fenced(value, info: "text")) }
        if let error = output.error { parts.append(fenced(error.text, info: "text")) }
        for figure in result.figures {
            parts.append("![\(escapedAlt(cell.options.figureCaption ?? ""))](\(figure.fileName))\n")
        }
        switch result.status {
        case .skipped: parts.append("*Cell skipped (`#| skip`).*\n")
        case .notRun: parts.append("*Not run: the run stopped at an earlier cell.*\n")
        case .timedOut, .failed, .failedAsExpected, .succeeded: break
        }
        return parts.joined(separator: "\n")
    }

    /// Alt text with the characters that would end it escaped.
    private func escapedAlt(_ text: String) -> String {
        text.replacingAll(["\\": "\\\\", "[": "\\[", "]": "\\]", "\n": " "])
    }
}

/// Text in a fenced block whose fence is longer than any backtick run inside it.
func fenced(_ content: String, info: String) -> String {
    var longest = 0
    var run = 0
    for character in content {
        run = character == "`" ? run + 1 : 0
        longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = content.isEmpty || content.unicodeScalars.last == "\n" ? content : content + "\n"
    return "\(fence)\(info)\n\(body)\(fence)\n"
}

extension String {
    /// The string with each listed character replaced by its replacement text.
    func replacingAll(_ replacements: [Character: String]) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if let replacement = replacements[character] { result += replacement } else { result.append(character) }
        }
        return result
    }

    /// The string escaped for HTML text and attribute values.
    var htmlEscaped: String {
        replacingAll(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"])
    }
}
