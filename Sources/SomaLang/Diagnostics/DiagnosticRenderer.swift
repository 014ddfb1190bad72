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
    let header = diagnostic.isWarning ? paint.warning("warning[\(diagnostic.kind.rawValue)]")
                                      : paint.error("error[\(diagnostic.kind.rawValue)]")
    var lines = [header + paint.bold(": \(diagnostic.message)")]
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
            // Keep tabs in the padding so the carets line up under the code, and
            // count display columns: a wide character takes two, a combining mark none.
            var indent = ""
            for index in 0..<(startColumn - 1) {
                guard index < scalars.count else { indent += " "; continue }
                indent += scalars[index] == "\t" ? "\t" : String(repeating: " ", count: displayWidth(scalars[index]))
            }
            var caretCount = 0
            for index in (startColumn - 1)..<(endColumn - 1) {
                caretCount += index < scalars.count ? displayWidth(scalars[index]) : 1
            }
            let carets = String(repeating: "^", count: max(1, caretCount))
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
    func warning(_ text: String) -> String { wrap(text, "1;33") }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func frame(_ text: String) -> String { wrap(text, "1;34") }
}

/// Terminal columns a character takes: 2 for East Asian wide and fullwidth
/// characters and emoji, 0 for combining marks and zero-width characters.
func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    switch v {
    case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F:
        return 0
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
         0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
         0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}
