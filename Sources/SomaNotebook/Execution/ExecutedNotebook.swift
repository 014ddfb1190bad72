import Foundation

/// A notebook after a run: its prose and each cell with what the cell produced.
public struct ExecutedNotebook: Equatable, Sendable {
    public var notebook: Notebook
    /// Prose and cells in order; an injected parameters cell sits after the
    /// `#| parameters` cell.
    public var blocks: [ExecutedBlock]

    public init(notebook: Notebook, blocks: [ExecutedBlock]) {
        self.notebook = notebook
        self.blocks = blocks
    }

    /// Every cell with its result, in order.
    public var results: [(cell: NotebookCell, result: CellResult)] {
        blocks.compactMap { block in
            if case .cell(let cell, let result) = block { return (cell, result) }
            return nil
        }
    }

    /// The cell that called `exit(n)` and n, when one did (the run stopped there).
    public var exit: (cell: NotebookCell, code: Int)? {
        for (cell, result) in results {
            if let code = result.output.exitCode { return (cell, code) }
        }
        return nil
    }

    /// True when a cell failed or timed out; the run's exit status is then 1.
    public var hasFailure: Bool {
        results.contains { $0.result.status.isFailure }
    }
}

/// One piece of an executed notebook.
public enum ExecutedBlock: Equatable, Sendable {
    case prose(String)
    case cell(NotebookCell, CellResult)
}

/// What happened to one cell.
public struct CellResult: Equatable, Sendable {
    public var status: CellStatus
    public var output: CellOutput
    /// The cell's figures with their file names (`cell3-fig1.png`).
    public var figures: [FigureFile]
    /// Wall-clock seconds the cell ran.
    public var seconds: Double

    public init(status: CellStatus, output: CellOutput = CellOutput(),
                figures: [FigureFile] = [], seconds: Double = 0) {
        self.status = status
        self.output = output
        self.figures = figures
        self.seconds = seconds
    }
}

/// How a cell ended.
public enum CellStatus: String, Equatable, Sendable {
    /// Ran without error.
    case succeeded = "ok"
    /// An `error: expected` cell raised its error, as it should.
    case failedAsExpected = "ok (error expected)"
    /// Raised an error, or an `error: expected` cell ran cleanly.
    case failed = "FAILED"
    case timedOut = "TIMEOUT"
    /// Marked `skip`; shown but not run.
    case skipped = "skipped"
    /// Not run because the run stopped earlier (a failure, `exit`, Ctrl-C).
    case notRun = "not run"

    /// Whether this status makes the run fail.
    public var isFailure: Bool { self == .failed || self == .timedOut }
}

/// A figure written next to the rendered notebook.
public struct FigureFile: Equatable, Sendable {
    /// The file name, e.g. `cell3-fig1.png` or `tuning-fig2.png`.
    public var fileName: String
    public var png: Data

    public init(fileName: String, png: Data) {
        self.fileName = fileName
        self.png = png
    }
}
