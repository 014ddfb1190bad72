import SomaCore

extension Compiler {
    /// `v[i]` with `v` a local or global variable: a number position in a
    /// list or an untracked vector is read from the slot in place (the value
    /// is not copied out first); anything else takes the general index read.
    /// (Returns `otherwise` where no fast path applies: an Optional closure
    /// would be called through a reabstraction thunk.)
    func compileElementRead(_ base: Expr, _ keyExpr: Expr, _ keyCode: @escaping Code, _ keys: [KeyCode], _ span: Span,
                            otherwise: @escaping Code) -> Code {
        // The slot is read after the key: only keys that cannot rebind the name qualify.
        guard case .name(let name) = base.kind, keyExpr.cannotRebind else { return otherwise }
        let load = compileLoad(name, base.span)
        let general: (Value, Value) throws -> Value = { container, key in
            try at(span) {
                if case .number(let x) = key { return try Indexing.get(container, [.number(x)]) }
                guard case .expr(_, let hint) = keys[0] else { return .nil }
                return try Indexing.get(container, [.value(key, hint)])
            }
        }
        switch resolve(name) {
        case .local(let i):
            return { frame in
                let key = try keyCode(frame)
                if case .number(let x) = key {
                    switch frame.base[i] {
                    case .tensor(let box): if let v = box.vectorElement(x) { return .number(v) }
                    case .list(let list): if let k = Int(exactly: x), k >= 0, k < list.count { return list[k] }
                    default: break
                    }
                }
                return try general(try load(frame), key)
            }
        case .global(let i, _):
            let table = vm.globals
            return { frame in
                let key = try keyCode(frame)
                if case .number(let x) = key {
                    switch table.values[i] {
                    case .some(.tensor(let box)): if let v = box.vectorElement(x) { return .number(v) }
                    case .some(.list(let list)): if let k = Int(exactly: x), k >= 0, k < list.count { return list[k] }
                    default: break
                    }
                }
                return try general(try load(frame), key)
            }
        case .cell, .capture:
            return otherwise
        }
    }

    /// `v[i] = x` with `v` a local or global variable, `i` a number and `x`
    /// a number (or any value for a list): written in the slot in place;
    /// `general` runs when the fast write does not apply.
    func compileElementWrite(_ base: Expr, _ key: @escaping Code, general: @escaping (Frame, Value, Value) throws -> Void) -> Store {
        let plain: Store = { frame, value in try general(frame, try key(frame), value) }
        guard case .name(let name) = base.kind else { return plain }
        switch resolve(name) {
        case .local(let i):
            return { frame, value in
                let k = try key(frame)
                if case .number(let x) = k, Indexing.setElement(&frame.base[i], x, value) { return }
                try general(frame, k, value)
            }
        case .global(let i, _):
            let table = vm.globals
            return { frame, value in
                let k = try key(frame)
                if case .number(let x) = k, var current = table.values[i] {
                    // Moved out of the slot, so the payload is not shared while it is written.
                    table.values[i] = .nil
                    let written = Indexing.setElement(&current, x, value)
                    table.values[i] = current
                    if written { return }
                }
                try general(frame, k, value)
            }
        case .cell, .capture:
            return plain
        }
    }
}

extension Expr {
    /// Whether evaluating the expression cannot assign any variable: numbers,
    /// names and arithmetic on them (no calls, no function literals).
    var cannotRebind: Bool {
        switch kind {
        case .number, .name, .string, .bool, .nilLiteral: return true
        case .unary(let op, let a): return op != .not && a.cannotRebind
        case .binary(let op, let a, let b): return op != .matmul && a.cannotRebind && b.cannotRebind
        default: return false
        }
    }
}
