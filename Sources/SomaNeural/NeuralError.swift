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

/// The number of steps of `dt` seconds in a run of `duration` seconds (T/dt
/// rounded), for the model named `model`. Both must be positive and finite, and
/// dt no longer than T: a step longer than the run is almost always a unit slip
/// (`dt: 1` for one millisecond), and would silently give empty traces.
func stepCount(duration: Double, dt: Double, _ model: String) throws -> Int {
    let g = { (x: Double) in String(format: "%g", x) }
    guard dt > 0, duration > 0, dt.isFinite, duration.isFinite else {
        throw NeuralError.value("\(model): T and dt must be positive, got T = \(g(duration)), dt = \(g(dt))")
    }
    guard dt <= duration else {
        throw NeuralError.value("\(model): the step dt = \(g(dt)) s is longer than the run T = \(g(duration)) s, "
                                + "so not one step fits (T and dt are in seconds: dt: 0.1ms is a tenth of a millisecond)")
    }
    let steps = (duration / dt).rounded()
    guard steps < Double(Int32.max) else {
        // Finite and positive, just too many: say so rather than "must be finite".
        throw NeuralError.value("\(model): T/dt = \(g(steps)) steps is too many (at most \(Int32.max - 1)); "
                                + "use a larger dt or a shorter T")
    }
    return try checkedCount(steps, "\(model): number of steps T/dt")
}

/// Converts a user-supplied count to `Int`, throwing instead of trapping.
@inlinable
func checkedCount(_ value: Double, _ name: String) throws -> Int {
    guard value.isFinite, value >= 0, value < Double(Int32.max) else {
        throw NeuralError.value("\(name) must be a finite non-negative number, got \(value)")
    }
    return Int(value)
}
