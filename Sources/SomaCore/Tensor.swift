/// An n-dimensional array of `Double`, row-major and contiguous.
///
/// `Tensor` has value semantics: its storage is a Swift array, so copies are
/// cheap until one of them is written (copy on write). A tensor that takes
/// part in a differentiated computation carries a `node` that records how it
/// was made; constants carry none, so untracked code pays nothing for autodiff.
///
///     var a = Tensor(shape: [2, 2], data: [1, 2, 3, 4])
///     a[[0, 1]] = 9
public struct Tensor {
    /// Extent of each axis; `[]` is a 0-d (scalar) tensor.
    public private(set) var shape: [Int]
    /// Elements in row-major order; `data.count == shape.product`.
    public var data: [Double]
    /// Autodiff record (nil for constants). See `Autodiff.swift`.
    public var node: Node?

    /// Wraps `data` as a tensor of `shape`. The caller guarantees the counts agree.
    public init(shape: [Int], data: [Double], node: Node? = nil) {
        precondition(shape.reduce(1, *) == data.count, "Tensor: shape \(shape) does not hold \(data.count) elements")
        self.shape = shape
        self.data = data
        self.node = node
    }

    /// A 0-d tensor holding one number.
    public init(_ scalar: Double) {
        self.init(shape: [], data: [scalar])
    }

    /// A 1-d tensor of the given numbers.
    public init(_ values: [Double]) {
        self.init(shape: [values.count], data: values)
    }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Double, shape: [Int]) {
        self.init(shape: shape, data: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// Number of elements.
    @inlinable public var count: Int { data.count }
    /// Number of axes.
    @inlinable public var rank: Int { shape.count }
    /// Row-major strides of a contiguous tensor of this shape.
    public var strides: [Int] {
        var s = Array(repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
        return s
    }

    /// Changes the shape in place; the element count must not change.
    public mutating func setShape(_ newShape: [Int]) {
        precondition(newShape.reduce(1, *) == data.count, "Tensor.setShape: count mismatch")
        shape = newShape
    }

    /// The tensor without its autodiff record.
    public var detached: Tensor { Tensor(shape: shape, data: data) }
}
