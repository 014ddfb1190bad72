import Foundation
import Testing
import SomaLang
@testable import SomaNotebook

@Suite struct MarkdownRendererTests {
    private func renderSample() throws -> String {
        let executed = try NotebookRunner(kernel: ScriptedKernel(Sample.steps)).run(Sample.notebook())
        return MarkdownRenderer().render(executed)
    }

    @Test func matchesTheGoldenFile() throws {
        let rendered = try renderSample()
        let golden = try? Sample.fixture("sample.expected.md")
        if rendered != golden {
            // Keep the actual rendering to diff against the golden and, if right, copy over it.
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("sample.actual.md")
            try? rendered.write(to: actual, atomically: true, encoding: .utf8)
            Issue.record("the Markdown rendering differs from Fixtures/sample.expected.md; see \(actual.path)")
        }
    }

    @Test func echoFalseHidesTheCodeButNotTheOutput() throws {
        let text = "Intro\n\n```soma\n#| echo: false\nprint(\"hi\")\n```\n"
        let kernel = ScriptedKernel([.output(CellOutput(stream: "hi\n"))])
        let executed = try NotebookRunner(kernel: kernel).run(Notebook(parsing: text, path: "n.md"))
        #expect(MarkdownRenderer().render(executed) == "Intro\n\n```text\nhi\n```\n")
    }

    @Test func outputWithBackticksGetsALongerFence() throws {
        let text = "```soma\nprint(\"```\")\n```\n"
        let kernel = ScriptedKernel([.output(CellOutput(stream: "```\n"))])
        let executed = try NotebookRunner(kernel: kernel).run(Notebook(parsing: text, path: "n.md"))
        #expect(MarkdownRenderer().render(executed).hasSuffix("\n````text\n```\n````\n"))
    }

    @Test func failedRunsShowTheErrorInPlaceAndMarkTheRest() throws {
        var steps = Sample.steps
        steps[1] = .output(CellOutput(error: CellFailure(kind: "name", message: "undefined name 'linspace'",
                                                         location: .init(file: "sample.md", line: 16, column: 5, cell: 2))))
        let executed = try NotebookRunner(kernel: ScriptedKernel(steps)).run(Sample.notebook())
        let rendered = MarkdownRenderer().render(executed)
        #expect(rendered.contains("x\n```\n\n```text\nerror[name]: undefined name 'linspace'\n  --> sample.md:16:5 (cell 2)\n```\n"))
        #expect(rendered.components(separatedBy: "*Not run: the run stopped at an earlier cell.*").count == 3)
    }
}
