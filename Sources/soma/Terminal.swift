import Foundation
import SomaLibrary

/// Standard streams as the command line uses them: results to stdout,
/// diagnostics and progress to stderr, colour only on a terminal.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func writeOut(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeErr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Renders diagnostics to stderr against the source they point into.
    static func report(_ diagnostics: [Diagnostic], source: SourceFile?) {
        guard !diagnostics.isEmpty else { return }
        writeErr(renderDiagnostics(diagnostics, source: source, color: stderrIsTerminal) + "\n")
    }

    /// Reads a source file, reporting `error[io]` on stderr when it cannot.
    static func readSource(_ path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            report([Diagnostic(kind: .io, message: "cannot read '\(path)'")], source: nil)
            return nil
        }
        return SourceFile(name: path, text: text)
    }
}
