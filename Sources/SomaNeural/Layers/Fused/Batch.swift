import SomaCore

/// The fused kernel's working matrix: samples as rows, `rows * cols`
/// numbers reused from step to step, so a training loop allocates nothing
/// per batch once the batch size is fixed. Wrapping a tensor's array costs
/// no copy (arrays are copy on write).
struct Batch: Equatable {
    var rows: Int
    var cols: Int
    /// Elements, `rows * cols` of them.
    var data: [Double]

    /// A zero matrix.
    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        data = [Double](repeating: 0, count: rows * cols)
    }

    /// The rows of a 2-d tensor (the caller has made it 2-d).
    init(_ t: Tensor) {
        rows = t.shape.first ?? 1
        cols = t.rank >= 2 ? t.shape[1] : 1
        data = t.data
    }

    /// The matrix as a rows x cols tensor.
    var tensor: Tensor { Tensor(shape: [rows, cols], data: data) }

    /// Resizes to rows x cols, reusing the storage when the size is unchanged.
    mutating func resize(rows r: Int, cols c: Int) {
        if rows == r && cols == c { return }
        rows = r
        cols = c
        if data.count != r * c { data = [Double](repeating: 0, count: r * c) }
    }
}
