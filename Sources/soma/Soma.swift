import ArgumentParser
import Foundation
import SomaLang
import SomaLibrary
import SomaNotebook

/// `soma`: the REPL, the script runner and the notebook tools in one binary.
@main
struct Soma: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "soma",
        abstract: "A notebook-style scripting host for learning neural networks.",
        usage: """
        soma                      (the REPL)
          soma SCRIPT.soma
          soma -e EXPRESSION
          soma run|convert|check|help ...
        """,
        discussion: """
        With no arguments, starts the REPL (reads a program from standard input \
        when it is not a terminal). `soma help TOPIC` explains a builtin or one of \
        the topics: language, notebooks, repl.
        """,
        version: "soma \(version)",
        subcommands: [RunCommand.self, ConvertCommand.self, CheckCommand.self, HelpCommand.self])

    @Option(name: .short, help: ArgumentHelp("Evaluate one expression or program and print its value.", valueName: "expression"))
    var expression: String?

    @Flag(name: .customLong("dump-ast"), help: "Print the syntax tree of SCRIPT instead of running it.")
    var dumpAST = false

    // Read in main() before dispatch, so it applies to every subcommand too;
    // declared here for the help text.
    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "The most memory Soma may use, as 2G, 512M or bytes (default: half of physical memory); larger allocations are error[limit].",
        valueName: "size"))
    var maxMemory: String?

    @ArgumentParser.Argument(help: "A Soma script to run (.soma).")
    var script: String?

    @Option(name: .customLong("allow-read"), help: ArgumentHelp("Let SCRIPT read files under PATH too (it may read its own folder and the Stdlib). Repeatable.", valueName: "path"))
    var allowRead: [String] = []

    @Option(name: .customLong("allow-write"), help: ArgumentHelp("Let SCRIPT write files under PATH too (it may write the working folder). Repeatable.", valueName: "path"))
    var allowWrite: [String] = []

    @Flag(name: .long, help: "Lift the file limits on SCRIPT: it may read and write any file you can.")
    var trust = false

    mutating func run() throws {
        if let expression {
            if !allowRead.isEmpty || !allowWrite.isEmpty || trust {
                throw ValidationError("--allow-read, --allow-write and --trust apply to a SCRIPT (-e has no file limits)")
            }
            if script != nil { throw ValidationError("give -e EXPRESSION or a SCRIPT, not both") }
            if dumpAST { throw ValidationError("--dump-ast takes a SCRIPT, not -e") }
            throw ExitCode(ScriptRunner.evaluate(expression))
        }
        if let script {
            if !dumpAST, script.hasSuffix(".md") || script.hasSuffix(".ipynb") {
                throw ValidationError("\(script) is a notebook; run it with: soma run \(script)")
            }
            if dumpAST { throw ExitCode(ScriptRunner.dumpAST(path: script)) }
            let limits = FileLimits(allowRead: allowRead, allowWrite: allowWrite, trust: trust)
            throw ExitCode(ScriptRunner.run(path: script, policy: limits.scriptPolicy(script: script)))
        }
        if !allowRead.isEmpty || !allowWrite.isEmpty || trust {
            throw ValidationError("--allow-read, --allow-write and --trust apply to a SCRIPT (the REPL and -e have no file limits)")
        }
        if dumpAST { throw ValidationError("--dump-ast needs a SCRIPT") }
        throw ExitCode(REPL().run())
    }

    /// Dispatches subcommands by name before the root command sees the
    /// arguments (its optional SCRIPT positional would otherwise take `run` as
    /// a script), and routes `soma help TOPIC` to Soma's own help
    /// (ArgumentParser's built-in `help` only knows subcommands).
    static func main() {
        Allocator.keepLargeBlocks()
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let failure = MemoryOption.apply(&arguments) {
            Terminal.writeErr("Error: \(failure)\n")
            Foundation.exit(2)
        }
        let rest = Array(arguments.dropFirst())
        switch arguments.first {
        case "run": dispatch(RunCommand.self, rest)
        case "convert": dispatch(ConvertCommand.self, rest)
        case "check": dispatch(CheckCommand.self, rest)
        case "help" where rest.isEmpty: dispatch(Soma.self, ["--help"])
        case "help" where rest[0] == "run": dispatch(RunCommand.self, ["--help"])
        case "help" where rest[0] == "convert": dispatch(ConvertCommand.self, ["--help"])
        case "help" where rest[0] == "check": dispatch(CheckCommand.self, ["--help"])
        case "help": dispatch(HelpCommand.self, rest)
        default:
            if let word = arguments.first, let command = nearestSubcommand(word) {
                Terminal.writeErr("error: unknown command '\(word)'; did you mean 'soma \(command)'?\n")
                Foundation.exit(2)
            }
            if let code = runCommonCase(arguments) {
                Foundation.exit(code == ExitCode.validationFailure.rawValue ? 2 : code)
            }
            dispatch(Soma.self, arguments)
        }
    }

    /// `soma`, `soma SCRIPT.soma` and `soma -e EXPRESSION` run without
    /// ArgumentParser, as `run()` would run them (its parse and exit paths
    /// cost ~3 ms of a 14 ms start-up); nil for anything else.
    static func runCommonCase(_ arguments: [String]) -> Int32? {
        if arguments.isEmpty { return REPL().run() }
        if arguments.count == 1, let script = arguments.first, !script.hasPrefix("-"), script.hasSuffix(".soma") {
            return ScriptRunner.run(path: script, policy: FileLimits().scriptPolicy(script: script))
        }
        if arguments.count == 2, arguments[0] == "-e", !arguments[1].hasPrefix("-") {
            return ScriptRunner.evaluate(arguments[1])
        }
        return nil
    }

    static let subcommandNames = ["run", "convert", "check", "help"]

    /// A subcommand `word` is a misspelling of (`rn` -> `run`), when it names no file.
    static func nearestSubcommand(_ word: String) -> String? {
        guard !word.hasPrefix("-"), !word.contains("."), !word.contains("/"),
              !FileManager.default.fileExists(atPath: word) else { return nil }
        return subcommandNames.filter { editDistance($0, word) <= max(1, $0.count / 3) }
            .min { editDistance($0, word) < editDistance($1, word) }
    }

    /// Parses and runs one command. Bad usage exits with status 2 (the
    /// notebook runner's contract: 0 ran, 1 a cell failed, 2 bad usage);
    /// help and version text go to stdout, every other message to stderr.
    private static func dispatch<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> Never {
        do {
            var command = try type.parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = type.exitCode(for: error)
            let message = qualified(type.fullMessage(for: error), command: type.configuration.commandName)
            if code == .success {
                if !message.isEmpty { Terminal.writeOut(message + "\n") }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.writeErr(message + "\n") }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// A subcommand parsed as its own root names itself `run` in usage lines;
    /// users type `soma run`, so that is what the messages say.
    private static func qualified(_ message: String, command: String?) -> String {
        guard let command, command != "soma" else { return message }
        return message
            .replacingOccurrences(of: "USAGE: \(command)", with: "USAGE: soma \(command)")
            .replacingOccurrences(of: "Usage: \(command)", with: "Usage: soma \(command)")
            .replacingOccurrences(of: "'\(command) --help'", with: "'soma \(command) --help'")
    }
}
