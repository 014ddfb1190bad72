import Foundation
import Testing
@testable import SomaNotebook

@Suite struct NotebookRunnerTests {
    private let failure = CellFailure(kind: "name", message: "undefined name 'y'")

    @Test func runsCellsInOrderWithTheirLocations() throws {
        let kernel = ScriptedKernel(Sample.steps)
        let executed = try NotebookRunner(kernel: kernel).run(Sample.notebook())
        #expect(executed.results.map(\.result.status) == [.succeeded, .succeeded, .succeeded, .failedAsExpected])
        #expect(!executed.hasFailure)
        #expect(kernel.requests.map(\.cell) == [1, 2, 3, 4])
        #expect(kernel.requests.map(\.firstLine) == [8, 16, 22, 30])
        #expect(kernel.requests.allSatisfy { $0.path == "sample.md" })
        #expect(executed.results[2].result.figures.map(\.fileName) == ["cell3-fig1.png", "cell3-fig2.png"])
    }

    @Test func namedCellsNameTheirFigures() throws {
        var steps = Sample.steps
        steps[1] = .output(CellOutput(figures: [Sample.png]))
        let executed = try NotebookRunner(kernel: ScriptedKernel(steps)).run(Sample.notebook())
        #expect(executed.results[1].result.figures.map(\.fileName) == ["inputs-fig1.png"])
    }

    @Test func stopsAtTheFirstFailure() throws {
        var steps = Sample.steps
        steps[1] = .output(CellOutput(stream: "partial\n", error: failure))
        let kernel = ScriptedKernel(steps)
        let executed = try NotebookRunner(kernel: kernel).run(Sample.notebook())
        #expect(executed.results.map(\.result.status) == [.succeeded, .failed, .notRun, .notRun])
        #expect(executed.hasFailure)
        #expect(kernel.requests.count == 2)
        #expect(executed.results[1].result.output.stream == "partial\n")
    }

    @Test func keepGoingRunsTheRest() throws {
        var steps = Sample.steps
        steps[1] = .output(CellOutput(error: failure))
        let kernel = ScriptedKernel(steps)
        let executed = try NotebookRunner(kernel: kernel, settings: RunSettings(keepGoing: true)).run(Sample.notebook())
        #expect(executed.results.map(\.result.status) == [.succeeded, .failed, .succeeded, .failedAsExpected])
        #expect(kernel.requests.count == 4)
    }

    @Test func anExpectedErrorThatDoesNotHappenFails() throws {
        var steps = Sample.steps
        steps[3] = .output(CellOutput(value: "[2, 4, 3]"))
        let executed = try NotebookRunner(kernel: ScriptedKernel(steps)).run(Sample.notebook())
        let last = try #require(executed.results.last)
        #expect(last.result.status == .failed)
        #expect(last.result.output.error?.message.contains("ran without error") == true)
        #expect(last.result.output.error?.text.contains("sample.md:30 (cell 4)") == true)
    }

    @Test func skippedCellsDoNotRun() throws {
        let text = "```soma\n#| skip\nslow()\n```\n\n```soma\n1\n```\n"
        let kernel = ScriptedKernel([.output(CellOutput(value: "1"))])
        let executed = try NotebookRunner(kernel: kernel).run(Notebook(parsing: text, path: "n.md"))
        #expect(executed.results.map(\.result.status) == [.skipped, .succeeded])
        #expect(kernel.requests.map(\.cell) == [2])
    }

    @Test func aCellPastItsTimeoutIsInterrupted() throws {
        let text = "```soma\nwhile true { }\n```\n\n```soma\n1\n```\n"
        let kernel = ScriptedKernel([.hang, .output(CellOutput(value: "1"))])
        let lines = Recorder<CellProgress>()
        let runner = NotebookRunner(kernel: kernel, settings: RunSettings(timeout: 0.2), progress: { lines.append($0) })
        let executed = try runner.run(Notebook(parsing: text, path: "n.md"))
        let first = try #require(executed.results.first).result
        #expect(first.status == .timedOut)
        #expect(first.output.error?.kind == "interrupt")
        #expect(first.output.error?.message == "cell timed out after 0.2 s")
        // The kernel's location survives; only the message changes.
        #expect(first.output.error?.text == "error[interrupt]: cell timed out after 0.2 s\n --> n.md:2:1 (cell 1)")
        #expect(first.output.stream == "started\n")
        #expect(first.seconds >= 0.2 && first.seconds < 5)
        #expect(executed.results.last?.result.status == .notRun)
        #expect(lines.all.map(\.status) == [.timedOut, .notRun])
    }

