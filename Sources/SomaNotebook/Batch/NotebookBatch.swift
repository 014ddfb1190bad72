import Foundation
import Synchronization
import SomaCore
import SomaLang

/// Runs several notebooks, each with its own kernel on its own thread, and
/// writes their outputs: the engine behind `soma run`.
///
///     let batch = NotebookBatch(settings: RunSettings(timeout: 60), writer: writer,
///                               jobs: 2, log: log, makeKernel: { _ in SessionKernel() })
///     let outcomes = batch.run(paths: ["Notebooks/02-lif.md"])
///     exit(NotebookBatch.exitStatus(outcomes))
public final class NotebookBatch: Sendable {
    private let settings: RunSettings
    private let writer: NotebookOutputWriter
    private let jobs: Int
    private let log: ProgressLog
    private let makeKernel: @Sendable (Notebook, OutputFolder) -> CellKernel
    private let active = ActiveRunners()

    /// - Parameters:
    ///   - jobs: notebooks run side by side (at least 1).
    ///   - makeKernel: a fresh kernel per notebook, since a notebook's cells share one scope;
    ///     it gets the notebook and its output folder (files the code writes land in
    ///     `staging`, which becomes the output folder).
    public init(settings: RunSettings, writer: NotebookOutputWriter, jobs: Int, log: ProgressLog,
                makeKernel: @escaping @Sendable (Notebook, OutputFolder) -> CellKernel) {
        self.settings = settings
        self.writer = writer
        self.jobs = max(1, jobs)
        self.log = log
        self.makeKernel = makeKernel
    }

    /// Reads and checks every notebook without running any: the outcomes
    /// hold a problem (logged) for each one that cannot run.
    public func check(paths: [String]) -> [NotebookOutcome] {
        prepare(paths).0
    }

    private func prepare(_ paths: [String]) -> ([NotebookOutcome], [(Int, Notebook)]) {
        var outcomes = paths.map { NotebookOutcome(path: $0) }
        var notebooks: [(Int, Notebook)] = []
        for (index, path) in paths.enumerated() {
            do {
                let notebook = try Self.load(path)
                // Check the parameters now: a bad --param is a usage error, not a failed cell.
                _ = try notebook.injecting(settings.parameters)
                try OutputFolder.check(root: writer.root, stem: notebook.stem, source: path)
                notebooks.append((index, notebook))
            } catch {
                outcomes[index].problem = .unusable("\(error)")
                log.note("error: \(error)")
            }
        }
        // Two notebooks with one name would overwrite each other's outputs.
        var firstWithStem: [String: String] = [:]
        for (index, notebook) in notebooks {
            if let other = firstWithStem[notebook.stem] {
                let problem = NotebookError(path: notebook.path, message: "writes to the same output folder as \(other) (\(writer.folder(for: notebook).path)); run them separately with different --out folders")
                outcomes[index].problem = .unusable("\(problem)")
                log.note("error: \(problem)")
            } else {
                firstWithStem[notebook.stem] = notebook.path
            }
        }
        return (outcomes, notebooks)
    }

    /// Reads and checks every notebook, then runs them and writes their outputs.
    ///
    /// Notebooks that cannot be read or parsed are reported before anything
    /// runs, so a typo in one path does not cost a long run of the others.
    public func run(paths: [String]) -> [NotebookOutcome] {
        let (outcomes, notebooks) = prepare(paths)
        guard notebooks.count == paths.count, !outcomes.contains(where: { $0.problem != nil }) else { return outcomes }
        let queue = WorkQueue(notebooks)
        let results = ResultStore(outcomes)
        let done = DispatchGroup()
        for _ in 0..<min(jobs, notebooks.count) {
            done.enter()
            let worker = Thread { [self] in
                while !active.isCancelled, let (index, notebook) = queue.next() {
                    results.set(index, runOne(notebook, path: paths[index]))
                }
                done.leave()
            }
            // Deep Soma recursion needs a deep native stack; the interpreter guards its depth.
            worker.stackSize = 512 << 20
            worker.start()
        }
        done.wait()
        return results.all
    }

    /// Stops the batch from another thread (Ctrl-C): running cells are
    /// interrupted, their notebooks written as they stand, and notebooks not
    /// yet started are left alone.
    public func cancel() {
        active.cancelAll()
    }

    /// Whether `cancel` was called.
    public var wasCancelled: Bool { active.isCancelled }

    /// Reads and parses one notebook.
    ///
    /// - Throws: `NotebookError` for a file that cannot be read, is not
    ///   UTF-8, or is not a Markdown notebook (a Jupyter notebook or a Soma
    ///   script is named as such, with the command that handles it).
    public static func load(_ path: String) throws -> Notebook {
        try checkKind(path)
        let text: String
        do throws(UserFile.Failure) {
            text = try UserFile.readText(path)
        } catch .notText {
            throw NotebookError(path: path, message: "the notebook is not UTF-8 text")
        } catch {
            throw NotebookError(path: path, message: "cannot read the notebook (\(error.reason))")
        }
        return try Notebook(parsing: text, path: path)
    }

