import Foundation

/// The course's cost functions, each the mean over samples (rows).
///
/// - `mse`: (1/N) Σ ‖y − t‖²
/// - `bce`: −(1/N) Σ Σ [t ln y + (1 − t) ln(1 − y)]
/// - `cce`: −(1/N) Σ Σ t ln y
public enum Loss: String, CaseIterable {
    case mse, bce, cce

    /// Smallest probability fed to a logarithm: ln(0) would give infinity
    /// for a confident wrong answer and stop training with NaN gradients.
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

    /// Mean loss of outputs `y` against targets `t` (same shape).
    public func value(_ y: Batch, _ t: Batch) throws -> Double {
        guard y.rows == t.rows, y.cols == t.cols else {
            throw NeuralError.shape("\(rawValue): outputs are \(y.rows) x \(y.cols) but targets are \(t.rows) x \(t.cols)")
        }
        return unchecked(y.data, t.data, rows: y.rows)
    }

    func unchecked(_ y: [Double], _ t: [Double], rows: Int) -> Double {
        var total = 0.0
        switch self {
        case .mse:
            for i in 0..<y.count { let d = y[i] - t[i]; total += d * d }
        case .bce:
            for i in 0..<y.count {
                let p = min(max(y[i], Loss.epsilon), 1 - Loss.epsilon)
                total -= t[i] * log(p) + (1 - t[i]) * log(1 - p)
            }
        case .cce:
            for i in 0..<y.count where t[i] != 0 { total -= t[i] * log(max(y[i], Loss.epsilon)) }
        }
        return total / Double(max(rows, 1))
    }

    /// ∂E/∂y into `g` (resized to y's shape).
    public func gradient(_ y: Batch, _ t: Batch, into g: inout Batch) {
        g.resize(rows: y.rows, cols: y.cols)
        let scale = 1 / Double(max(y.rows, 1))
        switch self {
        case .mse:
            for i in 0..<y.data.count { g.data[i] = 2 * (y.data[i] - t.data[i]) * scale }
        case .bce:
            for i in 0..<y.data.count {
                let p = min(max(y.data[i], Loss.epsilon), 1 - Loss.epsilon)
                g.data[i] = (p - t.data[i]) / (p * (1 - p)) * scale
            }
        case .cce:
            for i in 0..<y.data.count { g.data[i] = -t.data[i] / max(y.data[i], Loss.epsilon) * scale }
        }
    }

    /// Whether this loss after `output` has the simple gradient
    /// ∂E/∂z = (y − t)/N at the output layer's input z; using it avoids
    /// dividing by y (and the NaN when y underflows to 0).
    public func fusesWith(_ output: Activation) -> Bool {
        (self == .cce && output == .softmax) || (self == .bce && output == .logistic)
    }
}
