import Foundation
import Synchronization
import SomaLang

/// Writes one line per finished cell, and a summary per notebook, to stderr.
///
/// Lines from notebooks running side by side are written whole under a lock,
/// prefixed with the notebook's name. Colour is used only on a terminal.
public final class ProgressLog: Sendable {
    private let write: @Sendable (String) -> Void
    private let color: Bool
    private let live: Bool
    /// Whether a "running" line is on screen, to be overwritten by the next
    /// line; held while a line is written, so lines are written whole.
    private let showingLive = Mutex(false)

    /// - Parameters:
    ///   - color: colour the status words (pass `isatty(2) != 0`).
    ///   - live: show which cell is running on a line that the next line
    ///     replaces; only for a terminal and one notebook at a time.
    ///   - write: where finished lines go; standard error by default.
    public init(color: Bool, live: Bool = false, write: @escaping @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }) {
        self.color = color
        self.live = live
        self.write = write
    }

    /// Shows the running cell on a line the next message replaces (live mode only).
    public func cellStarted(_ progress: CellProgress) {
        guard live else { return }
        let name = progress.path.split(separator: "/").last.map(String.init) ?? progress.path
        showingLive.withLock { showing in
            write("\r\u{1B}[K[\(name)] \(progress.position)/\(progress.total) \(progress.label): running...")
            showing = true
        }
    }

    /// Logs a finished cell; failures also get their full diagnostic, indented.
    public func cellFinished(_ progress: CellProgress) {
        let name = progress.path.split(separator: "/").last.map(String.init) ?? progress.path
        var line = "[\(name)] \(progress.position)/\(progress.total) \(progress.label): \(paint(progress.status))"
        if progress.status != .skipped && progress.status != .notRun {
            line += " (\(Self.duration(progress.seconds)))"
        }
        line += "\n"
        if let failure = progress.failure {
            line += failure.text.trimmingTrailingLineBreaks()
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    \($0)\n" }.joined()
        }
        emit(line)
    }

    /// Logs a message such as a notebook's summary or an error.
    public func note(_ text: String) {
        emit(text.hasSuffix("\n") ? text : text + "\n")
    }

    private func emit(_ text: String) {
        showingLive.withLock { showing in
            if showing {
                write("\r\u{1B}[K")
                showing = false
            }
            write(text)
        }
    }

    private func paint(_ status: CellStatus) -> String {
        guard color else { return status.rawValue }
        let code: String
        switch status {
        case .succeeded, .failedAsExpected: code = "32"
        case .failed, .timedOut: code = "1;31"
        case .skipped, .notRun: code = "2"
        }
        return "\u{1B}[\(code)m\(status.rawValue)\u{1B}[0m"
    }

    /// A duration as `0.012 s`, `1.25 s` or `73 s`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 0.1 { return String(format: "%.3f s", seconds) }
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        return String(format: "%.0f s", seconds)
    }
}
