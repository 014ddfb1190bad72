import SomaCore

/// A bracket literal: a tensor when its elements are all numbers or all
/// tensors of one shape, otherwise a list.
func listLiteral(_ values: [Value]) throws -> Value {
    try Value.collection(values)
}

extension Value {
    /// Values gathered as a bracket literal would: a tensor when they are all
    /// numbers or all tensors of one shape (stacked), otherwise a list.
    public static func collection(_ values: [Value]) throws -> Value {
    guard !values.isEmpty else { return .list([]) }
    var allNumbers = true
    var shape: [Int]?
    for v in values {
        let itemShape: [Int]
        switch v {
        case .number: itemShape = []
        case .tensor(let box):
            itemShape = box.tensor.shape
            allNumbers = false
        default: return .list(values)
        }
        if let shape, shape != itemShape { return .list(values) }
        shape = itemShape
    }
    if allNumbers {
        return .tensor(TensorBox(Tensor(values.compactMap(\.numberValue))))
    }
    return .tensor(TensorBox(try Value.list(values).asTensor()))
}
}

extension Value {
    /// The items a `for` loop visits: list elements, range numbers, a
    /// tensor's numbers or rows (first axis), record keys, string characters.
    public func items() throws -> [Value] {
        switch self {
        case .list(let items): return items
        case .range(let r): return try r.numbers().map { Value($0) }
        case .tensor(let box):
            if box.tensor.rank == 0 { throw SomaError.type("cannot loop over a 0-d tensor") }
            if box.tensor.rank == 1 && box.tensor.node == nil { return box.tensor.data.map { .number($0) } }
            return try box.tensor.rows().map { Value($0) }
        case .record(let r): return r.keys.map { .string($0) }
        case .string(let s): return s.map { .string(String($0)) }
        default: throw SomaError.type("cannot loop over \(typeName)")
        }
    }
}
