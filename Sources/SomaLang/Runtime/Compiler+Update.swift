import SomaCore

extension Compiler {
    /// `x op= e` on a local or global name: the slot is read once, a number
    /// is updated in place and a string grows in place; anything else takes
    /// `slow` (the general `x = x op e`, list extension and the error for a
    /// local without a value). The old value is read before `e` runs, as in
    /// `x = x op e`. (Returns `slow` itself where no fast path applies: an
    /// Optional closure would be called through a reabstraction thunk.)
    func compileNameUpdate(_ id: Identifier, _ op: BinaryOperator, _ value: Expr, slow: @escaping Exec, _ span: Span) throws -> Exec {
        let operand = try compileExpression(value)
        switch op {
        case .add: return try nameUpdate(AddOperator.self, id, operand, slow: slow, span)
        case .subtract: return try nameUpdate(SubtractOperator.self, id, operand, slow: slow, span)
        case .multiply: return try nameUpdate(MultiplyOperator.self, id, operand, slow: slow, span)
        case .divide: return try nameUpdate(DivideOperator.self, id, operand, slow: slow, span)
        case .remainder: return try nameUpdate(RemainderOperator.self, id, operand, slow: slow, span)
        case .power: return try nameUpdate(PowerOperator.self, id, operand, slow: slow, span)
        default: return slow
        }
    }

    private func nameUpdate<K: NumericOperator>(_ k: K.Type, _ id: Identifier, _ operand: @escaping Code, slow: @escaping Exec,
                                                _ span: Span) throws -> Exec {
        let appends = K.op == .add
        switch resolve(id.name) {
        case .local(let i):
            return { frame in
                let p = frame.base + i
                if case .number(let a) = p.pointee {
                    let b = try operand(frame)
                    if case .number(let q) = b {
                        p.pointee = .number(K.apply(a, q))
                    } else {
                        p.pointee = try at(span) { try Operators.binary(K.op, .number(a), b) }
                    }
                    return .normal
                }
                // Tested without binding the payload: a binding would keep a
                // second reference alive and make every append copy the text.
                guard appends, case .string = p.pointee else { return try slow(frame) }
                let suffix = try stringOperand(try operand(frame), span)
                // The operand may have rebound the name: append only to a string still there.
                guard case .string = p.pointee else { return try slow(frame) }
                var old = p.move()
                var text = Indexing.takeString(&old)
                text += suffix
                p.initialize(to: .string(text))
                return .normal
            }
        case .global(let i, _):
            let table = vm.globals
            return { frame in
                if case .some(.number(let a)) = table.values[i] {
                    let b = try operand(frame)
                    // The result is computed before the slot is addressed: the
                    // table's storage moves when code run meanwhile adds a name.
                    let result: Value
                    if case .number(let q) = b {
                        result = .number(K.apply(a, q))
                    } else {
                        result = try at(span) { try Operators.binary(K.op, .number(a), b) }
                    }
                    table.values[i] = result
                    return .normal
                }
                guard appends, case .some(.string) = table.values[i] else { return try slow(frame) }
                let suffix = try stringOperand(try operand(frame), span)
                guard case .some(.string) = table.values[i] else { return try slow(frame) }
                var old = table.values[i] ?? .nil
                table.values[i] = .nil
                var text = Indexing.takeString(&old)
                text += suffix
                table.values[i] = .string(text)
                return .normal
            }
        case .cell, .capture:
            return slow
        }
    }
}

/// The text `s += e` appends: `e` must be a string.
@inline(__always)
private func stringOperand(_ more: Value, _ span: Span) throws -> String {
    guard case .string(let suffix) = more else {
        throw SomaError.type("cannot add string and \(more.typeName)").located(span)
    }
    return suffix
}
