import SomaCore
import SomaLang
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An interpreter with the whole library and the Stdlib prelude installed:
/// what the REPL, the script runner, notebooks and the fuzzer use.
///
///     let session = Session(output: { print($0, terminator: "") })
///     let result = session.run(SourceFile(name: "<repl>", text: "1 + 2"))
///     if let value = result.value { print(session.display(value)) }   // 3
///
/// Nothing is thrown out of a session: errors come back as diagnostics.
public final class Session {
    /// The interpreter this session drives.
    public private(set) var interpreter: Interpreter
    private let sink: (String) -> Void
    /// Which files code may read and write (nil: any, as in the REPL); kept across `reset`.
    public var filePolicy: FilePolicy? {
        didSet { interpreter.filePolicy = filePolicy }
    }
    /// Diagnostics from loading the prelude (empty unless Stdlib is broken).
    public private(set) var startupDiagnostics: [Diagnostic] = []

    /// A session writing `print` output to `output`.
    public init(output: @escaping (String) -> Void = { Swift.print($0, terminator: "") }) {
        sink = output
        interpreter = Session.makeInterpreter(output: output)
        startupDiagnostics = loadPrelude()
    }

    /// Runs a script, notebook cell or REPL entry in the session's global scope.
    public func run(_ source: SourceFile) -> RunResult {
        interpreter.run(source)
    }

    /// Runs `text` as a source named `name`.
    public func run(_ text: String, name: String = "<input>") -> RunResult {
        run(SourceFile(name: name, text: text))
    }

    /// A value as the REPL shows it (LANGUAGE.md §5).
    public func display(_ value: Value) -> String {
        value.displayString
    }

    /// The bridge to extension state (plot settings, RNG) for hosts.
    public var context: Context { interpreter.context }

    /// Code run at the end of every `run` (after the library's own hooks).
    public var hooks: [(Context) throws -> Void] {
        get { interpreter.runEndHooks }
        set { interpreter.runEndHooks = newValue }
    }

    /// Names bound in the global scope, in definition order.
    public var globalNames: [String] { interpreter.globalNames }

    /// Asks the running code to stop soon with `error[interrupt]`; safe from any thread.
    public func interrupt() {
        interpreter.interrupt()
    }

    /// A handle that interrupts this session's code from any thread (a new
    /// one is needed after `reset`, which starts a new interpreter).
    public var interrupter: Interrupter { interpreter.interrupter }

    deinit {
        interpreter.releaseAll()
    }

    /// Forgets every global and all extension state, as if newly started.
    public func reset() {
        interpreter.releaseAll()
        // Values can nest deeply; free them on the large stack, not the host's.
        let old = interpreter
        _ = try? old.onLargeStack { old.clearGlobals() }
        interpreter = Session.makeInterpreter(output: sink)
        startupDiagnostics = loadPrelude()
        interpreter.filePolicy = filePolicy
    }

    /// The `help` text of a builtin, a documented function, a member of a
    /// global (`net.learn`) or a member of a bound type (`Network.learn`).
    public func doc(_ name: String) -> String? {
        interpreter.doc(for: name) ?? DocCatalog.entry(named: name)?.helpText
    }

    /// Completions for the word before the cursor: globals, builtins and
    /// keywords, or after `name.` the fields and methods of that global.
    public func completions(prefix: String) -> [String] {
        if let dot = prefix.lastIndex(of: ".") {
            let baseName = String(prefix[..<dot])
            let partial = String(prefix[prefix.index(after: dot)...])
            guard let base = interpreter.global(baseName) else { return [] }
            return memberNames(of: base)
                .filter { $0.hasPrefix(partial) }
                .map { baseName + "." + $0 }
        }
        let candidates = Set(interpreter.globalNames + interpreter.preludeNames + interpreter.builtinNames + Session.keywords)
        return candidates.filter { $0.hasPrefix(prefix) }.sorted()
    }

    static let keywords = ["fn", "if", "else", "for", "in", "while", "break", "continue", "return",
                           "and", "or", "not", "true", "false", "nil", "try", "catch", "use"]

    private func memberNames(of value: Value) -> [String] {
        switch value {
        case .object(let object): return (object.fieldNames + object.methodNames).sorted()
        case .record(let record): return record.keys
        case .tensor: return ["T", "astype", "dtype", "ndim", "shape", "size"]
        default: return []
        }
    }

    private static func makeInterpreter(output: @escaping (String) -> Void) -> Interpreter {
        let interpreter = Interpreter(output: Output(output))
        Library.install(into: interpreter)
        interpreter.stdlibDirectory = stdlibOverride()
        interpreter.embeddedStdlib = Dictionary(EmbeddedStdlib.files.map { ($0.name, $0.source) },
                                                uniquingKeysWith: { first, _ in first })
        return interpreter
    }

    /// Loads the prelude: from the `SOMA_STDLIB` folder when it has one (for
    /// editing Stdlib without rebuilding), else the copy built into the binary.
    private func loadPrelude() -> [Diagnostic] {
        let source: SourceFile
        if let directory = interpreter.stdlibDirectory,
           let text = try? UserFile.readText(directory + "/prelude.soma") {
            source = SourceFile(name: directory + "/prelude.soma", text: text)
        } else if let text = interpreter.embeddedStdlib["prelude.soma"] {
            source = SourceFile(name: "<stdlib>/prelude.soma", text: text)
        } else {
            return []
        }
        // The neural modules the prelude names run when code first mentions them.
        interpreter.defersUses = true
        let result = interpreter.run(source)
        interpreter.defersUses = false
        interpreter.markPreludeLoaded()
        return result.diagnostics
    }

    /// `SOMA_STDLIB`, a folder whose .soma files replace the built-in Stdlib.
    private static func stdlibOverride() -> String? {
        getenv("SOMA_STDLIB").map { String(cString: $0) }
    }
}
