import Testing
@testable import SomaNotebook

@Suite struct CellOptionsTests {
    private func options(_ lines: String) throws -> CellOptions {
        let notebook = try Notebook(parsing: "```soma\n\(lines)x = 1\n```\n", path: "n.md")
        return try #require(notebook.cells.first).options
    }

    @Test func readsEveryOption() throws {
        let parsed = try options("""
        #| name: tuning-curve
        #| echo: false
        #| skip: true
        #| timeout: 2.5
        #| fig-width: 600
        #| fig-height: 300
        #| fig-cap: "Rate vs input"
        #| error: expected

        """)
        #expect(parsed.name == "tuning-curve")
        #expect(parsed.echo == false)
        #expect(parsed.skip)
        #expect(parsed.timeout == 2.5)
        #expect(parsed.figureWidth == 600)
        #expect(parsed.figureHeight == 300)
        #expect(parsed.figureCaption == "Rate vs input")
        #expect(parsed.expectsError)
    }

    @Test func optionLinesAreNotCode() throws {
        let notebook = try Notebook(parsing: "```soma\n#| name: a\n#| skip\nx = 1\n#| later lines are code\n```\n", path: "n.md")
        let cell = try #require(notebook.cells.first)
        #expect(cell.options.skip)
        #expect(cell.code == "x = 1\n#| later lines are code\n")
        #expect(cell.firstLine == 4)
    }

    @Test(arguments: [
        ("#| eco: false\n", "unknown cell option 'eco'"),
        ("#| timeout: soon\n", "positive number of seconds"),
        ("#| timeout: -1\n", "positive number of seconds"),
        ("#| fig-width: 1e9\n", "pixels"),
        ("#| echo: maybe\n", "true or false"),
        ("#| error: true\n", "error: expected"),
        ("#| name: a b\n", "may use only"),
        ("#| name: ../x\n", "may use only"),
        ("#| name: cell12\n", "reserved"),
    ])
    func rejectsBadOptionsWithTheirLine(lines: String, message: String) {
        do {
            _ = try Notebook(parsing: "```soma\n\(lines)x = 1\n```\n", path: "n.md")
            Issue.record("expected an error for \(lines)")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func rejectsRepeatedNames() {
        let text = "```soma\n#| name: a\n1\n```\n\n```soma\n#| name: a\n2\n```\n"
        #expect(throws: NotebookError.self) { try Notebook(parsing: text, path: "n.md") }
    }

    @Test func canonicalLinesParseBackToTheSameOptions() throws {
        let text = "```soma\n#| name: a\n#| echo: false\n#| skip\n#| timeout: 2.5\n#| fig-width: 600\n#| fig-height: 300\n#| fig-cap: Rate vs input\n#| error: expected\n#| parameters\nx = 1\n```\n"
        let original = try #require(try Notebook(parsing: text, path: "n.md").cells.first).options
        let again = "```soma\n" + original.lines.map { $0 + "\n" }.joined() + "x = 1\n```\n"
        #expect(try Notebook(parsing: again, path: "n.md").cells.first?.options == original)
        #expect(original.lines.count == 9)
        #expect(CellOptions().lines.isEmpty)
    }
}
