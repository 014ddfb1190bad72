import Foundation
import Testing
@testable import SomaNotebook
import SomaLang

/// A failed cell keeps its diagnostic as data (kind, message, location,
/// source excerpt, notes, stack); each format draws it in one place.
@Suite struct CellDiagnosticTests {
    private let notebook = """
    ```soma
    fn g(x) {
      x + nosuch
    }
    ```

    ```soma
    g(1)
    ```

    """

    private func failure() throws -> CellFailure {
        let executed = try NotebookRunner(kernel: SessionKernel()).run(Notebook(parsing: notebook, path: "NB.md"))
        return try #require(executed.results.last?.result.output.error)
    }

    @Test func theFailureIsData() throws {
        let report = try failure().diagnostic
        #expect(report.kind == "name")
        #expect(report.message == "undefined name 'nosuch'")
        #expect(report.location == DiagnosticReport.Location(file: "NB.md", line: 3, column: 7, cell: 1))
        #expect(report.excerpt?.text == "  x + nosuch")
        #expect(report.excerpt?.indent == "      ")
        #expect(report.excerpt?.width == 6)
        #expect(report.stack == ["in g, called from NB.md:8 (cell 2)"])
        #expect(!report.notes.contains { $0.contains("called from") })
    }

    @Test func textIsTheTerminalFormat() throws {
        let text = try failure().text
        #expect(text == """
        error[name]: undefined name 'nosuch'
         --> NB.md:3:7 (cell 1)
          |
        3 |   x + nosuch
          |       ^^^^^^
          = note: in g, called from NB.md:8 (cell 2)
        """)
    }

    @Test func aReportDrawsAsRenderDiagnosticDoes() {
        let source = SourceFile(name: "x.soma", text: "a = 1\nb = [1, 2] + [1, 2, 3]\n")
        let start = SourceLocation(line: 2, column: 5, offset: 10)
        let end = SourceLocation(line: 2, column: 23, offset: 28)
        let diagnostic = Diagnostic(kind: .shape, message: "cannot add", span: Span(start: start, end: end),
                                    notes: ["a note"], stack: ["called from y.soma:4"])
        let report = DiagnosticReport(diagnostic, source: source)
        #expect(report.text() == renderDiagnostic(diagnostic, source: source))
        #expect(report.text().hasSuffix("  = note: a note\n  = note: called from y.soma:4"))
    }

    @Test func eachFormatDrawsTheSameFailure() throws {
        let executed = try NotebookRunner(kernel: SessionKernel()).run(Notebook(parsing: notebook, path: "NB.md"))
        let markdown = MarkdownRenderer().render(executed)
        #expect(markdown.contains("```text\nerror[name]: undefined name 'nosuch'\n --> NB.md:3:7 (cell 1)\n"))
        let html = HTMLRenderer().render(executed)
        #expect(html.contains("<pre class=\"error\">error[name]: undefined name &#39;nosuch&#39;") || html.contains("<pre class=\"error\">error[name]: undefined name 'nosuch'"))
        #expect(html.contains("<span class=\"caret\">^^^^^^</span>"))
        #expect(html.contains("<span class=\"stack\">  = note: in g, called from NB.md:8 (cell 2)</span>"))
        let json = NotebookJSONRenderer().render(executed)
        #expect(json.contains("\"ename\""))
        #expect(json.contains("  = note: in g, called from NB.md:8 (cell 2)"))
    }

    @Test func aTimeoutKeepsThePlaceAndStack() {
        let interrupted = CellFailure(DiagnosticReport(kind: "interrupt", message: "interrupted",
                                                       location: .init(file: "nb.md", line: 4, column: 3, cell: 2),
                                                       stack: ["called from nb.md:9 (cell 3)"]))
        let failure = NotebookRunner.timeoutFailure(after: 2, reported: interrupted)
        #expect(failure.message == "cell timed out after 2 s")
        #expect(failure.diagnostic.location == interrupted.diagnostic.location)
        #expect(failure.diagnostic.stack == ["called from nb.md:9 (cell 3)"])
        #expect(failure.text.hasPrefix("error[interrupt]: cell timed out after 2 s\n --> nb.md:4:3 (cell 2)"))
    }
}

/// Notebooks are read through the one reader, with its 64 MB cap.
@Suite struct NotebookFileCapTests {
    @Test func aNotebookOverTheCapIsRefusedByName() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.md").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("```soma\n1\n```\n".utf8)))
        // Sparse: 70 MB on paper without writing them.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 70 << 20)
        try handle.close()
        #expect {
            _ = try NotebookBatch.load(path)
        } throws: { error in
            "\(error)" == "\(path): cannot read the notebook (it holds 70.0 MB, more than the 64 MB a file may have)"
        }
    }
}
