import SomaCore

/// A dense layer's reused matrices for element type `T`.
final class DenseBuffers<T: TensorElement>: FusedBuffers {
    var input = Batch<T>()
    var output = Batch<T>()
    var gradInput = Batch<T>()
    init() {}
}

extension Dense: FusedLayer {
    func forwardRows(_ x: Batch<Double>, training: Bool) -> Batch<Double> { forward(x, training: training) }
    func forwardRows(_ x: Batch<Float>, training: Bool) -> Batch<Float> { forward(x, training: training) }
    func backwardRows(_ g: Batch<Double>, needInputGradient: Bool) -> Batch<Double> {
        backward(g, needInputGradient: needInputGradient)
    }
    func backwardRows(_ g: Batch<Float>, needInputGradient: Bool) -> Batch<Float> {
        backward(g, needInputGradient: needInputGradient)
    }

    private func forward<T: TensorElement>(_ x: Batch<T>, training: Bool) -> Batch<T> {
        let buf: DenseBuffers<T> = fusedBuffers(&buffers)
        let (rows, m) = (x.rows, outputs)
        buf.output.resize(rows: rows, cols: m)
        let w = T.elements(of: W.value), bias = T.elements(of: b.value)
        buf.output.data.withUnsafeMutableBufferPointer { out in
            bias.withUnsafeBufferPointer { bb in
                guard let o = out.baseAddress, let bp = bb.baseAddress else { return }
                for r in 0..<rows { (o + r * m).update(from: bp, count: m) }
            }
        }
        multiply(x.data, w, m: rows, n: m, k: inputs, beta: 1, into: &buf.output.data)  // y = x·W + b
        buf.input = training ? x : Batch()
        return buf.output
    }

    private func backward<T: TensorElement>(_ g: Batch<T>, needInputGradient: Bool) -> Batch<T> {
        let buf: DenseBuffers<T> = fusedBuffers(&buffers)
        let (rows, n, m) = (g.rows, inputs, outputs)
        W.withElements(T.self) { _, dw in
            multiply(buf.input.data, transposeA: true, g.data, m: n, n: m, k: rows, into: &dw)  // dW = xᵀ·g
        }
        b.withElements(T.self) { _, db in columnSums(g.data, rows: rows, cols: m, into: &db) }
        // Drop the reference to the previous layer's buffer so it can be
        // overwritten in place on the next step.
        buf.input = Batch()
        guard needInputGradient else { return Batch() }
        buf.gradInput.resize(rows: rows, cols: n)
        let w = T.elements(of: W.value)
        multiply(g.data, w, transposeB: true, m: rows, n: n, k: m, into: &buf.gradInput.data)  // dx = g·Wᵀ
        return buf.gradInput
    }

    /// SomaCore's in-place `gemm` for one layer pass: C = op(A)·op(B) + β·C.
    ///
    /// Layer passes do not throw: `Sequential` checks every width and loads
    /// OpenBLAS (`BLASLibrary.require`) before a pass, so the buffers always
    /// hold their matrices and the library is there, and sizes past
    /// BLAS's 32-bit limit would need buffers of over 16 GB. A failure here
    /// is therefore a bug in the layer, not in the user's data.
    func multiply<T: BLASElement>(_ a: [T], transposeA: Bool = false, _ b: [T], transposeB: Bool = false,
                                  m: Int, n: Int, k: Int, beta: T = 0, into c: inout [T]) {
        do {
            try gemm(a, transposeA: transposeA, b, transposeB: transposeB, m: m, n: n, k: k, beta: beta, into: &c)
        } catch {
            preconditionFailure("\(description): \(error)")
        }
    }
}

/// Sets `db` to the column sums of the rows x cols matrix `g` (a bias gradient).
func columnSums<T: TensorElement>(_ g: [T], rows: Int, cols: Int, into db: inout [T]) {
    g.withUnsafeBufferPointer { gs in
        db.withUnsafeMutableBufferPointer { d in
            for j in 0..<cols { d[j] = 0 }
            for r in 0..<rows {
                for j in 0..<cols { d[j] += gs[r * cols + j] }
            }
        }
    }
}
