import ArgumentParser
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
                Terminal.writeErr("no help for '\(topic)': try a builtin name, or language, notebooks, repl\n")
                throw ExitCode(2)
            }
            Terminal.writeOut(doc + "\n")
        }
    }
}
