/// A native handle exposed to Soma: a network, a figure, an optimizer.
///
/// Objects are references (assigning one shares it). Fields are read with
/// `obj.name` and written with `obj.name = v`; methods are builtins bound to
/// the object, looked up by name when called (`net.learn(X, T, epochs: 10)`).
/// Only `typeName` is required; the rest have defaults.
///
///     final class Figure: SomaObject {
///         var typeName: String { "Figure" }
///         func field(_ name: String) throws -> Value? { name == "title" ? Value(title) : nil }
///         var fieldNames: [String] { ["title"] }
///     }
public protocol SomaObject: AnyObject {
    /// The name `type(x)` returns (`"Network"`).
    var typeName: String { get }
    /// The value of field `name`, or nil when there is no such field.
    func field(_ name: String) throws -> Value?
    /// Writes field `name`; throws when it does not exist or is read-only.
    func setField(_ name: String, _ value: Value) throws
    /// The method `name` bound to this object, or nil when there is none.
    func method(_ name: String) -> Builtin?
    /// Readable field names, for tab completion and `keys`.
    var fieldNames: [String] { get }
    /// Method names, for tab completion.
    var methodNames: [String] { get }
    /// How the object is shown as a value (`<Network 2-3-1>`).
    var displayString: String { get }
    /// What calling the object does (`net(X)`), or nil when it cannot be called.
    var callable: Builtin? { get }
    /// What `help(obj)` shows: by default the help of calling it.
    var helpText: String? { get }
}

extension SomaObject {
    public func field(_ name: String) throws -> Value? { nil }

    public func setField(_ name: String, _ value: Value) throws {
        throw SomaError.type("cannot set field '\(name)' of \(typeName)")
    }

    public func method(_ name: String) -> Builtin? { nil }
    public var fieldNames: [String] { [] }
    public var methodNames: [String] { [] }
    public var displayString: String { "<\(typeName)>" }
    public var callable: Builtin? { nil }
    public var helpText: String? { callable?.helpText }
}
