extension Compiler {
    /// One statement.
    func compileStatement(_ s: Stmt) throws -> Exec {
        unowned(unsafe) let vm = self.vm
        switch s.kind {
        case .expression(let e, _):
            switch e.kind {
            case .ifElse(let condition, let then, let elseBranch):
                return try compileIfStatement(condition, then, elseBranch)
            case .block(let block):
                return try compileBlock(block.statements)
            default:
                let code = try compileExpression(e)
                return { frame in
                    _ = try code(frame)
                    return .normal
                }
            }
        case .assign(let targets, let value):
            return try compileAssignment(targets, value, s.span)
        case .compoundAssign(let target, let op, let value):
            return try compileCompoundAssignment(target, op, value, s.span)
        case .function(let decl):
            guard let name = decl.name else { throw syntaxError("a function statement needs a name", s.span) }
            let make = try compileFunction(decl)
            let store = compileStore(name.name, name.span)
            return { frame in
                try store(frame, try make(frame))
                return .normal
            }
        case .forLoop(let variables, let iterable, let body):
            return try compileFor(variables, iterable, body, s.span)
        case .whileLoop(let condition, let body):
            let test = try compileCondition(condition)
            loopDepth += 1
            let bodyExec = try compileBlock(body.statements)
            loopDepth -= 1
            let flag = vm.interruptFlag
            return { frame in
                while try test(frame) {
                    if flag.isSet { throw SomaError.interrupt().located(s.span) }
                    switch try runLoopBody(bodyExec, frame) {
                    case .breakLoop: return .normal
                    case .returnValue: return .returnValue
                    default: continue
                    }
                }
                return .normal
            }
        case .breakLoop:
            guard loopDepth > 0 else { throw syntaxError("'break' outside a loop", s.span) }
            return { _ in .breakLoop }
        case .continueLoop:
            guard loopDepth > 0 else { throw syntaxError("'continue' outside a loop", s.span) }
            return { _ in .continueLoop }
        case .returnValue(let e):
            guard inFunction else { throw syntaxError("'return' outside a function", s.span) }
            let slot = vm.returnSlot
            guard let e else {
                return { _ in
                    slot.pointee = .nil
                    return .returnValue
                }
            }
            let code = try compileValue(e, tail: false)
            return { frame in
                slot.pointee = try code(frame)
                return .returnValue
            }
        case .tryCatch(let body, let errorName, let handler):
            let bodyExec = try compileBlock(body.statements)
            let handlerExec = try compileBlock(handler.statements)
            let store = errorName.map { compileStore($0.name, $0.span) }
            return { frame in
                do {
                    return try bodyExec(frame)
                } catch let signal as ControlSignal {
                    throw signal
                } catch let request as ExitRequest {
                    throw request
                } catch {
                    let e = SomaError(converting: error)
                    if e.kind == .interrupt { throw e }
                    if let store { try store(frame, errorValue(e)) }
                    return try handlerExec(frame)
                }
            }
        case .use(let path):
            let size = frameSize
            let file = source
            return { frame in
                try vm.use(path, span: s.span, from: file, base: frame.base + size)
                return .normal
            }
        }
    }

    /// `if` as a statement: branches report control flow without signals.
    func compileIfStatement(_ condition: Expr, _ then: Block, _ elseBranch: Expr?) throws -> Exec {
        let test = try compileCondition(condition)
        let thenExec = try compileBlock(then.statements)
        guard let elseBranch else {
            return { frame in try test(frame) ? thenExec(frame) : .normal }
        }
        let elseExec: Exec
        switch elseBranch.kind {
        case .ifElse(let c, let t, let e): elseExec = try compileIfStatement(c, t, e)
        case .block(let b): elseExec = try compileBlock(b.statements)
        default:
            let code = try compileExpression(elseBranch)
            elseExec = { frame in
                _ = try code(frame)
                return .normal
            }
        }
        return { frame in try test(frame) ? thenExec(frame) : elseExec(frame) }
    }
}

/// Runs one pass of a loop body, turning a signal from inside an expression
/// into the same flow a statement would report.
@inline(__always)
func runLoopBody(_ body: Exec, _ frame: Frame) throws -> Flow {
    do {
        return try body(frame)
    } catch let signal as ControlSignal where signal.flow != .returnValue {
        return signal.flow
    }
}

/// The record a `catch e` binds: `e.kind`, `e.message`, `e.line`, `e.column`.
func errorValue(_ e: SomaError) -> Value {
    var record = Record()
    record["kind"] = .string(e.kind.rawValue)
    record["message"] = .string(e.message)
    record["line"] = e.span.map { Value($0.start.line) } ?? .nil
    record["column"] = e.span.map { Value($0.start.column) } ?? .nil
    return .record(record)
}
