/// Updates written into a tensor's own storage (`x -= lr * g` in a loop).
extension Tensor {
    /// `self = self op other`, computed into this tensor's own buffer: no
    /// fresh result array when the buffer is not shared (a shared one, or a
    /// view of a larger tensor, is copied first, so other tensors never see
    /// the write). The elements are exactly those of `Tensor.binary(op, self, other)`.
    ///
    /// Returns false and changes nothing unless that result would have this
    /// tensor's shape and dtype and no autodiff record: both operands
    /// untracked, `op` one of add/sub/mul/div, `other` of the same shape or a
    /// single element of no higher rank, and the promoted dtype this one's.
    public mutating func formBinaryInPlace(_ op: BinaryOp, _ other: Tensor) -> Bool {
        guard node == nil, other.node == nil, rank > 0 else { return false }
        guard other.shape == shape || (other.count == 1 && other.rank <= rank) else { return false }
        guard DType.promoted(self, other) == dtype else { return false }
        switch op {
        case .add: update(AddKernel.self, other)
        case .sub: update(SubKernel.self, other)
        case .mul: update(MulKernel.self, other)
        case .div: update(DivKernel.self, other)
        default: return false
        }
        return true
    }

    private mutating func update<K: BinaryKernel>(_: K.Type, _ other: Tensor) {
        switch storage {
        case .f64(var d):
            // Moved out so the buffer is uniquely referenced while written.
            storage = .f64([])
            inPlaceMap(K.self, &d, other.storage.doubles)
            storage = .f64(d)
        case .f32(var f):
            storage = .f32([])
            inPlaceMap(K.self, &f, other.storage.floats)
            storage = .f32(f)
        }
    }
}

/// `x[i] = K(x[i], y[i])`, or `K(x[i], y[0])` for a single `y`.
@inline(__always)
private func inPlaceMap<K: BinaryKernel, T: KernelFloat>(_: K.Type, _ x: inout ArraySlice<T>, _ y: ArraySlice<T>) {
    y.withUnsafeBufferPointer { py in
        x.withUnsafeMutableBufferPointer { px in
            let n = px.count
            if py.count == 1 {
                let s = py[0]
                for i in 0..<n { px[i] = K.apply(px[i], s) }
            } else if py.count == n {
                for i in 0..<n { px[i] = K.apply(px[i], py[i]) }
            }
        }
    }
}
