import SomaCore

extension Compiler {
    /// An expression in a value context.
    func compileExpression(_ e: Expr) throws -> Code {
        if isNumericOperation(e), let leaf = numeric(e), case .other(let num) = leaf {
            return numericWithFallback(num, try compileGeneric(e, fallback: true))
        }
        return try compileGeneric(e, fallback: false)
    }

    /// An expression evaluated on any kind of value. With `fallback`, this is
    /// the slow path of numeric code, so its operands skip the numeric attempt.
    func compileGeneric(_ e: Expr, fallback: Bool) throws -> Code {
        let span = e.span
        let operand: (Expr) throws -> Code = { [unowned self] child in
            fallback ? try self.compileGeneric(child, fallback: true) : try self.compileExpression(child)
        }
        switch e.kind {
        case .number(let x):
            return { _ in .number(x) }
        case .string(let s):
            return { _ in .string(s) }
        case .bool(let b):
            return { _ in .bool(b) }
        case .nilLiteral:
            return { _ in .nil }
        case .interpolated(let parts):
            return try compileInterpolation(parts, span)
        case .name(let name):
            return compileLoad(name, span)
        case .unary(let op, let a):
            let code = try operand(a)
            switch op {
            case .negate:
                return { frame in
                    let v = try code(frame)
                    if case .number(let x) = v { return .number(-x) }
                    return try at(span) { try Operators.negate(v) }
                }
            case .plus:
                return { frame in
                    let v = try code(frame)
                    return try at(span) { try Operators.plus(v) }
                }
            case .not:
                let test = try compileCondition(a)
                return { frame in .bool(!(try test(frame))) }
            }
        case .binary(let op, let l, let r):
            if op == .matmul, let product = try compileTransposedMatmul(l, r, span, operand: operand) { return product }
            return compileBinary(op, try operand(l), try operand(r), span)
        case .logical(let op, let l, let r):
            let a = try compileExpression(l), b = try compileExpression(r)
            let lspan = l.span
            if op == .and {
                return { frame in
                    let x = try a(frame)
                    return try at(lspan, { try Operators.truthy(x) }) ? try b(frame) : x
                }
            }
            return { frame in
                let x = try a(frame)
                return try at(lspan, { try Operators.truthy(x) }) ? x : try b(frame)
            }
        case .range(let l, let r, let inclusive):
            let a = try compileExpression(l), b = try compileExpression(r)
            return { frame in
                let start = try a(frame), end = try b(frame)
                return try at(span) { try makeRange(start, end, inclusive: inclusive) }
            }
        case .call(let callee, let arguments):
            return try compileCall(callee, arguments, span)
        case .index(let base, let items):
            return try compileIndex(base, items, span)
        case .field(let base, let name):
            return try compileField(base, name.name, span)
        case .list(let items):
            let codes = try items.map(compileExpression)
            return { frame in
                let values = try codes.map { try $0(frame) }
                return try at(span) { try listLiteral(values) }
            }
        case .record(let fields):
            let keys = fields.map(\.key)
            let codes = try fields.map { try compileExpression($0.value) }
            return { frame in
                var record = Record()
                for (key, code) in zip(keys, codes) { record[key] = try code(frame) }
                return .record(record)
            }
        case .function(let decl):
            return try compileFunction(decl)
        case .ifElse, .block:
            return try compileValue(e, tail: false)
        }
    }

    /// `a op b` with plain numbers handled inline.
    func compileBinary(_ op: BinaryOperator, _ a: @escaping Code, _ b: @escaping Code, _ span: Span) -> Code {
        switch op {
        case .add: return arithmetic(AddOperator.self, a, b, span)
        case .subtract: return arithmetic(SubtractOperator.self, a, b, span)
        case .multiply: return arithmetic(MultiplyOperator.self, a, b, span)
        case .divide: return arithmetic(DivideOperator.self, a, b, span)
        case .remainder: return arithmetic(RemainderOperator.self, a, b, span)
        case .power: return arithmetic(PowerOperator.self, a, b, span)
        case .less: return comparison(LessComparison.self, a, b, span)
        case .lessEqual: return comparison(LessEqualComparison.self, a, b, span)
        case .greater: return comparison(GreaterComparison.self, a, b, span)
        case .greaterEqual: return comparison(GreaterEqualComparison.self, a, b, span)
        case .equal: return comparison(EqualComparison.self, a, b, span)
        case .notEqual: return comparison(NotEqualComparison.self, a, b, span)
        case .matmul:
            return { frame in
                let x = try a(frame), y = try b(frame)
                return try at(span) { try Operators.binary(.matmul, x, y) }
            }
        }
    }

    private func arithmetic<K: NumericOperator>(_ k: K.Type, _ a: @escaping Code, _ b: @escaping Code, _ span: Span) -> Code {
        { frame in
            let x = try a(frame), y = try b(frame)
            if case .number(let p) = x, case .number(let q) = y { return .number(K.apply(p, q)) }
            return try at(span) { try Operators.binary(K.op, x, y) }
        }
    }

