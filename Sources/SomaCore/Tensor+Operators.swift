/// Swift operators on tensors, elementwise with numpy broadcasting; they
/// throw because shapes may not broadcast. `^` is not overloaded (Swift's
/// `^` is xor); use `pow`.
///
///     let y = try x * 2 + b
extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try binary(.add, a, b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try binary(.sub, a, b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try binary(.mul, a, b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try binary(.div, a, b) }
    public static func % (a: Tensor, b: Tensor) throws -> Tensor { try binary(.mod, a, b) }

    public static func + (a: Tensor, b: Double) throws -> Tensor { try binary(.add, a, Tensor(b)) }
    public static func - (a: Tensor, b: Double) throws -> Tensor { try binary(.sub, a, Tensor(b)) }
    public static func * (a: Tensor, b: Double) throws -> Tensor { try binary(.mul, a, Tensor(b)) }
    public static func / (a: Tensor, b: Double) throws -> Tensor { try binary(.div, a, Tensor(b)) }

    public static func + (a: Double, b: Tensor) throws -> Tensor { try binary(.add, Tensor(a), b) }
    public static func - (a: Double, b: Tensor) throws -> Tensor { try binary(.sub, Tensor(a), b) }
    public static func * (a: Double, b: Tensor) throws -> Tensor { try binary(.mul, Tensor(a), b) }
    public static func / (a: Double, b: Tensor) throws -> Tensor { try binary(.div, Tensor(a), b) }

    public static prefix func - (a: Tensor) throws -> Tensor { try unary(.neg, a) }
}
