import Testing
@testable import SomaLang

@Suite struct DiagnosticRendererTests {
    func span(_ line: Int, _ start: Int, _ end: Int) -> Span {
        span(line, start, line, end)
    }

    func span(_ line: Int, _ start: Int, _ endLine: Int, _ end: Int) -> Span {
        Span(start: SourceLocation(line: line, column: start, offset: 0),
             end: SourceLocation(line: endLine, column: end, offset: 0))
    }

    @Test func notebookCellError() {
        let source = SourceFile(name: "Notebooks/02-xor.md", text: "W = eye(3)\n  z = W @ x + b\n", firstLine: 40, cell: 4)
        let diagnostic = Diagnostic(kind: .shape, message: "cannot add tensors of shape [3, 4] and [5]",
                                    span: span(41, 7, 16))
        #expect(renderDiagnostic(diagnostic, source: source) == """
        error[shape]: cannot add tensors of shape [3, 4] and [5]
          --> Notebooks/02-xor.md:41:7 (cell 4)
           |
        41 |   z = W @ x + b
           |       ^^^^^^^^^
        """)
    }

    @Test func parserErrorWithNote() throws {
        let source = SourceFile(name: "t.soma", text: "y = 2x")
        let diagnostic = try #require(Parser.parse(source).diagnostics.first)
        #expect(renderDiagnostic(diagnostic, source: source) == """
        error[syntax]: invalid suffix 'x' on number
         --> t.soma:1:6
          |
        1 | y = 2x
          |      ^
          = note: numbers may end in a time unit: ms, us or s; write '2 * x' for a product
        """)
    }

    @Test func endOfInputGetsOneCaret() throws {
        let source = SourceFile(name: "<repl>", text: "f(1,\n  2")
        let diagnostic = try #require(Parser.parse(source).diagnostics.first)
        #expect(renderDiagnostic(diagnostic, source: source) == """
        error[syntax]: expected ')' to close '(' at line 1, found end of input
         --> <repl>:2:4
          |
        2 |   2
          |    ^
        """)
    }

    @Test func multiLineSpansUnderlineTheFirstLine() {
        let source = SourceFile(name: "a.soma", text: "x = f(1,\n      2)")
        let diagnostic = Diagnostic(kind: .type, message: "f is not a function", span: span(1, 5, 2, 9))
        #expect(renderDiagnostic(diagnostic, source: source) == """
        error[type]: f is not a function
         --> a.soma:1:5
          |
        1 | x = f(1,
          |     ^^^^
        """)
    }

    @Test func caretsCountUnicodeScalars() throws {
        let source = SourceFile(name: "u.soma", text: "τ_m = α +* 2")
        let diagnostic = try #require(Parser.parse(source).diagnostics.first)
        #expect(renderDiagnostic(diagnostic, source: source) == """
        error[syntax]: expected an expression, found '*'
         --> u.soma:1:10
          |
        1 | τ_m = α +* 2
          |          ^
        """)
    }

    @Test func tabsKeepCaretsAligned() {
        let source = SourceFile(name: "a.soma", text: "\tx = y")
        let diagnostic = Diagnostic(kind: .name, message: "unknown name 'y'", span: span(1, 6, 7))
        #expect(renderDiagnostic(diagnostic, source: source).hasSuffix("1 | \tx = y\n  | \t    ^"))
    }

    @Test func wideGutterForLongFiles() {
        let text = String(repeating: "\n", count: 99) + "boom()"
        let source = SourceFile(name: "long.soma", text: text)
        let diagnostic = Diagnostic(kind: .user, message: "bad input", span: span(100, 1, 7))
        #expect(renderDiagnostic(diagnostic, source: source) == """
        error[user]: bad input
           --> long.soma:100:1
            |
        100 | boom()
            | ^^^^^^
        """)
    }

    @Test func withoutSpanOrSource() {
        let diagnostic = Diagnostic(kind: .interrupt, message: "interrupted", notes: ["press Ctrl-C again to quit"])
        #expect(renderDiagnostic(diagnostic, source: nil) == """
        error[interrupt]: interrupted
          = note: press Ctrl-C again to quit
        """)
        let io = Diagnostic(kind: .io, message: "cannot read data.csv")
        #expect(renderDiagnostic(io, source: SourceFile(name: "nb.md", text: "", cell: 2))
                == "error[io]: cannot read data.csv\n --> nb.md (cell 2)")
    }

    @Test func diagnosticsFromAnotherFileUseThatFile() {
        let library = SourceFile(name: "Stdlib/neurons.soma", text: "fn f(x) = x +  y")
        let diagnostic = Diagnostic(kind: .name, message: "unknown name 'y'", span: span(1, 16, 17), source: library)
        let shown = renderDiagnostic(diagnostic, source: SourceFile(name: "main.soma", text: "f(1)"))
        #expect(shown == """
        error[name]: unknown name 'y'
         --> Stdlib/neurons.soma:1:16
          |
        1 | fn f(x) = x +  y
          |                ^
        """)
    }

    @Test func colorOnlyWhenAsked() {
        let source = SourceFile(name: "a.soma", text: "x")
        let diagnostic = Diagnostic(kind: .name, message: "unknown name 'x'", span: span(1, 1, 2))
        #expect(!renderDiagnostic(diagnostic, source: source).contains("\u{1B}"))
        let colored = renderDiagnostic(diagnostic, source: source, color: true)
        #expect(colored.contains("\u{1B}[1;31merror[name]\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;31m^\u{1B}[0m"))
    }

    @Test func severalDiagnosticsInSourceOrder() {
        let source = SourceFile(name: "t.soma", text: "a = * 1\nb = 2x")
        let text = renderDiagnostics(Parser.parse(source).diagnostics, source: source)
        #expect(text.components(separatedBy: "\n\n").count == 2)
        #expect(text.hasPrefix("error[syntax]: expected an expression, found '*'"))
    }

    @Test func sourceLines() {
        let source = SourceFile(name: "a", text: "one\r\ntwo\n\nfour", firstLine: 10)
        #expect(source.line(10) == "one")
        #expect(source.line(11) == "two")
        #expect(source.line(12) == "")
        #expect(source.line(13) == "four")
        #expect(source.line(14) == nil)
        #expect(source.line(9) == nil)
    }
}
