/// Arithmetic precision of a dense layer's matrix products in the fused kernel.
public enum Precision: String, CaseIterable, Sendable {
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
        let (rows, m) = (x.rows, outputs)
        // The narrowed input is kept for dW in backward.
        narrow(x.data, into: &single.x)
        narrow(W.value, into: &single.w)
        if single.out.count != rows * m { single.out = [Float](repeating: 0, count: rows * m) }
        multiply(single.x, single.w, m: rows, n: m, k: inputs, into: &single.out)
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
        multiply(single.x, transposeA: true, single.g, m: n, n: m, k: rows, into: &single.dw)
        widen(single.dw, into: &W.grad)
        columnSums(g.data, rows: rows, cols: m, into: &b.grad)
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        gradInput.resize(rows: rows, cols: n)
        if single.dx.count != rows * n { single.dx = [Float](repeating: 0, count: rows * n) }
        multiply(single.g, single.w, transposeB: true, m: rows, n: n, k: m, into: &single.dx)
        widen(single.dx, into: &gradInput.data)
        return gradInput
    }
}

/// Copies Float32 `source` into the same-sized Float64 `target`.
private func widen(_ source: [Float], into target: inout [Double]) {
    source.withUnsafeBufferPointer { s in
        target.withUnsafeMutableBufferPointer { t in
            for i in 0..<s.count { t[i] = Double(s[i]) }
        }
    }
}
