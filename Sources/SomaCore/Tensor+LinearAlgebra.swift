/// Dense linear algebra through LAPACK, with numpy's conventions.
///
/// `solve`, `inv`, `det` and ridge `lstsq` are differentiable; `svd`,
/// `eigh`, `pinv` and least squares without `reg` are not, and throw when
/// given a tracked tensor rather than return a silently wrong gradient.
extension Tensor {
    private func untracked(_ what: String) throws {
        guard node == nil else {
            throw TensorError.value("\(what) is not differentiable; compute it outside grad")
        }
    }

    private func squareSide(_ what: String) throws -> Int {
        guard rank == 2, shape[0] == shape[1] else {
            throw TensorError.shape("\(what) needs a square matrix, got shape \(shape)")
        }
        try Shape.checkWork([shape[0], shape[0], shape[0]], what)
        return shape[0]
    }

    /// `x` with `A x = b`; `b` may be a vector or a matrix of right-hand sides.
    ///
    /// - Throws: `TensorError.value` when `A` is singular; `.shape` when sizes disagree.
    public static func solve(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let n = try a.squareSide("solve")
        guard (b.rank == 1 || b.rank == 2), b.shape[0] == n else {
            throw TensorError.shape("solve: cannot solve a \(n) x \(n) system for a right-hand side of shape \(b.shape)")
        }
        let nrhs = b.rank == 1 ? 1 : b.shape[1]
        let x = Tensor(shape: b.shape, data: try LAPACK.gesv(a.data, b.data, n: n, nrhs: nrhs, what: "solve"))
        return record(x, [a, b], Primitives.solve(a, x))
    }

    /// The inverse of a square matrix.
    public func inv() throws -> Tensor {
        let n = try squareSide("inv")
        let out = Tensor(shape: shape, data: try LAPACK.gesv(data, try Tensor.eye(n).data, n: n, nrhs: n, what: "inv"))
        return Tensor.record(out, [self], Primitives.inv(out))
    }

    /// The determinant, from the LU factorisation.
    public func det() throws -> Tensor {
        let n = try squareSide("det")
        let f = try LAPACK.getrf(data, n: n)
        var d = f.flips ? -1.0 : 1.0
        for i in 0..<n { d *= f.lu[i * n + i] }
        let out = Tensor(d)
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.det(self, out))
    }

    /// The cofactor matrix `C` (the adjugate transposed): the gradient of
    /// `det`. From the SVD `A = U S Vt`, `C = det(U) det(Vt) U diag(c) Vt`
    /// with `c_i` the product of the other singular values, so it needs no
    /// inverse and is exact at singular matrices (rank n-1 gives one
    /// non-zero `c_i`, lower rank none).
    public func cofactors() throws -> Tensor {
        let n = try squareSide("det")
        if n == 0 { return self }
        if n == 1 { return Tensor(shape: [1, 1], data: [1]) }
        let r = try LAPACK.gesdd(data, m: n, n: n)
        var c = [Double](repeating: 1, count: n)
        var before = 1.0
        for i in 0..<n { c[i] = before; before *= r.s[i] }
        var after = 1.0
        for i in stride(from: n - 1, through: 0, by: -1) { c[i] *= after; after *= r.s[i] }
        func sign(_ m: [Double]) throws -> Double {
            let f = try LAPACK.getrf(m, n: n)
            var d = f.flips ? -1.0 : 1.0
            for i in 0..<n { d *= f.lu[i * n + i] }
            return d < 0 ? -1 : 1
        }
        let s = try sign(r.u) * sign(r.vt)
        let u = Tensor(shape: [n, n], data: r.u), vt = Tensor(shape: [n, n], data: r.vt)
        return try (u * Tensor(c.map { $0 * s })).matmul(vt)
    }

    /// Thin singular value decomposition `[U, S, Vt]` with `A = U diag(S) Vt`,
    /// singular values descending (numpy's `full_matrices=False`).
    public func svd() throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        guard rank == 2 else { throw TensorError.shape("svd needs a matrix, got shape \(shape)") }
        try untracked("svd")
        let (m, n) = (shape[0], shape[1]), k = Swift.min(m, n)
        try Shape.checkWork([m, n, k], "svd")
        let r = try LAPACK.gesdd(data, m: m, n: n)
        return (Tensor(shape: [m, k], data: r.u), Tensor(r.s), Tensor(shape: [k, n], data: r.vt))
    }

    /// The Moore-Penrose pseudo-inverse; singular values below
    /// `rcond * max(S)` count as zero (numpy's default `rcond = 1e-15`).
    public func pinv(rcond: Double = 1e-15) throws -> Tensor {
        try untracked("pinv")
        let (u, s, vt) = try svd()
        let cutoff = rcond * (s.data.max() ?? 0)
        let inverse = Tensor(s.data.map { $0 > cutoff ? 1 / $0 : 0 })
        // V diag(1/S) Uᵀ
        return try (vt.T * inverse).matmul(u.T)
    }

    /// Least-squares `x` minimising `‖A x − b‖² + reg ‖x‖²`.
    ///
    /// With `reg > 0` this is ridge regression through the normal equations
    /// `(AᵀA + reg I) x = Aᵀb`; with `reg == 0` it is the minimum-norm SVD
    /// solution (LAPACK `dgelsd`), which also copes with rank-deficient `A`.
    public static func lstsq(_ a: Tensor, _ b: Tensor, reg: Double = 0) throws -> Tensor {
        guard a.rank == 2 else { throw TensorError.shape("lstsq needs a matrix A, got shape \(a.shape)") }
        let (m, n) = (a.shape[0], a.shape[1])
        guard (b.rank == 1 || b.rank == 2), b.shape[0] == m else {
            throw TensorError.shape("lstsq: A of shape \(a.shape) does not match b of shape \(b.shape)")
        }
        guard reg >= 0, reg.isFinite else { throw TensorError.value("lstsq needs reg >= 0, got \(reg)") }
        let nrhs = b.rank == 1 ? 1 : b.shape[1]
        let outShape = b.rank == 1 ? [n] : [n, nrhs]
        if reg > 0 {
            let normal = try a.T.matmul(a) + Tensor.eye(n) * reg
            return try solve(normal, a.T.matmul(b))
        }
        try a.untracked("lstsq without reg")
        try b.untracked("lstsq without reg")
        try Shape.checkWork([m, n, Swift.max(Swift.min(m, n), nrhs)], "lstsq")
        return Tensor(shape: outShape, data: try LAPACK.gelsd(a.data, b.data, m: m, n: n, nrhs: nrhs))
    }

    /// Eigenvalues (ascending) and unit eigenvectors (the columns of `v`) of a
    /// symmetric matrix; only the lower triangle is read, as in numpy.
    public func eigh() throws -> (w: Tensor, v: Tensor) {
        let n = try squareSide("eigh")
        try untracked("eigh")
        let r = try LAPACK.syevd(data, n: n)
        return (Tensor(r.w), Tensor(shape: [n, n], data: r.v))
    }
}
