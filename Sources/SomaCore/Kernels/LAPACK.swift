import CBLAS

/// LAPACKE's `lapack_int` is a macro (32-bit on this platform), so Swift sees `Int32`.
typealias LapackInt = Int32

/// Thin, checked wrappers over LAPACKE (row-major). Each copies its inputs,
/// converts sizes without trapping and turns LAPACK's `info` into `TensorError`.
enum LAPACK {
    static func int(_ n: Int) throws -> LapackInt {
        guard let v = LapackInt(exactly: n) else { throw TensorError.shape("dimension \(n) is too large for LAPACK") }
        return v
    }

    static func char(_ c: Character) -> CChar { CChar(bitPattern: c.asciiValue ?? 0) }

    /// Refuses NaN and infinity before LAPACK sees them: LAPACKE rejects NaN
    /// (printing "Wrong parameter" to stderr) but lets infinity through to
    /// answers such as inv([[inf, 1], [1, 1]]) = [[0, 0], [0, 1]].
    static func finite(_ values: [Double], _ what: String) throws {
        guard values.allSatisfy(\.isFinite) else {
            throw TensorError.value("\(what): the input contains NaN or infinity")
        }
    }

    static func check(_ info: LapackInt, _ what: String, singular: String) throws {
        if info < 0 { throw TensorError.value("\(what): the input contains NaN or infinity, or is malformed (argument \(-info))") }
        if info > 0 { throw TensorError.value("\(what): \(singular)") }
    }

    /// Solves `A X = B` for square `A` (`n x n`) and `B` (`n x nrhs`), by LU with pivoting.
    static func gesv(_ a: [Double], _ b: [Double], n: Int, nrhs: Int, what: String) throws -> [Double] {
        try BLASLibrary.requireLAPACK()
        try finite(a, what); try finite(b, what)
        var a = a, b = b
        var ipiv = [LapackInt](repeating: 0, count: Swift.max(n, 1))
        let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, try int(n), try int(nrhs), &a, try int(Swift.max(n, 1)),
                                 &ipiv, &b, try int(Swift.max(nrhs, 1)))
        try check(info, what, singular: "the matrix is singular")
        return b
    }

    /// LU factors of a square matrix and whether the row swaps flip the sign.
    static func getrf(_ a: [Double], n: Int) throws -> (lu: [Double], flips: Bool, singular: Bool) {
        try BLASLibrary.requireLAPACK()
        try finite(a, "det")
        var a = a
        var ipiv = [LapackInt](repeating: 0, count: Swift.max(n, 1))
        let info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, try int(n), try int(n), &a, try int(Swift.max(n, 1)), &ipiv)
        if info < 0 { try check(info, "det", singular: "") }
        var flips = false
        for i in 0..<n where ipiv[i] != LapackInt(i + 1) { flips.toggle() }
        return (a, flips, info > 0)
    }

    /// Thin SVD `A = U diag(S) Vt` of an `m x n` matrix (divide and conquer).
    static func gesdd(_ a: [Double], m: Int, n: Int) throws -> (u: [Double], s: [Double], vt: [Double]) {
        try BLASLibrary.requireLAPACK()
        try finite(a, "svd")
        let k = Swift.min(m, n)
        var a = a
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k)
        var vt = [Double](repeating: 0, count: k * n)
        let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, char("S"), try int(m), try int(n), &a, try int(Swift.max(n, 1)),
                                  &s, &u, try int(Swift.max(k, 1)), &vt, try int(Swift.max(n, 1)))
        try check(info, "svd", singular: "the decomposition did not converge")
        return (u, s, vt)
    }

    /// Minimum-norm least squares `min ‖A X − B‖` by SVD (`dgelsd`).
    static func gelsd(_ a: [Double], _ b: [Double], m: Int, n: Int, nrhs: Int) throws -> [Double] {
        try BLASLibrary.requireLAPACK()
        try finite(a, "lstsq"); try finite(b, "lstsq")
        var a = a
        let rows = Swift.max(m, n)
        // dgelsd writes X over B, which must have room for max(m, n) rows.
        var bb = [Double](repeating: 0, count: rows * nrhs)
        for i in 0..<(m * nrhs) { bb[i] = b[i] }
        var s = [Double](repeating: 0, count: Swift.max(Swift.min(m, n), 1))
        var rank: LapackInt = 0
        let rcond = Double.ulpOfOne * Double(rows)
        let info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, try int(m), try int(n), try int(nrhs), &a, try int(Swift.max(n, 1)),
                                  &bb, try int(Swift.max(nrhs, 1)), &s, rcond, &rank)
        try check(info, "lstsq", singular: "the decomposition did not converge")
        return Array(bb.prefix(n * nrhs))
    }

    /// Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix,
    /// read from its lower triangle.
    static func syevd(_ a: [Double], n: Int) throws -> (w: [Double], v: [Double]) {
        try BLASLibrary.requireLAPACK()
        try finite(a, "eigh")
        var a = a
        var w = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, char("V"), char("L"), try int(n), &a, try int(Swift.max(n, 1)), &w)
        try check(info, "eigh", singular: "the decomposition did not converge")
        return (w, a)
    }
}
