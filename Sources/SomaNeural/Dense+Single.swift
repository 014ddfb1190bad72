import CBLAS

/// Arithmetic precision of a dense layer's matrix products.
public enum Precision: String {
    case double, single
}

/// Float32 working copies for a dense layer that multiplies in single
/// precision; values, biases and gradients stay Float64.
struct SingleBuffers {
    var x: [Float] = []
    var w: [Float] = []
    var out: [Float] = []
    var g: [Float] = []
    var dw: [Float] = []
    var dx: [Float] = []
}

/// Copies `source` into `target` as Float32, resizing it when needed.
private func narrow(_ source: [Double], into target: inout [Float]) {
    if target.count != source.count { target = [Float](repeating: 0, count: source.count) }
    source.withUnsafeBufferPointer { s in
        target.withUnsafeMutableBufferPointer { t in
            for i in 0..<s.count { t[i] = Float(s[i]) }
        }
    }
}

extension Dense {
    /// y = x·W + b with the product in Float32.
    func forwardSingle(_ x: Batch) {
        let (rows, n, m) = (x.rows, inputs, outputs)
        // The narrowed input is kept for dW in backward.
        narrow(x.data, into: &single.x)
        narrow(W.value, into: &single.w)
        if single.out.count != rows * m { single.out = [Float](repeating: 0, count: rows * m) }
        single.x.withUnsafeBufferPointer { xs in
            single.w.withUnsafeBufferPointer { ws in
                single.out.withUnsafeMutableBufferPointer { os in
                    guard rows > 0, n > 0, let xp = xs.baseAddress, let wp = ws.baseAddress, let op = os.baseAddress else { return }
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(m), Int32(n),
                                1, xp, Int32(n), wp, Int32(m), 0, op, Int32(m))
                }
            }
        }
        single.out.withUnsafeBufferPointer { os in
            b.value.withUnsafeBufferPointer { bias in
                output.data.withUnsafeMutableBufferPointer { out in
                    for r in 0..<rows {
                        for j in 0..<m { out[r * m + j] = Double(os[r * m + j]) + bias[j] }
                    }
                }
            }
        }
    }

    /// Gradients with the products in Float32.
    func backwardSingle(_ g: Batch, needInputGradient: Bool) -> Batch {
        let (rows, n, m) = (g.rows, inputs, outputs)
        narrow(g.data, into: &single.g)
        if single.dw.count != n * m { single.dw = [Float](repeating: 0, count: n * m) }
        single.x.withUnsafeBufferPointer { xs in
            single.g.withUnsafeBufferPointer { gs in
                single.dw.withUnsafeMutableBufferPointer { dw in
                    guard rows > 0, let xp = xs.baseAddress, let gp = gs.baseAddress, let dwp = dw.baseAddress else { return }
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(m), Int32(rows),
                                1, xp, Int32(n), gp, Int32(m), 0, dwp, Int32(m))
                }
            }
        }
        single.dw.withUnsafeBufferPointer { dw in
            W.grad.withUnsafeMutableBufferPointer { grad in
                for i in 0..<dw.count { grad[i] = Double(dw[i]) }
            }
        }
        g.data.withUnsafeBufferPointer { gs in
            b.grad.withUnsafeMutableBufferPointer { db in
                for j in 0..<m { db[j] = 0 }
                for r in 0..<rows {
                    for j in 0..<m { db[j] += gs[r * m + j] }
                }
            }
        }
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        gradInput.resize(rows: rows, cols: n)
        if single.dx.count != rows * n { single.dx = [Float](repeating: 0, count: rows * n) }
        single.g.withUnsafeBufferPointer { gs in
            single.w.withUnsafeBufferPointer { ws in
                single.dx.withUnsafeMutableBufferPointer { dx in
                    guard rows > 0, let gp = gs.baseAddress, let wp = ws.baseAddress, let dxp = dx.baseAddress else { return }
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(m),
                                1, gp, Int32(m), wp, Int32(m), 0, dxp, Int32(n))
                }
            }
        }
        single.dx.withUnsafeBufferPointer { dx in
            gradInput.data.withUnsafeMutableBufferPointer { out in
                for i in 0..<dx.count { out[i] = Double(dx[i]) }
            }
        }
        return gradInput
    }
}
