import ArgumentParser
import SomaLang
import SomaLibrary

/// `soma help TOPIC`: a builtin's doc, or one of the prose topics.
struct HelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "Explain a builtin (soma help lif_rate) or a topic: language, notebooks, repl.",
        shouldDisplay: false)

    @ArgumentParser.Argument(help: "A builtin or function name, or: language, notebooks, repl.")
    var topic: String

    func run() throws {
        switch topic {
        case "language": Terminal.writeOut(HelpText.language)
        case "notebooks", "notebook": Terminal.writeOut(HelpText.notebooks)
        case "repl": Terminal.writeOut(HelpText.repl)
        default:
            let session = Session(output: Terminal.writeOut)
            guard let doc = session.doc(topic) else {
                let known = session.interpreter.builtinNames + Array(session.interpreter.preludeNames)
                    + ["language", "notebooks", "repl"] + Soma.subcommandNames
                let close = known.filter { editDistance($0, topic) <= (topic.count >= 4 ? max(2, topic.count / 3) : 1) }
                    .sorted { editDistance($0, topic) < editDistance($1, topic) }.prefix(3)
                let hint = close.isEmpty ? "try a builtin name, or language, notebooks, repl"
                    : "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
                Terminal.writeErr("no help for '\(topic)': \(hint)\n")
                throw ExitCode(2)
            }
            Terminal.writeOut(doc + "\n")
        }
    }
}
