import Testing
@testable import SomaLang

/// "Expected ..." at the end of the input points just past the last token,
/// not at the line after the code.
@Suite struct ParserEndOfInputTests {
    @Test func missingOperandPointsAfterTheLastToken() throws {
        let source = SourceFile(name: "t.soma", text: "x = 1\nz = (x +\n\n\n")
        let result = Parser.parse(source)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.span?.start.column == 9)
        #expect(renderDiagnostic(diagnostic, source: source).hasSuffix("2 | z = (x +\n  |         ^"))
    }

    @Test func notebookCellErrorStaysInsideTheCell() throws {
        let cell = SourceFile(name: "NB.md", text: "y = 2\nz = (x +\n", firstLine: 41, cell: 4)
        let diagnostic = try #require(Parser.parse(cell).diagnostics.first)
        #expect(diagnostic.span?.start.line == 42)
        #expect(diagnostic.span?.start.column == 9)
        let shown = renderDiagnostic(diagnostic, source: cell)
        #expect(shown.contains("--> NB.md:42:9 (cell 4)"), "\(shown)")
        #expect(shown.contains("42 | z = (x +"), "\(shown)")
    }

    @Test func unclosedBlockPointsAfterItsLastToken() throws {
        let diagnostic = try #require(Parser.parse(SourceFile(name: "t.soma", text: "fn f() {\n  1\n")).diagnostics.first)
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.span?.start.column == 4)
    }

    @Test func endOfInputStillMeansIncomplete() {
        for text in ["z = (x +\n", "fn f() {\n  1\n\n", "if x {"] {
            #expect(Parser.parse(SourceFile(name: "<repl>", text: text)).isIncomplete, "\(text)")
        }
    }

    @Test func errorsBeforeTheEndKeepTheirToken() throws {
        let diagnostic = try #require(Parser.parse(SourceFile(name: "t.soma", text: "x = )\ny = 2\n")).diagnostics.first)
        #expect(diagnostic.span?.start.line == 1)
        #expect(diagnostic.span?.start.column == 5)
    }
}

/// A line break where more was expected is an error now, not a prompt for
/// another line, even when it is the last thing in the input.
@Suite struct ParserEndOfLineTests {
    @Test func aMissingPieceBeforeTheLineBreakIsNotIncomplete() throws {
        let result = Parser.parse(SourceFile(name: "<repl>", text: "for x\n\n"))
        #expect(!result.isIncomplete)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.span?.start.line == 1)
        #expect(diagnostic.span?.start.column == 6)
    }

    @Test func anUnterminatedStringIsTheOnlyErrorAtTheEnd() {
        for text in ["z = f(\"abc", "z = f(\"abc\n", "z = f(\"abc\n\n"] {
            let diagnostics = Parser.parse(SourceFile(name: "t.soma", text: text)).diagnostics
            #expect(diagnostics.map(\.message) == ["unterminated string"], "\(text.debugDescription)")
        }
    }
}
