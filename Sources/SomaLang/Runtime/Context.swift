/// What a builtin may ask of the interpreter that calls it.
///
/// Builtins never touch globals or print directly: they call back into Soma
/// through `call`, write through `output`, and keep per-interpreter data
/// (the plot state, the random generator) in `state`.
public final class Context {
    unowned let interpreter: Interpreter

    init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    /// The host's output sink (`print` writes here).
    public var output: Output { interpreter.output }

    /// Calls a Soma function, builtin or callable object with positional and keyword arguments.
    public func call(_ function: Value, _ arguments: [Value], keywords: [(name: String, value: Value)] = []) throws -> Value {
        try interpreter.call(function, arguments, keywords: keywords)
    }

    /// The interpreter's instance of `T`, made by `make` on first use.
    ///
    ///     let plots = args.context.state(PlotState.self) { PlotState() }
    public func state<T: AnyObject>(_ type: T.Type, make: () -> T) -> T {
        interpreter.state(type, make: make)
    }

    /// Whether the host asked the running code to stop; long loops in builtins poll this.
    public var isInterrupted: Bool { interpreter.interruptFlag.isSet }

    /// Throws `error[interrupt]` when the host asked the running code to stop.
    public func checkInterrupt() throws {
        if interpreter.interruptFlag.isSet { throw SomaError.interrupt() }
    }

    /// A value as the REPL shows it (strings quoted, numbers shortest).
    public func display(_ value: Value) -> String {
        value.displayString
    }

    /// A value as `print` and `str` show it (strings raw).
    public func text(_ value: Value) -> String {
        value.textString
    }

    /// The signature and doc of the builtin or documented function bound to `name`.
    public func doc(_ name: String) -> String? {
        interpreter.doc(for: name)
    }

    /// Names of every builtin, sorted.
    public var builtinNames: [String] { interpreter.builtinNames }

    /// Names of the Stdlib's `##`-documented functions still bound as the
    /// prelude left them, sorted.
    public var documentedPreludeNames: [String] {
        interpreter.preludeNames.filter { name in
            guard case .function(.closure(let c))? = interpreter.global(name) else { return false }
            return c.name == name && !(c.doc ?? "").isEmpty
        }.sorted()
    }

    /// The directory of the file being run, for resolving relative paths (nil in the REPL).
    public var currentDirectory: String? { interpreter.currentDirectory }
}
