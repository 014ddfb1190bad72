/// Activation functions built from primitives (their gradients come free).
extension Tensor {
    /// `x` for positive `x`, `slope * x` otherwise. Trap: gradient `slope` at 0.
    public func leakyRelu(slope: Double = 0.01) throws -> Tensor {
        let positive = try Tensor.binary(.gt, self, Tensor(0))
        return try self * (positive + (1 - positive) * slope)
    }

    /// The course's threshold unit: 1 where `x >= 0`, else 0 (gradient 0).
    public func threshold() throws -> Tensor { try Tensor.binary(.ge, detached, Tensor(0)) }

    /// `exp(x) / sum(exp(x))` along `axis`.
    ///
    /// The maximum is subtracted first (as a constant: softmax does not change
    /// under shifts) so large inputs do not overflow.
    public func softmax(axis: Int = -1) throws -> Tensor {
        if node == nil, rank > 0, try Shape.axis(axis, rank: rank) == rank - 1 {
            switch storage {
            case .f64(let d): return Tensor(shape: shape, storage: .f64(rowSoftmax(d, rowLength: shape[rank - 1])[...]))
            case .f32(let f): return Tensor(shape: shape, storage: .f32(rowSoftmax(f, rowLength: shape[rank - 1])[...]))
            }
        }
        let shift = try detached.max(axis: axis, keepdims: true)
        let e = try (self - shift).exp()
        return try e / e.sum(axis: axis, keepdims: true)
    }

    /// `log(sum(exp(x)))` along `axis`, computed without overflow.
    public func logsumexp(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        // An infinite maximum shifts by 0 instead (as scipy): inf - inf would
        // make [inf, 0] NaN instead of inf, and [-inf, -inf] NaN instead of -inf.
        var shift = try detached.max(axis: axis, keepdims: true)
        shift.data = shift.data.map { $0.isFinite ? $0 : 0 }
        let s = try (self - shift).exp().sum(axis: axis, keepdims: true).log() + shift
        return keepdims ? s : try s.reshaped(try reductionLayout(axis, keepdims: false).shape)
    }

    /// One-hot rows marking the largest entry along the last axis (first on ties).
    public func onehotMax() throws -> Tensor {
        guard rank > 0, let k = shape.last, k > 0 else {
            throw TensorError.shape("onehot_max needs a tensor with a non-empty last axis, got \(shape)")
        }
        return try Tensor.onehot(argmax(axis: -1), classes: k)
    }
}

/// Softmax of each contiguous row in one pass for the maximum, one for the
/// exponentials and their sum, one to scale: the untracked fast path of
/// `softmax` along the last axis (same function as the primitive form).
private func rowSoftmax<T: KernelFloat>(_ x: ArraySlice<T>, rowLength n: Int) -> [T] {
    guard n > 0 else { return Array(x) }
    return freshBuffer(x.count) { out in
        x.withUnsafeBufferPointer { px in
            for row in stride(from: 0, to: px.count, by: n) {
                var m = -T.infinity
                for i in row..<(row + n) { m = MaxKernel.apply(m, px[i]) }
                for i in row..<(row + n) { out[i] = px[i] - m }
                let slice = UnsafeMutableBufferPointer(rebasing: out[row..<(row + n)])
                T.exponentials(UnsafeBufferPointer(slice), slice)
                var total: T = 0
                for i in row..<(row + n) { total += out[i] }
                for i in row..<(row + n) { out[i] /= total }
            }
        }
    }
}
