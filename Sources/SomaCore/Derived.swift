/// Operations written in terms of primitives, so autodiff needs nothing new.
///
/// Untracked input goes through fast kernels instead; both paths compute the
/// same function.
enum Derived {
    /// The primitive-built form of a unary op, or nil when `op` is itself a primitive.
    static func unary(_ op: UnaryOp, _ x: Tensor) throws -> Tensor? {
        switch op {
        case .logistic:
            // Through tanh: stable for large |x| in both value and gradient.
            return try (x * 0.5).tanh() * 0.5 + 0.5
        case .relu:
            // Trap: the gradient at exactly 0 is 0.
            return try x * Tensor.binary(.gt, x, Tensor(0))
        default:
            return nil
        }
    }
}
