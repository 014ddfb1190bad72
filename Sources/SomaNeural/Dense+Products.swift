import SomaCore

extension Dense {
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
