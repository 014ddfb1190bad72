import CBLAS

/// Row-major C = op(A)·op(B) + β·C through BLAS, with op(X) = Xᵀ when
/// `transpose` is set: C is m x n and the inner size is k. The arrays must
/// already hold their m·k, k·n and m·n elements.
func gemm(_ a: [Double], transposeA: Bool = false, _ b: [Double], transposeB: Bool = false,
          m: Int, n: Int, k: Int, beta: Double = 0, into c: inout [Double]) {
    guard m > 0, n > 0, k > 0 else { return }
    a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                guard let a = ap.baseAddress, let b = bp.baseAddress, let c = cp.baseAddress else { return }
                cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), 1, a, Int32(transposeA ? m : k),
                            b, Int32(transposeB ? k : n), beta, c, Int32(n))
            }
        }
    }
}

/// The Float32 counterpart of `gemm` (sgemm), with β = 0.
func gemm(_ a: [Float], transposeA: Bool = false, _ b: [Float], transposeB: Bool = false,
          m: Int, n: Int, k: Int, into c: inout [Float]) {
    guard m > 0, n > 0, k > 0 else { return }
    a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                guard let a = ap.baseAddress, let b = bp.baseAddress, let c = cp.baseAddress else { return }
                cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), 1, a, Int32(transposeA ? m : k),
                            b, Int32(transposeB ? k : n), 0, c, Int32(n))
            }
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
