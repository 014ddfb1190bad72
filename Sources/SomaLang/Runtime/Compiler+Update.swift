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
        var numeric = NumericOperand(leaf, code)
        if case .other? = leaf, let term = slotTerm(value) { numeric.term = term }
        let pure = pureOperand(value)
        switch op {
        case .add: return try nameUpdate(AddOperator.self, id, operand, numeric, texts, pure: pure, slow: slow, span)
        case .subtract: return try nameUpdate(SubtractOperator.self, id, operand, numeric, texts, pure: pure, slow: slow, span)
        case .multiply: return try nameUpdate(MultiplyOperator.self, id, operand, numeric, texts, pure: pure, slow: slow, span)
        case .divide: return try nameUpdate(DivideOperator.self, id, operand, numeric, texts, pure: pure, slow: slow, span)
        case .remainder: return try nameUpdate(RemainderOperator.self, id, operand, numeric, texts, pure: pure, slow: slow, span)
        case .power: return try nameUpdate(PowerOperator.self, id, operand, numeric, texts, pure: pure, slow: slow, span)
        default: return slow
        }
    }

    private func nameUpdate<K: NumericOperator>(_ k: K.Type, _ id: Identifier, _ operand: @escaping Code, _ numeric: NumericOperand,
                                                _ texts: @escaping TextsCode, pure: Bool, slow: @escaping Exec, _ span: Span) throws -> Exec {
        let appends = K.op == .add
        let num = numeric.code, kind = numeric.kind, constant = numeric.constant
        let term = numeric.term, hasTerm = term.op != .none
        let site = NumericSite()
        // A tensor is updated in its own buffer when the operand cannot see
        // or rebind the name (names, numbers and arithmetic only), so reading
        // the old value after the operand ran changes nothing.
        let inPlace = pure ? Compiler.inPlaceOp(K.op) : nil
        let table = vm.globals
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
                    if hasTerm, let q = term.value(frame.base, table.values) {
                        p.initialize(to: .number(K.apply(a, q)))
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
                if let inPlace, case .tensor = p.pointee {
                    let b = try operand(frame)
                    if updateTensor(&p.pointee, inPlace, b) { return .normal }
                    p.pointee = try at(span) { try Operators.binary(K.op, p.pointee, b) }
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
            return { frame in
                if case .some(.number(let a)) = table.values[i] {
                    if kind == .constant {
                        (table.values + i).initialize(to: .number(K.apply(a, constant)))
                        return .normal
                    }
                    if hasTerm, let q = term.value(frame.base, table.values) {
                        (table.values + i).initialize(to: .number(K.apply(a, q)))
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
                if let inPlace, case .some(.tensor) = table.values[i] {
                    let b = try operand(frame)
                    // Pure operand: no name was defined, so the table has not moved.
                    // The value is moved out of its slot so the box can be unique.
                    var current = (table.values + i).move() ?? .nil
                    let done = updateTensor(&current, inPlace, b)
                    (table.values + i).initialize(to: current)
                    if done { return .normal }
                    let result = try at(span) { try Operators.binary(K.op, table.values[i] ?? .nil, b) }
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

extension Compiler {
    /// The tensor operation an update operator writes in place, if any.
    static func inPlaceOp(_ op: BinaryOperator) -> BinaryOp? {
        switch op {
        case .add: return .add
        case .subtract: return .sub
        case .multiply: return .mul
        case .divide: return .div
        default: return nil
        }
    }

    /// Whether evaluating `e` can neither run user code nor change a binding:
    /// numbers, names, and `+ - * / @` and negation of those.
    func pureOperand(_ e: Expr) -> Bool {
        switch e.kind {
        case .number, .name: return true
        case .unary(.plus, let a), .unary(.negate, let a): return pureOperand(a)
        case .binary(let op, let l, let r):
            switch op {
            case .add, .subtract, .multiply, .divide, .matmul: return pureOperand(l) && pureOperand(r)
            default: return false
            }
        default: return false
        }
    }
}

/// `slot op= b` written into the tensor's own buffer when the slot's box is
/// not shared and the result keeps the tensor's shape and dtype (see
/// `Tensor.formBinaryInPlace`); false, with the slot unchanged, otherwise.
@inline(__always)
private func updateTensor(_ slot: inout Value, _ op: BinaryOp, _ b: Value) -> Bool {
    let other: Tensor
    switch b {
    case .number(let y): other = Tensor(y)
    case .tensor(let t): other = t.tensor
    default: return false
    }
    // Moved out of the slot (and put back) so a box held only here counts as unique.
    let taken = slot
    slot = .nil
    guard case .tensor(var box) = taken else { slot = taken; return false }
    defer { slot = .tensor(box) }
    guard isKnownUniquelyReferenced(&box) else { return false }
    return box.tensor.formBinaryInPlace(op, other)
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
    /// `slot op constant` (or `constant op slot`), computed in place.
    var term = SlotTerm.none

    init(_ leaf: NumericLeaf?, _ code: @escaping NumCode) {
        self.code = code
        switch leaf {
        case .constant(let c)?: kind = .constant; constant = c
        case .some: kind = .code; constant = 0
        case nil: kind = .none; constant = 0
        }
    }
}

/// An operand `y * c`, `c * y`, `y + c`, ... with `y` a local or global slot:
/// computed inside the update's closure, without calling numeric code.
struct SlotTerm {
    enum Op { case none, add, subtract, multiply, divide }
    let op: Op
    let slot: Int
    let global: Bool
    let constant: Double
    let constantFirst: Bool

    static let none = SlotTerm(op: .none, slot: 0, global: false, constant: 0, constantFirst: false)

    /// The term's value, or nil when the slot does not hold a number (the
    /// update then takes its general numeric code).
    @inline(__always)
    func value(_ base: UnsafeMutablePointer<Value>, _ globals: UnsafeMutablePointer<Value?>) -> Double? {
        let y: Double
        if global {
            guard case .some(.number(let x)) = globals[slot] else { return nil }
            y = x
        } else {
            guard case .number(let x) = base[slot] else { return nil }
            y = x
        }
        let (a, b) = constantFirst ? (constant, y) : (y, constant)
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .none: return nil
        }
    }
}

extension Compiler {
    /// The operand as a `SlotTerm`, when it has that shape.
    func slotTerm(_ e: Expr) -> SlotTerm? {
        guard case .binary(let op, let l, let r) = e.kind else { return nil }
        let kind: SlotTerm.Op
        switch op {
        case .add: kind = .add
        case .subtract: kind = .subtract
        case .multiply: kind = .multiply
        case .divide: kind = .divide
        default: return nil
        }
        switch (numeric(l), numeric(r)) {
        case (.local(let i)?, .constant(let c)?): return SlotTerm(op: kind, slot: i, global: false, constant: c, constantFirst: false)
        case (.global(let i)?, .constant(let c)?): return SlotTerm(op: kind, slot: i, global: true, constant: c, constantFirst: false)
        case (.constant(let c)?, .local(let i)?): return SlotTerm(op: kind, slot: i, global: false, constant: c, constantFirst: true)
        case (.constant(let c)?, .global(let i)?): return SlotTerm(op: kind, slot: i, global: true, constant: c, constantFirst: true)
        default: return nil
        }
    }
}
