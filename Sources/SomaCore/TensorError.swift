/// Why a tensor operation refused its inputs.
///
/// The language maps the cases onto `error[shape]`, `error[index]`,
/// `error[value]` and `error[limit]`; the message always says what was expected.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Shapes that do not fit together ("cannot add tensors of shape [3, 4] and [5]").
    case shape(String)
    /// An index or axis outside a tensor.
    case index(String)
    /// An argument whose value is unusable (NaN where an integer is needed, a singular matrix, ...).
    case value(String)
    /// A request past a limit: too many elements, or more memory than the budget.
    case limit(String)

    /// The human-readable explanation, without the kind.
    public var message: String {
        switch self {
        case .shape(let m), .index(let m), .value(let m), .limit(let m): return m
        }
    }

    public var description: String { message }

    /// The one wording of an index past the end, as numpy words it:
    /// "index 5 is out of range for axis 0 with size 3".
    public static func outOfRange(index: Int, axis: Int, size: Int) -> TensorError {
        .index("index \(index) is out of range for axis \(axis) with size \(size)")
    }
}

/// Converts a user-supplied number to an `Int`, throwing instead of trapping.
///
/// - Parameters:
///   - value: the number; it must be finite and whole.
///   - what: how the message names the number ("an index", "a dimension").
@usableFromInline
func exactInt(_ value: Double, _ what: String) throws -> Int {
    guard let i = Int(exactly: value) else {
        throw TensorError.value("\(what) must be a whole number, got \(value)")
    }
    return i
}
