import Foundation
import Synchronization
import SomaLang

/// How a notebook run behaves.
public struct RunSettings: Equatable, Sendable {
    /// Seconds each cell may run (a cell's `#| timeout:` overrides it); nil for no limit.
    public var timeout: Double?
    /// Keep running after a failing cell instead of stopping there.
    public var keepGoing: Bool
    /// Values from `--param name=value`, injected after the `#| parameters` cell.
    public var parameters: [NotebookParameter]
    /// Seconds a timed-out cell gets to stop after its interrupt before it is
    /// abandoned (and the rest of the notebook with it).
    public var interruptGrace: Double

    public init(timeout: Double? = nil, keepGoing: Bool = false, parameters: [NotebookParameter] = [],
                interruptGrace: Double = 10) {
        self.timeout = timeout
        self.keepGoing = keepGoing
        self.parameters = parameters
        self.interruptGrace = interruptGrace
    }
}

/// A finished cell, as reported to a progress display.
public struct CellProgress: Sendable {
    public var path: String
    public var label: String
    /// 1-based position among the cells of this run, and their count.
    public var position: Int
    public var total: Int
    public var status: CellStatus
    public var seconds: Double
    /// The failure's location and message, for failed cells.
    public var failure: CellFailure?
}

/// Runs a notebook's cells top to bottom through one kernel.
///
///     let runner = NotebookRunner(kernel: kernel, settings: RunSettings(timeout: 60))
///     let executed = try runner.run(notebook)
public final class NotebookRunner: Sendable {
    private let kernel: CellKernel
    private let settings: RunSettings
    private let progress: @Sendable (CellProgress) -> Void
    private let started: @Sendable (CellProgress) -> Void
    private let stopRequest = StopRequest()

    /// - Parameters:
    ///   - kernel: runs the code; one kernel per notebook, since cells share its scope.
    ///   - settings: timeout, keep-going and parameters.
    ///   - progress: called after each cell, on the running thread.
    ///   - started: called before a cell runs (its status is `.notRun` until it ends).
    public init(kernel: CellKernel, settings: RunSettings = RunSettings(),
                progress: @escaping @Sendable (CellProgress) -> Void = { _ in },
                started: @escaping @Sendable (CellProgress) -> Void = { _ in }) {
        self.kernel = kernel
        self.settings = settings
        self.progress = progress
        self.started = started
    }

    /// Runs every cell and returns the notebook with its results.
    ///
    /// - Throws: `NotebookError` when `--param` values do not fit the notebook;
    ///   failing cells do not throw, they are recorded in the result.
    public func run(_ notebook: Notebook) throws(NotebookError) -> ExecutedNotebook {
        let prepared = try notebook.injecting(settings.parameters)
        let total = prepared.cells.count
        var blocks: [ExecutedBlock] = []
        var stopped = false
        var position = 0
        for block in prepared.blocks {
            switch block {
            case .prose(let text):
                blocks.append(.prose(text))
            case .cell(let cell):
                position += 1
                let result: CellResult
                if stopped || stopRequest.isSet {
                    result = CellResult(status: .notRun)
                } else if cell.options.skip {
                    result = CellResult(status: .skipped)
                } else {
                    started(CellProgress(path: notebook.path, label: cell.label, position: position,
                                         total: total, status: .notRun, seconds: 0, failure: nil))
                    let abandoned: Bool
                    (result, abandoned) = execute(cell, path: notebook.path)
                    // `exit(...)` ends the notebook even with --keep-going, as it ends a script;
                    // an abandoned cell still holds the session, so nothing more can run.
                    stopped = (result.status.isFailure && !settings.keepGoing) || result.output.exitCode != nil
                        || abandoned
                }
                blocks.append(.cell(cell, result))
                progress(CellProgress(path: notebook.path, label: cell.label, position: position,
                                      total: total, status: result.status, seconds: result.seconds,
                                      failure: result.status.isFailure ? result.output.error : nil))
            }
        }
        return ExecutedNotebook(notebook: prepared, blocks: blocks)
    }

    /// Stops the run from another thread (Ctrl-C): the running cell is
    /// interrupted and the remaining cells are not run; `run` still returns
    /// the partial notebook so it can be written.
    public func cancel() {
        stopRequest.set()
        kernel.interrupt()
    }

    /// Runs one cell under its time limit and judges the outcome; also says
    /// whether the cell had to be abandoned still running.
    private func execute(_ cell: NotebookCell, path: String) -> (CellResult, abandoned: Bool) {
        let injected = cell.origin == .injectedParameters
        let request = CellRequest(code: cell.code, path: injected ? "--param" : path,
                                  firstLine: injected ? 1 : cell.firstLine,
                                  cell: injected ? nil : cell.number,
                                  figureWidth: cell.options.figureWidth,
                                  figureHeight: cell.options.figureHeight,
                                  figureDPI: cell.options.figureDPI)
        let limit = cell.options.timeout ?? settings.timeout
        let clock = ContinuousClock()
        let start = clock.now
        var output: CellOutput
        var timedOut = false
        var abandoned = false
        if let limit {
            switch LimitedCall.run(request, on: kernel, limit: limit, grace: settings.interruptGrace) {
            case .finished(let finished):
                output = finished
            case .interrupted(let interrupted):
                output = interrupted
                timedOut = true
            case .abandoned:
                output = CellOutput()
                timedOut = true
                abandoned = true
            }
        } else {
            output = kernel.execute(request)
        }
        let seconds = start.duration(to: clock.now).seconds

        let status: CellStatus
        if timedOut, let limit {
            output.error = Self.timeoutFailure(after: limit, reported: output.error)
            if abandoned {
                output.error?.diagnostic.notes.append("the cell did not stop within \(formatSeconds(settings.interruptGrace)) s of being interrupted; the rest of the notebook was not run")
            }
            status = .timedOut
        } else if let code = output.exitCode, code != 0, output.error == nil {
            output.error = CellFailure(kind: "user", message: "the notebook called exit(\(code))")
            status = .failed
        } else if cell.options.expectsError {
            if output.error == nil {
                let message = "\(cell.label) has 'error: expected' but ran without error"
                output.error = CellFailure(kind: "expected", message: message,
                                           location: .init(file: path, line: cell.firstLine, cell: cell.number))
                status = .failed
            } else {
                status = .failedAsExpected
            }
        } else {
            status = output.error == nil ? .succeeded : .failed
        }
        let figures = output.figures.enumerated().map { index, png in
            FigureFile(fileName: "\(cell.figureStem)-fig\(index + 1).png", png: png)
        }
        return (CellResult(status: status, output: output, figures: figures, seconds: seconds), abandoned)
    }

    /// The error shown for a timed-out cell, keeping the place the kernel was interrupted.
    static func timeoutFailure(after limit: Double, reported: CellFailure?) -> CellFailure {
        let message = "cell timed out after \(formatSeconds(limit)) s"
        guard var failure = reported, failure.kind == "interrupt" else {
            return CellFailure(kind: "interrupt", message: message)
        }
        // Keep the kernel's location, caret and stack; only the message changes.
        failure.diagnostic.message = message
        return failure
    }
}

/// A flag set from another thread to stop a run.
final class StopRequest: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Seconds as written by a person: `5`, `0.5`, `1.25`.
func formatSeconds(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}
