#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An arithmetic operator on raw numbers; generic code specialises on it so
/// each compiled closure does its arithmetic inline.
protocol NumericOperator {
    static var op: BinaryOperator { get }
    static func apply(_ a: Double, _ b: Double) -> Double
}

enum AddOperator: NumericOperator {
    static var op: BinaryOperator { .add }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a + b }
}

enum SubtractOperator: NumericOperator {
    static var op: BinaryOperator { .subtract }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a - b }
}

enum MultiplyOperator: NumericOperator {
    static var op: BinaryOperator { .multiply }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a * b }
}

enum DivideOperator: NumericOperator {
    static var op: BinaryOperator { .divide }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a / b }
}

enum RemainderOperator: NumericOperator {
    static var op: BinaryOperator { .remainder }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { Operators.remainder(a, b) }
}

enum PowerOperator: NumericOperator {
    static var op: BinaryOperator { .power }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { Operators.power(a, b) }
}

/// A comparison on raw numbers.
protocol NumericComparison {
    static var op: BinaryOperator { get }
    static func apply(_ a: Double, _ b: Double) -> Bool
}

enum LessComparison: NumericComparison {
    static var op: BinaryOperator { .less }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a < b }
}

enum LessEqualComparison: NumericComparison {
    static var op: BinaryOperator { .lessEqual }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a <= b }
}

enum GreaterComparison: NumericComparison {
    static var op: BinaryOperator { .greater }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a > b }
}

enum GreaterEqualComparison: NumericComparison {
    static var op: BinaryOperator { .greaterEqual }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a >= b }
}

enum EqualComparison: NumericComparison {
    static var op: BinaryOperator { .equal }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a == b }
}

enum NotEqualComparison: NumericComparison {
    static var op: BinaryOperator { .notEqual }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a != b }
}

/// A numeric operand as far as the compiler can tell: a slot, a constant,
/// or other numeric code. Knowing leaves lets common shapes such as
/// `n - 1` get one closure instead of three.
enum NumericLeaf {
    case local(Int)
    case global(Int)
    case constant(Double)
    case other(NumCode)
}

/// One-argument math builtins that numeric code may call directly while
/// their names are not rebound; each matches the tensor section's kernel.
let directMath: [String: @Sendable (Double) -> Double] = [
    "exp": { exp($0) }, "log": { log($0) }, "sqrt": { sqrt($0) },
    "sin": { sin($0) }, "cos": { cos($0) }, "tan": { tan($0) }, "tanh": { tanh($0) },
    "arctan": { atan($0) }, "abs": { Swift.abs($0) }, "floor": { floor($0) }, "ceil": { ceil($0) },
    "logistic": { 1 / (1 + exp(-$0)) },
]

extension Compiler {
    func numericCode(_ leaf: NumericLeaf) -> NumCode {
        switch leaf {
        case .constant(let c):
            return { _ in c }
        case .local(let i):
            return { frame in
                guard case .number(let x) = frame.base[i] else { throw NotNumeric() }
                return x
            }
        case .global(let i):
            let table = vm.globals
            return { _ in
                guard case .some(.number(let x)) = table.values[i] else { throw NotNumeric() }
                return x
            }
        case .other(let code):
            return code
        }
    }

    /// Whether `e` is worth compiling as numeric code (an operation, not a bare leaf).
    func isNumericOperation(_ e: Expr) -> Bool {
        switch e.kind {
        case .binary(let op, _, _): return [.add, .subtract, .multiply, .divide, .remainder, .power].contains(op)
        case .unary(.negate, _): return true
        case .call: return true
        default: return false
        }
    }

    /// Numeric code for a side-effect free arithmetic expression, or nil
    /// when `e` is not one (so re-running it generically is always safe).
    func numeric(_ e: Expr) -> NumericLeaf? {
        switch e.kind {
        case .number(let x):
            return .constant(x)
        case .name(let name):
            switch resolve(name) {
            case .local(let i): return .local(i)
            case .global(let i, _): return .global(i)
            case .cell, .capture:
                let load = compileLoad(name, e.span)
                return .other { frame in
                    guard case .number(let x) = try load(frame) else { throw NotNumeric() }
                    return x
                }
            }
        case .unary(.plus, let a):
            return numeric(a)
        case .unary(.negate, let a):
            guard let inner = numeric(a) else { return nil }
            if case .constant(let c) = inner { return .constant(-c) }
            let code = numericCode(inner)
            return .other { frame in -(try code(frame)) }
        case .binary(let op, let l, let r):
            guard let a = numeric(l), let b = numeric(r) else { return nil }
            switch op {
            case .add: return numericBinary(AddOperator.self, a, b)
            case .subtract: return numericBinary(SubtractOperator.self, a, b)
            case .multiply: return numericBinary(MultiplyOperator.self, a, b)
            case .divide: return numericBinary(DivideOperator.self, a, b)
            case .remainder: return numericBinary(RemainderOperator.self, a, b)
            case .power: return numericPower(a, b)
            default: return nil
            }
        case .call(let callee, let arguments):
            guard case .name(let name) = callee.kind, let f = directMath[name], vm.builtins[name] != nil,
                  arguments.count == 1, arguments[0].label == nil,
                  case .global(let slot, _) = resolve(name),
                  let argument = numeric(arguments[0].value) else { return nil }
            let table = vm.globals
            let code = numericCode(argument)
            return .other { frame in
                // A rebound name no longer means the builtin.
                if case .some = table.values[slot] { throw NotNumeric() }
                return f(try code(frame))
            }
        default:
            return nil
        }
    }

