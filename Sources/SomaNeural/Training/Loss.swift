import SomaCore

/// The course's cost functions by name, each SomaCore's loss of the same
/// name (the mean over samples, i.e. rows):
///
/// - `mse`: (1/N) Σ ‖y − t‖²
/// - `bce`: −(1/N) Σ Σ [t ln y + (1 − t) ln(1 − y)]
/// - `cce`: −(1/N) Σ Σ t ln y
public enum Loss: String, CaseIterable, Sendable {
    case mse, bce, cce

    /// Smallest probability fed to a logarithm (SomaCore clips there too):
    /// ln(0) would give infinity for a confident wrong answer.
    public static let epsilon = 1e-12

    /// Looks a loss up by its Soma name (`"mse"`, `"bce"`, `"cce"`, or the
    /// long forms `"cross_entropy"`, `"categorical_cross_entropy"`).
    public init(name: String) throws {
        switch name.lowercased() {
        case "mse", "mean_squared_error": self = .mse
        case "bce", "cross_entropy", "binary_cross_entropy": self = .bce
        case "cce", "categorical_cross_entropy": self = .cce
        default: throw NeuralError.value("unknown loss \"\(name)\"; expected mse, bce or cce")
        }
    }

    /// The mean loss of outputs `y` against targets `t` (same shape), as a
    /// one-element tensor (tracked when `y` is).
    public func callAsFunction(_ y: Tensor, _ t: Tensor) throws -> Tensor {
        guard y.shape == t.shape else {
            throw NeuralError.shape("\(rawValue): outputs have shape \(y.shape) but targets \(t.shape)")
        }
        switch self {
        case .mse: return try Tensor.mse(y, t)
        case .bce: return try Tensor.bce(y, t)
        case .cce: return try Tensor.cce(y, t)
        }
    }

    /// The mean loss as a number.
    public func value(_ y: Tensor, _ t: Tensor) throws -> Double {
        try self(y.detached, t).scalar()
    }
}