    private func comparison<K: NumericComparison>(_ k: K.Type, _ a: @escaping Code, _ b: @escaping Code, _ span: Span) -> Code {
        { frame in
            let x = try a(frame), y = try b(frame)
            if case .number(let p) = x, case .number(let q) = y { return .bool(K.apply(p, q)) }
            return try at(span) { try Operators.binary(K.op, x, y) }
        }
    }

    /// An expression used as a condition.
    func compileCondition(_ e: Expr) throws -> CondCode {
        switch e.kind {
        case .bool(let b):
            return { _ in b }
        case .unary(.not, let a):
            let test = try compileCondition(a)
            return { frame in !(try test(frame)) }
        case .logical(.and, let l, let r):
            let a = try compileCondition(l), b = try compileCondition(r)
            return { frame in try a(frame) ? try b(frame) : false }
        case .logical(.or, let l, let r):
            let a = try compileCondition(l), b = try compileCondition(r)
            return { frame in try a(frame) ? true : try b(frame) }
        case .binary(let op, let l, let r):
            if let a = numeric(l), let b = numeric(r) {
                let generic = try compileGeneric(e, fallback: true)
                switch op {
                case .less: return numericComparison(LessComparison.self, a, b, generic)
                case .lessEqual: return numericComparison(LessEqualComparison.self, a, b, generic)
                case .greater: return numericComparison(GreaterComparison.self, a, b, generic)
                case .greaterEqual: return numericComparison(GreaterEqualComparison.self, a, b, generic)
                case .equal: return numericComparison(EqualComparison.self, a, b, generic)
                case .notEqual: return numericComparison(NotEqualComparison.self, a, b, generic)
                default: break
                }
            }
        default:
            break
        }
        let code = try compileExpression(e)
        let span = e.span
        return { frame in
            let v = try code(frame)
            if case .bool(let b) = v { return b }
            return try at(span) { try Operators.truthy(v) }
        }
    }

    /// `a[i, j]`, with a direct path for one number on a list or tensor.
    func compileIndex(_ base: Expr, _ items: [IndexItem], _ span: Span) throws -> Code {
        let code = try compileExpression(base)
        let keys = try compileKeys(items)
        if keys.count == 1, case .expr(let keyCode, _) = keys[0] {
            let general: Code = { frame in
                let container = try code(frame)
                let key = try keyCode(frame)
                if case .number(let x) = key {
                    if case .list(let list) = container, let i = Int(exactly: x), i >= 0, i < list.count { return list[i] }
                    if case .tensor(let box) = container, let v = box.vectorElement(x) { return .number(v) }
                }
                return try at(span) {
                    if case .number(let x) = key { return try Indexing.get(container, [.number(x)]) }
                    guard case .expr(_, let hint) = keys[0] else { return .nil }
                    return try Indexing.get(container, [.value(key, hint)])
                }
            }
            guard case .expr(let keyExpr) = items[0] else { return general }
            return compileElementRead(base, keyExpr, keyCode, keys, span, otherwise: general)
        }
        return { frame in
            let container = try code(frame)
            let evaluated = try evaluate(keys, frame)
            return try at(span) { try Indexing.get(container, evaluated) }
        }
    }

    /// `"text {expr:spec} text"`.
    func compileInterpolation(_ parts: [StringPart], _ span: Span) throws -> Code {
        var pieces: [(Frame) throws -> String] = []
        for part in parts {
            switch part {
            case .text(let s):
                pieces.append { _ in s }
            case .expr(let e, let format):
                let code = try compileExpression(e)
                let exprSpan = e.span
                if let format {
                    let spec: FormatSpec
                    do { spec = try FormatSpec(format) } catch let error as SomaError { throw error.located(exprSpan) }
                    pieces.append { frame in
                        let v = try code(frame)
                        return try at(exprSpan) { try spec.format(v) }
                    }
                } else {
                    pieces.append { frame in try code(frame).textString }
                }
            }
        }
        return { frame in
            var out = ""
            for piece in pieces {
                out += try piece(frame)
                try at(span) { try SizeLimit.checkString(out.utf8.count, "this interpolation") }
            }
            return .string(out)
        }
    }
}

/// `a..<b` or `a...b` from two whole numbers.
func makeRange(_ a: Value, _ b: Value, inclusive: Bool) throws -> Value {
    guard case .number(let x) = a, case .number(let y) = b else {
        throw SomaError.type("a range needs two numbers, got \(a.typeName) and \(b.typeName)")
    }
    guard let start = Int(exactly: x), let end = Int(exactly: y), start > -(1 << 53), start < 1 << 53, end > -(1 << 53), end < 1 << 53 else {
        throw SomaError.value("a range needs whole numbers, got \(formatNumber(x)) and \(formatNumber(y))")
    }
    return .range(SomaRange(start: start, end: inclusive ? end + 1 : end))
}
