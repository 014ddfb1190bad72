import Foundation
import SomaLang
import SomaLibrary

/// Runs `soma script.soma`, `soma -e EXPR` and `soma --dump-ast FILE`.
enum ScriptRunner {
    /// Runs a script file under a file policy (nil: no limits); returns the process exit status.
    static func run(path: String, policy: FilePolicy?) -> Int32 {
        guard let source = Terminal.readSource(path) else { return 2 }
        let session = Session(output: Terminal.writeOut)
        session.filePolicy = policy
        session.setFigureDelivery(.files(directory: FileManager.default.currentDirectoryPath, preview: nil))
        session.setProgressScreen(Terminal.progressScreen)
        let result = session.run(source)
        Terminal.report(result.diagnostics, source: source)
        return status(of: result)
    }

    /// Evaluates `text` and prints its value, as the REPL would.
    static func evaluate(_ text: String) -> Int32 {
        let source = SourceFile(name: "<-e>", text: text)
        let session = Session(output: Terminal.writeOut)
        REPL.deliverFigures(of: session)
        let result = session.run(source)
        if let value = result.value { Terminal.writeOut(session.display(value) + "\n") }
        Terminal.report(result.diagnostics, source: source)
        return status(of: result)
    }

    /// The process status a run ends with: the code given to `exit(code)`
    /// (0...255; the builtin refuses others), else 0 when it ran and 1 when it failed.
    static func status(of result: RunResult) -> Int32 {
        if let code = result.exitCode { return status(exit: code) }
        return result.succeeded ? 0 : 1
    }

    /// The process status for `exit(code)`.
    static func status(exit code: Int) -> Int32 {
        Int32(clamping: code)
    }

    /// Prints the syntax tree of a file (and its syntax errors).
    static func dumpAST(path: String) -> Int32 {
        guard let source = Terminal.readSource(path) else { return 2 }
        let parsed = Parser.parse(source)
        Terminal.writeOut(SomaLang.dumpAST(parsed.program) + "\n")
        Terminal.report(parsed.diagnostics, source: source)
        return parsed.diagnostics.isEmpty ? 0 : 1
    }
}
