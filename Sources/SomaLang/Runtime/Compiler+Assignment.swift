import SomaCore

/// A compiled step of an assignment target path, evaluated before the write.
enum StepCode {
    case field(String)
    case index([KeyCode])
}

/// A compiled index item.
enum KeyCode {
    case expr(Code, IndexHint)
    case slice(Code?, Code?, Code?)
}

extension Compiler {
    /// `x = e`, `a, b = e`, `A[i, :] = e`, `r.x = e`.
    func compileAssignment(_ targets: [AssignTarget], _ value: Expr, _ span: Span) throws -> Exec {
        if targets.count == 1, case .name(let id) = targets[0] {
            if let append = try compileAppend(id, value, span) { return append }
            let code = try compileValue(value, tail: false)
            switch resolve(id.name) {
            case .local(let i):
                return { frame in
                    let value = try code(frame)
                    let p = frame.base + i
                    // A number in the slot needs no release before it is overwritten.
                    if case .number = p.pointee { p.initialize(to: value) } else { p.pointee = value }
                    return .normal
                }
            case .global(let i, _):
                let table = vm.globals
                return { frame in
                    // Evaluated before the slot is addressed: new names move the table's storage.
                    let value = try code(frame)
                    let p = table.values + i
                    if case .some(.number) = p.pointee { p.initialize(to: value) } else { p.pointee = value }
                    return .normal
                }
            default:
                break
            }
            let store = compileStore(id.name, id.span)
            return { frame in
                try store(frame, try code(frame))
                return .normal
            }
        }
        let code = try compileValue(value, tail: false)
        if targets.count == 1 {
            // Compiled straight into a let: a closure read back from an array
            // would be called through a reabstraction thunk.
            let write = try compileTargetWrite(targets[0])
            return { frame in
                try write(frame, try code(frame))
                return .normal
            }
        }
        let writers = try targets.map(compileTargetWrite)
        let count = writers.count
        return { frame in
            let value = try code(frame)
            let parts = try at(span) { try unpack(value, count) }
            for (write, part) in zip(writers, parts) { try write(frame, part) }
            return .normal
        }
    }

    /// `xs = push(xs, x)` appends in place when xs holds a list: the list is
    /// not shared while it is written, so building a list in a loop takes
    /// linear time instead of copying it at every step.
    func compileAppend(_ target: Identifier, _ value: Expr, _ span: Span) throws -> Exec? {
        guard case .call(let callee, let arguments) = value.kind, case .name("push") = callee.kind,
              arguments.count == 2, arguments.allSatisfy({ $0.label == nil }),
              case .name(let listName) = arguments[0].value.kind, listName == target.name,
              let push = vm.builtins["push"], case .global(let pushSlot, _) = resolve("push") else { return nil }
        let item = try compileExpression(arguments[1].value)
        let access = compileRootAccess(arguments[0].value)
        let ordinaryCall = try compileExpression(value)
        let store = compileStore(target.name, target.span)
        let table = vm.globals
        let size = frameSize
        unowned(unsafe) let vm = self.vm
        return { frame in
            if case .some = table.values[pushSlot] {
                // `push` was rebound: an ordinary call and assignment.
                try store(frame, try ordinaryCall(frame))
                return .normal
            }
            let x = try item(frame)
            try at(span) {
                try access(frame) { current in
                    if case .list(var items) = current {
                        current = .nil
                        items.append(x)
                        current = .list(items)
                    } else {
                        current = try vm.callBuiltin(push, [current, x], [], base: frame.base + size)
                    }
                }
            }
            return .normal
        }
    }

    /// `xs += ys` extends a list (or a string) in place, as Python's `+=`
    /// does, so text or a list built in a loop is not copied at every step;
    /// other values take the ordinary `xs = xs + ys`.
    func compileListExtend(_ target: Identifier, _ value: Expr, otherwise: @escaping Exec, _ span: Span) throws -> Exec {
        let operand = try compileExpression(value)
        let load = compileLoad(target.name, target.span)
        let access = compileRootAccess(Expr(.name(target.name), span: target.span))
        return { frame in
            let isText: Bool
            switch try load(frame) {
            case .list: isText = false
            case .string: isText = true
            default: return try otherwise(frame)
            }
            if isText {
                let more = try operand(frame)
                guard case .string(let suffix) = more else {
                    throw SomaError.type("cannot add string and \(more.typeName)").located(span)
                }
                try access(frame) { current in
                    guard case .string = current else { return }
                    var text = Indexing.takeString(&current)
                    text += suffix
                    current = .string(text)
                }
                return .normal
            }
            let more = try operand(frame)
            let items: [Value]
            switch more {
            case .list(let list): items = list
            case .tensor: items = try at(span) { try more.items() }
            default: throw SomaError.type("cannot add list and \(more.typeName)").located(span)
            }
            try access(frame) { current in
                guard case .list = current else { return }
                var list = Indexing.takeList(&current)
                list.append(contentsOf: items)
                current = .list(list)
            }
            return .normal
        }
    }

