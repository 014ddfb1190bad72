import Foundation
import SomaLang
import SomaLibrary

/// Runs notebook cells in a Soma `Session`: one global scope per notebook.
///
///     let kernel = SessionKernel()
///     let output = kernel.execute(CellRequest(code: "x = 2\nx^3", path: "nb.md", firstLine: 5, cell: 1))
///     output.value   // "8"
public final class SessionKernel: CellKernel {
    private let session: Session
    private let printed: TextBuffer
    private var reportedStartup = false
    private let shownPaths: (from: String, to: String)?
    /// Resolution of figures whose cell sets no `#| fig-dpi:` (`soma run --dpi`).
    private let defaultDPI: Double

    /// - Parameters:
    ///   - policy: which files the cells may read and write (nil: any).
    ///   - shownPaths: a folder whose name errors show as another: the run's
    ///     staging folder as the output folder it becomes.
    ///   - dpi: resolution of figures whose cell sets no `#| fig-dpi:`.
    public init(policy: FilePolicy? = nil, shownPaths: (from: String, to: String)? = nil, dpi: Double = 100) {
        self.shownPaths = shownPaths
        defaultDPI = dpi
        let printed = TextBuffer()
        self.printed = printed
        session = Session(output: { printed.append($0) })
        session.filePolicy = policy
    }

    public func execute(_ request: CellRequest) -> CellOutput {
        _ = printed.take()
        let source = SourceFile(name: request.path, text: request.code,
                                firstLine: request.firstLine, cell: request.cell)
        var diagnostics: [(Diagnostic, SourceFile?)] = []
        // A broken Stdlib prelude is reported once, on the first cell, rather than hidden.
        if !reportedStartup {
            reportedStartup = true
            diagnostics += session.startupDiagnostics.map { ($0, nil) }
        }
        session.setFigureSize(width: request.figureWidth, height: request.figureHeight)
        let result = session.run(source)
        diagnostics += result.diagnostics.map { ($0, source) }
        var output = CellOutput(stream: printed.take())
        if let value = result.value { output.value = session.display(value) }
        // Taken even after an error, so a half-drawn figure is shown with it and not carried into the next cell.
        do {
            output.figures = try session.takeFigures(dpi: request.figureDPI.map(Double.init) ?? defaultDPI)
        } catch {
            diagnostics.append((Diagnostic(kind: .io, message: "cannot encode the cell's figures: \(error)"), nil))
        }
        output.exitCode = result.exitCode
        if let first = diagnostics.first {
            let rendered = diagnostics.map { renderDiagnostic($0.0, source: $0.1) }.joined(separator: "\n\n")
            output.error = CellFailure(kind: first.0.kind.rawValue, message: shown(first.0.message), rendered: shown(rendered))
        }
        return output
    }

    private func shown(_ text: String) -> String {
        guard let (from, to) = shownPaths else { return text }
        return text.replacingOccurrences(of: from, with: to)
    }

    public func interrupt() {
        session.interrupt()
    }
}

/// Collects what a cell prints; `print` may run on the interpreter's own thread.
private final class TextBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ piece: String) {
        lock.lock()
        text += piece
        lock.unlock()
    }

    /// Returns the text so far and empties the buffer.
    func take() -> String {
        lock.lock()
        defer { lock.unlock() }
        let taken = text
        text = ""
        return taken
    }
}
