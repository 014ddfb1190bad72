import SomaCore

/// One Soma interpreter: its globals, builtins, extension state and output.
///
/// Interpreters share nothing, so tests and notebook runs can use many side
/// by side. Source is compiled once into Swift closures (see `Compiler`) and
/// run on a thread with a large stack, so deep recursion ends in
/// `error[limit]` rather than a crash. Hosts normally use `Session`
/// (SomaLibrary), which installs the whole library.
public final class Interpreter {
    /// Where `print` writes.
    public let output: Output
    /// The bridge builtins use to reach this interpreter.
    public private(set) var context: Context!
    /// Code the library runs after each `run` (the plot library writes figures then).
    public var runEndHooks: [(Context) throws -> Void] = []
    /// Folder searched by `use "x.soma"` after the current file's folder.
    public var stdlibDirectory: String?
    /// Deepest nesting of Soma calls before `error[limit]`.
    public var maxCallDepth = 10_000

    let interruptFlag = InterruptFlag()
    var builtins: [String: Builtin] = [:]
    let globals = GlobalTable()
    var extensionState: [ObjectIdentifier: AnyObject] = [:]
    var currentDirectory: String?
    /// Files already run by `use`, by resolved path.
    var usedFiles: Set<String> = []
    var preludeNames: Set<String> = []

    public init(output: Output) {
        self.output = output
        self.context = Context(interpreter: self)
    }

    // MARK: builtins and globals

    /// Makes `builtin` callable by its name (a global of the same name shadows it).
    public func define(_ builtin: Builtin) {
        builtins[builtin.name] = builtin
    }

    /// The builtin called `name`, if any.
    public func builtin(named name: String) -> Builtin? {
        builtins[name]
    }

    /// Names of all builtins, sorted.
    public var builtinNames: [String] { builtins.keys.sorted() }

    /// Binds global `name` to `value`.
    public func setGlobal(_ name: String, _ value: Value) {
        globals.set(name, value)
    }

    /// The value of global `name`, if it is defined.
    public func global(_ name: String) -> Value? {
        globals.value(of: name)
    }

    /// Names of the globals the user defined, in definition order (the
    /// prelude's are left out unless rebound).
    public var globalNames: [String] {
        globals.definedNames.filter { !preludeNames.contains($0) }
    }

    /// Records the globals bound so far as the prelude's, hidden from `globalNames`.
    public func markPreludeLoaded() {
        preludeNames = Set(globals.definedNames)
    }

    /// Removes every global and forgets the files run by `use`.
    public func clearGlobals() {
        globals.removeAll()
        usedFiles = []
    }

    /// The doc text of a builtin or of a documented Soma function bound to `name`.
    public func doc(for name: String) -> String? {
        if let value = global(name) { return value.helpText }
        return builtins[name]?.helpText
    }

    // MARK: running

    /// Asks running code to stop soon with `error[interrupt]`; safe from any thread.
    public func interrupt() {
        interruptFlag.set()
    }

    /// Parses and runs `source` in the global scope, then runs the end-of-run hooks.
    public func run(_ source: SourceFile) -> RunResult {
        interruptFlag.clear()
        var result = RunResult()
        runOnLargeStack {
            result = self.runNow(source)
        }
        return result
    }

    /// Calls a function value with arguments (used by `Context.call`).
    func call(_ function: Value, _ arguments: [Value], keywords: [(name: String, value: Value)]) throws -> Value {
        throw SomaError.type("calling functions is not available yet")
    }

    func state<T: AnyObject>(_ type: T.Type, make: () -> T) -> T {
        let key = ObjectIdentifier(type)
        if let existing = extensionState[key] as? T { return existing }
        let made = make()
        extensionState[key] = made
        return made
    }

    func runNow(_ source: SourceFile) -> RunResult {
        let parsed = Parser.parse(source)
        if !parsed.diagnostics.isEmpty {
            return RunResult(diagnostics: parsed.diagnostics)
        }
        return RunResult(diagnostics: [SomaError.type("evaluation is not available yet").diagnostic])
    }
}
