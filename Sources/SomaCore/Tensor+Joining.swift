/// Joining and repeating tensors.
extension Tensor {
    /// Joins tensors along an existing axis; all other extents must agree.
    ///
    ///     try Tensor.concat([a, b], axis: 0)   // [2, 3] + [4, 3] -> [6, 3]
    public static func concat(_ parts: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.value("concat needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError.shape("cannot concatenate 0-d tensors; use stack") }
        let a = try Shape.axis(axis, rank: first.rank)
        for p in parts.dropFirst() {
            var s1 = p.shape, s0 = first.shape
            guard s1.count == s0.count else {
                throw TensorError.shape("cannot concatenate tensors of shape \(first.shape) and \(p.shape)")
            }
            s1[a] = 0; s0[a] = 0
            guard s1 == s0 else {
                throw TensorError.shape("cannot concatenate tensors of shape \(first.shape) and \(p.shape) along axis \(axis)")
            }
        }
        var shape = first.shape
        shape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        _ = try Shape.checkedCount(shape)
        let outer = Shape.count(Array(first.shape[..<a]))
        let inner = Shape.count(Array(first.shape[(a + 1)...]))
        let out: Tensor
        if DType.promoted(parts) == .float32 {
            let floats = parts.map(\.storage.floats)
            out = Tensor(shape: shape, storage: .f32(joined(floats, parts.map { $0.shape[a] * inner }, outer: outer, total: Shape.count(shape))[...]))
        } else {
            let doubles = parts.map(\.storage.doubles)
            out = Tensor(shape: shape, storage: .f64(joined(doubles, parts.map { $0.shape[a] * inner }, outer: outer, total: Shape.count(shape))[...]))
        }
        return record(out, parts, Primitives.concat(shapes: parts.map(\.shape), axis: a))
    }

    /// Joins equal-shaped tensors along a new axis.
    public static func stack(_ parts: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.value("stack needs at least one tensor") }
        for p in parts where p.shape != first.shape {
            throw TensorError.shape("cannot stack tensors of shape \(first.shape) and \(p.shape)")
        }
        let a = try Shape.axis(axis, rank: first.rank + 1)
        return try concat(parts.map { try $0.expandingDims(a) }, axis: a)
    }

    /// Each element repeated `times` times along `axis` (flattened first when nil), as numpy's `repeat`.
    public func repeated(_ times: Int, axis: Int? = nil) throws -> Tensor {
        guard times >= 0 else { throw TensorError.value("repeat count must not be negative, got \(times)") }
        let source = axis == nil ? try flattened() : self
        let a = try Shape.axis(axis ?? 0, rank: Swift.max(source.rank, 1))
        if source.rank == 0 { return try source.reshaped([1]).repeated(times, axis: 0) }
        let n = source.shape[a]
        let (total, overflow) = n.multipliedReportingOverflow(by: times)
        guard !overflow else { throw TensorError.limit("repeating \(n) elements \(times) times is too large") }
        _ = try Shape.checkedCount([total])
        let picks = Tensor((0..<total).map { Double($0 / Swift.max(times, 1)) })
        return try source.get(Array(repeating: .all, count: a) + [.indices(picks)])
    }

    /// The tensor tiled `reps[i]` times along axis `i`, as numpy's `tile`.
    public func tiled(_ reps: [Int]) throws -> Tensor {
        guard reps.allSatisfy({ $0 >= 0 }) else { throw TensorError.value("tile counts must not be negative, got \(reps)") }
        var x = self
        if reps.count > rank { x = try x.reshaped(Array(repeating: 1, count: reps.count - rank) + shape) }
        let r = Array(repeating: 1, count: x.rank - reps.count) + reps
        for (axis, times) in r.enumerated() where times != 1 {
            let n = x.shape[axis]
            let (total, overflow) = n.multipliedReportingOverflow(by: times)
            guard !overflow else { throw TensorError.limit("tiling \(n) elements \(times) times is too large") }
            _ = try Shape.checkedCount([total])
            let picks = Tensor((0..<total).map { Double($0 % Swift.max(n, 1)) })
            x = try x.get(Array(repeating: .all, count: axis) + [.indices(picks)])
        }
        return x
    }
}

/// For each of `outer` blocks, the next `chunks[i]` elements of each part in turn.
private func joined<T>(_ parts: [ArraySlice<T>], _ chunks: [Int], outer: Int, total: Int) -> [T] {
    var data: [T] = []
    data.reserveCapacity(total)
    for o in 0..<outer {
        for (p, chunk) in zip(parts, chunks) {
            data.append(contentsOf: p[(p.startIndex + o * chunk)..<(p.startIndex + (o + 1) * chunk)])
        }
    }
    return data
}
