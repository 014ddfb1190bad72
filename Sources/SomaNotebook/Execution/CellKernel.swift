import Foundation
import SomaLang

/// Something that runs cell code in one persistent scope: a Soma session, or
/// a scripted fake in tests.
///
/// `execute` is called on the notebook's own thread, one cell at a time;
/// `interrupt` may be called from any other thread while a cell runs, and
/// must make the running `execute` return soon with an interrupt error.
public protocol CellKernel: AnyObject {
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

/// An error that stopped a cell.
public struct CellFailure: Equatable, Sendable {
    /// The error kind: `syntax`, `shape`, `interrupt`, ...
    public var kind: String
    /// The one-line message.
    public var message: String
    /// The full diagnostic (`error[kind]: ...`, location, source line, caret), without colour.
    public var rendered: String

    public init(kind: String, message: String, rendered: String? = nil) {
        self.kind = kind
        self.message = message
        self.rendered = rendered ?? "error[\(kind)]: \(message)"
    }

    /// The `path:line:column (cell N)` part of the rendered diagnostic, if it has one.
    public var location: String? {
        for line in rendered.split(separator: "\n") {
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("--> ") { return String(trimmed.dropFirst(4)) }
        }
        return nil
    }
}
