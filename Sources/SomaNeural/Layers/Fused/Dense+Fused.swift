import SomaCore

extension Dense: FusedLayer {
    func forwardRows(_ x: Batch, training: Bool) -> Batch {
        let rows = x.rows
        output.resize(rows: rows, cols: outputs)
        if precision == .single {
            forwardSingle(x)
            return output
        }
        let m = outputs
        output.data.withUnsafeMutableBufferPointer { out in
            b.value.withUnsafeBufferPointer { bias in
                guard let o = out.baseAddress, let bb = bias.baseAddress else { return }
                for r in 0..<rows { (o + r * m).update(from: bb, count: m) }
            }
        }
        multiply(x.data, W.value, m: rows, n: m, k: inputs, beta: 1, into: &output.data)
        input = training ? x : Batch(rows: 0, cols: 0)
        return output
    }

    func backwardRows(_ g: Batch, needInputGradient: Bool) -> Batch {
        if precision == .single { return backwardSingle(g, needInputGradient: needInputGradient) }
        let rows = g.rows
        multiply(input.data, transposeA: true, g.data, m: inputs, n: outputs, k: rows, into: &W.grad)  // dW = xᵀ·g
        columnSums(g.data, rows: rows, cols: outputs, into: &b.grad)
        // Drop the reference to the previous layer's buffer so it can be
        // overwritten in place on the next step.
        input = Batch(rows: 0, cols: 0)
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        gradInput.resize(rows: rows, cols: inputs)
        multiply(g.data, W.value, transposeB: true, m: rows, n: inputs, k: outputs, into: &gradInput.data)  // dx = g·Wᵀ
        return gradInput
    }

    /// SomaCore's in-place `gemm` for one layer pass: C = op(A)·op(B) + β·C.
    ///
    /// Layer passes do not throw: `Sequential` checks every width before a
    /// pass, so the buffers always hold their matrices, and sizes past
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
func columnSums(_ g: [Double], rows: Int, cols: Int, into db: inout [Double]) {
    g.withUnsafeBufferPointer { gs in
        db.withUnsafeMutableBufferPointer { d in
            for j in 0..<cols { d[j] = 0 }
            for r in 0..<rows {
                for j in 0..<cols { d[j] += gs[r * cols + j] }
            }
        }
    }
}
