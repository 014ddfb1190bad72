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
    DiagnosticReport(diagnostic, source: source).text(color: color)
}

/// A diagnostic with the facts every format shows worked out: where it is
/// (file, line, column, cell), the source line with the columns to
/// underline, the notes and the stack of calls. Hosts keep this as data (a
/// notebook cell's failure) and each output format draws it in one place:
/// `text(color:)` for terminals, Markdown and ipynb, HTML its own way.
public struct DiagnosticReport: Equatable, Sendable {
    /// Where a diagnostic points: `path:line:column (cell N)`, or just the file.
    public struct Location: Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var column: Int?
        public var cell: Int?

        public init(file: String, line: Int? = nil, column: Int? = nil, cell: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.cell = cell
        }

        public var description: String {
            var text = file
            if let line { text += ":\(line)" }
            if line != nil, let column { text += ":\(column)" }
            if let cell { text += " (cell \(cell))" }
            return text
        }
    }

    /// The source line a diagnostic points at and what to underline.
    public struct Excerpt: Equatable, Sendable {
        public var lineNumber: Int
        public var text: String
        /// What goes before the carets so they line up under the code: a
        /// space per display column, tabs kept.
        public var indent: String
        /// Display columns to underline (at least 1).
        public var width: Int

        public init(lineNumber: Int, text: String, indent: String, width: Int) {
            self.lineNumber = lineNumber
            self.text = text
            self.indent = indent
            self.width = width
        }
    }

    /// `error`/`warning` kind as shown in brackets (`shape`, `interrupt`, ...).
    public var kind: String
    public var message: String
    public var isWarning: Bool
    public var location: Location?
    public var excerpt: Excerpt?
    public var notes: [String]
    public var stack: [String]

    public init(kind: String, message: String, isWarning: Bool = false, location: Location? = nil,
                excerpt: Excerpt? = nil, notes: [String] = [], stack: [String] = []) {
        self.kind = kind
        self.message = message
        self.isWarning = isWarning
        self.location = location
        self.excerpt = excerpt
        self.notes = notes
        self.stack = stack
    }

    /// Lays out `diagnostic` against the source it points into
    /// (`diagnostic.source` takes precedence over `source`).
    public init(_ diagnostic: Diagnostic, source: SourceFile?) {
        let source = diagnostic.source ?? source
        self.init(kind: diagnostic.kind.rawValue, message: diagnostic.message, isWarning: diagnostic.isWarning,
                  notes: diagnostic.notes, stack: diagnostic.stack)
        if let span = diagnostic.span, let source {
            location = Location(file: source.name, line: span.start.line, column: span.start.column, cell: source.cell)
            if let text = source.line(span.start.line) {
                excerpt = Self.excerpt(of: text, line: span.start.line, span: span)
            }
        } else if let source, diagnostic.span == nil, !source.name.isEmpty {
            location = Location(file: source.name, cell: source.cell)
        }
    }

    private static func excerpt(of text: Substring, line: Int, span: Span) -> Excerpt {
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
        var width = 0
        for index in (startColumn - 1)..<(endColumn - 1) {
            width += index < scalars.count ? displayWidth(scalars[index]) : 1
        }
        return Excerpt(lineNumber: line, text: String(text), indent: indent, width: max(1, width))
    }

    /// The diagnostic as Soma shows it in text, without a trailing line break.
    public func text(color: Bool = false) -> String {
        let paint = Paint(enabled: color)
        let header = isWarning ? paint.warning("warning[\(kind)]") : paint.error("error[\(kind)]")
        var lines = [header + paint.bold(": \(message)")]
        var gutter = 1
        if let location {
            if let line = location.line {
                let lineNumber = String(line)
                gutter = lineNumber.count
                let pad = String(repeating: " ", count: gutter)
                lines.append(pad + paint.frame("-->") + " " + location.description)
                if let excerpt {
                    lines.append(pad + " " + paint.frame("|"))
                    lines.append(paint.frame(lineNumber + " |") + (excerpt.text.isEmpty ? "" : " " + excerpt.text))
                    lines.append(pad + " " + paint.frame("|") + " " + excerpt.indent
                                 + paint.error(String(repeating: "^", count: excerpt.width)))
                }
            } else {
                lines.append(" " + paint.frame("-->") + " " + location.description)
            }
        }
        let notePad = String(repeating: " ", count: gutter + 1)
        for note in notes + stack {
            lines.append(notePad + paint.frame("=") + paint.bold(" note:") + " " + note)
        }
        return lines.joined(separator: "\n")
    }
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