    /// `x op= e` for every kind of target.
    func compileCompoundAssignment(_ target: AssignTarget, _ op: BinaryOperator, _ value: Expr, _ span: Span) throws -> Exec {
        if case .name(let id) = target {
            let synthetic = Expr(.binary(op, Expr(.name(id.name), span: id.span), value), span: span)
            var assign = try compileAssignment([target], synthetic, span)
            if op == .add { assign = try compileListExtend(id, value, otherwise: assign, span) }
            // `count += 1` in a function whose `count` was meant to be a
            // global: say why it has no value instead of "cannot add nil".
            var slot: Int?
            switch resolve(id.name) {
            case .local(let i) where i >= scope.parameterCount: slot = i
            default: break
            }
            let general: Exec
            if let slot {
                let name = id.name
                let checked = assign
                general = { frame in
                    if case .nil = frame.base[slot] {
                        throw SomaError(.name, "'\(name)' has no value yet: assigning it inside this function makes it local",
                                        span: id.span, notes: ["to change a value from outside, pass it in and return the new value"])
                    }
                    return try checked(frame)
                }
            } else {
                general = assign
            }
            return try compileNameUpdate(id, op, value, slow: general, span)
        }
        let rhs = try compileExpression(value)
        guard let (root, steps) = try compilePath(target) else {
            throw syntaxError("cannot assign to this expression", target.span)
        }
        let access = compileRootAccess(root)
        return { frame in
            let operand = try rhs(frame)
            try at(span) {
                let path = try evaluate(steps, frame)
                try access(frame) { current in
                    if try Indexing.updateMasked(&current, path, op, operand) { return }
                    let old = try Indexing.get(current, path: path[...])
                    let new = try Operators.binary(op, old, operand)
                    try Indexing.update(&current, path[...], new)
                }
            }
            return .normal
        }
    }

    /// Code that writes a value to one target.
    func compileTargetWrite(_ target: AssignTarget) throws -> Store {
        if case .name(let id) = target { return compileStore(id.name, id.span) }
        if case .index(let base, let items, let span) = target, case .name = base.kind,
           items.count == 1, case .expr(let keyExpr) = items[0] {
            // `v[i] = x`: one index on a variable, the shape of most loops.
            let key = try compileExpression(keyExpr)
            let access = compileRootAccess(base)
            let hint: IndexHint = keyExpr.isComparison ? .mask : (keyExpr.isListLiteral ? .positions : .auto)
            let general: (Frame, Value, Value) throws -> Void = { frame, k, value in
                try at(span) {
                    try access(frame) { current in
                        if case .number(let x) = k, Indexing.setElement(&current, x, value) { return }
                        let evaluated: IndexKey = if case .number(let x) = k { .number(x) } else { .value(k, hint) }
                        try Indexing.update(&current, [PathStep.index([evaluated])][...], value)
                    }
                }
            }
            return compileElementWrite(base, key, general: general)
        }
        guard let (root, steps) = try compilePath(target) else {
            throw syntaxError("cannot assign to this expression", target.span)
        }
        let access = compileRootAccess(root)
        let span = target.span
        return { frame, value in
            try at(span) {
                let path = try evaluate(steps, frame)
                try access(frame) { current in try Indexing.update(&current, path[...], value) }
            }
        }
    }

    /// Splits `a.b[i].c` into its root expression and the steps after it.
    func compilePath(_ target: AssignTarget) throws -> (root: Expr, steps: [StepCode])? {
        var steps: [StepCode] = []
        var base: Expr
        switch target {
        case .name: return nil
        case .index(let b, let items, _):
            steps.append(.index(try compileKeys(items)))
            base = b
        case .field(let b, let name, _):
            steps.append(.field(name.name))
            base = b
        }
        while true {
            switch base.kind {
            case .index(let b, let items):
                steps.append(.index(try compileKeys(items)))
                base = b
            case .field(let b, let name):
                steps.append(.field(name.name))
                base = b
            default:
                return (base, steps.reversed())
            }
        }
    }

    func compileKeys(_ items: [IndexItem]) throws -> [KeyCode] {
        try items.map { item in
            switch item {
            case .expr(let e):
                let hint: IndexHint = e.isComparison ? .mask : (e.isListLiteral ? .positions : .auto)
                return .expr(try compileExpression(e), hint)
            case .slice(let a, let b, let c, _):
                return .slice(try a.map(compileExpression), try b.map(compileExpression), try c.map(compileExpression))
            }
        }
    }

