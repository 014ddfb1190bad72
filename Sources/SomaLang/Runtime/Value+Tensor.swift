import SomaCore

extension Tensor {
    /// The slices along the first axis (the numbers of a 1-d tensor); a
    /// tracked tensor's slices keep their autodiff record.
    func rows() throws -> [Tensor] {
        guard let first = shape.first else { return [self] }
        if node != nil || dtype != .float64 {
            do {
                return try (0..<first).map { try get([.index($0)]) }
            } catch let e as TensorError {
                throw SomaError(e)
            }
        }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return (0..<first).map { i in
            Tensor(shape: inner, data: Array(data[(i * size)..<((i + 1) * size)]))
        }
    }
}

extension Value {
    /// The value as a tensor: numbers, ranges, tensors and (nested) lists of
    /// numbers or same-shape tensors, stacked along a new first axis.
    public func asTensor() throws -> Tensor {
        try asTensor(depth: 0)
    }

    /// `asTensor` for a value nested `depth` lists deep: each list level is an
    /// axis, so the nesting stops at the rank limit instead of recursing on.
    private func asTensor(depth: Int) throws -> Tensor {
        switch self {
        case .number(let x): return Tensor(x)
        case .bool(let b): return Tensor(b ? 1 : 0)
        case .tensor(let box): return box.tensor
        case .range(let r): return Tensor(try r.numbers().map { Double($0) })
        case .list(let items):
            guard depth < Shape.maxRank else {
                throw SomaError.shape("lists nested more than \(Shape.maxRank) deep cannot become a tensor (at most \(Shape.maxRank) axes)")
            }
            if items.isEmpty { return Tensor(shape: [0], data: []) }
            let parts = try items.map { try $0.asTensor(depth: depth + 1) }
            guard parts[0].rank < Shape.maxRank else {
                throw SomaError.shape("stacking tensors of rank \(parts[0].rank) would exceed \(Shape.maxRank) axes")
            }
            let inner = parts[0].shape
            if parts.contains(where: { $0.node != nil || $0.dtype != .float64 }) {
                // Keep the autodiff record of tracked elements, and float32 (see DType.promoted).
                for part in parts where part.shape != inner {
                    throw SomaError.shape("cannot stack elements of shape \(inner) and \(part.shape) into a tensor")
                }
                do { return try Tensor.stack(parts) } catch let e as TensorError { throw SomaError(e) }
            }
            do { _ = try Shape.checkedCount([parts.count] + inner) } catch let e as TensorError { throw SomaError(e) }
            var data: [Double] = []
            data.reserveCapacity(parts.count * parts[0].count)
            for part in parts {
                guard part.shape == inner else {
                    throw SomaError.shape("cannot stack elements of shape \(inner) and \(part.shape) into a tensor")
                }
                data.append(contentsOf: part.data)
            }
            return Tensor(shape: [parts.count] + inner, data: data)
        default:
            throw SomaError.type("expected a tensor, a number or a list of numbers, got \(typeName)")
        }
    }
}
