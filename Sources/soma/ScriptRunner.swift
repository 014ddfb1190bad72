import Foundation
import SomaLibrary

/// Runs `soma script.soma`, `soma -e EXPR` and `soma --dump-ast FILE`.
enum ScriptRunner {
    /// Runs a script file; returns the process exit status.
    static func run(path: String) -> Int32 {
        guard let source = Terminal.readSource(path) else { return 2 }
        let session = Session(output: Terminal.writeOut)
        session.setFigureDelivery(.files(directory: FileManager.default.currentDirectoryPath, preview: false))
        let result = session.run(source)
        Terminal.report(result.diagnostics, source: source)
        return result.succeeded ? 0 : 1
    }

    /// Evaluates `text` and prints its value, as the REPL would.
    static func evaluate(_ text: String) -> Int32 {
        let source = SourceFile(name: "<-e>", text: text)
        let session = Session(output: Terminal.writeOut)
        REPL.deliverFigures(of: session)
        let result = session.run(source)
        if let value = result.value { Terminal.writeOut(session.display(value) + "\n") }
        Terminal.report(result.diagnostics, source: source)
        return result.succeeded ? 0 : 1
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
