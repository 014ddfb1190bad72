import SomaCore

/// The activation functions of the course, by name; each is SomaCore's
/// tensor function of the same name (one definition, its gradient from
/// autodiff).
public enum Activation: String, CaseIterable, Sendable {
    case logistic, arctan, tanh, threshold, relu
    case leakyRelu = "leaky_relu"
    case identity
    /// Softmax over each row (the last axis).
    case softmax

    /// Slope of leaky ReLU for negative inputs.
    public static let leakySlope = 0.01

    /// Looks up an activation by its Soma name (`"logistic"`, `"leaky_relu"`,
    /// `"linear"` for identity, `"sigmoid"` for logistic).
    public init(name: String) throws {
        switch name.lowercased() {
        case "sigmoid": self = .logistic
        case "linear", "none": self = .identity
        case "leakyrelu": self = .leakyRelu
        default:
            guard let a = Activation(rawValue: name.lowercased()) else {
                let names = Activation.allCases.map(\.rawValue).joined(separator: ", ")
                throw NeuralError.value("unknown activation \"\(name)\"; expected one of \(names), linear")
            }
            self = a
        }
    }

    /// σ(z) elementwise (softmax along the last axis).
    public func callAsFunction(_ z: Tensor) throws -> Tensor {
        switch self {
        case .logistic: return try z.logistic()
        case .arctan: return try z.arctan()
        case .tanh: return try z.tanh()
        case .threshold: return try z.threshold()
        case .relu: return try z.relu()
        case .leakyRelu: return try z.leakyRelu(slope: Activation.leakySlope)
        case .identity: return z
        case .softmax: return try z.softmax(axis: -1)
        }
    }
}
