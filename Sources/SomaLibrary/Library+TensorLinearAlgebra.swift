import SomaCore
import SomaLang

extension Library {
    /// Dense linear algebra (LAPACK). `solve`, `inv`, `det` and `lstsq` with
    /// `reg > 0` are differentiable by `grad`; the others refuse tracked input.
    static var tensorLinearAlgebra: [Builtin] {
        [
            tensorBuiltin("inv(A)", doc: """
                The inverse of a square matrix; an error when A is singular.
                Example:
                    A = [[2, 1], [1, 3]]
                    inv(A) @ A   # eye(2), up to rounding
                """) { args in
                Value(try args.tensor(0, "A").inv())
            },
            tensorBuiltin("solve(A, b)", doc: """
                x with A @ x == b for a square A; b a vector or a matrix of right-hand sides.
                Differentiable by grad with respect to A and b.
                Example: solve([[2, 0], [0, 4]], [2, 2])  # [1, 0.5]
                """) { args in
                Value(try Tensor.solve(args.tensor(0, "A"), args.tensor(1, "b")))
            },
            tensorBuiltin("lstsq(A, b, reg: 0)", doc: """
                The least-squares x minimising |A x - b|^2 + reg |x|^2.
                With reg > 0, ridge regression via the normal equations (differentiable by grad);
                with reg = 0 the minimum-norm SVD solution.
                Example:
                    x = linspace(0, 1, 20); A = stack([ones(20), x], axis: 1)
                    lstsq(A, 2 + 3 * x)   # [2, 3]: intercept and slope
                """) { args in
                Value(try Tensor.lstsq(args.tensor(0, "A"), args.tensor(1, "b"), reg: args.keywordNumber("reg", default: 0)))
            },
            tensorBuiltin("pinv(A)", doc: """
                The Moore-Penrose pseudo-inverse (via SVD; singular values below 1e-15 x the largest count as 0).
                Example:
                    A = [[1, 0], [0, 1], [1, 1]]; b = [1, 2, 4]
                    pinv(A) @ b   # the least-squares solution, as lstsq(A, b)
                """) { args in
                Value(try args.tensor(0, "A").pinv())
            },
            tensorBuiltin("det(A)", doc: """
                The determinant of a square matrix.
                Example: det([[1, 2], [3, 4]]) == -2
                """) { args in
                Value(try args.tensor(0, "A").det())
            },
            tensorBuiltin("svd(A)", doc: """
                The thin singular value decomposition [U, S, Vt] with A == U @ (S * Vt).
                Singular values come descending, as numpy's svd(A, full_matrices=False).
                Example:
                    U, S, Vt = svd([[3, 0], [4, 5]])
                    S   # [6.708, 2.236]
                """) { args in
                let (u, s, vt) = try args.tensor(0, "A").svd()
                return .list([Value(u), Value(s), Value(vt)])
            },
            tensorBuiltin("eigh(A)", doc: """
                The eigenvalues w (ascending) and eigenvectors (the columns of V) of a symmetric matrix, as [w, V].
                Only the lower triangle of A is read.
                Example:
                    seed(1); X = randn(200, 2) * [3, 1]
                    w, V = eigh(X.T @ X / 200)   # principal components: w ≈ [1, 9]
                """) { args in
                let (w, v) = try args.tensor(0, "A").eigh()
                return .list([Value(w), Value(v)])
            },
        ]
    }
}
