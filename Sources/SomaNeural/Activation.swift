import Foundation

/// The activation functions of the course, each with its derivative.
///
/// Derivatives are written in terms of the input z and the output y so a
/// layer that already holds y (logistic, tanh) does not recompute it.
public enum Activation: String, CaseIterable {
    case logistic, arctan, tanh, threshold, relu
    case leakyRelu = "leaky_relu"
    case identity
    /// Softmax over each row; handled row-wise by `applyRows`.
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

    /// σ(z) for one element (softmax of a single element is 1).
    @inlinable
    public func apply(_ z: Double) -> Double {
        switch self {
        case .logistic: return 1 / (1 + exp(-z))
        case .arctan: return atan(z)
        case .tanh: return Foundation.tanh(z)
        case .threshold: return z >= 0 ? 1 : 0
        case .relu: return z > 0 ? z : 0
        case .leakyRelu: return z > 0 ? z : Activation.leakySlope * z
        case .identity: return z
        case .softmax: return 1
        }
    }

    /// σ'(z) given the input z and output y = σ(z) (elementwise kinds only).
    @inlinable
    public func derivative(z: Double, y: Double) -> Double {
        switch self {
        case .logistic: return y * (1 - y)
        case .arctan: return 1 / (1 + z * z)
        case .tanh: return 1 - y * y
        // The step has no useful gradient: 0 everywhere (undefined at 0).
        case .threshold: return 0
        // ReLU at exactly 0 takes slope 0, as most libraries do.
        case .relu: return z > 0 ? 1 : 0
        case .leakyRelu: return z > 0 ? 1 : Activation.leakySlope
        case .identity: return 1
        case .softmax: return y * (1 - y)
        }
    }

    /// Applies the activation to a rows × cols block (softmax per row).
    public func applyRows(_ z: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        if self == .softmax {
            for r in 0..<rows {
                let zr = z + r * cols, yr = y + r * cols
                var m = -Double.infinity
                for c in 0..<cols { m = max(m, zr[c]) }
                var s = 0.0
                for c in 0..<cols { let e = exp(zr[c] - m); yr[c] = e; s += e }
                let inv = 1 / s
                for c in 0..<cols { yr[c] *= inv }
            }
        } else {
            for i in 0..<(rows * cols) { y[i] = apply(z[i]) }
        }
    }

    /// Backpropagates `g` = ∂E/∂y through the activation into `dz` = ∂E/∂z.
    public func backwardRows(z: UnsafePointer<Double>, y: UnsafePointer<Double>, g: UnsafePointer<Double>,
                             dz: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        if self == .softmax {
            // Jacobian-vector product: dz_i = y_i (g_i − Σ_j g_j y_j).
            for r in 0..<rows {
                let o = r * cols
                var dot = 0.0
                for c in 0..<cols { dot += g[o + c] * y[o + c] }
                for c in 0..<cols { dz[o + c] = y[o + c] * (g[o + c] - dot) }
            }
        } else {
            for i in 0..<(rows * cols) { dz[i] = g[i] * derivative(z: z[i], y: y[i]) }
        }
    }
}

/// Softmax of a vector: e^z / Σ e^z, shifted by the maximum for stability.
public func softmax(_ z: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: z.count)
    z.withUnsafeBufferPointer { zp in
        y.withUnsafeMutableBufferPointer { yp in
            if let zb = zp.baseAddress, let yb = yp.baseAddress {
                Activation.softmax.applyRows(zb, yb, rows: 1, cols: z.count)
            }
        }
    }
    return y
}

/// One-hot encodes integer labels into a rows × k matrix.
///
/// - Throws: `NeuralError.value` if a label is not an integer in 0..<k.
public func oneHot(_ labels: [Double], classes k: Int) throws -> Batch {
    guard k > 0 else { throw NeuralError.value("onehot: the number of classes must be positive") }
    var out = Batch(rows: labels.count, cols: k)
    for (r, label) in labels.enumerated() {
        guard label.isFinite, label == label.rounded(), label >= 0, label < Double(k) else {
            throw NeuralError.value("onehot: label \(label) at row \(r) is not an integer in 0..<\(k)")
        }
        out.data[r * k + Int(label)] = 1
    }
    return out
}

/// One-hot of each row's largest entry (ties go to the first).
public func oneHotMax(_ x: Batch) -> Batch {
    var out = Batch(rows: x.rows, cols: x.cols)
    for r in 0..<x.rows where x.cols > 0 {
        var best = 0
        for c in 1..<max(x.cols, 1) where x.data[r * x.cols + c] > x.data[r * x.cols + best] { best = c }
        out.data[r * x.cols + best] = 1
    }
    return out
}
