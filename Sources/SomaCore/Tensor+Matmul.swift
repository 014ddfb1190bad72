import CBLAS

/// Matrix products through BLAS (`cblas_dgemm`, `cblas_dgemv` for matrix·vector).
extension Tensor {
    /// The matrix product with numpy's rules: vector·vector is a dot product,
    /// a vector on the left is a row and on the right a column (that axis is
    /// dropped from the result), and leading axes are batch axes that broadcast.
    ///
    ///     let y = try x.matmul(W)        // [n, in] @ [in, out] -> [n, out]
    ///
    /// - Throws: `TensorError.shape` when the inner dimensions disagree or a side is 0-d.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError.shape("cannot matrix-multiply tensors of shape \(shape) and \(other.shape): both need at least one axis")
        }
        let a = rank == 1 ? try reshaped([1, count]) : self
        let b = other.rank == 1 ? try other.reshaped([other.count, 1]) : other
        let k = a.shape[a.rank - 1]
        guard k == b.shape[b.rank - 2] else {
            throw TensorError.shape("cannot matrix-multiply tensors of shape \(shape) and \(other.shape): \(k) columns against \(b.shape[b.rank - 2]) rows")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        if b.rank == 2 && a.rank > 2 && k > 0 {
            // Stacked rows times one matrix: a single product, without copying b per batch.
            let rows = try a.reshaped([-1, k]).matmul(b)
            var out = try rows.reshaped(Array(a.shape.dropLast()) + [b.shape[1]])
            if other.rank == 1 { out = try out.reshaped(Array(out.shape.dropLast())) }
            return out
        }
        // The message names the operands, not just their batch axes.
        let batch: [Int]
        do { batch = try Shape.broadcast(batchA, batchB, verb: "matrix-multiply") } catch TensorError.shape {
            throw TensorError.shape("cannot matrix-multiply tensors of shape \(shape) and \(other.shape): batch axes \(batchA) and \(batchB) do not broadcast")
        }
        let fa = batch == batchA ? a : try a.broadcast(to: batch + Array(a.shape.suffix(2)))
        let fb = batch == batchB ? b : try b.broadcast(to: batch + Array(b.shape.suffix(2)))
        var out = try batchedMatmul(fa, fb)
        if rank == 1 { out = try out.reshaped(Array(out.shape.dropLast(2)) + [out.shape[out.rank - 1]]) }
        if other.rank == 1 { out = try out.reshaped(Array(out.shape.dropLast())) }
        return out
    }

    /// Dot product of two vectors (or `matmul` for higher ranks).
    public func dot(_ other: Tensor) throws -> Tensor { try matmul(other) }

    /// The outer product of two tensors, flattened first: `[m] x [n] -> [m, n]`.
    public func outer(_ other: Tensor) throws -> Tensor {
        try flattened().reshaped([-1, 1]) * other.flattened().reshaped([1, -1])
    }
}

/// The primitive: `[..., m, k] @ [..., k, n]` with identical batch axes.
/// With `transA`/`transB` an operand is read transposed in its last two axes
/// (BLAS does this for free; the gradient uses it instead of copying).
func batchedMatmul(_ a: Tensor, _ b: Tensor, transA: Bool = false, transB: Bool = false) throws -> Tensor {
    let (ra, ca) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (rb, cb) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let (m, k) = transA ? (ca, ra) : (ra, ca)
    let n = transB ? rb : cb
    let batch = Array(a.shape.dropLast(2))
    let count = Shape.count(batch)
    _ = try Shape.checkedCount(batch + [m, n])
    try Shape.checkWork([count, m, k, n], "this matrix product")
    // Float32 only when both sides are (numpy's promotion); BLAS's sgemm then.
    let product: Storage = a.dtype == .float32 && b.dtype == .float32
        ? .f32(try gemm(a.floats, b.floats, batches: count, m: m, k: k, n: n, transA: transA, transB: transB))
        : .f64(try gemm(a.data, b.data, batches: count, m: m, k: k, n: n, transA: transA, transB: transB))
    let out = Tensor(shape: batch + [m, n], storage: product)
    guard a.node != nil || b.node != nil else { return out }
    return Tensor.record(out, [a, b], Primitives.matmul(a, b))
}

/// `batches` row-major products `C = op(A) op(B)` of `m x k` by `k x n`
/// matrices stored back to back, `op` transposing when asked.
func gemm<T: KernelFloat>(_ a: [T], _ b: [T], batches: Int, m: Int, k: Int, n: Int,
                          transA: Bool = false, transB: Bool = false) throws -> [T] {
    let sizes = try GemmSizes(m: m, n: n, k: k, transA: transA, transB: transB)
    var c = [T](repeating: 0, count: batches * m * n)
    if m == 0 || n == 0 || k == 0 { return c }
    try BLASThreads.prepare(m: m, n: n, k: k)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                guard let A = pa.baseAddress, let B = pb.baseAddress, let C = pc.baseAddress else { return }
                for i in 0..<batches {
                    let ai = A + i * m * k, bi = B + i * k * n, ci = C + i * m * n
                    if n == 1 && !transA {
                        // Matrix times vector: the single column of op(B) is contiguous either way.
                        T.blasMatrixVector(transposed: false, rows: sizes.m, cols: sizes.k, ai, lda: sizes.lda, bi, ci)
                    } else if m == 1 && !transB {
                        T.blasMatrixVector(transposed: true, rows: sizes.k, cols: sizes.n, bi, lda: sizes.ldb, ai, ci)
                    } else {
                        T.blasProduct(ai, bi, ci, sizes: sizes, beta: 0)
                    }
                }
            }
        }
    }
    return c
}
