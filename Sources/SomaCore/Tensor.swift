/// An n-dimensional array of `Double` (or `Float`, see `DType`), row-major and contiguous.
///
/// `Tensor` has value semantics: its storage is a slice of a Swift array, so
/// copies, reshapes and leading-axis slices share one buffer until one of
/// them is written (copy on write). A tensor that takes
/// part in a differentiated computation carries a `node` that records how it
/// was made; constants carry none, so untracked code pays nothing for autodiff.
///
///     let a = Tensor(shape: [2, 2], data: [1, 2, 3, 4])
///     let b = try a + 1          // [[2, 3], [4, 5]]
///     let c = try a.matmul(b)
public struct Tensor {
    /// Extent of each axis; `[]` is a 0-d (scalar) tensor.
    public private(set) var shape: [Int]
    /// Elements in row-major order, Float64 or Float32. Every write drops
    /// `maskFacts`: what was known of the old elements no longer holds.
    @usableFromInline var storage: Storage {
        didSet { maskFacts = nil }
    }
    /// Set by comparisons: every element is 0 or 1 (see `Tensor+Masks.swift`).
    @usableFromInline var maskFacts: MaskFacts?
    /// Elements in row-major order as Float64; `data.count == shape.product`.
    /// A float32 tensor converts on access (use `floats` or `self[flat:]`
    /// to avoid the copy) and stays float32 when written through `data`.
    @inlinable public var data: [Double] {
        get {
            switch storage {
            case .f64(let d): return Array(d)  // O(1) unless the tensor is a view of a larger buffer
            case .f32(let f): return widened(f)
            }
        }
        _modify {
            switch storage {
            case .f64(var s):
                // Move the elements out so they are uniquely referenced while written.
                storage = .f64([])
                var d = Array(s)
                s = []
                defer { storage = .f64(d[...]) }
                yield &d
            case .f32(let f):
                var d = widened(f)
                storage = .f32([])
                defer { storage = .f32(narrowed(d)[...]) }
                yield &d
            }
        }
        set {
            switch storage {
            case .f64: storage = .f64(newValue[...])
            case .f32: storage = .f32(narrowed(newValue)[...])
            }
        }
    }
    /// Autodiff record (nil for constants). See `Autodiff.swift`.
    public var node: Node?

    /// Wraps `data` as a tensor of `shape`. The caller guarantees the counts
    /// agree and the shape is valid (`Shape.checkedCount`); shapes from user
    /// input go through `init(validating:data:)` or a throwing constructor.
    /// The invariant is checked here, so no tensor's shape ever names
    /// elements its storage does not hold.
    public init(shape: [Int], data: [Double], node: Node? = nil) {
        precondition(Shape.holds(shape, count: data.count), "Tensor: shape \(shape) does not hold \(data.count) elements")
        self.shape = shape
        self.storage = .f64(data[...])
        self.node = node
    }

    /// Wraps storage whose count the caller has checked against `shape`.
    init(shape: [Int], storage: Storage, node: Node? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// Wraps `data` as a tensor of `shape`, checking what the caller cannot guarantee.
    ///
    /// - Throws: `TensorError.shape` when a dimension is negative or the counts disagree.
    public init(validating shape: [Int], data: [Double]) throws {
        guard try Shape.checkedCount(shape) == data.count else {
            throw TensorError.shape("a tensor of shape \(shape) holds \(Shape.count(shape)) elements, not \(data.count)")
        }
        self.init(shape: shape, data: data)
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
        self.init(shape: shape, data: Array(repeating: value, count: Shape.validCount(shape) ?? 0))
    }

    /// A tensor of `shape` and `dtype` filled with `value`.
    public init(repeating value: Double, shape: [Int], dtype: DType) {
        let n = Shape.validCount(shape) ?? 0
        switch dtype {
        case .float64: self.init(shape: shape, storage: .f64(Array(repeating: value, count: n)[...]))
        case .float32: self.init(shape: shape, storage: .f32(Array(repeating: Float(value), count: n)[...]))
        }
    }

    /// Number of elements.
    @inlinable public var count: Int { storage.count }
    /// Number of axes.
    @inlinable public var rank: Int { shape.count }
    /// Row-major strides of a contiguous tensor of this shape.
    public var strides: [Int] { Shape.strides(shape) }

    /// Changes the shape in place; the element count must not change.
    public mutating func setShape(_ newShape: [Int]) {
        precondition(Shape.holds(newShape, count: count), "Tensor.setShape: count mismatch")
        shape = newShape
    }

    /// The tensor without its autodiff record.
    public var detached: Tensor { Tensor(shape: shape, storage: storage) }

    /// Whether this tensor takes part in a differentiated computation.
    public var isTracked: Bool { node != nil }

    /// The single element of a one-element tensor.
    ///
    /// - Throws: `TensorError.shape` when the tensor holds more or fewer than one element.
    public func scalar() throws -> Double {
        guard count == 1 else {
            throw TensorError.shape("expected a single element, got a tensor of shape \(shape)")
        }
        return self[flat: 0]
    }
}

extension Tensor: Equatable {
    /// Equal shapes, dtypes and elements; the autodiff record is ignored.
    public static func == (a: Tensor, b: Tensor) -> Bool {
        guard a.shape == b.shape else { return false }
        switch (a.storage, b.storage) {
        case (.f64(let x), .f64(let y)): return x == y
        case (.f32(let x), .f32(let y)): return x == y
        default: return false
        }
    }
}
