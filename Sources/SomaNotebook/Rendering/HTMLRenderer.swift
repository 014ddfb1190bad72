import Foundation
import SomaLang

/// Renders an executed notebook as one self-contained HTML page.
///
/// Figures are inlined as `data:` URIs, the stylesheet is embedded and math is
/// typeset by KaTeX inlined with its fonts (see `MathTypesetting`), so the
/// file reads offline and loads nothing from the network. The page holds no
/// active content from the notebook: raw HTML in the prose goes through
/// `HTMLSanitizer`, and a Content-Security-Policy lets only the page's own
/// KaTeX scripts run (by their hashes) and forbids frames, forms and remote
/// loads should anything slip through.
public struct HTMLRenderer {
    /// Links to the run's index and the neighbouring notebooks, when the page is part of a course.
    public var navigation: PageNavigation?
    /// The prose's images, inlined as `data:` URIs.
    public var images: ProseImages

    public init(navigation: PageNavigation? = nil, images: ProseImages = ProseImages()) {
        self.navigation = navigation
        self.images = images
    }

    public func render(_ executed: ExecutedNotebook) -> String {
        var body = ""
        for block in executed.blocks {
            switch block {
            case .prose(let text): body += images.inlined(MarkdownHTML.html(text))
            case .cell(let cell, let result): body += renderCell(cell, result)
            }
        }
        let title = executed.notebook.firstHeading ?? executed.notebook.stem
        let math = MathTypesetting.hasMath(body) ? MathTypesetting.system?.head ?? "" : ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="soma run">
        <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy(allowingScriptsIn: math))">
        <title>\(title.htmlEscaped)</title>
        <style>
        \(Self.stylesheet)
        </style>
        \(math)
        </head>
        <body>
        <main>
        \(navigation?.html ?? "")\(body)\(navigation?.html ?? "")</main>
        </body>
        </html>

