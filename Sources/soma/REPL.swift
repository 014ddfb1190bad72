import Foundation
import SomaLang
import SomaLibrary
import SomaNotebook

/// The interactive loop: read a complete entry (asking for continuation lines
/// while brackets or blocks are open), run it in one session, show its value.
///
/// While code runs, a watcher thread passes Ctrl-C on to it, so an
/// interrupt stops the code with `error[interrupt]` and keeps the session.
final class REPL {
    private let session: Session
    private let editor: LineEditor
    private let output = OutputLine()

    init() {
        let session = Session(output: output.write)
        self.session = session
        REPL.deliverFigures(of: session)
        let home = ProcessInfo.processInfo.environment["HOME"]
        editor = LineEditor(historyPath: home.map { $0 + "/.soma_history" }) { _, word in
            session.completions(prefix: word)
        }
    }

    /// Runs until `:quit` or end of input; returns the exit status.
    func run() -> Int32 {
        guard editor.isInteractive else { return runPiped() }
        Terminal.writeOut("soma \(Soma.version) — :help for help, Ctrl-D to quit\n")
        Terminal.report(session.startupDiagnostics, source: nil)
        var entryNumber = 0
        while true {
            guard let entry = readEntry() else { break }
            if entry.hasPrefix(":") {
                if let status = command(entry) { return status }
                continue
            }
            if let hint = REPL.leavingHint(entry) {
                Terminal.writeErr(hint + "\n")
                continue
            }
            entryNumber += 1
            if let code = evaluate(SourceFile(name: "<repl \(entryNumber)>", text: entry)).exitCode {
                return ScriptRunner.status(exit: code)
            }
        }
        Terminal.writeOut("\n")
        return 0
    }

    /// Piped input is one program: run it whole, like a script.
    private func runPiped() -> Int32 {
        var text = ""
        while case .line(let line) = editor.read(prompt: "") { text += line + "\n" }
        let source = SourceFile(name: "<stdin>", text: text)
        let result = session.run(source)
        Terminal.report(result.diagnostics, source: source)
        return ScriptRunner.status(of: result)
    }

    /// Reads lines until they form a complete entry; nil at end of input.
    private func readEntry() -> String? {
        var buffer = ""
        while true {
            switch editor.read(prompt: buffer.isEmpty ? ">>> " : "... ") {
            case .endOfInput:
                guard !buffer.isEmpty else { return nil }
                // Ctrl-D on a continuation line runs what was typed, after the ^D libedit drew.
                Terminal.writeOut("\n")
                return buffer
            case .interrupted:
                buffer = ""
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if buffer.isEmpty && trimmed.isEmpty { continue }
                // A command typed after a stray space is still a command.
                buffer += buffer.isEmpty ? (trimmed.hasPrefix(":") ? trimmed : line) : "\n" + line
                if buffer.hasPrefix(":") || !Parser.parse(SourceFile(name: "<repl>", text: buffer)).isIncomplete {
                    editor.remember(buffer)
                    return buffer
                }
            }
        }
    }

    /// Runs one entry while a watcher thread forwards Ctrl-C as an interrupt.
    @discardableResult
    private func evaluate(_ source: SourceFile) -> RunResult {
        let watcher = InterruptWatcher(session.interrupter)
        let result = session.run(source)
        let interrupted = watcher.stop()
        output.close()
        // The terminal echoed ^C where the cursor was; start the report on a line of its own.
        if interrupted { Terminal.writeOut("\n") }
        if let value = result.value {
            Terminal.writeOut(session.display(value) + "\n")
            // `_` is the last value shown, as in Python's REPL.
            session.interpreter.setGlobal("_", value)
        }
        Terminal.report(result.diagnostics, source: source)
        return result
    }

    /// Handles a `:command`; returns the exit status when it leaves the REPL.
    private func command(_ line: String) -> Int32? {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts[0] {
        case ":quit", ":q", ":exit":
            return 0
        case ":help", ":h":
            Terminal.writeOut(HelpText.repl + "\n" + HelpText.language)
        case ":doc" where argument.isEmpty, ":load" where argument.isEmpty:
            Terminal.writeErr(parts[0] == ":doc" ? ":doc needs a name, as in :doc mean\n" : ":load needs a file, as in :load model.soma\n")
        case ":doc":
            if let doc = session.doc(argument) {
                let fitted = Terminal.stdoutIsTerminal ? Terminal.wrapped(doc, columns: Terminal.size(of: STDOUT_FILENO).columns) : doc
                Terminal.writeOut(fitted + "\n")
            }
            else { Terminal.writeErr("no builtin or documented function named '\(argument)'\n") }
        case ":vars":
            listVariables()
        case ":load" where argument.hasSuffix(".md"):
            return loadNotebook(REPL.path(argument))
        case ":load":
            guard let source = Terminal.readSource(REPL.path(argument)) else { break }
            if let code = evaluate(source).exitCode { return ScriptRunner.status(exit: code) }
        case ":reset":
            session.reset()
            REPL.deliverFigures(of: session)
            Terminal.writeOut("session reset: every variable forgotten\n")
        default:
            Terminal.writeErr("unknown command \(parts[0]) — :help lists the commands\n")
        }
        return nil
    }

    /// Figures an entry draws are written to the working folder with their
    /// path printed, plus a text preview on a terminal (for users over SSH);
    /// training shows a progress bar when stderr is a terminal.
    static func deliverFigures(of session: Session) {
        let directory = FileManager.default.currentDirectoryPath
        session.setFigureDelivery(.files(directory: directory, preview: Terminal.previewScreen))
        session.setProgressScreen(Terminal.progressScreen)
    }

    /// A `:load` argument as a path: surrounding quotes dropped, `~` expanded.
    static func path(_ argument: String) -> String {
        var text = argument
        if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" {
            text = String(text.dropFirst().dropLast())
        }
        // `~` is $HOME, as in the shell (Foundation's expansion asks the password database).
        if text == "~" || text.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + text.dropFirst()
        }
        return (text as NSString).expandingTildeInPath
    }

    /// `:load nb.md`: runs a notebook's cells (not its prose) in the session,
    /// top to bottom, stopping at the first failing cell.
    private func loadNotebook(_ path: String) -> Int32? {
        let notebook: Notebook
        do {
            notebook = try NotebookBatch.load(path)
        } catch {
            Terminal.writeErr("\(error)\n")
            return nil
        }
        for cell in notebook.cells where !cell.options.skip {
            let result = evaluate(SourceFile(name: path, text: cell.code, firstLine: cell.firstLine, cell: cell.number))
            if let code = result.exitCode { return ScriptRunner.status(exit: code) }
            if !result.diagnostics.isEmpty && !cell.options.expectsError {
                Terminal.writeErr("stopped at \(cell.label) of \(path)\n")
                return nil
            }
        }
        Terminal.writeOut("loaded \(notebook.cells.count) cells of \(path)\n")
        return nil
    }

    /// What a bare `exit` or `quit` says: how to leave (Python prints the same).
    static func leavingHint(_ entry: String) -> String? {
        let word = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard word == "exit" || word == "quit" else { return nil }
        return "use exit(), :quit or Ctrl-D to leave"
    }

    private func listVariables() {
        let names = session.globalNames.filter { $0 != "_" }
        guard !names.isEmpty else { Terminal.writeOut("(no variables yet)\n"); return }
        for name in names {
            guard let value = session.interpreter.global(name) else { continue }
            var shown = session.display(value).replacingOccurrences(of: "\n", with: " ")
            if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
            Terminal.writeOut("\(name) = \(shown)\n")
        }
    }
}

