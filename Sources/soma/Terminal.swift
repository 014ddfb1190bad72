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
