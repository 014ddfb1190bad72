import SomaCore

/// An activation layer's reused matrices for element type `T`.
final class ActivationBuffers<T: TensorElement>: FusedBuffers {
    var z = Batch<T>()
    var y = Batch<T>()
    var dz = Batch<T>()
    init() {}
}

extension ActivationLayer: FusedLayer {
    func forwardRows(_ x: Batch<Double>, training: Bool) -> Batch<Double> { forward(x, training: training) }
    func forwardRows(_ x: Batch<Float>, training: Bool) -> Batch<Float> { forward(x, training: training) }
    func backwardRows(_ g: Batch<Double>, needInputGradient: Bool) -> Batch<Double> {
        backward(g, needInputGradient: needInputGradient)
    }
    func backwardRows(_ g: Batch<Float>, needInputGradient: Bool) -> Batch<Float> {
        backward(g, needInputGradient: needInputGradient)
    }

    /// Applies SomaCore's activation (the one definition) to the rows, in their dtype.
    private func forward<T: TensorElement>(_ x: Batch<T>, training: Bool) -> Batch<T> {
        let buf: ActivationBuffers<T> = fusedBuffers(&buffers)
        do {
            buf.y = Batch(try activation(x.tensor))
        } catch {
            // Elementwise functions and row softmax of a matrix cannot fail.
            preconditionFailure("\(description): \(error)")
        }
        buf.z = training ? x : Batch()
        return buf.y
    }

    private func backward<T: TensorElement>(_ g: Batch<T>, needInputGradient: Bool) -> Batch<T> {
        let buf: ActivationBuffers<T> = fusedBuffers(&buffers)
        guard needInputGradient else { buf.z = Batch(); return Batch() }
        buf.dz.resize(rows: g.rows, cols: g.cols)
        let (z, y) = (buf.z.data, buf.y.data)
        z.withUnsafeBufferPointer { zs in
            y.withUnsafeBufferPointer { ys in
                g.data.withUnsafeBufferPointer { gs in
                    buf.dz.data.withUnsafeMutableBufferPointer { ds in
                        guard let zp = zs.baseAddress, let yp = ys.baseAddress,
                              let gp = gs.baseAddress, let dp = ds.baseAddress else { return }
                        activation.backwardRows(z: zp, y: yp, g: gp, dz: dp, rows: g.rows, cols: g.cols)
                    }
                }
            }
        }
        buf.z = Batch()
        return buf.dz
    }
}

extension Activation {
    /// σ'(z) given the input z and output y = σ(z) (elementwise kinds), the
    /// same derivative autodiff takes of SomaCore's definition.
    @inline(__always)
    func derivative<T: TensorElement>(z: T, y: T) -> T {
        switch self {
        case .logistic: return y * (1 - y)
        case .arctan: return 1 / (1 + z * z)
        case .tanh: return 1 - y * y
        // The step has no useful gradient: 0 everywhere (undefined at 0).
        case .threshold: return 0
        // ReLU at exactly 0 takes slope 0, as most libraries do.
        case .relu: return z > 0 ? 1 : 0
        case .leakyRelu: return z > 0 ? 1 : T(Activation.leakySlope)
        case .identity: return 1
        case .softmax: return y * (1 - y)
        }
    }

    /// Backpropagates `g` = ∂E/∂y through the activation into `dz` = ∂E/∂z.
    func backwardRows<T: TensorElement>(z: UnsafePointer<T>, y: UnsafePointer<T>, g: UnsafePointer<T>,
                                        dz: UnsafeMutablePointer<T>, rows: Int, cols: Int) {
        if self == .softmax {
            // Jacobian-vector product: dz_i = y_i (g_i − Σ_j g_j y_j).
            for r in 0..<rows {
                let o = r * cols
                var dot: T = 0
                for c in 0..<cols { dot += g[o + c] * y[o + c] }
                for c in 0..<cols { dz[o + c] = y[o + c] * (g[o + c] - dot) }
            }
        } else {
            for i in 0..<(rows * cols) { dz[i] = g[i] * derivative(z: z[i], y: y[i]) }
        }
    }
}
