/// A readable rendering for Swift code and test failures; the language's own
/// numpy-like display lives in SomaLang.
extension Tensor: CustomStringConvertible {
    /// Nested brackets with shortest round-trip numbers; axes longer than 8
    /// show their first and last 3 entries around `...`.
    ///
    ///     Tensor(shape: [2, 2], data: [1, 2, 3, 4]).description   // "[[1, 2], [3, 4]]"
    public var description: String {
        var out = ""
        render(axis: 0, offset: 0, into: &out)
        return node == nil ? out : out + " (tracked)"
    }

    private func render(axis: Int, offset: Int, into out: inout String) {
        if axis == rank {
            let x = data[offset]
            out += x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
            return
        }
        let n = shape[axis], step = Shape.count(Array(shape[(axis + 1)...]))
        let shown: [Int?] = n > 8 ? [0, 1, 2, nil, n - 3, n - 2, n - 1] : (0..<n).map { $0 }
        out += "["
        for (k, i) in shown.enumerated() {
            if k > 0 { out += ", " }
            if let i { render(axis: axis + 1, offset: offset + i * step, into: &out) } else { out += "..." }
        }
        out += "]"
    }
}
