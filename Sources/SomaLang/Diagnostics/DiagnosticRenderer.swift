/// Renders a diagnostic the way Soma shows every error:
///
///     error[shape]: cannot add tensors of shape [3, 4] and [5]
///       --> Notebooks/02-xor.md:41:7 (cell 4)
///        |
///     41 |   z = W @ x + b
///        |       ^^^^^^^^^
///
/// The caret line underlines the span; a span over several lines underlines
/// the rest of its first line. Without a span (or when the line is not in
/// `source`) only the header and location are drawn. The result has no
/// trailing line break.
/// - Parameters:
///   - diagnostic: the error to draw.
///   - source: the file the span points into, if known; `diagnostic.source`
///     takes precedence when set.
///   - color: wrap parts in ANSI colour codes (for a terminal only).
public func renderDiagnostic(_ diagnostic: Diagnostic, source: SourceFile?, color: Bool = false) -> String {
    let source = diagnostic.source ?? source
    let paint = Paint(enabled: color)
    var lines = [paint.error("error[\(diagnostic.kind.rawValue)]") + paint.bold(": \(diagnostic.message)")]
    var gutter = 1
    if let span = diagnostic.span, let source {
        let lineNumber = String(span.start.line)
        gutter = lineNumber.count
        let pad = String(repeating: " ", count: gutter)
        var location = "\(source.name):\(span.start.line):\(span.start.column)"
        if let cell = source.cell { location += " (cell \(cell))" }
        lines.append(pad + paint.frame("-->") + " " + location)
        if let text = source.line(span.start.line) {
            let scalars = Array(text.unicodeScalars)
            let startColumn = max(1, span.start.column)
            let endColumn: Int
            if span.end.line == span.start.line {
                endColumn = max(span.end.column, startColumn + 1)
            } else {
                endColumn = max(scalars.count + 1, startColumn + 1)
            }
            // Keep tabs in the padding so the carets line up under the code.
            var indent = ""
            for index in 0..<(startColumn - 1) {
                indent += index < scalars.count && scalars[index] == "\t" ? "\t" : " "
            }
            let carets = String(repeating: "^", count: endColumn - startColumn)
            lines.append(pad + " " + paint.frame("|"))
            lines.append(paint.frame(lineNumber + " |") + (text.isEmpty ? "" : " " + text))
            lines.append(pad + " " + paint.frame("|") + " " + indent + paint.error(carets))
        }
    } else if let source, diagnostic.span == nil, !source.name.isEmpty {
        var location = source.name
        if let cell = source.cell { location += " (cell \(cell))" }
        lines.append(" " + paint.frame("-->") + " " + location)
    }
    let notePad = String(repeating: " ", count: gutter + 1)
    for note in diagnostic.notes {
        lines.append(notePad + paint.frame("=") + paint.bold(" note:") + " " + note)
    }
    return lines.joined(separator: "\n")
}

/// Renders several diagnostics, separated by blank lines.
public func renderDiagnostics(_ diagnostics: [Diagnostic], source: SourceFile?, color: Bool = false) -> String {
    diagnostics.map { renderDiagnostic($0, source: source, color: color) }.joined(separator: "\n\n")
}

/// ANSI styling that is a no-op unless enabled.
struct Paint {
    let enabled: Bool

    func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func error(_ text: String) -> String { wrap(text, "1;31") }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func frame(_ text: String) -> String { wrap(text, "1;34") }
}
