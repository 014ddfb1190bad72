/// Operations written in terms of primitives, so autodiff needs nothing new.
///
/// Untracked input goes through fast kernels instead; both paths compute the
/// same function.
enum Derived {
    /// The primitive-built form of a unary op, or nil when `op` is itself a primitive.
    static func unary(_ op: UnaryOp, _ x: Tensor) throws -> Tensor? {
        switch op {
        case .logistic:
            // Through tanh: the gradient of 1/(1+e^-x) would be 0·∞ = NaN once
            // e^-x overflows, this form's stays finite everywhere. It rounds
            // values below about 1e-17 to 0, where the untracked kernel keeps them.
            return try (x * 0.5).tanh() * 0.5 + 0.5
        case .relu:
            // Trap: the gradient at exactly 0 is 0.
            return try x * Tensor.binary(.gt, x, Tensor(0))
        default:
            return nil
        }
    }
}
