import Foundation
import SomaCore
import SomaLang
import SomaLibrary

/// Standard streams as the command line uses them: results to stdout,
/// diagnostics and progress to stderr, colour only on a terminal.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// Colour on stderr: a terminal, and no NO_COLOR set to a non-empty value (no-color.org).
    static var colorOnStderr: Bool {
        guard let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty else { return stderrIsTerminal }
        return false
    }

    /// The size of the terminal on `descriptor` in character cells: asked of
    /// the terminal (TIOCGWINSZ), else $COLUMNS / $LINES, else 80 x 24.
    static func size(of descriptor: Int32) -> (columns: Int, rows: Int) {
        var window = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        let environment = ProcessInfo.processInfo.environment
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { (10...1000).contains($0) ? $0 : nil }
        let rows = environment["LINES"].flatMap { Int($0) }.flatMap { (5...1000).contains($0) ? $0 : nil }
        return (columns ?? 80, rows ?? 24)
    }

    /// Standard output for figure previews, when it is a terminal.
    static var previewScreen: TerminalScreen? {
        guard stdoutIsTerminal else { return nil }
        return TerminalScreen(color: colorOnStderr) { size(of: STDOUT_FILENO) }
    }

    /// Standard error for training progress bars, when it is a terminal.
    static var progressScreen: TerminalScreen? {
        guard stderrIsTerminal else { return nil }
        return TerminalScreen(color: colorOnStderr) { size(of: STDERR_FILENO) }
    }

    /// A doc as wide as the terminal (`DocWrap.wrapped`, which `help(f)` shares).
    static func wrapped(_ doc: String, columns: Int) -> String {
        DocWrap.wrapped(doc, columns: columns)
    }

    static func writeOut(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeErr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Renders diagnostics to stderr against the source they point into.
    static func report(_ diagnostics: [Diagnostic], source: SourceFile?) {
        guard !diagnostics.isEmpty else { return }
        writeErr(renderDiagnostics(diagnostics, source: source, color: colorOnStderr) + "\n")
    }

    /// Reads a source file through the one reader (`UserFile`, with its size
    /// cap), reporting `error[io]` (`error[limit]` past the cap) on stderr when it cannot.
    static func readSource(_ path: String) -> SourceFile? {
        do throws(UserFile.Failure) {
            return SourceFile(name: path, text: try UserFile.readText(path))
        } catch {
            report([Diagnostic(kind: error.isLimit ? .limit : .io, message: error.description)], source: nil)
            return nil
        }
    }
}
