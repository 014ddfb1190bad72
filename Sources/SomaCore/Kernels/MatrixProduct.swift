import CBLAS

/// Element types BLAS multiplies: Float64 (`cblas_dgemm`) and Float32 (`cblas_sgemm`).
public protocol BLASElement: BinaryFloatingPoint {
    /// One row-major `C = op(A)·op(B) + β·C` on raw storage, sizes already checked.
    static func blasProduct(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>,
                            sizes: GemmSizes, beta: Self)
}

extension Double: BLASElement {
    @inline(__always)
    public static func blasProduct(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                                   sizes s: GemmSizes, beta: Double) {
        cblas_dgemm(CblasRowMajor, s.transA ? CblasTrans : CblasNoTrans, s.transB ? CblasTrans : CblasNoTrans,
                    s.m, s.n, s.k, 1, a, s.lda, b, s.ldb, beta, c, s.ldc)
    }
}

extension Float: BLASElement {
    @inline(__always)
    public static func blasProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                   sizes s: GemmSizes, beta: Float) {
        cblas_sgemm(CblasRowMajor, s.transA ? CblasTrans : CblasNoTrans, s.transB ? CblasTrans : CblasNoTrans,
                    s.m, s.n, s.k, 1, a, s.lda, b, s.ldb, beta, c, s.ldc)
    }
}

/// The BLAS sizes of one row-major product `op(A)·op(B)` of an m x k by a
/// k x n matrix, converted to `Int32` once so no call can trap on them.
public struct GemmSizes {
    public let m, n, k, lda, ldb, ldc: Int32
    public let transA, transB: Bool

    /// - Throws: `TensorError.shape` when a size does not fit BLAS's 32-bit integers.
    public init(m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false) throws {
        guard let m32 = Int32(exactly: m), let n32 = Int32(exactly: n), let k32 = Int32(exactly: k),
              let lda = Int32(exactly: Swift.max(transA ? m : k, 1)), let ldb = Int32(exactly: Swift.max(transB ? k : n, 1)),
              let ldc = Int32(exactly: Swift.max(n, 1)) else {
            throw TensorError.shape("matrices of \(m) x \(k) and \(k) x \(n) are too large for BLAS")
        }
        (self.m, self.n, self.k, self.lda, self.ldb, self.ldc) = (m32, n32, k32, lda, ldb, ldc)
        (self.transA, self.transB) = (transA, transB)
    }
}

/// Row-major `C = op(A)·op(B) + β·C` into a caller's buffer, with op(X) = Xᵀ
/// when its `transpose` flag is set: C is m x n and the inner size is k.
/// For code that keeps its own arrays across steps (dense layers) instead of
/// allocating a tensor per product.
///
///     try gemm(x, w, m: rows, n: outputs, k: inputs, beta: 1, into: &out)
///
/// - Throws: `TensorError.shape` when an array is shorter than its matrix or
///   a size is too large for BLAS.
public func gemm<T: BLASElement>(_ a: [T], transposeA: Bool = false, _ b: [T], transposeB: Bool = false,
                                 m: Int, n: Int, k: Int, beta: T = 0, into c: inout [T]) throws {
    let sizes = try GemmSizes(m: m, n: n, k: k, transA: transposeA, transB: transposeB)
    guard m > 0, n > 0, k > 0 else { return }
    let (mk, kn, mn) = (m.multipliedReportingOverflow(by: k), k.multipliedReportingOverflow(by: n), m.multipliedReportingOverflow(by: n))
    guard !mk.overflow, !kn.overflow, !mn.overflow, a.count >= mk.partialValue, b.count >= kn.partialValue, c.count >= mn.partialValue else {
        throw TensorError.shape("gemm: buffers of \(a.count), \(b.count) and \(c.count) elements do not hold \(m) x \(k) by \(k) x \(n) matrices")
    }
    try BLASThreads.prepare(m: m, n: n, k: k)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
                T.blasProduct(pa, pb, pc, sizes: sizes, beta: beta)
            }
        }
    }
}
