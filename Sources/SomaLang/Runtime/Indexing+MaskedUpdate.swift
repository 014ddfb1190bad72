import SomaCore

extension Indexing {
    /// `container[mask] op= operand` in place on an unshared untracked
    /// Float64 tensor (see `Tensor.updateMasked`); false, with nothing
    /// changed, when the general get-compute-set path must run instead.
    static func updateMasked(_ container: inout Value, _ path: [PathStep], _ op: BinaryOperator,
                             _ operand: Value) throws -> Bool {
        guard path.count == 1, case .index(let keys) = path[0], keys.count == 1,
              case .value(.tensor, _) = keys[0], let tensorOp = Operators.tensorOp(op),
              let items = try maskItems(container, keys) else { return false }
        let x: Tensor
        switch operand {
        case .number(let n): x = Tensor(n)
        case .tensor(let box): x = box.tensor
        default: return false
        }
        // Taken out of the value, so an unshared tensor is written where it is.
        var box = takeTensor(&container)
        defer { container = .tensor(box) }
        if !isKnownUniquelyReferenced(&box) { box = TensorBox(box.tensor) }
        do {
            return try box.tensor.updateMasked(items, tensorOp, x)
        } catch let e as TensorError {
            throw SomaError(e)
        }
    }

    /// The index items of `keys` when they are one mask on an untracked Float64 tensor.
    private static func maskItems(_ container: Value, _ keys: [IndexKey]) throws -> [SomaCore.IndexItem]? {
        guard case .tensor(let box) = container, box.tensor.node == nil, box.tensor.dtype == .float64 else { return nil }
        let items = try tensorItems(box.tensor, keys)
        guard case .mask = items[0] else { return nil }
        return items
    }
}
