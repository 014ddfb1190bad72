import Foundation
import Synchronization
import SomaLang
import SomaLibrary

/// Runs notebook cells in a Soma `Session`: one global scope per notebook.
///
///     let kernel = SessionKernel()
///     let output = kernel.execute(CellRequest(code: "x = 2\nx^3", path: "nb.md", firstLine: 5, cell: 1))
///     output.value   // "8"
public final class SessionKernel: CellKernel {
    /// The session and whether its startup problems were shown, held by
    /// the cell that runs (one at a time).
    private let state: Mutex<State>
    /// Stops the running cell without waiting for `state`.
    private let interrupter: Interrupter
    private let printed: TextBuffer
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
        let session = Session(output: { printed.append($0) })
        session.filePolicy = policy
        interrupter = session.interrupter
        state = Mutex(State(session: session))
    }

    private struct State {
        let session: Session
        var reportedStartup = false
    }

    public func execute(_ request: CellRequest) -> CellOutput {
        state.withLock { state in run(request, in: &state) }
    }

    private func run(_ request: CellRequest, in state: inout State) -> CellOutput {
        let session = state.session
        _ = printed.take()
        let source = SourceFile(name: request.path, text: request.code,
                                firstLine: request.firstLine, cell: request.cell)
        var diagnostics: [DiagnosticReport] = []
        // A broken Stdlib prelude is reported once, on the first cell, rather than hidden.
        if !state.reportedStartup {
            state.reportedStartup = true
            diagnostics += session.startupDiagnostics.map { DiagnosticReport($0, source: nil) }
        }
        session.setFigureSize(width: request.figureWidth, height: request.figureHeight)
        let result = session.run(source)
        diagnostics += result.diagnostics.map { DiagnosticReport($0, source: source) }
        var output = CellOutput(stream: printed.take())
        if let value = result.value { output.value = session.display(value) }
        // Taken even after an error, so a half-drawn figure is shown with it and not carried into the next cell.
        do {
            output.figures = try session.takeFigures(dpi: request.figureDPI.map(Double.init) ?? defaultDPI)
        } catch {
            diagnostics.append(DiagnosticReport(kind: ErrorKind.io.rawValue, message: "cannot encode the cell's figures: \(error)"))
        }
        output.exitCode = result.exitCode
        let shown = diagnostics.map { $0.showing(shownPaths) }
        if let first = shown.first {
            output.error = CellFailure(first, more: Array(shown.dropFirst()))
        }
        return output
    }

    public func interrupt() {
        interrupter.interrupt()
    }
}

/// Collects what a cell prints; `print` may run on the interpreter's own thread.
private final class TextBuffer: Sendable {
    private let text = Mutex("")

    func append(_ piece: String) {
        text.withLock { $0 += piece }
    }

    /// Returns the text so far and empties the buffer.
    func take() -> String {
        text.withLock { text in
            let taken = text
            text = ""
            return taken
        }
    }
}

extension DiagnosticReport {
    /// The report with the folder `paths.from` named as `paths.to` wherever
    /// it names a file: the run's staging folder as the output folder it becomes.
    func showing(_ paths: (from: String, to: String)?) -> DiagnosticReport {
        guard let (from, to) = paths else { return self }
        let swap = { (text: String) in text.replacingOccurrences(of: from, with: to) }
        var copy = self
        copy.message = swap(message)
        copy.location?.file = swap(location?.file ?? "")
        copy.notes = notes.map(swap)
        copy.stack = stack.map(swap)
        return copy
    }
}
