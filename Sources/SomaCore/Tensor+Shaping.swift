/// Reshaping and axis permutation.
extension Tensor {
    /// The same elements under a new shape; one dimension may be -1 (inferred).
    ///
    ///     try Tensor(shape: [6], data: [1, 2, 3, 4, 5, 6]).reshaped([2, -1])   // shape [2, 3]
    ///
    /// - Throws: `TensorError.shape` when the counts disagree or -1 appears twice.
    public func reshaped(_ dims: [Int]) throws -> Tensor {
        guard dims.count <= Shape.maxRank else {
            throw TensorError.shape("reshape: a tensor may have at most \(Shape.maxRank) axes, got \(dims.count)")
        }
        var target = dims
        let unknown = dims.indices.filter { dims[$0] == -1 }
        guard unknown.count <= 1, dims.allSatisfy({ $0 >= -1 }) else {
            throw TensorError.shape("reshape takes non-negative dimensions and at most one -1, got \(dims)")
        }
        // The message is built only when it is thrown: describing two arrays
        // cost more than the whole successful reshape of a small tensor.
        let shape = self.shape
        func mismatch() -> TensorError { .shape("cannot reshape a tensor of shape \(shape) into \(dims)") }
        if let u = unknown.first {
            var known = dims
            known.remove(at: u)
            guard let k = try? Shape.checkedCount(known), k > 0, count % k == 0 else { throw mismatch() }
            target[u] = count / k
        }
        guard (try? Shape.checkedCount(target)) == count else { throw mismatch() }
        if target == shape { return self }
        var out = Tensor(shape: target, storage: storage)  // shares the buffer: O(1)
        out.maskFacts = maskFacts  // the same elements in the same order
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.reshape(from: shape))
    }

    /// The axes permuted: axis `i` of the result is axis `axes[i]` of `self`.
    /// With no `axes`, the order is reversed (numpy's `.T`).
    ///
    /// - Throws: `TensorError.index` when `axes` is not a permutation of the axes.
    public func transposed(_ axes: [Int]? = nil) throws -> Tensor {
        let perm = try axes.map { try $0.map { try Shape.axis($0, rank: rank) } } ?? Array((0..<rank).reversed())
        guard perm.count == rank, Set(perm).count == rank else {
            throw TensorError.index("transpose needs a permutation of \(rank) axes, got \(axes ?? [])")
        }
        if perm == Array(0..<rank) { return self }
        let outShape = perm.map { shape[$0] }
        let out = Tensor(shape: outShape, storage: permuted(perm))
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.transpose(perm))
    }

    /// The transpose, axes reversed (a matrix's rows become columns).
    public var T: Tensor {
        // Reversing the axes of a valid tensor is always a valid permutation.
        let perm = Array((0..<rank).reversed())
        if rank < 2 { return self }
        let out = Tensor(shape: perm.map { shape[$0] }, storage: permuted(perm))
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.transpose(perm))
    }

    /// The elements rearranged so result axis `i` is axis `perm[i]`, in this tensor's dtype.
    func permuted(_ perm: [Int]) -> Storage {
        switch storage {
        case .f64(let d): return .f64(permute(d, shape, perm)[...])
        case .f32(let f): return .f32(permute(f, shape, perm)[...])
        }
    }

    /// `self` with a new axis of extent 1 inserted at `axis` (may be negative).
    public func expandingDims(_ axis: Int) throws -> Tensor {
        let a = try Shape.axis(axis, rank: rank + 1)
        var s = shape
        s.insert(1, at: a)
        return try reshaped(s)
    }

    /// `self` with every axis of extent 1 removed.
    public func squeezed() throws -> Tensor { try reshaped(shape.filter { $0 != 1 }) }

    /// `self` as a 1-d tensor.
    public func flattened() throws -> Tensor { try reshaped([count]) }
}

/// The elements of a row-major `shape` tensor rearranged so result axis `i`
/// is source axis `perm[i]`.
func permute<T>(_ x: ArraySlice<T>, _ shape: [Int], _ perm: [Int]) -> [T] {
    let n = x.count
    let src = Shape.strides(shape)
    let outShape = perm.map { shape[$0] }
    let step = perm.map { src[$0] }
    if n == 0 { return [] }
    return [T](unsafeUninitializedCapacity: n) { out, initialized in
        x.withUnsafeBufferPointer { px in
            if shape.count == 2 {
                // Blocked so both the reads and the writes stay in cache.
                let rows = shape[0], cols = shape[1], b = 32
                for i0 in stride(from: 0, to: rows, by: b) {
                    for j0 in stride(from: 0, to: cols, by: b) {
                        for i in i0..<Swift.min(i0 + b, rows) {
                            for j in j0..<Swift.min(j0 + b, cols) { out[j * rows + i] = px[i * cols + j] }
                        }
                    }
                }
            } else {
                let r = outShape.count
                var idx = [Int](repeating: 0, count: r)
                var off = 0
                let inner = outShape[r - 1], s = step[r - 1]
                var o = 0
                while o < n {
                    for i in 0..<inner { out[o + i] = px[off + i * s] }
                    o += inner
                    var d = r - 2
                    while d >= 0 {
                        idx[d] += 1; off += step[d]
                        if idx[d] < outShape[d] { break }
                        off -= step[d] * outShape[d]; idx[d] = 0
                        d -= 1
                    }
                }
            }
        }
        initialized = n
    }
}
