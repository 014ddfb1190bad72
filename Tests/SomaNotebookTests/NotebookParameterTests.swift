import Testing
@testable import SomaNotebook

@Suite struct NotebookParameterTests {
    @Test(arguments: ["3", "-2.5", ".5", "1e-3", "2_000", "20ms", "50us", "1s", "\"relu\"", "\"a \\\"b\\\" {{c}}\"",
                      "true", "false", "nil", "[1, 2, 3]", "[]", "[[1, 2], [3, 4]]", "[\"a\", 1,]",
                      "{a: 1, \"b c\": [2]}", "{}", "  7  "])
    func acceptsLiterals(_ text: String) {
        #expect(SomaLiteral.isValid(text), "\(text)")
    }

    @Test(arguments: ["", "relu", "1e", "2x", "\"open", "\"{x}\"", "[1, 2", "{a 1}", "f(1)", "1 + 2",
                      "[1] [2]", "--1", "True", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)])
    func rejectsEverythingElse(_ text: String) {
        #expect(!SomaLiteral.isValid(text), "\(text)")
    }

    @Test func parsesArguments() throws {
        let parameter = try NotebookParameter(argument: "τ_m = 20ms")
        #expect(parameter == NotebookParameter(name: "τ_m", literal: "20ms"))
        #expect(throws: NotebookError.self) { try NotebookParameter(argument: "n") }
        #expect(throws: NotebookError.self) { try NotebookParameter(argument: "2n=1") }
        #expect(throws: NotebookError.self) { try NotebookParameter(argument: "act=relu") }
    }

    @Test func injectsACellAfterTheParametersCell() throws {
        let parameters = [NotebookParameter(name: "n", literal: "50")]
        let kernel = ScriptedKernel([])
        let executed = try NotebookRunner(kernel: kernel, settings: RunSettings(parameters: parameters))
            .run(Sample.notebook())
        let cells = executed.results.map(\.cell)
        #expect(cells.count == 5)
        #expect(cells[1].origin == .injectedParameters)
        #expect(cells[1].code == "# Parameters injected by `soma run --param`\nn = 50\n")
        #expect(kernel.requests[1].code == cells[1].code)
        #expect(kernel.requests[1].cell == nil)
        #expect(kernel.requests[2].cell == 2)
        let markdown = MarkdownRenderer().render(executed)
        #expect(markdown.contains("rate = 20ms\n```\n\n```soma\n# Parameters injected by `soma run --param`\nn = 50\n```\n"))
    }

    @Test func rejectsParametersTheNotebookDoesNotDeclare() throws {
        let unknown = [NotebookParameter(name: "epochs", literal: "5")]
        do {
            _ = try Sample.notebook().injecting(unknown)
            Issue.record("expected an error")
        } catch let error as NotebookError {
            #expect(error.message.contains("does not set 'epochs' (it sets: n, rate)"))
        }
        let plain = try Notebook(parsing: "```soma\nx = 1\n```\n", path: "n.md")
        #expect(throws: NotebookError.self) { try plain.injecting(unknown) }
    }
}
