import Foundation
import SomaLang

/// Something that runs cell code in one persistent scope: a Soma session, or
/// a scripted fake in tests.
///
/// `execute` is called one cell at a time (under a time limit, on a thread
/// of its own while the notebook's thread waits); `interrupt` may be called
/// from any other thread while a cell runs, and must make the running
/// `execute` return soon with an interrupt error. A kernel is therefore
/// `Sendable`: it guards its own state.
public protocol CellKernel: AnyObject, Sendable {
    /// Runs one cell's code and collects everything it produced.
    func execute(_ request: CellRequest) -> CellOutput
    /// Asks the running cell to stop.
    func interrupt()
}

/// What a kernel needs to run one cell.
public struct CellRequest: Equatable, Sendable {
    /// The code, without option lines.
    public var code: String
    /// The notebook path, shown in diagnostics.
    public var path: String
    /// The line in the notebook file where `code` starts.
    public var firstLine: Int
    /// The cell number shown in diagnostics (`(cell 6)`); nil for injected code.
    public var cell: Int?
    /// Default figure size for figures the cell creates, in pixels.
    public var figureWidth: Int?
    public var figureHeight: Int?
    /// Resolution of the cell's figures; nil leaves the kernel's default.
    public var figureDPI: Int?

    public init(code: String, path: String, firstLine: Int, cell: Int?,
                figureWidth: Int? = nil, figureHeight: Int? = nil, figureDPI: Int? = nil) {
        self.code = code
        self.path = path
        self.firstLine = firstLine
        self.cell = cell
        self.figureWidth = figureWidth
        self.figureHeight = figureHeight
        self.figureDPI = figureDPI
    }
}

/// Everything one cell produced.
public struct CellOutput: Equatable, Sendable {
    /// Text the cell printed.
    public var stream: String
    /// The shown value of the cell's last expression, as text; nil when none.
    public var value: String?
    /// PNG data of every figure the cell touched, in order.
    public var figures: [Data]
    /// The error that stopped the cell, if any.
    public var error: CellFailure?
    /// Set when the code called `exit(code)`: the notebook stops after this cell.
    public var exitCode: Int?

    public init(stream: String = "", value: String? = nil, figures: [Data] = [],
                error: CellFailure? = nil, exitCode: Int? = nil) {
        self.stream = stream
        self.value = value
        self.figures = figures
        self.error = error
        self.exitCode = exitCode
    }
}

/// An error that stopped a cell, as data: each output format draws it in
/// one place (`text` for the progress log, Markdown and ipynb; the HTML
/// renderer from the fields).
public struct CellFailure: Equatable, Sendable {
    /// The error that stopped the cell: kind, message, location, source
    /// excerpt, notes and the stack of calls.
    public var diagnostic: DiagnosticReport
    /// Problems reported with it (a broken Stdlib prelude, figures that could not be encoded).
    public var more: [DiagnosticReport]

    public init(_ diagnostic: DiagnosticReport, more: [DiagnosticReport] = []) {
        self.diagnostic = diagnostic
        self.more = more
    }

    /// A failure with no source excerpt (a timeout, `exit(n)`, an expected error that did not come).
    public init(kind: String, message: String, location: DiagnosticReport.Location? = nil, notes: [String] = []) {
        self.init(DiagnosticReport(kind: kind, message: message, location: location, notes: notes))
    }

    /// The error kind: `syntax`, `shape`, `interrupt`, ...
    public var kind: String { diagnostic.kind }
    /// The one-line message.
    public var message: String { diagnostic.message }
    /// `path:line:column (cell N)`, when the error has a place.
    public var location: String? { diagnostic.location?.description }

    /// Every diagnostic as Soma prints it (`error[kind]: ...`, location,
    /// source line, caret, notes), without colour or a trailing line break.
    public var text: String {
        ([diagnostic] + more).map { $0.text() }.joined(separator: "\n\n")
    }
}