    func numericBinary<K: NumericOperator>(_ k: K.Type, _ a: NumericLeaf, _ b: NumericLeaf) -> NumericLeaf {
        let table = vm.globals
        switch (a, b) {
        case (.constant(let x), .constant(let y)):
            return .constant(K.apply(x, y))
        case (.local(let i), .constant(let c)):
            return .other { frame in
                guard case .number(let x) = frame.base[i] else { throw NotNumeric() }
                return K.apply(x, c)
            }
        case (.constant(let c), .local(let i)):
            return .other { frame in
                guard case .number(let x) = frame.base[i] else { throw NotNumeric() }
                return K.apply(c, x)
            }
        case (.local(let i), .local(let j)):
            return .other { frame in
                guard case .number(let x) = frame.base[i], case .number(let y) = frame.base[j] else { throw NotNumeric() }
                return K.apply(x, y)
            }
        case (.global(let i), .constant(let c)):
            return .other { _ in
                guard case .some(.number(let x)) = table.values[i] else { throw NotNumeric() }
                return K.apply(x, c)
            }
        case (.constant(let c), .global(let i)):
            return .other { _ in
                guard case .some(.number(let x)) = table.values[i] else { throw NotNumeric() }
                return K.apply(c, x)
            }
        case (.global(let i), .global(let j)):
            return .other { _ in
                guard case .some(.number(let x)) = table.values[i], case .some(.number(let y)) = table.values[j] else {
                    throw NotNumeric()
                }
                return K.apply(x, y)
            }
        case (.other(let code), .constant(let c)):
            return .other { frame in K.apply(try code(frame), c) }
        case (.constant(let c), .other(let code)):
            return .other { frame in K.apply(c, try code(frame)) }
        default:
            let x = numericCode(a), y = numericCode(b)
            return .other { frame in K.apply(try x(frame), try y(frame)) }
        }
    }

    /// `x ^ k`: small whole powers become multiplications.
    func numericPower(_ a: NumericLeaf, _ b: NumericLeaf) -> NumericLeaf {
        guard case .constant(let k) = b, !(a.isConstant) else { return numericBinary(PowerOperator.self, a, b) }
        let x = numericCode(a)
        switch k {
        case 1: return .other { frame in try x(frame) }
        case 2: return .other { frame in let v = try x(frame); return v * v }
        case 3: return .other { frame in let v = try x(frame); return v * v * v }
        case 4: return .other { frame in let v = try x(frame); let s = v * v; return s * s }
        default: return .other { frame in pow(try x(frame), k) }
        }
    }

    /// Numeric code with a generic fallback for when operands are not numbers.
    func numericWithFallback(_ num: @escaping NumCode, _ generic: @escaping Code) -> Code {
        let site = NumericSite()
        return { frame in
            if site.failures < NumericSite.limit {
                do {
                    return .number(try num(frame))
                } catch is NotNumeric {
                    site.failures += 1
                }
            }
            return try generic(frame)
        }
    }

    /// A comparison used as a condition: raw numbers when possible.
    func numericComparison<K: NumericComparison>(_ k: K.Type, _ a: NumericLeaf, _ b: NumericLeaf, _ generic: @escaping Code) -> CondCode {
        let site = NumericSite()
        let fallback: CondCode = { frame in try Operators.truthy(try generic(frame)) }
        switch (a, b) {
        case (.local(let i), .constant(let c)):
            return { frame in
                if case .number(let x) = frame.base[i] { return K.apply(x, c) }
                return try fallback(frame)
            }
        case (.local(let i), .local(let j)):
            return { frame in
                if case .number(let x) = frame.base[i], case .number(let y) = frame.base[j] { return K.apply(x, y) }
                return try fallback(frame)
            }
        default:
            let x = numericCode(a), y = numericCode(b)
            return { frame in
                if site.failures < NumericSite.limit {
                    do {
                        return K.apply(try x(frame), try y(frame))
                    } catch is NotNumeric {
                        site.failures += 1
                    }
                }
                return try fallback(frame)
            }
        }
    }
}

extension NumericLeaf {
    var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }
}
