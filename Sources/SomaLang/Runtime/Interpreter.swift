import SomaCore

/// One Soma interpreter: its globals, builtins, extension state and output.
///
/// Interpreters share nothing, so tests and notebook runs can use many side
/// by side. Source is compiled once into Swift closures (see `Compiler`) and
/// run on a thread with a large stack, so deep recursion ends in
/// `error[limit]` rather than a crash. Hosts normally use `Session`
/// (SomaLibrary), which installs the whole library.
///
/// Where LANGUAGE.md is silent, the runtime decides as a Python user would
/// expect, except where noted:
/// - `a and b` / `a or b` give the deciding operand (`nil or 5` is 5).
/// - Division by zero follows IEEE (`1/0` is inf), as numpy does; `%` is
///   Python's floored remainder.
/// - Comparing two single numbers gives a boolean, also for a tracked 0-d
///   tensor inside `grad`; comparing tensors gives a 1/0 tensor.
/// - `A[t]` with a 0/1 tensor shaped like A's leading axes is a mask, other
///   tensors are positions; a comparison in the brackets is always a mask and
///   a bracket literal always positions.
/// - Reading a function's local before it is assigned gives nil, except
///   `x += ...`, which explains that assignment made `x` local.
/// - `xs = push(xs, x)` appends in place when `xs` is not shared.
/// - Function defaults are evaluated when the `fn` runs (as in Python).
public final class Interpreter {
    /// Where `print` writes.
    public let output: Output
    /// The bridge builtins use to reach this interpreter.
    public var context: Context {
        // Made on first use and kept behind a pointer: every builtin call
        // reads it, and a lazy stored property pays an exclusivity check each time.
        if let made = contextCell.pointee { return made }
        let made = Context(interpreter: self)
        contextCell.pointee = made
        return made
    }
    private let contextCell: UnsafeMutablePointer<Context?> = {
        let cell = UnsafeMutablePointer<Context?>.allocate(capacity: 1)
        cell.initialize(to: nil)
        return cell
    }()
    /// Code the library runs after each `run` (the plot library writes figures then).
    public var runEndHooks: [(Context) throws -> Void] = []
    /// Folder searched by `use "x.soma"` after the current file's folder.
    public var stdlibDirectory: String?
    /// Stdlib files built into the binary (name → source), used by `use` when
    /// no file of that name is found on disk.
    public var embeddedStdlib: [String: String] = [:]
    /// Which files code may read and write (nil: any, as in the REPL); see `FilePolicy`.
    public var filePolicy: FilePolicy?
    /// Deepest nesting of Soma calls before `error[limit]`.
    public var maxCallDepth: Int {
        get { depthLimit.pointee }
        set { depthLimit.pointee = newValue }
    }

    private let interruptFlagStorage: InterruptFlag
    /// The same flag, read on every call without retaining it (the
    /// interpreter keeps it alive through `interruptFlagStorage`).
    unowned(unsafe) let interruptFlag: InterruptFlag
    var builtins: [String: Builtin] = [:]
    let globals = GlobalTable()
    var extensionState: [ObjectIdentifier: AnyObject] = [:]
    var currentDirectory: String?
    /// Files already run by `use`, by resolved path.
    var usedFiles: Set<String> = []
    public internal(set) var preludeNames: Set<String> = []
    /// Whether `use` defers Stdlib modules (while the prelude loads; see `DeferredModule`).
    public var defersUses = false
    /// Names of deferred modules not yet run, each to its module.
    var deferredModules: [String: DeferredModule] = [:]
    /// The error of a deferred module that failed while code was compiled.
    var deferredFailure: SomaError?
    /// Whether a `run` is in progress (a nested one keeps the live frames).
    var isRunning = false

    // The value stack shared by all Soma frames (see `invoke`): allocated
    // once, uninitialised, so untouched pages cost nothing.
    static let stackCapacity = 1 << 20
    let stackBase: UnsafeMutablePointer<Value>
    let stackEnd: UnsafeMutablePointer<Value>
    /// Where native code's calls into Soma put their frames; behind a
    /// pointer, as every builtin call saves and restores it.
    let stackTopCell = UnsafeMutablePointer<UnsafeMutablePointer<Value>>.allocate(capacity: 1)
    var stackTop: UnsafeMutablePointer<Value> {
        get { stackTopCell.pointee }
        set { stackTopCell.pointee = newValue }
    }
    /// Nesting of Soma calls, kept behind a pointer: a counter touched on
    /// every call should not pay for dynamic exclusivity checks.
    let depthCounter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    var callDepth: Int {
        get { depthCounter.pointee }
        set { depthCounter.pointee = newValue }
    }
    /// Lowest native stack address calls may reach (0: not on the large stack).
    let nativeStackFloor = UnsafeMutablePointer<UInt>.allocate(capacity: 1)
    /// `maxCallDepth` as read on every call.
    let depthLimit = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    /// The value of the `return` statement being executed.
    /// Kept behind a pointer so `return` pays no exclusivity check.
    let returnSlot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
    var returnRegister: Value {
        get { returnSlot.pointee }
        set { returnSlot.pointee = newValue }
    }
    /// The closure that top-level code runs in (it captures nothing).
    let rootClosure = Closure(
        proto: FunctionProto(name: "<top>", doc: nil, parameterNames: [], source: SourceFile(name: "<top>", text: "")),
        captures: [], defaults: [])

