import ArgumentParser
import SomaLang
import SomaLibrary
import SomaNotebook

/// `soma check FILE...`: parse only and list every syntax error, then warn
/// about names that can never be defined and keywords a builtin does not take.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse scripts or notebooks without running them; report every syntax error.")

    @ArgumentParser.Argument(help: "Scripts (.soma) or notebooks (.md).")
    var files: [String]

    func run() throws {
        var status: Int32 = 0
        var warnings = 0
        let session = Session(output: { _ in })
        let names = CheckCommand.nameCheck(session)
        for path in files {
            guard let source = Terminal.readSource(path) else { status = 2; continue }
            let pieces: [SourceFile]
            do {
                pieces = try CheckCommand.pieces(of: source)
            } catch {
                // A malformed notebook (say an unknown cell option) is an error in the file, like a syntax error.
                Terminal.writeErr("error: \(error)\n")
                status = max(status, 1)
                continue
            }
            var programs: [Program] = []
            for piece in pieces {
                let parsed = Parser.parse(piece)
                programs.append(parsed.program)
                if !parsed.diagnostics.isEmpty {
                    // A blank line between reports, as between the errors of one piece.
                    if status != 0 || warnings > 0 { Terminal.writeErr("\n") }
                    Terminal.report(parsed.diagnostics, source: piece)
                    status = max(status, 1)
                }
            }
            for (index, warning) in names.warnings(programs) {
                if status != 0 || warnings > 0 { Terminal.writeErr("\n") }
                Terminal.report([warning], source: pieces[index])
                warnings += 1
            }
        }
        let warned = warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"
        if status == 0 { Terminal.writeErr("no syntax errors in \(files.count) file(s)\(warned)\n") }
        throw ExitCode(status)
    }

    /// Names the session knows (builtins and prelude globals) and the keywords
    /// its functions take, for the warnings about names.
    static func nameCheck(_ session: Session) -> NameCheck {
        let interpreter = session.interpreter
        return NameCheck(
            isKnown: { name in interpreter.builtin(named: name) != nil || interpreter.global(name) != nil },
            keywords: { name in
                switch interpreter.global(name) {
                case .function(.closure(let c))?: return c.parameterTexts.map { String($0.prefix { $0 != " " && $0 != "=" }) }
                case .some: return nil
                case nil: return interpreter.builtin(named: name)?.keywordNames
                }
            })
    }

    /// A script is one piece; a notebook is one piece per code cell, each
    /// placed at its line in the file so errors point into the notebook.
    /// - Throws: `NotebookError` when a notebook's structure or cell options are malformed.
    static func pieces(of source: SourceFile) throws -> [SourceFile] {
        guard source.name.hasSuffix(".md") else { return [source] }
        let notebook = try Notebook(parsing: source.text, path: source.name)
        return notebook.cells.map {
            SourceFile(name: source.name, text: $0.code, firstLine: $0.firstLine, cell: $0.number)
        }
    }
}
