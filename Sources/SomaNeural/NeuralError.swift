/// An error raised by the neural core on bad input; never a trap.
///
/// Every case carries a message that names what was expected, so a binding can
/// show it to the user unchanged.
public enum NeuralError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Sizes or shapes that do not fit together.
    case shape(String)
    /// A value outside its allowed range (negative time step, unknown name).
    case value(String)
    /// A file that cannot be read or parsed.
    case io(String)
    /// Training produced NaN or infinity.
    case diverged(epoch: Int, what: String)

    public var description: String {
        switch self {
        case .shape(let m), .value(let m), .io(let m): return m
        case .diverged(let epoch, let what):
            return "training diverged: \(what) became NaN or infinite in epoch \(epoch) (try a smaller learning rate)"
        }
    }
}

/// Converts a user-supplied count to `Int`, throwing instead of trapping.
@inlinable
func checkedCount(_ value: Double, _ name: String) throws -> Int {
    guard value.isFinite, value >= 0, value < Double(Int32.max) else {
        throw NeuralError.value("\(name) must be a finite non-negative number, got \(value)")
    }
    return Int(value)
}
