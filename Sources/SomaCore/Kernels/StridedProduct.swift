import CBLAS
import Foundation

/// One matrix of a strided product: its first element and the distance
/// between the starts of its rows (row-major), so a block of columns or a
/// block of rows of a larger buffer is a matrix without a copy.
struct StridedMatrix<T> {
    let base: UnsafePointer<T>
    let stride: Int

    init(base: UnsafePointer<T>, stride: Int) {
        (self.base, self.stride) = (base, stride)
    }

    init(base: UnsafeMutablePointer<T>, stride: Int) {
        (self.base, self.stride) = (UnsafePointer(base), stride)
    }
}

/// Element types with a strided row-major BLAS product: `cblas_dgemm` for
/// Float64 and `cblas_sgemm` for Float32, any leading dimensions.
protocol StridedGemm: BLASElement {
    static func stridedGemm(transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
                            _ a: UnsafePointer<Self>, lda: Int32, _ b: UnsafePointer<Self>, ldb: Int32,
                            beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int32)
}

extension Double: StridedGemm {
    @inline(__always)
    static func stridedGemm(transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
                            _ a: UnsafePointer<Double>, lda: Int32, _ b: UnsafePointer<Double>, ldb: Int32,
                            beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int32) {
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
    }
}

extension Float: StridedGemm {
    @inline(__always)
    static func stridedGemm(transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
                            _ a: UnsafePointer<Float>, lda: Int32, _ b: UnsafePointer<Float>, ldb: Int32,
                            beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int32) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
    }
}

/// Multiply-adds per BLAS call at or below which OpenBLAS computes on the
/// calling thread (its `SMP_THRESHOLD_MIN · GEMM_MULTITHREAD_THRESHOLD`,
/// 65536 · 4). Above it OpenBLAS wakes its own threads, which spin between
/// calls and would fight the kernels' own workers.
let singleThreadedGemmWork = 1 << 18

/// `C = op(A)·op(B) + β·C` on strided row-major matrices (C is m x n, the
/// inner size k; op(X) = Xᵀ when `transposeX`), cut into pieces of at most
/// `singleThreadedGemmWork` multiply-adds so every piece runs on the
/// calling thread: by rows of C, and by columns too when one row is larger.
/// The caller guarantees that the matrices lie inside their buffers (and
/// that sizes and strides fit BLAS's 32-bit integers).
func stridedProduct<T: StridedGemm>(_ a: StridedMatrix<T>, transposeA: Bool = false, _ b: StridedMatrix<T>, transposeB: Bool = false,
                                    _ c: UnsafeMutablePointer<T>, ldc: Int, m: Int, n: Int, k: Int, beta: T) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
        for r in 0..<m {
            for j in 0..<n { c[r * ldc + j] = beta == 0 ? 0 : beta * c[r * ldc + j] }
        }
        return
    }
    // A small C with a long inner size (a weight gradient summed over many
    // rows): pieces along k, each adding into C, read C far less than thin
    // strips of its rows would re-read B.
    if m * n * k > singleThreadedGemmWork, m * n * 32 <= singleThreadedGemmWork {
        let depth = singleThreadedGemmWork / (m * n)
        for s in stride(from: 0, to: k, by: depth) {
            let ks = Swift.min(depth, k - s)
            let pa = StridedMatrix(base: transposeA ? a.base + s * a.stride : a.base + s, stride: a.stride)
            let pb = StridedMatrix(base: transposeB ? b.base + s : b.base + s * b.stride, stride: b.stride)
            stridedProduct(pa, transposeA: transposeA, pb, transposeB: transposeB, c, ldc: ldc, m: m, n: n, k: ks,
                           beta: s == 0 ? beta : 1)
        }
        return
    }
    let rowWork = n * k
    let rows = Swift.max(1, singleThreadedGemmWork / Swift.max(rowWork, 1))
    let columns = rowWork <= singleThreadedGemmWork ? n : Swift.max(1, singleThreadedGemmWork / k)
    for r in stride(from: 0, to: m, by: rows) {
        let mr = Swift.min(rows, m - r)
        let pa = transposeA ? a.base + r : a.base + r * a.stride
        for j in stride(from: 0, to: n, by: columns) {
            let nc = Swift.min(columns, n - j)
            let pb = transposeB ? b.base + j * b.stride : b.base + j
            T.stridedGemm(transposeA: transposeA, transposeB: transposeB, m: Int32(mr), n: Int32(nc), k: Int32(k),
                          pa, lda: Int32(a.stride), pb, ldb: Int32(b.stride), beta: beta, c + r * ldc + j, ldc: Int32(ldc))
        }
    }
}

/// Runs `body(part)` for part in 0..<parts, on up to `parts` threads at once,
/// and returns when all are done. The parts must touch disjoint memory.
func inParallel(_ parts: Int, _ body: (Int) -> Void) {
    if parts <= 1 {
        body(0)
        return
    }
    withoutActuallyEscaping(body) { run in
        let box = UncheckedBox(run)
        DispatchQueue.concurrentPerform(iterations: parts) { box.value($0) }
    }
}

/// Hands a closure over raw buffers to worker threads; `inParallel`'s
/// callers give each part its own rows, so the parts never share writes.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// How many threads a kernel of `work` multiply-adds over `rows` independent
/// rows should use: two (as PyTorch's CPU default on this course's machines)
/// when there are two cores and enough work for each to outweigh waking a
/// thread, else one.
func kernelWorkers(rows: Int, work: Int) -> Int {
    guard rows >= 2, work >= 1 << 20 else { return 1 }
    return Swift.min(2, ProcessInfo.processInfo.activeProcessorCount)
}
