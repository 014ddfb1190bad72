/// Elementwise choice and clamping.
extension Tensor {
    /// `a` where `cond` is non-zero, else `b`; all three broadcast together.
    /// The condition carries no gradient; each branch gets it where chosen.
    public static func select(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(Shape.broadcast(cond.shape, a.shape, verb: "select from"), b.shape, verb: "select from")
        // Plain arrays, read once: a float32 tensor's `data` converts on every access.
        let c = try cond.detached.broadcast(to: shape).data, x = try a.detached.broadcast(to: shape).data
        let y = try b.detached.broadcast(to: shape).data
        let n = c.count
        let data = [Double](unsafeUninitializedCapacity: n) { out, initialized in
            for i in 0..<n { out[i] = c[i] != 0 ? x[i] : y[i] }
            initialized = n
        }
        let value = Tensor(shape: shape, data: data)
        return record(DType.promoted(a, b) == .float32 ? value.astype(.float32) : value,
                      [a, b], Primitives.select(cond, a.shape, b.shape))
    }

    /// Elements limited to `[lo, hi]` (either bound may be nil).
    public func clipped(_ lo: Double?, _ hi: Double?) throws -> Tensor {
        var x = self
        if let lo { x = try x.maximum(Tensor(lo)) }
        if let hi { x = try x.minimum(Tensor(hi)) }
        return x
    }

    /// The Euclidean (Frobenius) norm, over everything or along `axis`.
    /// Trap: its gradient is NaN at the zero vector.
    public func norm(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try (self * self).sum(axis: axis, keepdims: keepdims).sqrt()
    }
}
