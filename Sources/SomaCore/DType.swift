/// The element type of a tensor: numpy's `float64` (the default) or `float32`.
///
/// Float32 halves a tensor's memory and doubles the speed of its matrix
/// products; elementwise arithmetic, reductions and autodiff keep it. Mixing
/// promotes as numpy: float32 with float32 stays float32, float32 with a
/// float64 tensor gives float64, and float32 with a plain number (a 0-d
/// float64 tensor) stays float32.
public enum DType: String, CaseIterable, Sendable {
    case float64, float32

    /// The dtype of `a op b` (see the promotion rules above).
    public static func promoted(_ a: Tensor, _ b: Tensor) -> DType {
        switch (a.dtype, b.dtype) {
        case (.float32, .float32): return .float32
        case (.float32, .float64): return b.rank == 0 ? .float32 : .float64
        case (.float64, .float32): return a.rank == 0 ? .float32 : .float64
        case (.float64, .float64): return .float64
        }
    }

    /// The dtype of an operation on all of `xs` (float32 only when every
    /// tensor of rank > 0 is float32 and at least one tensor is).
    public static func promoted(_ xs: [Tensor]) -> DType {
        guard xs.contains(where: { $0.dtype == .float32 }) else { return .float64 }
        return xs.allSatisfy { $0.dtype == .float32 || $0.rank == 0 } ? .float32 : .float64
    }
}

/// A tensor's elements: Float64 or Float32 row-major storage.
///
/// Each case holds an `ArraySlice`: a range of a shared buffer. A slice of
/// the leading axis (`X[i:j]`, a row `X[i]`) and a reshape share their
/// source's buffer instead of copying it (O(1) views); a write to either
/// copies first (copy on write), so tensors keep value semantics. Indices of
/// a slice start at its `startIndex`, not 0: read through `withUnsafeBufferPointer`
/// or `Array(_:)` (which is O(1) when the slice covers its whole buffer).
@usableFromInline enum Storage {
    case f64(ArraySlice<Double>)
    case f32(ArraySlice<Float>)

    @usableFromInline var count: Int {
        switch self {
        case .f64(let d): return d.count
        case .f32(let f): return f.count
        }
    }

    /// The elements as Float64 (a converted copy for Float32 storage).
    @usableFromInline var doubles: ArraySlice<Double> {
        switch self {
        case .f64(let d): return d
        case .f32(let f): return widened(f)[...]
        }
    }

    /// The elements as Float32 (a rounded copy for Float64 storage).
    @usableFromInline var floats: ArraySlice<Float> {
        switch self {
        case .f64(let d): return narrowed(d)[...]
        case .f32(let f): return f
        }
    }

    /// The elements `range` (0-based) of this storage, sharing its buffer.
    func view(_ range: Range<Int>) -> Storage {
        switch self {
        case .f64(let d): return .f64(d[(d.startIndex + range.lowerBound)..<(d.startIndex + range.upperBound)])
        case .f32(let f): return .f32(f[(f.startIndex + range.lowerBound)..<(f.startIndex + range.upperBound)])
        }
    }
}

/// The elements as Float64 (a copy of Float32 storage).
@usableFromInline
func widened(_ f: [Float]) -> [Double] { widened(f[...]) }

/// The elements as Float64.
@usableFromInline
func widened(_ f: ArraySlice<Float>) -> [Double] {
    freshBuffer(f.count) { out in
        f.withUnsafeBufferPointer { p in for i in 0..<p.count { out[i] = Double(p[i]) } }
    }
}

/// The elements rounded to Float32.
@usableFromInline
func narrowed(_ d: [Double]) -> [Float] { narrowed(d[...]) }

/// The elements rounded to Float32.
@usableFromInline
func narrowed(_ d: ArraySlice<Double>) -> [Float] {
    freshBuffer(d.count) { out in
        d.withUnsafeBufferPointer { p in for i in 0..<p.count { out[i] = Float(p[i]) } }
    }
}

extension Tensor {
    /// The element type.
    @inlinable public var dtype: DType {
        if case .f32 = storage { return .float32 }
        return .float64
    }

    /// A float32 tensor of `shape` wrapping `floats` (counts must agree, as `init(shape:data:)`).
    public init(shape: [Int], floats: [Float], node: Node? = nil) {
        precondition(Shape.holds(shape, count: floats.count), "Tensor: shape \(shape) does not hold \(floats.count) elements")
        self.init(shape: shape, storage: .f32(floats[...]), node: node)
    }

    /// The elements as Float32 (a rounded copy for a float64 tensor).
    public var floats: [Float] {
        switch storage {
        case .f64(let d): return narrowed(d)
        case .f32(let f): return Array(f)
        }
    }

    /// The same values as `dtype` (the tensor itself when it already is).
    /// Tracked: the gradient is converted back to this tensor's dtype.
    public func astype(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let out: Tensor
        switch storage {
        case .f64(let d): out = Tensor(shape: shape, storage: .f32(narrowed(d)[...]))
        case .f32(let f): out = Tensor(shape: shape, storage: .f64(widened(f)[...]))
        }
        let from = self.dtype
        guard node != nil else { return out }
        return Tensor.record(out, [self]) { g in [g.astype(from)] }
    }

    /// One element by its row-major position, as a Float64 (no conversion of the whole tensor).
    @inlinable public subscript(flat i: Int) -> Double {
        get {
            switch storage {
            case .f64(let d): return d[d.startIndex + i]
            case .f32(let f): return Double(f[f.startIndex + i])
            }
        }
        set {
            // The slice is moved out so it is uniquely referenced while written
            // (a view shared with its source copies its own range first).
            switch storage {
            case .f64(var d):
                storage = .f64([])
                d[d.startIndex + i] = newValue
                storage = .f64(d)
            case .f32(var f):
                storage = .f32([])
                f[f.startIndex + i] = Float(newValue)
                storage = .f32(f)
            }
        }
    }
}
