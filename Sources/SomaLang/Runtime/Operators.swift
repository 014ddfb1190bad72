import SomaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The generic (any kind of value) meaning of Soma's operators. Compiled
/// code handles two plain numbers inline and calls these for the rest.
enum Operators {
    /// Python's floored remainder: the result has the sign of the divisor.
    @inline(__always)
    static func remainder(_ a: Double, _ b: Double) -> Double {
        // Whole numbers below 2^53 (loop counters, `k % 1000`) divide as
        // integers: exact, and no call to fmod. A zero takes the divisor's sign, as
        // in Python and numpy (`-4 % 2` is 0, not -0).
        if Swift.abs(a) < 9.0e15, Swift.abs(b) < 9.0e15, b != 0 {
            let p = Int(a), q = Int(b)
            if Double(p) == a, Double(q) == b { return integerRemainder(a, p, q) }
        }
        let r = fmod(a, b)
        if r == 0 { return b.sign == .minus ? -0.0 : 0.0 }
        return (r < 0) != (b < 0) ? r + b : r
    }

    /// `p % q` floored, for whole `a == p` (q nonzero).
    @inline(__always)
    private static func integerRemainder(_ a: Double, _ p: Int, _ q: Int) -> Double {
        let r = p % q
        if r == 0 { return q < 0 ? -0.0 : 0.0 }
        return Double((r < 0) != (q < 0) ? r + q : r)
    }

    @inline(__always)
    static func power(_ a: Double, _ b: Double) -> Double {
        b == 2 ? a * a : pow(a, b)
    }

