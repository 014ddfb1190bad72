import Testing
@testable import SomaNotebook
import SomaLang

/// Errors in a function defined in one cell and called from a later cell
/// are drawn in the defining cell, with the calling cell in a note.
@Suite struct SessionErrorSourceTests {
    @Test func functionFromAnEarlierCellPointsIntoThatCell() throws {
        let text = """
        # Errors

        ```soma
        fn g(x) {
          x + nosuch
        }
        ```

        Some prose.

        ```soma
        y = 1
        g(y)
        ```

        """
        let executed = try NotebookRunner(kernel: SessionKernel()).run(Notebook(parsing: text, path: "NB.md"))
        let results = executed.results.map(\.result)
        #expect(results.count == 2)
        let error = try #require(results.last?.output.error)
        #expect(error.kind == "name")
        #expect(error.location == "NB.md:5:7 (cell 1)", "\(error.text)")
        #expect(error.text.contains("5 |   x + nosuch"), "\(error.text)")
        #expect(error.text.contains("= note: in g, called from NB.md:13 (cell 2)"), "\(error.text)")
    }

    @Test func endOfCellSyntaxErrorPointsAtTheLastLine() throws {
        let text = "```soma\nx = 1\nz = (x +\n```\n"
        let executed = try NotebookRunner(kernel: SessionKernel()).run(Notebook(parsing: text, path: "NB.md"))
        let error = try #require(executed.results.first?.result.output.error)
        #expect(error.kind == "syntax")
        #expect(error.location == "NB.md:3:9 (cell 1)", "\(error.text)")
        #expect(error.text.contains("3 | z = (x +"), "\(error.text)")
    }
}
