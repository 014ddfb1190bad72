import Foundation
import Testing
@testable import SomaNotebook
import SomaLang

/// The notebook runner over a real Soma session.
@Suite struct SessionKernelTests {
    private func request(_ code: String, line: Int = 10, cell: Int = 2) -> CellRequest {
        CellRequest(code: code, path: "nb.md", firstLine: line, cell: cell)
    }

    @Test func cellsShareOneGlobalScope() {
        let kernel = SessionKernel()
        let first = kernel.execute(request("x = 2\nprint(\"x is\", x)\n"))
        #expect(first.error == nil, "\(first.error?.text ?? "")")
        #expect(first.stream == "x is 2\n")
        #expect(first.value == nil)
        let second = kernel.execute(request("x^3\n"))
        #expect(second.value == "8")
        #expect(second.stream == "")
    }

    @Test func errorsPointIntoTheNotebook() {
        let kernel = SessionKernel()
        let output = kernel.execute(request("y = 1\nz = undefined_name + 1\n", line: 57, cell: 6))
        let error = output.error
        #expect(error?.kind == "name")
        #expect(error?.location?.hasPrefix("nb.md:58:") == true, "\(error?.text ?? "")")
        #expect(error?.location?.hasSuffix("(cell 6)") == true)
        #expect(error?.text.contains("58 | z = undefined_name + 1") == true)
    }

    @Test func aRunawayCellTimesOutAndTheSessionCarriesOn() throws {
        let text = "```soma\nn = 0\nwhile true { n += 1 }\n```\n\n```soma\n40 + 2\n```\n"
        let settings = RunSettings(timeout: 0.5, keepGoing: true)
        let executed = try NotebookRunner(kernel: SessionKernel(), settings: settings)
            .run(Notebook(parsing: text, path: "nb.md"))
        let results = executed.results.map(\.result)
        #expect(results.map(\.status) == [.timedOut, .succeeded])
        #expect(results.first?.output.error?.text.hasPrefix("error[interrupt]: cell timed out after 0.5 s") == true)
        #expect(results.last?.output.value == "42")
    }

    @Test func parametersAreParsedAsSomaLiterals() throws {
        let text = "```soma\n#| parameters\nn = 3\nname = \"a\"\n```\n\n```soma\nprint(n * 2, name)\n```\n"
        let parameters = try [NotebookParameter(argument: "n=21"), NotebookParameter(argument: "name=\"lif\"")]
        let executed = try NotebookRunner(kernel: SessionKernel(), settings: RunSettings(parameters: parameters))
            .run(Notebook(parsing: text, path: "nb.md"))
        #expect(executed.results.last?.result.output.stream == "42 lif\n")
    }

    @Test func theSampleNotebookRuns() throws {
        let executed = try NotebookRunner(kernel: SessionKernel()).run(Sample.notebook())
        for (cell, result) in executed.results {
            #expect(!result.status.isFailure, "\(cell.label): \(result.output.error?.text ?? "")")
        }
        let printed = executed.results[1].result.output.stream
        #expect(printed.hasPrefix("inputs: [") && printed.contains("1.5") && printed.hasSuffix("]\n"), "\(printed)")
        #expect(executed.results[2].result.figures.count == 2)
        #expect(executed.results[3].result.status == .failedAsExpected)
        #expect(executed.results[3].result.output.error?.kind == "shape")
    }
}
