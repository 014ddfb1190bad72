import Foundation

/// Tensors made from nothing but a shape or a range.
extension Tensor {
    /// Checks user-given dimensions before allocating.
    static func checkedShape(_ shape: [Int]) throws -> [Int] {
        _ = try Shape.checkedCount(shape)
        return shape
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float64) throws -> Tensor {
        Tensor(repeating: 0, shape: try checkedShape(shape), dtype: dtype)
    }
    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float64) throws -> Tensor {
        Tensor(repeating: 1, shape: try checkedShape(shape), dtype: dtype)
    }
    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], _ value: Double) throws -> Tensor {
        Tensor(repeating: value, shape: try checkedShape(shape))
    }

    /// The `n x m` identity (ones on the main diagonal); `m` defaults to `n`.
    public static func eye(_ n: Int, _ m: Int? = nil) throws -> Tensor {
        let cols = m ?? n
        var t = Tensor(repeating: 0, shape: try checkedShape([n, cols]))
        for i in 0..<Swift.min(n, cols) { t.data[i * cols + i] = 1 }
        return t
    }

    /// `num` evenly spaced numbers from `start` to `stop`, both included (numpy's default).
    public static func linspace(_ start: Double, _ stop: Double, _ num: Int = 50) throws -> Tensor {
        guard num >= 0 else { throw TensorError.value("linspace needs a non-negative count, got \(num)") }
        _ = try Shape.checkedCount([num])
        if num == 1 { return Tensor([start]) }
        let step = (stop - start) / Double(Swift.max(num - 1, 1))
        var values = (0..<num).map { start + Double($0) * step }
        if num > 1 { values[num - 1] = stop }
        return Tensor(values)
    }

    /// Numbers from `start` up to but excluding `stop` in steps of `step` (numpy's `arange`).
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw TensorError.value("arange needs finite bounds and a non-zero step")
        }
        let n = Swift.max(0, Foundation.ceil((stop - start) / step))
        guard n <= Double(Shape.maxElements) else {
            throw TensorError.limit("arange would hold \(n) elements (the limit is \(Shape.maxElements))")
        }
        _ = try Shape.checkedCount([Int(n)])
        return Tensor((0..<Int(n)).map { start + Double($0) * step })
    }

    /// One-hot rows: label `i` becomes a row of `classes` zeros with a 1 at `i`.
    ///
    /// - Throws: `TensorError.value` when a label is not a whole number in `0..<classes`.
    public static func onehot(_ labels: Tensor, classes: Int) throws -> Tensor {
        guard classes > 0 else { throw TensorError.value("onehot needs at least one class, got \(classes)") }
        var out = Tensor(repeating: 0, shape: try checkedShape(labels.shape + [classes]))
        for (i, v) in labels.data.enumerated() {
            let k = try exactInt(v, "a label")
            guard k >= 0 && k < classes else {
                throw TensorError.value("label \(k) is outside 0..<\(classes)")
            }
            out.data[i * classes + k] = 1
        }
        return out
    }
}
