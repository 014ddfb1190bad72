import SomaCore

extension ActivationLayer: FusedLayer {
    /// Applies SomaCore's activation (the one definition) to the rows.
    func forwardRows(_ x: Batch, training: Bool) -> Batch {
        do {
            y = Batch(try activation(x.tensor))
        } catch {
            // Elementwise functions and row softmax of a matrix cannot fail.
            preconditionFailure("\(description): \(error)")
        }
        z = training ? x : Batch(rows: 0, cols: 0)
        return y
    }

    func backwardRows(_ g: Batch, needInputGradient: Bool) -> Batch {
        guard needInputGradient else { z = Batch(rows: 0, cols: 0); return Batch(rows: 0, cols: 0) }
        dz.resize(rows: g.rows, cols: g.cols)
        z.data.withUnsafeBufferPointer { zs in
            y.data.withUnsafeBufferPointer { ys in
                g.data.withUnsafeBufferPointer { gs in
                    dz.data.withUnsafeMutableBufferPointer { ds in
                        guard let zp = zs.baseAddress, let yp = ys.baseAddress,
                              let gp = gs.baseAddress, let dp = ds.baseAddress else { return }
                        activation.backwardRows(z: zp, y: yp, g: gp, dz: dp, rows: g.rows, cols: g.cols)
                    }
                }
            }
        }
        z = Batch(rows: 0, cols: 0)
        return dz
    }
}

extension Activation {
    /// σ'(z) given the input z and output y = σ(z) (elementwise kinds), the
    /// same derivative autodiff takes of SomaCore's definition.
    @inline(__always)
    func derivative(z: Double, y: Double) -> Double {
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

    /// Backpropagates `g` = ∂E/∂y through the activation into `dz` = ∂E/∂z.
    func backwardRows(z: UnsafePointer<Double>, y: UnsafePointer<Double>, g: UnsafePointer<Double>,
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