        """
    }

    /// A cell's diagnostic in a page: laid out as in a terminal, with the
    /// caret line and the notes marked for the stylesheet.
    static func diagnosticHTML(_ report: DiagnosticReport) -> String {
        var lines = ["\(report.isWarning ? "warning" : "error")[\(report.kind)]: \(report.message)".htmlEscaped]
        var gutter = 1
        if let location = report.location {
            let number = location.line.map(String.init) ?? ""
            gutter = max(1, number.count)
            let pad = String(repeating: " ", count: gutter)
            lines.append("<span class=\"where\">\(location.line == nil ? " " : pad)--> \(location.description.htmlEscaped)</span>")
            if let excerpt = report.excerpt {
                lines.append(pad + " |")
                lines.append(number + " |" + (excerpt.text.isEmpty ? "" : " " + excerpt.text.htmlEscaped))
                lines.append(pad + " | " + excerpt.indent + "<span class=\"caret\">" + String(repeating: "^", count: excerpt.width) + "</span>")
            }
        }
        let pad = String(repeating: " ", count: gutter + 1)
        for note in report.notes {
            lines.append("<span class=\"note\">\(pad)= note: \(note.htmlEscaped)</span>")
        }
        for frame in report.stack {
            lines.append("<span class=\"stack\">\(pad)= note: \(frame.htmlEscaped)</span>")
        }
        return lines.joined(separator: "\n")
    }

    private func renderCell(_ cell: NotebookCell, _ result: CellResult) -> String {
        let classes = ["cell", statusClass(result.status)] + (cell.origin == .injectedParameters ? ["injected"] : [])
        var out = "<section class=\"\(classes.joined(separator: " "))\" id=\"\(cellID(cell))\">\n"
        if cell.options.echo || cell.origin == .injectedParameters {
            out += "<div class=\"cell-label\">\(cell.label.htmlEscaped)</div>\n"
            out += "<pre class=\"code\"><code>\(SomaHighlighter.html(cell.code.trimmingTrailingLineBreaks()))</code></pre>\n"
        }
        let output = result.output
        if !output.stream.isEmpty { out += "<pre class=\"stream\">\(output.stream.trimmingTrailingLineBreaks().htmlEscaped)</pre>\n" }
        if let value = output.value { out += "<pre class=\"value\">\(value.htmlEscaped)</pre>\n" }
        if let error = output.error {
            out += "<pre class=\"error\">" + ([error.diagnostic] + error.more).map(Self.diagnosticHTML).joined(separator: "\n\n") + "</pre>\n"
        }
        for figure in result.figures {
            let alt = cell.options.figureCaption ?? figure.fileName
            out += "<figure><img src=\"data:image/png;base64,\(figure.png.base64EncodedString())\" alt=\"\(alt.htmlEscaped)\">"
            if let caption = cell.options.figureCaption { out += "<figcaption>\(caption.htmlEscaped)</figcaption>" }
            out += "</figure>\n"
        }
        switch result.status {
        case .skipped: out += "<p class=\"note\">Cell skipped (<code>#| skip</code>).</p>\n"
        case .notRun: out += "<p class=\"note\">Not run: the run stopped at an earlier cell.</p>\n"
        case .succeeded, .failedAsExpected, .failed, .timedOut: break
        }
        return out + "</section>\n"
    }

    private func cellID(_ cell: NotebookCell) -> String {
        cell.origin == .injectedParameters ? "injected-parameters" : "cell-\(cell.number)"
    }

    private func statusClass(_ status: CellStatus) -> String {
        switch status {
        case .succeeded: return "ok"
        case .failedAsExpected: return "expected-error"
        case .failed, .timedOut: return "failed"
        case .skipped: return "skipped"
        case .notRun: return "not-run"
        }
    }

    /// No plugins, frames or forms; images only from the page's own folder
    /// or inline, fonts inline, styles from the page itself; scripts only
    /// those in `head` (the page's own KaTeX), each allowed by its SHA-256.
    static func contentSecurityPolicy(allowingScriptsIn head: String) -> String {
        let scripts = inlineScripts(in: head).map { "'sha256-\(SHA256.base64($0))'" }
        return "default-src 'none'; script-src \(scripts.isEmpty ? "'none'" : scripts.joined(separator: " ")); "
            + "img-src 'self' data:; font-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"
    }

    /// The text of each `<script>` element in `html`, exactly as the browser hashes it.
    static func inlineScripts(in html: String) -> [String] {
        var scripts: [String] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<script>"), let close = rest[open.upperBound...].range(of: "</script>") {
            scripts.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return scripts
    }

    /// Plain, readable styling: a centred column, light code boxes, red errors.
    static let stylesheet = """
    body { margin: 0; background: #fafafa; color: #1f2328; font: 16px/1.6 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; background: #fff; }
    nav.course { display: flex; justify-content: space-between; gap: 1em; font-size: 0.9em; margin: 0.5em 0 1.5em; }
    nav.course a { text-decoration: none; }
    h1, h2, h3 { line-height: 1.25; margin-top: 1.8em; }
    a { color: #0b62c4; }
    img { max-width: 100%; }
    pre, code { font-family: "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
    pre { overflow-x: auto; padding: 0.7em 0.9em; border-radius: 6px; margin: 0.4em 0; }
    p code, li code, td code { background: #f0f1f3; padding: 0.1em 0.3em; border-radius: 4px; }
    pre code { background: none; padding: 0; }
    main > pre { background: #f6f8fa; }
    blockquote { margin: 1em 0; padding: 0 1em; border-left: 4px solid #d0d7de; color: #57606a; }
    table { border-collapse: collapse; margin: 1em 0; }
    th, td { border: 1px solid #d0d7de; padding: 0.3em 0.7em; }
    th { background: #f6f8fa; }
    .cell { margin: 1.2em 0; }
    .cell-label { font-size: 0.75em; color: #8c959f; margin-bottom: -0.2em; }
    .cell pre.code { background: #f6f8fa; border: 1px solid #e4e7eb; }
    .cell.injected pre.code { border-style: dashed; }
    pre.stream, pre.value { background: #fff; border-left: 3px solid #d0d7de; border-radius: 0; }
    pre.error { background: #fff5f5; color: #a40e26; border-left: 3px solid #cf222e; border-radius: 0; }
    .cell.expected-error pre.error { background: #fff8e6; color: #7a4d00; border-left-color: #d4a72c; }
    pre.error .caret { font-weight: bold; }
    pre.error .where, pre.error .note, pre.error .stack { color: #57606a; }
    .cell.not-run pre.code, .cell.skipped pre.code { opacity: 0.55; }
    .note { font-size: 0.85em; color: #8c959f; font-style: italic; }
    figure { margin: 0.8em 0; text-align: center; }
    figcaption { font-size: 0.85em; color: #57606a; }
    .math { overflow-x: auto; margin: 1em 0; text-align: center; }
    .kw { color: #cf222e; font-weight: 600; }
    .num { color: #0550ae; }
    .str { color: #0a3069; background: #eef6ff; }
    .com { color: #6e7781; font-style: italic; }
    """
}

extension Notebook {
    /// The text of the first `#` heading in the prose, used as the page title.
    public var firstHeading: String? {
        for block in blocks {
            guard case .prose(let text) = block else { continue }
            for line in text.linesKeepingBreaks() {
                let trimmed = line.trimmingWhitespace()
                if trimmed.hasPrefix("# ") { return String(trimmed.dropFirst(2)).trimmingWhitespace() }
            }
        }
        return nil
    }
}
