import SomaCore

/// A runtime value of the Soma language.
///
/// Payloads are kept small (at most a `String`) so that copying a value through
/// the interpreter's slots stays cheap: tensors live in a `TensorBox`, functions
/// and objects are references. Tensors, lists and records still have value
/// semantics: the interpreter copies a shared payload before writing to it.
public enum Value {
    case `nil`
    case bool(Bool)
    case number(Double)
    case string(String)
    case tensor(TensorBox)
    case list([Value])
    case record(Record)
    case range(SomaRange)
    case function(Function)
    case object(any SomaObject)
}

/// The storage of a tensor value; shared between copies until one is written.
public final class TensorBox {
    /// The tensor lives behind a pointer: a stored `var` of a class pays
    /// Swift's dynamic exclusivity check (a runtime call) on every read and
    /// write, which was a fifth of an element loop's time.
    @usableFromInline let storage: UnsafeMutablePointer<Tensor>

    /// The tensor held; SomaLang writes it in place only when the box is unique.
    public internal(set) var tensor: Tensor {
        @inlinable _read { yield storage.pointee }
        _modify { yield &storage.pointee }
    }

    public init(_ tensor: Tensor) {
        storage = UnsafeMutablePointer<Tensor>.allocate(capacity: 1)
        storage.initialize(to: tensor)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Element `x` of an untracked vector (`v[i]` in a loop), or nil when the
    /// tensor is not one or `x` is not a position in it. The tensor is read
    /// through one access, not one per property.
    @inline(__always)
    func vectorElement(_ x: Double) -> Double? {
        TensorBox.element(of: tensor, x)
    }

    @inline(__always)
    private static func element(of t: borrowing Tensor, _ x: Double) -> Double? {
        guard t.rank == 1, t.node == nil, let i = Int(exactly: x) else { return nil }
        let count = t.count
        guard i >= -count, i < count else { return nil }
        return t[flat: i < 0 ? i + count : i]
    }

    /// Writes element `i` of an untracked vector in one access; false (and
    /// nothing written) when the tensor is not one or `i` is not a position.
    /// The caller makes sure the box is not shared.
    @inline(__always)
    func setVectorElement(_ i: Int, _ value: Double) -> Bool {
        TensorBox.setElement(of: &tensor, i, value)
    }

    @inline(__always)
    private static func setElement(of t: inout Tensor, _ i: Int, _ value: Double) -> Bool {
        let count = t.count
        guard t.rank == 1, t.node == nil, i >= -count, i < count else { return false }
        t[flat: i < 0 ? i + count : i] = value
        return true
    }
}

/// A lazy integer range `start..<end` (a closed range `a...b` is stored as `a..<b+1`).
public struct SomaRange: Equatable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Number of integers in the range (0 when `end <= start`).
    public var count: Int { end > start ? end - start : 0 }

    /// Ranges larger than this are not turned into lists or tensors.
    public static let materialLimit = 10_000_000

    /// The integers of the range, for code that needs them all at once.
    public func numbers() throws -> Range<Int> {
        guard count <= SomaRange.materialLimit else {
            throw SomaError.limit("the range \(start)..<\(end) has too many numbers to list (\(count))")
        }
        return start..<(start + count)
    }
}

/// A callable value: a native builtin or a function written in Soma.
public enum Function {
    case native(Builtin)
    case closure(Closure)

    /// The name the function was defined with (`"<fn>"` for anonymous ones).
    public var name: String {
        switch self {
        case .native(let builtin): return builtin.name
        case .closure(let closure): return closure.name
        }
    }
}

extension Value {
    /// A tensor value; an untracked 0-d tensor becomes a plain number.
    public init(_ tensor: Tensor) {
        if tensor.shape.isEmpty, tensor.node == nil, tensor.count == 1 {
            self = .number(tensor[flat: 0])
        } else {
            self = .tensor(TensorBox(tensor))
        }
    }

    public init(_ number: Double) { self = .number(number) }
    public init(_ int: Int) { self = .number(Double(int)) }
    public init(_ bool: Bool) { self = .bool(bool) }
    public init(_ string: String) { self = .string(string) }
    public init(_ list: [Value]) { self = .list(list) }
    public init(_ record: Record) { self = .record(record) }
    public init(_ object: any SomaObject) { self = .object(object) }
    public init(_ builtin: Builtin) { self = .function(.native(builtin)) }

    /// The kind name shown by `type(x)` and in error messages.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .tensor: return "tensor"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .function: return "function"
        case .object(let object): return object.typeName
        }
    }

    /// Soma truthiness for non-tensor values: only `false` and `nil` are false.
    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// The tensor of a tensor value, if it is one.
    public var tensorValue: Tensor? {
        if case .tensor(let box) = self { return box.tensor }
        return nil
    }

    /// The number of a number value, if it is one.
    public var numberValue: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The string of a string value, if it is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
