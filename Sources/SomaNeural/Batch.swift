import SomaCore

/// A row-major matrix of samples, one sample a row: the working format of
/// the training loops, cheaper than a `Tensor` because it carries no shape
/// array or autodiff record.
///
///     let x = try Batch(Tensor(shape: [4, 2], data: [0, 0, 0, 1, 1, 0, 1, 1]))
///     x.rows   // 4
public struct Batch: Equatable {
    public var rows: Int
    public var cols: Int
    /// Elements, `rows * cols` of them.
    public var data: [Double]

    /// A zero matrix.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        data = [Double](repeating: 0, count: rows * cols)
    }

    /// Wraps `data`; throws if the count does not match.
    public init(rows: Int, cols: Int, data: [Double]) throws {
        guard rows >= 0, cols >= 0, rows * cols == data.count else {
            throw NeuralError.shape("cannot view \(data.count) numbers as a \(rows) x \(cols) matrix")
        }
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// Views a tensor as samples: a 2-d tensor as is, a 1-d tensor as one
    /// column (N samples of one feature), a scalar as 1 x 1.
    public init(_ t: Tensor) throws {
        switch t.rank {
        case 0: try self.init(rows: 1, cols: 1, data: t.data)
        case 1: try self.init(rows: t.shape[0], cols: 1, data: t.data)
        case 2: try self.init(rows: t.shape[0], cols: t.shape[1], data: t.data)
        default:
            // Images N x H x W flatten to N rows of H*W features.
            let n = t.shape[0]
            try self.init(rows: n, cols: n == 0 ? 0 : t.count / n, data: t.data)
        }
    }

    /// The matrix as a rows x cols tensor.
    public var tensor: Tensor { Tensor(shape: [rows, cols], data: data) }

    /// Copies the rows listed in `indices[range]` into `into` (resized as needed).
    func gather(_ indices: [Int], _ range: Range<Int>, into out: inout Batch) {
        let n = range.count
        if out.cols != cols || out.rows != n {
            out = Batch(rows: n, cols: cols)
        }
        data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for (k, i) in indices[range].enumerated() {
                    (d + k * cols).update(from: s + i * cols, count: cols)
                }
            }
        }
    }

    /// The rows listed in `indices`.
    public func rows(_ indices: [Int]) -> Batch {
        var out = Batch(rows: 0, cols: cols)
        gather(indices, 0..<indices.count, into: &out)
        return out
    }

    /// Resizes to rows x cols, reusing the storage when the size is unchanged.
    mutating func resize(rows r: Int, cols c: Int) {
        if rows == r && cols == c { return }
        rows = r
        cols = c
        if data.count != r * c { data = [Double](repeating: 0, count: r * c) }
    }

    /// Index of the largest entry in each row.
    public func argmaxRows() -> [Int] {
        (0..<rows).map { r in
            var best = 0
            for c in 0..<cols where data[r * cols + c] > data[r * cols + best] { best = c }
            return best
        }
    }
}
