/// Compiled code: nested Swift closures made once from the syntax tree, with
/// names already resolved to slots (see INTERPRETER.md for why this shape).
typealias Code = (Frame) throws -> Value
/// Code in a numeric context: returns a raw number, or throws `NotNumeric`
/// when an operand turns out not to be a plain number.
typealias NumCode = (Frame) throws -> Double
/// Code in a condition: returns a raw truth value.
typealias CondCode = (Frame) throws -> Bool
/// A statement: says how control leaves it.
typealias Exec = (Frame) throws -> Flow

/// How a statement finished.
enum Flow {
    case normal, breakLoop, continueLoop, returnValue
}

/// `break`, `continue` or `return` escaping from inside an expression (an
/// `if` used as a value); loops and calls catch it. Plain statements report
/// these through `Flow` instead, which costs nothing.
struct ControlSignal: Error {
    let flow: Flow
}

/// Thrown by numeric code when a value is not a plain number; the caller
/// then evaluates the same (side-effect free) expression generically.
struct NotNumeric: Error {}

/// Counts how often numeric code failed at one place, to stop trying there.
/// The count lives behind a pointer: a stored `var` of a class would pay
/// Swift's dynamic exclusivity check each time numeric code runs.
final class NumericSite {
    private let count: UnsafeMutablePointer<Int>
    static let limit = 8

    init() {
        count = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        count.initialize(to: 0)
    }

    deinit {
        count.deallocate()
    }

    var failures: Int {
        @inline(__always) get { count.pointee }
        @inline(__always) set { count.pointee = newValue }
    }
}

/// Turns syntax into closures. One compiler per function body being
/// compiled; inner functions get their own.
final class Compiler {
    unowned let vm: Interpreter
    let scope: FunctionScope
    let inFunction: Bool
    var loopDepth = 0

    /// The file being compiled: errors raised in its code point into it.
    let source: SourceFile

    init(vm: Interpreter, scope: FunctionScope, inFunction: Bool, source: SourceFile) {
        self.vm = vm
        self.source = source
        self.scope = scope
        self.inFunction = inFunction
    }

    /// Slots of the frame being compiled: callee frames start right after them.
    var frameSize: Int { scope.slotCount }

    func syntaxError(_ message: String, _ span: Span) -> SomaError {
        SomaError(.syntax, message, span: span)
    }

    // MARK: programs

    /// A whole program; its result is the value of a final expression
    /// statement that does not end with `;` (nil when there is none or it is nil).
    func compileProgram(_ program: Program) throws -> (Frame) throws -> Value? {
        var execs: [Exec] = []
        var final: Code?
        for (k, statement) in program.statements.enumerated() {
            if k == program.statements.count - 1, case .expression(let e, silent: false) = statement.kind {
                final = try compileValue(e, tail: false)
            } else {
                execs.append(try compileStatement(statement))
            }
        }
        return { [execs, final] frame in
            for exec in execs { _ = try exec(frame) }
            guard let final else { return nil }
            let value = try final(frame)
            return value.isNil ? nil : value
        }
    }

    // MARK: blocks

    /// Statements run for effect, chained so no array is read while running.
    func compileBlock(_ statements: [Stmt]) throws -> Exec {
        try chain(statements[...])
    }

    /// Links statements from the first on. Closures read back from an array
    /// would come wrapped in reabstraction thunks, so each link holds plain lets.
    private func chain(_ statements: ArraySlice<Stmt>) throws -> Exec {
        guard let first = statements.first else { return { _ in .normal } }
        let head = try compileStatement(first)
        if statements.count == 1 { return head }
        let rest = try chain(statements.dropFirst())
        return { frame in
            let flow = try head(frame)
            if flow != .normal { return flow }
            return try rest(frame)
        }
    }

