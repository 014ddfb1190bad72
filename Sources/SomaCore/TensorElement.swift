/// The element types a tensor stores, Float64 and Float32, for code outside
/// SomaCore that keeps its own typed buffers (the fused dense kernels, the
/// optimizers): written once generic over `TensorElement` and specialised per
/// type, as SomaCore's own kernels are over `KernelFloat`.
public protocol TensorElement: BLASElement {
    /// The tensor dtype that stores this type.
    static var dtype: DType { get }
    /// A tensor of `shape` wrapping `values` (counts must agree).
    static func tensor(shape: [Int], _ values: [Self]) -> Tensor
    /// The elements of `t` as this type: its storage when the dtypes agree
    /// (no copy), else a converted copy.
    static func elements(of t: Tensor) -> [Self]
    /// Runs `body` on the elements of `t` in place, without a copy when the
    /// storage is unique; `t` first takes this type's dtype if it has the
    /// other one. `body` must keep the count.
    static func withElements<R>(of t: inout Tensor, _ body: (inout [Self]) throws -> R) rethrows -> R
}

extension Double: TensorElement {
    public static var dtype: DType { .float64 }
    public static func tensor(shape: [Int], _ values: [Double]) -> Tensor { Tensor(shape: shape, data: values) }
    public static func elements(of t: Tensor) -> [Double] { t.data }
    public static func withElements<R>(of t: inout Tensor, _ body: (inout [Double]) throws -> R) rethrows -> R {
        var d: [Double]
        switch t.storage {
        case .f64(let v): d = v
        case .f32(let f): d = widened(f)
        }
        // Move the array out so it is uniquely referenced while written.
        t.storage = .f64([])
        defer { t.storage = .f64(d) }
        return try body(&d)
    }
}

extension Float: TensorElement {
    public static var dtype: DType { .float32 }
    public static func tensor(shape: [Int], _ values: [Float]) -> Tensor { Tensor(shape: shape, floats: values) }
    public static func elements(of t: Tensor) -> [Float] { t.floats }
    public static func withElements<R>(of t: inout Tensor, _ body: (inout [Float]) throws -> R) rethrows -> R {
        var f: [Float]
        switch t.storage {
        case .f64(let d): f = narrowed(d)
        case .f32(let v): f = v
        }
        t.storage = .f32([])
        defer { t.storage = .f32(f) }
        return try body(&f)
    }
}

extension Tensor {
    /// The rows listed in `indices` (first axis) as a tensor of `dtype`,
    /// written into `out` (its storage reused when the size and dtype agree):
    /// one pass that gathers and converts, so a float32 source never widens
    /// as a whole.
    public func gatherRows(_ indices: ArraySlice<Int>, as dtype: DType, into out: inout Tensor) {
        switch (self.dtype, dtype) {
        case (.float64, .float64): gatherRows(indices, from: Double.self, to: Double.self, into: &out)
        case (.float64, .float32): gatherRows(indices, from: Double.self, to: Float.self, into: &out)
        case (.float32, .float64): gatherRows(indices, from: Float.self, to: Double.self, into: &out)
        case (.float32, .float32): gatherRows(indices, from: Float.self, to: Float.self, into: &out)
        }
    }

    private func gatherRows<S: TensorElement, T: TensorElement>(_ indices: ArraySlice<Int>, from: S.Type, to: T.Type,
                                                                into out: inout Tensor) {
        let cols = rank >= 2 ? count / Swift.max(shape[0], 1) : 1
        let shape = [indices.count] + self.shape.dropFirst()
        if out.count == indices.count * cols, out.node == nil, out.dtype == T.dtype {
            out.setShape(shape)
        } else {
            out = Tensor(repeating: 0, shape: shape, dtype: T.dtype)
        }
        let source = S.elements(of: self)
        T.withElements(of: &out) { target in
            source.withUnsafeBufferPointer { src in
                target.withUnsafeMutableBufferPointer { dst in
                    guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                    for (k, i) in indices.enumerated() {
                        let from = s + i * cols, to = d + k * cols
                        if S.self == T.self {
                            UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: cols * MemoryLayout<T>.stride)
                        } else {
                            for j in 0..<cols { to[j] = T(from[j]) }
                        }
                    }
                }
            }
        }
    }
}