    @Test func aCellTimeoutOptionOverridesTheDefault() throws {
        let text = "```soma\n#| timeout: 0.1\nwhile true { }\n```\n\n```soma\n1\n```\n"
        let kernel = ScriptedKernel([.hang, .output(CellOutput(value: "1"))])
        let settings = RunSettings(timeout: 1000, keepGoing: true)
        let executed = try NotebookRunner(kernel: kernel, settings: settings).run(Notebook(parsing: text, path: "n.md"))
        #expect(executed.results.map(\.result.status) == [.timedOut, .succeeded])
        #expect(executed.results.first?.result.output.error?.message == "cell timed out after 0.1 s")
    }

    @Test func passesFigureSizes() throws {
        let text = "```soma\n#| fig-width: 640\n#| fig-height: 320\nplot([1])\n```\n"
        let kernel = ScriptedKernel([])
        _ = try NotebookRunner(kernel: kernel).run(Notebook(parsing: text, path: "n.md"))
        #expect(kernel.requests.first?.figureWidth == 640)
        #expect(kernel.requests.first?.figureHeight == 320)
    }

    @Test func cancelStopsTheRunAndKeepsWhatRan() throws {
        let text = "```soma\n1\n```\n\n```soma\nwhile true { }\n```\n\n```soma\n3\n```\n"
        let kernel = ScriptedKernel([.output(CellOutput(value: "1")), .hang, .output(CellOutput(value: "3"))])
        let runner = NotebookRunner(kernel: kernel)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { runner.cancel() }
        let executed = try runner.run(Notebook(parsing: text, path: "n.md"))
        #expect(executed.results.map(\.result.status) == [.succeeded, .failed, .notRun])
        #expect(executed.results[1].result.output.error?.kind == "interrupt")
        #expect(kernel.requests.count == 2)
    }

    @Test func exitEndsTheNotebook() throws {
        let text = "```soma\nexit(0)\n```\n\n```soma\n2\n```\n"
        let clean = try NotebookRunner(kernel: ScriptedKernel([.output(CellOutput(exitCode: 0))]), settings: RunSettings(keepGoing: true))
            .run(Notebook(parsing: text, path: "n.md"))
        #expect(clean.results.map(\.result.status) == [.succeeded, .notRun])
        #expect(!clean.hasFailure)
        let failing = try NotebookRunner(kernel: ScriptedKernel([.output(CellOutput(exitCode: 3))]))
            .run(Notebook(parsing: text, path: "n.md"))
        #expect(failing.results.map(\.result.status) == [.failed, .notRun])
        #expect(failing.results.first?.result.output.error?.message == "the notebook called exit(3)")
    }

    @Test func aCellThatIgnoresItsInterruptIsAbandoned() throws {
        let text = "```soma\nnative_loop()\n```\n\n```soma\n1\n```\n"
        let kernel = ScriptedKernel([.stuck(3), .output(CellOutput(value: "1"))])
        let settings = RunSettings(timeout: 0.1, keepGoing: true, interruptGrace: 0.1)
        let executed = try NotebookRunner(kernel: kernel, settings: settings).run(Notebook(parsing: text, path: "n.md"))
        #expect(executed.results.map(\.result.status) == [.timedOut, .notRun])
        let error = try #require(executed.results.first?.result.output.error)
        #expect(error.message == "cell timed out after 0.1 s")
        #expect(error.text.contains("did not stop within 0.1 s of being interrupted"))
        #expect(try #require(executed.results.first).result.seconds < 2)
    }

    @Test func aHugeTimeoutIsSafe() throws {
        let kernel = ScriptedKernel([.output(CellOutput(value: "1"))])
        let executed = try NotebookRunner(kernel: kernel, settings: RunSettings(timeout: 1e300))
            .run(Notebook(parsing: "```soma\n1\n```\n", path: "n.md"))
        #expect(executed.results.first?.result.status == .succeeded)
    }
}
