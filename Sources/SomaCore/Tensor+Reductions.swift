/// Reductions over one axis or the whole tensor.
///
/// Every reduction takes `axis:` (nil for all elements, negative counts from
/// the end) and `keepdims:` (keep the reduced axis with extent 1).
///
///     let m = try x.mean(axis: 0)            // column means
///     let p = try x.max(axis: -1, keepdims: true)
extension Tensor {
    /// The `[outer, n, inner]` view of a reduction along `axis` and the result shape.
    func reductionLayout(_ axis: Int?, keepdims: Bool) throws -> (outer: Int, n: Int, inner: Int, shape: [Int]) {
        guard let axis else {
            return (1, count, 1, keepdims ? Array(repeating: 1, count: rank) : [])
        }
        let a = try Shape.axis(axis, rank: Swift.max(rank, 1))
        if rank == 0 { return (1, 1, 1, []) }
        let outer = Shape.count(Array(shape[..<a])), inner = Shape.count(Array(shape[(a + 1)...]))
        var s = shape
        if keepdims { s[a] = 1 } else { s.remove(at: a) }
        return (outer, shape[a], inner, s)
    }

    /// `K` folded along the middle axis of the layout, in this tensor's dtype.
    func reduced<K: ReduceKernel>(_ k: K.Type, outer: Int, n: Int, inner: Int) -> Storage {
        switch storage {
        case .f64(let d): return .f64(reduceMiddle(k, d, outer: outer, n: n, inner: inner)[...])
        case .f32(let f): return .f32(reduceMiddle(k, f, outer: outer, n: n, inner: inner)[...])
        }
    }

    /// Sum of elements.
    public func sum(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        let out = Tensor(shape: l.shape, storage: reduced(SumReduce.self, outer: l.outer, n: l.n, inner: l.inner))
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.sum(from: shape, axis: axis))
    }

    /// Mean of elements (NaN for an empty axis).
    public func mean(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        return try sum(axis: axis, keepdims: keepdims) / Double(l.n)
    }

    /// Variance `mean((x - mean(x))^2) * n / (n - ddof)`; numpy's default `ddof = 0`.
    public func variance(axis: Int? = nil, keepdims: Bool = false, ddof: Int = 0) throws -> Tensor {
        guard ddof >= 0 else { throw TensorError.value("ddof must not be negative, got \(ddof)") }
        let l = try reductionLayout(axis, keepdims: keepdims)
        let centred = try self - mean(axis: axis, keepdims: true)
        // As numpy, ddof >= n divides by 0 (NaN or inf), not by a negative count.
        return try (centred * centred).sum(axis: axis, keepdims: keepdims) / Double(Swift.max(l.n - ddof, 0))
    }

    /// Standard deviation, the square root of `variance`.
    /// Trap: its gradient is infinite where all elements are equal.
    public func std(axis: Int? = nil, keepdims: Bool = false, ddof: Int = 0) throws -> Tensor {
        try variance(axis: axis, keepdims: keepdims, ddof: ddof).sqrt()
    }

    /// Largest element. Gradient: shared equally among tied maxima.
    public func max(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try extreme(axis: axis, keepdims: keepdims, largest: true)
    }

    /// Smallest element. Gradient: shared equally among tied minima.
    public func min(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try extreme(axis: axis, keepdims: keepdims, largest: false)
    }

    private func extreme(axis: Int?, keepdims: Bool, largest: Bool) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        guard l.n > 0 else {
            throw TensorError.value("\(largest ? "max" : "min") of an empty tensor has no value")
        }
        let values = largest
            ? reduced(MaxReduce.self, outer: l.outer, n: l.n, inner: l.inner)
            : reduced(MinReduce.self, outer: l.outer, n: l.n, inner: l.inner)
        let out = Tensor(shape: l.shape, storage: values)
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.extreme(self, out, axis: axis))
    }

    /// Product of elements. Trap: its gradient divides by each element, so it is NaN at zeros.
    public func prod(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        let out = Tensor(shape: l.shape, storage: reduced(ProdReduce.self, outer: l.outer, n: l.n, inner: l.inner))
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.prod(self, out, axis: axis))
    }

    /// Position of the first largest element (flat index when `axis` is nil).
    public func argmax(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtreme(axis: axis, keepdims: keepdims, largest: true)
    }

    /// Position of the first smallest element (flat index when `axis` is nil).
    public func argmin(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtreme(axis: axis, keepdims: keepdims, largest: false)
    }

    private func argExtreme(axis: Int?, keepdims: Bool, largest: Bool) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        guard l.n > 0 else {
            throw TensorError.value("\(largest ? "argmax" : "argmin") of an empty tensor has no value")
        }
        switch storage {
        case .f64(let d): return Tensor(shape: l.shape, data: argReduceMiddle(d, outer: l.outer, n: l.n, inner: l.inner, largest: largest))
        case .f32(let f): return Tensor(shape: l.shape, data: argReduceMiddle(f, outer: l.outer, n: l.n, inner: l.inner, largest: largest))
        }
    }

    /// 1 where any element is non-zero, else 0.
    public func any(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        return Tensor(shape: l.shape, storage: reduced(AnyReduce.self, outer: l.outer, n: l.n, inner: l.inner))
    }

    /// 1 where every element is non-zero, else 0.
    public func all(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let l = try reductionLayout(axis, keepdims: keepdims)
        return Tensor(shape: l.shape, storage: reduced(AllReduce.self, outer: l.outer, n: l.n, inner: l.inner))
    }

    /// Sums `self` down to `shape`, undoing a broadcast (the gradient of a broadcast).
    public func unbroadcast(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        var g = self
        while g.rank > target.count { g = try g.sum(axis: 0) }
        for (i, d) in target.enumerated() where d == 1 && g.shape[i] != 1 {
            g = try g.sum(axis: i, keepdims: true)
        }
        guard g.shape == target else {
            throw TensorError.shape("cannot reduce a tensor of shape \(shape) to shape \(target)")
        }
        return g
    }
}
