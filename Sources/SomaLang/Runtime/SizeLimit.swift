import SomaCore

/// How large strings and lists may grow.
///
/// Doubling a string or a list in a loop reaches any size in a few dozen
/// steps; past these limits the operation is `error[limit]` instead of an
/// allocation that exhausts memory. Tensors have their own limit
/// (`Shape.maxElements`); both are checked against the memory budget
/// (`MemoryBudget`) too.
public enum SizeLimit {
    /// Runs a memory-budget check, as a Soma error.
    private static func budget(_ check: () throws -> Void) throws {
        do { try check() } catch let e as TensorError { throw SomaError(e) }
    }

    /// The most UTF-8 bytes one string may hold (256 MB).
    public static let stringBytes = 1 << 28
    /// The most items one list may hold.
    public static let listCount = 1 << 24

    /// Throws unless a string of `bytes` UTF-8 bytes is allowed.
    public static func checkString(_ bytes: Int, _ what: String) throws {
        guard bytes <= stringBytes else {
            throw SomaError.limit("\(what) would make a string of \(bytes) bytes (the limit is \(stringBytes))")
        }
        try budget { try MemoryBudget.check(bytes: bytes, "\(what) (a string of \(bytes) bytes)") }
    }

    /// Throws unless a list of `count` items is allowed.
    public static func checkList(_ count: Int, _ what: String) throws {
        guard count <= listCount else {
            throw SomaError.limit("\(what) would make a list of \(count) items (the limit is \(listCount))")
        }
        try budget { try MemoryBudget.check(count: count, elementBytes: MemoryLayout<Value>.stride, "\(what) (a list of \(count) items)") }
    }
}
