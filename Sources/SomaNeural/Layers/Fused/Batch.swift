import SomaCore

/// The fused kernel's working matrix: samples as rows, `rows * cols`
/// elements of type `T` (the parameters' dtype) reused from step to step, so
/// a training loop allocates nothing per batch once the batch size is fixed.
/// Wrapping a tensor of the same dtype costs no copy (arrays are copy on write).
struct Batch<T: TensorElement> {
    var rows: Int
    var cols: Int
    /// Elements, `rows * cols` of them.
    var data: [T]

    /// A zero matrix.
    init(rows: Int = 0, cols: Int = 0) {
        self.rows = rows
        self.cols = cols
        data = [T](repeating: 0, count: rows * cols)
    }

    /// The rows of a 2-d tensor (the caller has made it 2-d), converted when
    /// its dtype is not `T`'s.
    init(_ t: Tensor) {
        rows = t.shape.first ?? 1
        cols = t.rank >= 2 ? t.shape[1] : 1
        data = T.elements(of: t)
    }

    /// The matrix as a rows x cols tensor of `T`'s dtype.
    var tensor: Tensor { T.tensor(shape: [rows, cols], data) }

    /// Resizes to rows x cols, reusing the storage when the size is unchanged.
    mutating func resize(rows r: Int, cols c: Int) {
        if rows == r && cols == c { return }
        rows = r
        cols = c
        if data.count != r * c { data = [T](repeating: 0, count: r * c) }
    }
}
