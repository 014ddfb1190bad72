import SomaCore

/// How a layer's initial weights are drawn (biases start at zero).
public enum Initializer: String, CaseIterable, Sendable {
    /// He: N(0, 2/fan_in), suited to ReLU layers.
    case he
    /// Xavier (Glorot): N(0, 2/(fan_in + fan_out)), suited to logistic and tanh.
    case xavier
    /// N(0, 1/fan_in), as the course's numpy networks do.
    case lecun

    /// The default for a layer followed by `activation`: He for ReLU-like
    /// units, otherwise N(0, 1/fan_in) as the course's networks use (Xavier's
    /// smaller weights leave wide logistic layers nearly linear at the start).
    public static func suited(to activation: Activation) -> Initializer {
        switch activation {
        case .relu, .leakyRelu: return .he
        default: return .lecun
        }
    }

    /// fanIn x fanOut weights, row-major, from SomaCore's generator.
    public func sample(fanIn: Int, fanOut: Int, using rng: inout RandomGenerator) -> [Double] {
        let variance: Double
        switch self {
        case .he: variance = 2 / Double(max(fanIn, 1))
        case .xavier: variance = 2 / Double(max(fanIn + fanOut, 1))
        case .lecun: variance = 1 / Double(max(fanIn, 1))
        }
        let sd = variance.squareRoot()
        return (0..<(fanIn * fanOut)).map { _ in rng.normal() * sd }
    }
}