    public init(output: Output) {
        self.output = output
        interruptFlagStorage = InterruptFlag()
        interruptFlag = interruptFlagStorage
        stackBase = UnsafeMutablePointer<Value>.allocate(capacity: Interpreter.stackCapacity)
        stackEnd = stackBase + Interpreter.stackCapacity
        stackTopCell.initialize(to: stackBase)
        depthCounter.initialize(to: 0)
        depthLimit.initialize(to: 10_000)
        nativeStackFloor.initialize(to: 0)
        returnSlot.initialize(to: .nil)
    }

    deinit {
        stackBase.deallocate()
        stackTopCell.deallocate()
        contextCell.deinitialize(count: 1)
        contextCell.deallocate()
        depthCounter.deallocate()
        depthLimit.deallocate()
        nativeStackFloor.deallocate()
        returnSlot.deinitialize(count: 1)
        returnSlot.deallocate()
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
        if deferredModules[name] != nil { loadDeferredForHost(name) }
        return globals.value(of: name)
    }

    /// Names of the globals the user defined, in definition order (the
    /// prelude's are left out unless rebound).
    public var globalNames: [String] {
        globals.definedNames.filter { !preludeNames.contains($0) }
    }

    /// Records the globals bound so far as the prelude's, hidden from `globalNames`.
    public func markPreludeLoaded() {
        preludeNames = Set(globals.definedNames).union(deferredModules.keys)
    }

    /// Removes every global and forgets the files run by `use`.
    public func clearGlobals() {
        globals.removeAll()
        usedFiles = []
        deferredModules = [:]
    }

    /// Drops every global and all extension state, releasing them on the
    /// large stack (a deeply nested list releases recursively). Soma functions
    /// bound to globals refer to the global table through their compiled code,
    /// a reference cycle: hosts call this when they are done with an
    /// interpreter (Session does on `reset` and when it is freed).
    public func releaseAll() {
        runOnLargeStack {
            self.globals.removeAll()
            self.extensionState = [:]
            self.returnRegister = .nil
        }
        usedFiles = []
        deferredModules = [:]
    }

    /// The doc text of a builtin or of a documented Soma function bound to `name`.
    public func doc(for name: String) -> String? {
        if let value = global(name) { return value.helpText }
        if let builtin = builtins[name] { return builtin.helpText }
        // `net.learn`: a member of a global object or record.
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }), var value = global(parts[0]) else { return nil }
        for member in parts.dropFirst() {
            guard let next = try? withStackTop(stackTop, { try Indexing.field(value, member) }) else { return nil }
            value = next
        }
        return value.helpText ?? "\(name) is a \(value.typeName): \(value.displayString.prefix(200))"
    }

    // MARK: running

    /// Asks running code to stop soon with `error[interrupt]`; safe from any thread.
    public func interrupt() {
        interruptFlag.set()
    }

    /// Parses and runs `source` in the global scope, then runs the end-of-run hooks.
    public func run(_ source: SourceFile) -> RunResult {
        if !isRunning { interruptFlag.clear() }
        do {
            return try onLargeStack { self.runNow(source) }
        } catch {
            return RunResult(diagnostics: [SomaError(converting: error).diagnostic])
        }
    }

    /// Runs `work` on the large stack with the native stack guard set: in
    /// place when already there, else on a new thread that is waited for.
    public func onLargeStack<T>(_ work: @escaping () throws -> T) throws -> T {
        if nativeStackFloor.pointee != 0 { return try work() }
        var outcome: Result<T, Error> = .failure(SomaError.limit("the evaluation thread did not run"))
        runOnLargeStack {
            // Leave a margin below the usable stack for native code that
            // runs between two checks (builtins, display, deinit).
            let top = currentStackAddress()
            self.nativeStackFloor.pointee = top > UInt(largeStackBytes) ? top - UInt(largeStackBytes) + (32 << 20) : 0
            outcome = Result { try work() }
            self.nativeStackFloor.pointee = 0
        }
        return try outcome.get()
    }

    func state<T: AnyObject>(_ type: T.Type, make: () -> T) -> T {
        let key = ObjectIdentifier(type)
        if let existing = extensionState[key] as? T { return existing }
        let made = make()
        extensionState[key] = made
        return made
    }
}
