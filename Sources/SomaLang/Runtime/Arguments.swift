import SomaCore

/// The arguments of one call to a builtin, with typed accessors.
///
/// Every accessor throws a `SomaError` that names the builtin and the
/// parameter (`lif_rate: argument 'v' must be a number, got string`), so a
/// builtin never has to build its own messages for wrong types. A positional
/// parameter may also be passed by its name as a keyword (`lif_rate(v: 2)`).
public struct Arguments {
    /// Positional values in order.
    public let positional: [Value]
    /// Keyword values in the order written.
    public let keywords: [(name: String, value: Value)]
    /// The interpreter that makes the call: callbacks, output and extension state.
    public let context: Context
    /// Name of the called builtin, used in error messages.
    public let callee: String

    public init(positional: [Value], keywords: [(name: String, value: Value)] = [], context: Context, callee: String) {
        self.positional = positional
        self.keywords = keywords
        self.context = context
        self.callee = callee
    }

    /// Number of positional arguments.
    public var count: Int { positional.count }

    // MARK: raw access

    /// The value passed at position `index` or as keyword `name`, if any.
    public func optional(_ index: Int, _ name: String) -> Value? {
        if index >= 0, index < positional.count { return positional[index] }
        return keyword(name)
    }

    /// The value passed at position `index` or as keyword `name`; throws when missing.
    public func value(_ index: Int, _ name: String) throws -> Value {
        guard let value = optional(index, name) else {
            throw SomaError.type("\(callee): missing argument '\(name)'")
        }
        return value
    }

    /// The value of keyword `name`, if it was passed.
    public func keyword(_ name: String) -> Value? {
        for entry in keywords where entry.name == name { return entry.value }
        return nil
    }

    /// Whether keyword `name` was passed.
    public func hasKeyword(_ name: String) -> Bool { keyword(name) != nil }

    /// Positional values from `index` on (for `xs...` parameters).
    public func rest(from index: Int) -> ArraySlice<Value> {
        index < positional.count ? positional[max(index, 0)...] : []
    }

    // MARK: typed positional access

    public func number(_ index: Int, _ name: String) throws -> Double {
        try convertNumber(value(index, name), name)
    }

    public func int(_ index: Int, _ name: String) throws -> Int {
        try convertInt(value(index, name), name)
    }

    public func string(_ index: Int, _ name: String) throws -> String {
        try convertString(value(index, name), name)
    }

    public func bool(_ index: Int, _ name: String) throws -> Bool {
        try convertBool(value(index, name), name)
    }

    /// A tensor; numbers, ranges and (nested) lists of numbers are converted.
    public func tensor(_ index: Int, _ name: String) throws -> Tensor {
        try convertTensor(value(index, name), name)
    }

    /// A callable value (a Soma function, a builtin or a callable object), to pass to `context.call`.
    public func function(_ index: Int, _ name: String) throws -> Value {
        try convertFunction(value(index, name), name)
    }

    public func list(_ index: Int, _ name: String) throws -> [Value] {
        try convertList(value(index, name), name)
    }

    public func record(_ index: Int, _ name: String) throws -> Record {
        try convertRecord(value(index, name), name)
    }

    /// A native object of type `T` (a network, a figure).
    public func object<T: SomaObject>(_ index: Int, _ name: String, as type: T.Type = T.self) throws -> T {
        try convertObject(value(index, name), name)
    }

    // MARK: keywords with defaults

    public func keywordNumber(_ name: String, default fallback: Double) throws -> Double {
        try keyword(name, default: fallback, convertNumber)
    }

    public func keywordInt(_ name: String, default fallback: Int) throws -> Int {
        try keyword(name, default: fallback, convertInt)
    }

    public func keywordString(_ name: String, default fallback: String) throws -> String {
        try keyword(name, default: fallback, convertString)
    }

    public func keywordBool(_ name: String, default fallback: Bool) throws -> Bool {
        try keyword(name, default: fallback, convertBool)
    }

    /// Keyword `name` as a tensor, or nil when it was not passed (or passed as `nil`).
    public func keywordTensor(_ name: String) throws -> Tensor? {
        try keywordIfGiven(name, convertTensor)
    }

    /// Keyword `name` as a number, or nil when it was not passed (or passed as `nil`).
    public func keywordNumber(_ name: String) throws -> Double? {
        try keywordIfGiven(name, convertNumber)
    }

    /// Keyword `name` as an integer, or nil when it was not passed (or passed as `nil`).
    public func keywordInt(_ name: String) throws -> Int? {
        try keywordIfGiven(name, convertInt)
    }

    /// Keyword `name` as a string, or nil when it was not passed (or passed as `nil`).
    public func keywordString(_ name: String) throws -> String? {
        try keywordIfGiven(name, convertString)
    }

    /// Keyword `name` through `convert`, or `fallback` when it was not passed.
    @inline(__always)
    func keyword<T>(_ name: String, default fallback: T, _ convert: (Value, String) throws -> T) throws -> T {
        guard let v = keyword(name) else { return fallback }
        return try convert(v, name)
    }

    /// Keyword `name` through `convert`, or nil when it was not passed or passed as `nil`.
    @inline(__always)
    func keywordIfGiven<T>(_ name: String, _ convert: (Value, String) throws -> T) throws -> T? {
        guard let v = keyword(name), !v.isNil else { return nil }
        return try convert(v, name)
    }

    // MARK: conversions

    func mismatch(_ value: Value, _ name: String, _ expected: String) -> SomaError {
        SomaError.type("\(callee): argument '\(name)' must be \(expected), got \(value.typeName)")
    }

    func convertNumber(_ value: Value, _ name: String) throws -> Double {
        switch value {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        case .tensor(let box) where box.tensor.count == 1: return box.tensor[flat: 0]
        default: throw mismatch(value, name, "a number")
        }
    }

    func convertInt(_ value: Value, _ name: String) throws -> Int {
        let x = try convertNumber(value, name)
        guard let n = Int(exactly: x) else {
            throw SomaError.value("\(callee): argument '\(name)' must be an integer, got \(formatNumber(x))")
        }
        return n
    }

    func convertString(_ value: Value, _ name: String) throws -> String {
        guard case .string(let s) = value else { throw mismatch(value, name, "a string") }
        return s
    }

    func convertBool(_ value: Value, _ name: String) throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch(value, name, "true or false") }
        return b
    }

    func convertTensor(_ value: Value, _ name: String) throws -> Tensor {
        do {
            return try value.asTensor()
        } catch let error as SomaError {
            throw SomaError(error.kind, "\(callee): argument '\(name)': \(error.message)")
        }
    }

    func convertFunction(_ value: Value, _ name: String) throws -> Value {
        switch value {
        case .function: return value
        case .object(let object) where object.callable != nil: return value
        default: throw mismatch(value, name, "a function")
        }
    }

    func convertList(_ value: Value, _ name: String) throws -> [Value] {
        switch value {
        case .list(let items): return items
        case .range(let r): return try r.numbers().map { Value($0) }
        case .tensor(let box): return try box.tensor.rows().map { Value($0) }
        default: throw mismatch(value, name, "a list")
        }
    }

    func convertRecord(_ value: Value, _ name: String) throws -> Record {
        guard case .record(let r) = value else { throw mismatch(value, name, "a record") }
        return r
    }

    func convertObject<T: SomaObject>(_ value: Value, _ name: String) throws -> T {
        if case .object(let object) = value, let typed = object as? T { return typed }
        throw mismatch(value, name, "a \(T.self)")
    }
}
