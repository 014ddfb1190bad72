import SomaCore

extension Compiler {
    /// `x op= e` on a local or global name: the slot is read once, a number
    /// is updated in place and a string grows in place; anything else takes
    /// `slow` (the general `x = x op e`, list extension and the error for a
    /// local without a value). The old value is read before `e` runs, as in
    /// `x = x op e`. (Returns `slow` itself where no fast path applies: an
    /// Optional closure would be called through a reabstraction thunk.)
    func compileNameUpdate(_ id: Identifier, _ op: BinaryOperator, _ value: Expr, slow: @escaping Exec, _ span: Span) throws -> Exec {
        // A side-effect free arithmetic operand also runs as raw numeric
        // code (a constant needs no code at all); `operand` is the fallback.
        let leaf = numeric(value)
        let operand: Code
        let texts: TextsCode
        if op == .add, leaf == nil, case .binary(.add, let l, let r) = value.kind {
            // `s += a + b`: the two parts are appended one after the other
            // when both are strings, without making the text a + b first.
            // `operand` is what compileExpression(value) gives, sharing the parts.
            let left = try compileExpression(l), right = try compileExpression(r)
            operand = compileBinary(.add, left, right, value.span)
            texts = joinedTexts(left, right, value.span, span)
        } else {
            let code = try compileExpression(value)
            operand = code
            texts = { frame in (try stringOperand(try code(frame), span), "") }
        }
        let code: NumCode
        if let leaf { code = numericCode(leaf) } else { code = { _ in throw NotNumeric() } }
        let numeric = NumericOperand(leaf, code)
        switch op {
        case .add: return try nameUpdate(AddOperator.self, id, operand, numeric, texts, slow: slow, span)
        case .subtract: return try nameUpdate(SubtractOperator.self, id, operand, numeric, texts, slow: slow, span)
        case .multiply: return try nameUpdate(MultiplyOperator.self, id, operand, numeric, texts, slow: slow, span)
        case .divide: return try nameUpdate(DivideOperator.self, id, operand, numeric, texts, slow: slow, span)
        case .remainder: return try nameUpdate(RemainderOperator.self, id, operand, numeric, texts, slow: slow, span)
        case .power: return try nameUpdate(PowerOperator.self, id, operand, numeric, texts, slow: slow, span)
        default: return slow
        }
    }

    private func nameUpdate<K: NumericOperator>(_ k: K.Type, _ id: Identifier, _ operand: @escaping Code, _ numeric: NumericOperand,
                                                _ texts: @escaping TextsCode, slow: @escaping Exec, _ span: Span) throws -> Exec {
        let appends = K.op == .add
        let num = numeric.code, kind = numeric.kind, constant = numeric.constant
        let site = NumericSite()
        switch resolve(id.name) {
        case .local(let i):
            return { frame in
                let p = frame.base + i
                if case .number(let a) = p.pointee {
                    if kind == .constant {
                        // The old value is a number: nothing to release before overwriting it.
                        p.initialize(to: .number(K.apply(a, constant)))
                        return .normal
                    }
                    if kind == .code && site.failures < NumericSite.limit {
                        do {
                            let q = try num(frame)
                            // The operand ran no code that could rebind the name: the slot still holds a number.
                            p.initialize(to: .number(K.apply(a, q)))
                            return .normal
                        } catch is NotNumeric {
                            site.failures += 1
                        }
                    }
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
                let (first, second) = try texts(frame)
                // The operand may have rebound the name: append only to a string still there.
                guard case .string = p.pointee else { return try slow(frame) }
                var old = p.move()
                var text = Indexing.takeString(&old)
                text += first
                if !second.isEmpty { text += second }
                p.initialize(to: .string(text))
                return .normal
            }
        case .global(let i, _):
            let table = vm.globals
            return { frame in
                if case .some(.number(let a)) = table.values[i] {
                    if kind == .constant {
                        (table.values + i).initialize(to: .number(K.apply(a, constant)))
                        return .normal
                    }
                    if kind == .code && site.failures < NumericSite.limit {
                        do {
                            let q = try num(frame)
                            // Numeric code defines no names: the table has not moved and the slot holds a number.
                            (table.values + i).initialize(to: .number(K.apply(a, q)))
                            return .normal
                        } catch is NotNumeric {
                            site.failures += 1
                        }
                    }
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
                let (first, second) = try texts(frame)
                guard case .some(.string) = table.values[i] else { return try slow(frame) }
                var old = table.values[i] ?? .nil
                table.values[i] = .nil
                var text = Indexing.takeString(&old)
                text += first
                if !second.isEmpty { text += second }
                table.values[i] = .string(text)
                return .normal
            }
        case .cell, .capture:
            return slow
        }
    }
}

/// The text `s += e` appends, in one or two parts (the second may be empty).
typealias TextsCode = (Frame) throws -> (String, String)

/// The parts `s += a + b` appends: a's and b's text when both are strings
/// (with the size check `a + b` makes), else the text of `a + b` computed as
/// the expression would (`joined` is its span, `span` the update's).
private func joinedTexts(_ left: @escaping Code, _ right: @escaping Code, _ joined: Span, _ span: Span) -> TextsCode {
    { frame in
        let x = try left(frame), y = try right(frame)
        if case .string(let a) = x, case .string(let b) = y {
            try at(joined) { try SizeLimit.checkString(a.utf8.count + b.utf8.count, "joining two strings") }
            return (a, b)
        }
        let sum: Value
        if case .number(let p) = x, case .number(let q) = y {
            sum = .number(p + q)
        } else {
            sum = try at(joined) { try Operators.binary(.add, x, y) }
        }
        return (try stringOperand(sum, span), "")
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

/// The operand of `x op= e` as numeric code, when it is arithmetic.
struct NumericOperand {
    enum Kind { case none, constant, code }
    let kind: Kind
    let constant: Double
    let code: NumCode

    init(_ leaf: NumericLeaf?, _ code: @escaping NumCode) {
        self.code = code
        switch leaf {
        case .constant(let c)?: kind = .constant; constant = c
        case .some: kind = .code; constant = 0
        case nil: kind = .none; constant = 0
        }
    }
}