    /// `a op b` for two plain numbers (comparisons give booleans).
    static func numbers(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Value {
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        case .remainder: return .number(remainder(a, b))
        case .power: return .number(power(a, b))
        case .matmul: return .number(a * b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        }
    }

    static func tensorOp(_ op: BinaryOperator) -> BinaryOp? {
        switch op {
        case .add: return .add
        case .subtract: return .sub
        case .multiply: return .mul
        case .divide: return .div
        case .remainder: return .mod
        case .power: return .pow
        case .equal: return .eq
        case .notEqual: return .ne
        case .less: return .lt
        case .lessEqual: return .le
        case .greater: return .gt
        case .greaterEqual: return .ge
        case .matmul: return nil
        }
    }

    /// Whether a value takes part in tensor arithmetic (converted by `asTensor`).
    /// Lists nested deeper than a tensor's rank limit are not numeric, which
    /// also bounds the recursion.
    static func isNumeric(_ v: Value, depth: Int = 0) -> Bool {
        switch v {
        case .number, .tensor, .range: return true
        case .list(let items):
            return depth < Shape.maxRank && !items.isEmpty && items.allSatisfy { isNumeric($0, depth: depth + 1) }
        default: return false
        }
    }

    /// `a op b` for any two values.
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .number(let x) = a, case .number(let y) = b { return numbers(op, x, y) }
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)):
            try SizeLimit.checkString(x.utf8.count + y.utf8.count, "joining two strings")
            return .string(x + y)
        case (.add, .list(let x), .list(let y)):
            try SizeLimit.checkList(x.count + y.count, "joining two lists")
            return .list(x + y)
        // A list joined with a bracket literal of numbers (`xs + [1]`): the
        // list grows by the tensor's items.
        case (.add, .list(let x), .tensor): return .list(x + (try b.items()))
        case (.less, .string(let x), .string(let y)): return .bool(x < y)
        case (.lessEqual, .string(let x), .string(let y)): return .bool(x <= y)
        case (.greater, .string(let x), .string(let y)): return .bool(x > y)
        case (.greaterEqual, .string(let x), .string(let y)): return .bool(x >= y)
        default: break
        }
        let tensorLike = isTensor(a) || isTensor(b)
        if op == .equal || op == .notEqual, !(tensorLike && isNumeric(a) && isNumeric(b)) {
            guard let same = equal(a, b, budget: equalityBudget) else {
                throw SomaError.limit("== compared more than \(equalityBudget) items; the values are too large to compare")
            }
            return .bool(op == .equal ? same : !same)
        }
        guard isNumeric(a), isNumeric(b) else {
            throw SomaError.type("cannot \(verb(op)) \(a.typeName) and \(b.typeName)")
        }
        let x = try a.asTensor()
        let y = try b.asTensor()
        do {
            guard let tensorOp = tensorOp(op) else { return Value(try x.matmul(y)) }
            let result = try Tensor.binary(tensorOp, x, y)
            // Comparing single numbers (a tracked scalar inside `grad`, say)
            // gives a boolean, exactly as for plain numbers.
            if tensorOp.isComparison, result.rank == 0, result.count == 1 { return .bool(result[flat: 0] != 0) }
            return Value(result)
        } catch let error as TensorError {
            throw SomaError(error)
        }
    }

    /// `-a`.
    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .number(let x): return .number(-x)
        case .tensor(let box):
            do { return Value(try Tensor.unary(.neg, box.tensor)) } catch let e as TensorError { throw SomaError(e) }
        case .list where isNumeric(a), .range:
            return try negate(Value(try a.asTensor()))
        default: throw SomaError.type("cannot negate \(a.typeName)")
        }
    }

    /// `+a`: numbers and tensors only.
    static func plus(_ a: Value) throws -> Value {
        switch a {
        case .number, .tensor: return a
        default: throw SomaError.type("unary + needs a number or a tensor, got \(a.typeName)")
        }
    }

    private static func isTensor(_ v: Value) -> Bool {
        if case .tensor = v { return true }
        return false
    }

    static func verb(_ op: BinaryOperator) -> String {
        switch op {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .divide: return "divide"
        case .remainder: return "take the remainder of"
        case .power: return "raise to a power"
        case .matmul: return "matrix-multiply"
        default: return "compare"
        }
    }

    /// Structural equality (`==` on anything that is not tensor arithmetic).
    static func equal(_ a: Value, _ b: Value) -> Bool {
        equal(a, b, budget: .max) ?? false
    }

    /// Pairs of items `==` compares before giving up with `error[limit]`: a
    /// list holding another twice per level, 60 levels deep, has 2^60 items.
    static let equalityBudget = 1 << 25

    /// Structural equality within `budget` item comparisons; nil past it.
    ///
    /// Nested lists and records are compared with a work list rather than by
    /// recursion: a list nested a million deep must not overflow the stack.
    /// Lists or records sharing their storage are equal without a look inside.
    static func equal(_ a: Value, _ b: Value, budget: Int) -> Bool? {
        var pending = [(a, b)]
        var steps = 0
        while let (x, y) = pending.popLast() {
            steps += 1
            guard steps <= budget else { return nil }
            switch (x, y) {
            case (.list(let xs), .list(let ys)):
                guard xs.count == ys.count else { return false }
                if sameStorage(xs, ys) { continue }
                pending.append(contentsOf: zip(xs, ys).reversed())
            case (.record(let xs), .record(let ys)):
                guard xs.keys == ys.keys else { return false }
                if sameStorage(xs.values, ys.values) { continue }
                pending.append(contentsOf: zip(xs.values, ys.values).reversed())
            default:
                guard equalLeaves(x, y) else { return false }
            }
        }
        return true
    }

    /// Whether two arrays are copies of one buffer (so equal item by item).
    private static func sameStorage(_ a: [Value], _ b: [Value]) -> Bool {
        a.withUnsafeBufferPointer { p in b.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
    }

    /// Equality of two values that are not both lists or both records.
    private static func equalLeaves(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.nil, .nil): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.tensor(let x), .tensor(let y)): return x.tensor.shape == y.tensor.shape && x.tensor.data == y.tensor.data
        case (.range(let x), .range(let y)): return x == y
        case (.function(.native(let x)), .function(.native(let y))): return x === y
        case (.function(.closure(let x)), .function(.closure(let y))): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    /// Soma truthiness: only `false` and `nil` are false; a tensor must hold one element.
    static func truthy(_ v: Value) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .nil: return false
        case .tensor(let box):
            guard box.tensor.count == 1 else {
                throw SomaError.value("a tensor of shape \(box.tensor.shape) in a condition is ambiguous: use any(...) or all(...)")
            }
            return box.tensor[flat: 0] != 0
        default: return true
        }
    }
}

extension Value {
    /// Structural equality, as `==` gives for anything but tensor arithmetic.
    public func equals(_ other: Value) -> Bool {
        Operators.equal(self, other)
    }
}