    /// Runs `body` on the root variable's value in place: the value is moved
    /// out of its slot so that its payload is not shared while it is written.
    func compileRootAccess(_ root: Expr) -> (Frame, (inout Value) throws -> Void) throws -> Void {
        let raw = compileRawRootAccess(root)
        unowned(unsafe) let vm = self.vm
        let size = frameSize
        // Object setters run native code that may call back into Soma: its
        // frames must go above this frame's slots (one of which is moved out).
        return { frame, body in
            try vm.withStackTop(frame.base + size) { try raw(frame, body) }
        }
    }

    private func compileRawRootAccess(_ root: Expr) -> (Frame, (inout Value) throws -> Void) throws -> Void {
        guard case .name(let name) = root.kind else {
            // Not a variable (`figure().title = ...`): only objects can be changed this way.
            let code = try? compileExpression(root)
            return { frame, body in
                guard let code else { throw SomaError.syntax("cannot assign to this expression") }
                var value = try code(frame)
                try body(&value)
            }
        }
        let span = root.span
        switch resolve(name) {
        case .local(let i):
            return { frame, body in
                let slot = frame.base + i
                var value = slot.move()
                defer { slot.initialize(to: value) }
                try body(&value)
            }
        case .cell(let i):
            return { frame, body in
                let c = try cell(frame, i)
                var value = c.value
                c.value = .nil
                defer { c.value = value }
                try body(&value)
            }
        case .capture(let k):
            return { frame, body in
                let c = frame.closure.captures[k]
                var value = c.value
                c.value = .nil
                defer { c.value = value }
                try body(&value)
            }
        case .global(let i, let name):
            let table = vm.globals
            unowned(unsafe) let vm = self.vm
            return { _, body in
                guard var value = table.values[i] else { throw vm.undefinedName(name, span) }
                table.values[i] = .nil
                defer { table.values[i] = value }
                try body(&value)
            }
        }
    }
}

/// Evaluates compiled path steps to concrete ones.
func evaluate(_ steps: [StepCode], _ frame: Frame) throws -> [PathStep] {
    try steps.map { step in
        switch step {
        case .field(let name): return .field(name)
        case .index(let keys): return .index(try evaluate(keys, frame))
        }
    }
}

func evaluate(_ keys: [KeyCode], _ frame: Frame) throws -> [IndexKey] {
    try keys.map { key in
        switch key {
        case .expr(let code, let hint):
            let v = try code(frame)
            if case .number(let x) = v { return .number(x) }
            return .value(v, hint)
        case .slice(let a, let b, let c):
            return .slice(start: try sliceBound(a, frame), stop: try sliceBound(b, frame), step: try sliceBound(c, frame))
        }
    }
}

private func sliceBound(_ code: Code?, _ frame: Frame) throws -> Int? {
    guard let code else { return nil }
    let v = try code(frame)
    switch v {
    case .nil: return nil
    case .number(let x):
        if let i = Int(exactly: x) { return i }
        // A whole number past Int's range clamps, as numpy's slices do with
        // any integer (`X[0:2^64]` is all of X); the selectors clamp bounds
        // to the length and take steps of any size.
        guard x.isFinite, x == x.rounded(.towardZero) else {
            throw SomaError.index("a slice bound must be a whole number, got \(formatNumber(x))")
        }
        return x > 0 ? Int.max : Int.min
    default:
        throw SomaError.type("a slice bound must be a number, got \(v.typeName)")
    }
}

/// Splits a value into `count` parts for `a, b = value`.
func unpack(_ value: Value, _ count: Int) throws -> [Value] {
    let parts: [Value]
    switch value {
    case .list(let items): parts = items
    case .tensor(let box): parts = try box.tensor.rows().map { Value($0) }
    case .range(let r): parts = try r.numbers().map { Value($0) }
    default: throw SomaError.type("cannot unpack \(value.typeName) into \(count) names")
    }
    guard parts.count == count else {
        throw SomaError.value("cannot unpack \(parts.count) value\(parts.count == 1 ? "" : "s") into \(count) names")
    }
    return parts
}

extension SomaError {
    static func syntax(_ message: String) -> SomaError { SomaError(.syntax, message) }
}

extension Expr {
    /// Whether an index expression reads as a mask (`A[A > 0]`, `A[not m]`).
    var isComparison: Bool {
        switch kind {
        case .binary(let op, _, _): return [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op)
        case .unary(.not, _), .logical: return true
        default: return false
        }
    }

    /// Whether an index expression is a bracket literal of positions (`A[[0, 2]]`).
    var isListLiteral: Bool {
        if case .list = kind { return true }
        return false
    }
}
