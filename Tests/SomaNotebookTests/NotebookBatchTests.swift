import Foundation
import Testing
import SomaLang
import Synchronization
@testable import SomaNotebook

@Suite struct NotebookBatchTests {
    /// A batch over scripted kernels that answer every cell with `steps`, logging into `lines`.
    private func batch(out: URL, jobs: Int = 1, settings: RunSettings = RunSettings(),
                       formats: [OutputFormat] = OutputFormat.allCases, log: LogCapture,
                       steps: @escaping @Sendable () -> [ScriptedKernel.Step]) -> NotebookBatch {
        NotebookBatch(settings: settings, writer: NotebookOutputWriter(root: out, formats: formats), jobs: jobs,
                      log: ProgressLog(color: false, write: log.append), makeKernel: { _, _ in ScriptedKernel(steps()) })
    }

    private func copySample(to folder: URL, as name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Sample.fixture("sample.md").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func writesEveryFormatAndFigureIntoTheNotebooksFolder() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try copySample(to: folder, as: "03-lif.md")
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let log = LogCapture()
        let out = folder.appendingPathComponent("out")
        let outcomes = batch(out: out, log: log, steps: { Sample.steps }).run(paths: [path])
        #expect(NotebookBatch.exitStatus(outcomes) == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("03-lif").path).sorted()
        #expect(files == [".soma-manifest", "03-lif.html", "03-lif.ipynb", "03-lif.md", "cell3-fig1.png", "cell3-fig2.png"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == source, "the source notebook must not change")
        #expect(log.lines.count == 5)
        #expect(log.lines[1].hasPrefix("[03-lif.md] 2/4 cell 2 (inputs): ok ("))
        #expect(log.lines[4].hasPrefix("[03-lif] ok: 4 cells in "))
    }

