/// Matrix products with an operand read transposed, without copying it.
extension Tensor {
    /// `op(self) @ op(other)`, where op transposes (as `.T`) the sides whose
    /// flag is set: the same result as `self.T.matmul(other)` and the like.
    ///
    ///     let dW = try h.matmul(dz, transposingSelf: true)   // h.T @ dz
    ///
    /// Two untracked matrices go to BLAS with its transpose flags, saving the
    /// copy `.T` makes; any other ranks, or an operand with an autodiff node,
    /// take the ordinary path through `T` and `matmul`, so gradients and
    /// numpy's vector and batch rules are unchanged.
    ///
    /// - Throws: `TensorError.shape` when the inner dimensions disagree.
    public func matmul(_ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false) throws -> Tensor {
        guard rank == 2, other.rank == 2, node == nil, other.node == nil, transposingSelf || transposingOther else {
            return try (transposingSelf ? T : self).matmul(transposingOther ? other.T : other)
        }
        let k = transposingSelf ? shape[0] : shape[1]
        let otherK = transposingOther ? other.shape[1] : other.shape[0]
        guard k == otherK else {
            let left = transposingSelf ? [shape[1], shape[0]] : shape
            let right = transposingOther ? [other.shape[1], other.shape[0]] : other.shape
            throw TensorError.shape("cannot matrix-multiply tensors of shape \(left) and \(right): \(k) columns against \(otherK) rows")
        }
        return try batchedMatmul(self, other, transA: transposingSelf, transB: transposingOther)
    }
}