    /// Refuses files that are not Markdown notebooks by their extension.
    static func checkKind(_ path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        if lower.hasSuffix(".ipynb") {
            throw NotebookError(path: path, message: "is a Jupyter notebook; soma run takes Markdown notebooks: convert it first with: soma convert \(path)")
        }
        if lower.hasSuffix(".soma") {
            throw NotebookError(path: path, message: "is a Soma script, not a notebook; run it with: soma \(path)")
        }
        guard [".md", ".markdown", ".qmd"].contains(where: { lower.hasSuffix($0) }) else {
            throw NotebookError(path: path, message: "is not a Markdown notebook (.md); soma run takes Markdown files with ```soma cells")
        }
    }

    private func runOne(_ notebook: Notebook, path: String) -> NotebookOutcome {
        var outcome = NotebookOutcome(path: path)
        let clock = ContinuousClock()
        let start = clock.now
        // Take the output folder before any cell runs: a folder that cannot be
        // written, or that another run holds, stops the notebook here.
        let folder: OutputFolder
        do {
            folder = try writer.open(notebook)
        } catch {
            outcome.problem = .unusable("\(error)")
            log.note("error: \(error)")
            return outcome
        }
        defer { folder.discard() }
        let runner = NotebookRunner(kernel: makeKernel(notebook, folder), settings: settings,
                                    progress: { [log] in log.cellFinished($0) },
                                    started: { [log] in log.cellStarted($0) })
        active.add(runner)
        defer { active.remove(runner) }
        let executed: ExecutedNotebook
        do {
            executed = try runner.run(notebook)
        } catch {
            outcome.problem = .unusable("\(error)")
            log.note("error: \(error)")
            return outcome
        }
        outcome.executed = executed
        do {
            outcome.written = try writer.write(executed, into: folder) { log.note("warning: \($0)") }
        } catch {
            outcome.problem = .notWritten("\(error)")
            log.note("error: \(error)")
            return outcome
        }
        let results = executed.results.map(\.result.status)
        let failed = results.filter(\.isFailure).count
        let seconds = start.duration(to: clock.now).seconds
        let formats = writer.formats.map(\.rawValue).joined(separator: ", ")
        var summary = failed == 0 ? "ok" : "\(failed) failed"
        if let (cell, code) = executed.exit {
            outcome.exitCode = code
            summary = "stopped by exit(\(code)) in \(cell.label)"
                + (failed > 0 && code == 0 ? ", \(failed) failed" : "")
        }
        log.note("[\(notebook.stem)] \(summary): \(results.count) cells in \(ProgressLog.duration(seconds)); wrote \(folder.target.path)/ (\(formats))")
        return outcome
    }

    /// The process exit status for a batch: 2 a notebook was unusable, else
    /// the status a cell gave to `exit(n)` (the first such notebook's), else
    /// 1 a cell failed or output could not be written, else 0.
    public static func exitStatus(_ outcomes: [NotebookOutcome]) -> Int32 {
        if outcomes.contains(where: { if case .unusable = $0.problem { return true } else { return false } }) { return 2 }
        if let code = outcomes.lazy.compactMap(\.exitCode).first { return Int32(clamping: code) }
        if outcomes.contains(where: { $0.problem != nil || $0.executed?.hasFailure != false }) { return 1 }
        return 0
    }
}

/// What happened to one notebook of a batch.
public struct NotebookOutcome: Sendable {
    public enum Problem: Equatable, Sendable {
        /// Unreadable, malformed or given bad parameters: bad usage (exit 2).
        case unusable(String)
        /// Ran, but its outputs could not be written (exit 1).
        case notWritten(String)
    }

    public var path: String
    public var executed: ExecutedNotebook?
    public var written: [URL] = []
    public var problem: Problem?
    /// The status a cell gave to `exit(n)`, which stopped the notebook.
    public var exitCode: Int?

    public init(path: String) { self.path = path }
}

/// The runners working now, so a cancel reaches each of them.
private final class ActiveRunners: Sendable {
    private struct State {
        var runners: [ObjectIdentifier: NotebookRunner] = [:]
        var cancelled = false
    }

    private let state = Mutex(State())

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Registers a runner; one added after a cancel is cancelled at once.
    func add(_ runner: NotebookRunner) {
        let cancelNow = state.withLock { state in
            state.runners[ObjectIdentifier(runner)] = runner
            return state.cancelled
        }
        if cancelNow { runner.cancel() }
    }

    func remove(_ runner: NotebookRunner) {
        state.withLock { $0.runners[ObjectIdentifier(runner)] = nil }
    }

    func cancelAll() {
        let current = state.withLock { state in
            state.cancelled = true
            return Array(state.runners.values)
        }
        for runner in current { runner.cancel() }
    }
}

/// Hands out notebooks to worker threads.
private final class WorkQueue: Sendable {
    private let items: Mutex<[(Int, Notebook)]>

    init(_ items: [(Int, Notebook)]) { self.items = Mutex(items.reversed()) }

    func next() -> (Int, Notebook)? {
        items.withLock { $0.popLast() }
    }
}

/// Collects outcomes from worker threads.
private final class ResultStore: Sendable {
    private let outcomes: Mutex<[NotebookOutcome]>

    init(_ outcomes: [NotebookOutcome]) { self.outcomes = Mutex(outcomes) }

    func set(_ index: Int, _ outcome: NotebookOutcome) {
        outcomes.withLock { $0[index] = outcome }
    }

    var all: [NotebookOutcome] {
        outcomes.withLock { $0 }
    }
}