    @Test func aFailingCellExitsOneAndStillWritesThePartialRendering() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try copySample(to: folder, as: "nb.md")
        let out = folder.appendingPathComponent("out")
        var steps = Sample.steps
        steps[1] = .output(CellOutput(error: CellFailure(kind: "name", message: "undefined name 'linspace'",
                                                         location: .init(file: "nb.md", line: 16, column: 5, cell: 2))))
        let log = LogCapture()
        let script = steps
        let outcomes = batch(out: out, formats: [.markdown], log: log, steps: { script }).run(paths: [path])
        #expect(NotebookBatch.exitStatus(outcomes) == 1)
        let markdown = try String(contentsOf: out.appendingPathComponent("nb/nb.md"), encoding: .utf8)
        #expect(markdown.contains("error[name]: undefined name 'linspace'\n  --> nb.md:16:5 (cell 2)"))
        #expect(log.lines.contains("    error[name]: undefined name 'linspace'"))
        #expect(log.lines.contains("[nb.md] 3/4 cell 3: not run"))
    }

    @Test func unreadableOrMalformedNotebooksExitTwoBeforeAnythingRuns() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try copySample(to: folder, as: "good.md")
        let bad = folder.appendingPathComponent("bad.md").path
        try "```soma\n#| timeout: never\n1\n```\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let missing = folder.appendingPathComponent("missing.md").path
        let log = LogCapture()
        let out = folder.appendingPathComponent("out")
        let outcomes = batch(out: out, log: log, steps: { Sample.steps }).run(paths: [good, bad, missing])
        #expect(NotebookBatch.exitStatus(outcomes) == 2)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing runs when a notebook is unusable")
        #expect(log.lines.contains { $0.contains("bad.md:2: cell option 'timeout' takes a positive number") })
        #expect(log.lines.contains { $0.contains("missing.md: cannot read the notebook (no such file)") })
    }

    @Test func notebooksWithOneNameCannotShareAnOutputFolder() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let paths = [try copySample(to: folder, as: "a/intro.md"), try copySample(to: folder, as: "b/intro.md")]
        let log = LogCapture()
        let outcomes = batch(out: folder.appendingPathComponent("out"), log: log, steps: { Sample.steps }).run(paths: paths)
        #expect(NotebookBatch.exitStatus(outcomes) == 2)
        #expect(log.lines.contains { $0.contains("b/intro.md: writes to the same output folder as") })
    }

    @Test func liveModeReplacesTheRunningLine() {
        let log = LogCapture()
        let progress = ProgressLog(color: false, live: true, write: log.append)
        let cell = CellProgress(path: "nb.md", label: "cell 1", position: 1, total: 2, status: .notRun, seconds: 0, failure: nil)
        progress.cellStarted(cell)
        var done = cell
        done.status = .succeeded
        done.seconds = 0.5
        progress.cellFinished(done)
        #expect(log.text == "\r\u{1B}[K[nb.md] 1/2 cell 1: running...\r\u{1B}[K[nb.md] 1/2 cell 1: ok (0.50 s)\n")
        let quiet = LogCapture()
        ProgressLog(color: false, write: quiet.append).cellStarted(cell)
        #expect(quiet.text.isEmpty, "no live line unless asked for")
    }

    @Test func badParametersExitTwo() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try copySample(to: folder, as: "nb.md")
        let settings = RunSettings(parameters: [NotebookParameter(name: "epochs", literal: "3")])
        let outcomes = batch(out: folder, settings: settings, log: LogCapture(), steps: { Sample.steps }).run(paths: [path])
        #expect(NotebookBatch.exitStatus(outcomes) == 2)
    }

    @Test func runsNotebooksSideBySideEachWithItsOwnKernel() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try (1...4).map { try copySample(to: folder, as: "nb\($0).md") }
        let out = folder.appendingPathComponent("out")
        let log = LogCapture()
        let outcomes = batch(out: out, jobs: 2, formats: [.ipynb], log: log, steps: { Sample.steps }).run(paths: paths)
        #expect(NotebookBatch.exitStatus(outcomes) == 0)
        #expect(outcomes.map(\.path) == paths)
        #expect(outcomes.allSatisfy { $0.executed?.results.count == 4 })
        for index in 1...4 {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("nb\(index)/nb\(index).ipynb").path))
        }
    }

    @Test func removesFiguresLeftFromAnEarlierRun() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try copySample(to: folder, as: "nb.md")
        let out = folder.appendingPathComponent("out")
        let stale = out.appendingPathComponent("nb/cell9-fig1.png")
        try FileManager.default.createDirectory(at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: stale)
        let mine = out.appendingPathComponent("nb/my-notes.png")
        try Data().write(to: mine)
        try "# written by soma\ncell9-fig1.png\n".write(to: out.appendingPathComponent("nb/.soma-manifest"), atomically: true, encoding: .utf8)
        _ = batch(out: out, formats: [.markdown], log: LogCapture(), steps: { Sample.steps }).run(paths: [path])
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: mine.path))
    }

    @Test func aFolderWithoutManifestIsSomasOnlyWhenEveryFileLooksLikeSomas() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("nb")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        for name in ["nb.md", "nb.html", "cell2-fig1.png"] { try Data().write(to: old.appendingPathComponent(name)) }
        #expect(OutputFolder.userFiles(in: old, stem: "nb") == [])
        try Data().write(to: old.appendingPathComponent("notes.txt"))
        #expect(OutputFolder.userFiles(in: old, stem: "nb") == ["cell2-fig1.png", "nb.html", "nb.md", "notes.txt"])
    }

    @Test func exitInACellStopsTheRunWithItsStatusAndNamesTheCell() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("e.md").path
        try "```soma\nx = 1\n```\n\n```soma\nexit(4)\n```\n\n```soma\nnever\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        let log = LogCapture()
        let outcomes = batch(out: folder.appendingPathComponent("out"), log: log, steps: {
            [.output(CellOutput()), .output(CellOutput(exitCode: 4)), .output(CellOutput(value: "ran"))]
        }).run(paths: [path])
        #expect(NotebookBatch.exitStatus(outcomes) == 4)
        #expect(outcomes[0].executed?.results.map(\.result.status) == [.succeeded, .failed, .notRun])
        #expect(log.text.contains("stopped by exit(4) in cell 2"))
    }

    @Test func refusesInputThatIsNotAMarkdownNotebookBeforeRunning() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, hint) in [("x.ipynb", "soma convert"), ("x.soma", "run it with: soma"), ("x.txt", "not a Markdown notebook")] {
            let path = folder.appendingPathComponent(name).path
            try "```soma\n1\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
            let log = LogCapture()
            let outcomes = batch(out: folder.appendingPathComponent("out"), log: log, steps: { [] }).run(paths: [path])
            #expect(NotebookBatch.exitStatus(outcomes) == 2)
            #expect(log.text.contains(hint), "\(name): \(log.text)")
            #expect(outcomes[0].executed == nil)
        }
    }
}

/// Collects progress lines written from any thread.
final class LogCapture: Sendable {
    private let storage = Mutex("")

    func append(_ piece: String) {
        storage.withLock { $0 += piece }
    }

    var text: String { storage.withLock { $0 } }

    var lines: [String] { text.split(separator: "\n").map(String.init) }
}
