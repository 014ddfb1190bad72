/// Shape arithmetic shared by every tensor operation: element counts, strides,
/// axis normalisation and numpy broadcasting.
public enum Shape {
    /// Number of elements a tensor of `shape` holds.
    @inlinable public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// The most elements one tensor may hold (2 GB of numbers): beyond it an
    /// operation throws instead of exhausting memory.
    public static let maxElements = 1 << 28

    /// The most axes one tensor may have (as numpy): shape bookkeeping and
    /// display cost grow with the rank, and no course model needs more.
    public static let maxRank = 64

    /// Element count of `shape`, checked against `maxElements` without overflowing.
    ///
    /// Dimensions other than zero must fit the limit too, even when a zero
    /// axis makes the tensor empty (numpy's rule): a reduction, transpose or
    /// slice of a valid shape drops or reorders axes, so with this rule every
    /// shape derived from a valid one is valid. Without it `zeros(0, 2^31,
    /// 2^31)` summed over axis 0 named 2^62 elements it did not have.
    ///
    /// Every shape a tensor is made with from user input passes here, so
    /// this is also where the memory budget is checked.
    ///
    /// - Throws: `TensorError.shape` for negative dimensions or too many
    ///   axes, `TensorError.limit` for too many elements or too little memory.
    public static func checkedCount(_ shape: [Int]) throws -> Int {
        guard shape.count <= maxRank else {
            throw TensorError.shape("a tensor may have at most \(maxRank) axes, got \(shape.count)")
        }
        var total = 1, empty = false
        for d in shape {
            guard d >= 0 else { throw TensorError.shape("dimensions must not be negative, got \(shape)") }
            if d == 0 { empty = true; continue }
            let (p, overflow) = total.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maxElements else {
                throw TensorError.limit("a tensor of shape \(shape) would be too large (the limit is \(maxElements) elements)")
            }
            total = p
        }
        let count = empty ? 0 : total
        try MemoryBudget.check(count: count, "a tensor of shape \(shape)")
        return count
    }

    /// Whether `shape` is valid (as `checkedCount`) and names exactly `count`
    /// elements: the invariant every tensor keeps between shape and storage.
    public static func holds(_ shape: [Int], count: Int) -> Bool {
        validCount(shape) == count
    }

    /// The element count of a valid shape (as `checkedCount`, without the
    /// memory budget); nil for an invalid one.
    public static func validCount(_ shape: [Int]) -> Int? {
        guard shape.count <= maxRank else { return nil }
        var total = 1, empty = false
        for d in shape {
            guard d >= 0 else { return nil }
            if d == 0 { empty = true; continue }
            let (p, overflow) = total.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maxElements else { return nil }
            total = p
        }
        return empty ? 0 : total
    }

    /// The most multiply-adds one matrix product or factorisation may take
    /// (a few seconds): BLAS and LAPACK cannot be interrupted, so a larger
    /// request is refused instead of freezing the session.
    public static let maxWork = 1 << 36

    /// Throws unless the product of `factors` (an operation's multiply-add
    /// count) stays within `maxWork`, computed without overflowing.
    public static func checkWork(_ factors: [Int], _ what: String) throws {
        var total = 1
        for f in factors {
            let (p, overflow) = total.multipliedReportingOverflow(by: Swift.max(f, 0))
            guard !overflow, p <= maxWork else {
                throw TensorError.shape("\(what) would take more than \(maxWork) multiply-adds; use smaller matrices")
            }
            total = p
        }
    }

    /// Row-major strides of a contiguous tensor of `shape`.
    public static func strides(_ shape: [Int]) -> [Int] {
        var s = Array(repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
        return s
    }

    /// Maps a possibly negative axis onto `0..<rank`.
    ///
    /// - Throws: `TensorError.index` when the axis is outside the tensor.
    public static func axis(_ axis: Int, rank: Int) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a < rank else {
            throw TensorError.index("axis \(axis) is out of range for a tensor of rank \(rank)")
        }
        return a
    }

    /// The numpy broadcast of two shapes: align on the right, a 1 stretches.
    ///
    /// - Parameter verb: names the operation in the message ("add").
    public static func broadcast(_ a: [Int], _ b: [Int], verb: String = "combine") throws -> [Int] {
        if a == b {
            // The result is new memory of the same size.
            try MemoryBudget.check(count: validCount(a) ?? 0, "a tensor of shape \(a)")
            return a
        }
        let n = max(a.count, b.count)
        var out = Array(repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
                throw TensorError.shape("cannot \(verb) tensors of shape \(a) and \(b)")
            }
        }
        // Two valid shapes can broadcast to one past the element limit ([n, 1] and [1, n]).
        _ = try checkedCount(out)
        return out
    }

    /// Strides that read a tensor of `shape` as if it had shape `target`
    /// (0 along broadcast axes). `shape` must broadcast to `target`.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let lead = target.count - shape.count
        var s = Array(repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 { s[lead + i] = own[i] }
        return s
    }
}
