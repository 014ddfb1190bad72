/// A function written in Soma, with the variables it captured.
public final class Closure {
    /// The name it was defined with, or `<fn>`.
    public let name: String
    /// The `##` doc comment above its definition, if any.
    public let doc: String?
    let proto: FunctionProto
    /// Cells of the enclosing functions' variables this function uses.
    let captures: [Cell]
    /// Default values, evaluated when the function was defined (nil: required).
    let defaults: [Value?]
    // Copies of the prototype's facts, read on every call without going
    // through the prototype's mutable fields.
    let body: (Frame) throws -> Value
    let slotCount: Int
    let arity: Int
    let hasCells: Bool

    init(proto: FunctionProto, captures: [Cell], defaults: [Value?]) {
        self.body = proto.body
        self.slotCount = proto.slotCount
        self.arity = proto.arity
        self.hasCells = proto.hasCells
        self.name = proto.name
        self.doc = proto.doc
        self.proto = proto
        self.captures = captures
        self.defaults = defaults
    }

    /// Runs the body; the closure keeps it alive, so calling it needs no retain.
    @inline(__always)
    func run(_ frame: Frame) throws -> Value {
        try body(frame)
    }

    /// `name(x, lr = 0.1)`, as `help` shows it.
    public var signature: String {
        "\(name)(\(parameterTexts.joined(separator: ", ")))"
    }

    /// Each parameter as the signature shows it: `x`, `lr = 0.1`.
    public var parameterTexts: [String] {
        zip(proto.parameterNames, defaults).map { name, value in
            value.map { "\(name) = \($0.displayString)" } ?? name
        }
    }
}

/// The compiled form of one `fn`, shared by every closure made from it.
final class FunctionProto {
    let name: String
    let doc: String?
    let parameterNames: [String]
    /// Number of parameters.
    let arity: Int
    /// Local slots the function needs (parameters first).
    var slotCount = 0
    /// Parameter slots that inner functions capture, boxed in cells on entry.
    var cellParameters: [Int] = []
    /// Local slots (not parameters) that inner functions capture.
    var cellLocals: [Int] = []
    /// Runs the body in a frame whose parameters are already stored.
    var body: (Frame) throws -> Value = { _ in .nil }
    /// The file the function was written in: its errors point into it.
    let source: SourceFile

    init(name: String, doc: String?, parameterNames: [String], source: SourceFile) {
        self.name = name
        self.source = source
        self.doc = doc
        self.parameterNames = parameterNames
        self.arity = parameterNames.count
    }

    /// Whether entering the function must box some slots in cells.
    var hasCells: Bool { !cellParameters.isEmpty || !cellLocals.isEmpty }
}

/// A variable shared between a function and the closures made inside it.
final class Cell: SomaObject {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }

    var typeName: String { "cell" }
}

/// The running activation of a function: its slots and its closure.
struct Frame {
    let base: UnsafeMutablePointer<Value>
    unowned(unsafe) let closure: Closure
}