    /// An expression whose value is wanted. `tail` is true when that value is
    /// what the enclosing function returns, so `return` there needs no signal.
    func compileValue(_ e: Expr, tail: Bool) throws -> Code {
        switch e.kind {
        case .ifElse(let condition, let then, let elseBranch):
            let test = try compileCondition(condition)
            let thenCode = try compileBlockValue(then.statements, tail: tail)
            // No Optional<Code> here: closures coming out of generic containers carry thunks.
            guard let elseBranch else {
                return { frame in try test(frame) ? thenCode(frame) : .nil }
            }
            let elseCode = try compileValue(elseBranch, tail: tail)
            if let fused = fusedBranch(condition, then.statements, test, thenCode, elseCode) { return fused }
            return { frame in try test(frame) ? thenCode(frame) : elseCode(frame) }
        case .block(let block):
            return try compileBlockValue(block.statements, tail: tail)
        default:
            return try compileExpression(e)
        }
    }

    /// A block whose value is its last expression statement.
    func compileBlockValue(_ statements: [Stmt], tail: Bool) throws -> Code {
        guard let last = statements.last else { return { _ in .nil } }
        unowned(unsafe) let vm = self.vm
        let lastCode: Code
        switch last.kind {
        case .expression(let e, _):
            lastCode = try compileValue(e, tail: tail)
        case .returnValue(let e) where tail && inFunction:
            if let e { lastCode = try compileValue(e, tail: true) } else { lastCode = { _ in .nil } }
        default:
            let exec = try compileStatement(last)
            lastCode = { frame in
                let flow = try exec(frame)
                if flow == .normal { return .nil }
                return try vm.escape(flow, tail: tail)
            }
        }
        guard statements.count > 1 else { return lastCode }
        let prefix = try compileBlock(Array(statements.dropLast()))
        return { frame in
            let flow = try prefix(frame)
            if flow != .normal { return try vm.escape(flow, tail: tail) }
            return try lastCode(frame)
        }
    }
}

extension Interpreter {
    /// Leaves a value context because a statement inside it broke, continued
    /// or returned: a `return` in tail position just gives its value.
    func escape(_ flow: Flow, tail: Bool) throws -> Value {
        if tail && flow == .returnValue { return takeReturnValue() }
        throw ControlSignal(flow: flow)
    }

    func takeReturnValue() -> Value {
        let value = returnSlot.move()
        returnSlot.initialize(to: .nil)
        return value
    }
}

/// Adds `span` to an error that has no place yet; control signals pass through.
func locate(_ error: Error, _ span: Span) -> Error {
    if error is ControlSignal || error is ExitRequest { return error }
    return SomaError(converting: error).located(span)
}

/// Like `at`, for a call: an error that already has a place (it happened
/// inside the called function) also gets a note naming this call, so the
/// user sees the chain of calls that led to it (the innermost few).
@inline(__always)
func atCall<T>(_ span: Span, _ body: () throws -> T) throws -> T {
    // Only the success path is inlined into each call site; the notes are
    // added out of line, so the call closure stays small.
    do {
        return try body()
    } catch {
        throw noteCall(error, span)
    }
}

/// The error of a call at `span`, with the call noted (see `atCall`).
@inline(never)
func noteCall(_ error: Error, _ span: Span) -> Error {
    guard var error = error as? SomaError else { return locate(error, span) }
    // The inner span may equal this one but lie in another file (the callee's).
    if error.span != nil, error.span != span || error.source != nil {
        let calls = error.stack.filter { $0.contains("called from") }.count + error.pendingNotes.count
        if calls < 3 {
            // The caller's file is known once the error leaves the caller's code;
            // the note names the function the error happened in ("in forward, called from x.soma:5").
            let name = error.leftFunction
            error.pendingNotes.append(PendingNote(text: name.map { "in \($0), called from" } ?? "called from", span: span))
        } else if calls == 3 {
            error.stack.append("called from ... (more calls)")
        }
    }
    error.leftFunction = nil
    return error.located(span)
}

/// Runs `body`, giving any error it throws without a place the place `span`.
@inline(__always)
func at<T>(_ span: Span, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw locate(error, span)
    }
}
