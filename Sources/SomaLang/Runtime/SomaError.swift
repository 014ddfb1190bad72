import SomaCore

/// An error raised while running Soma code; it becomes a `Diagnostic`.
///
/// Builtins throw these with a kind and a message that says what was
/// expected; the interpreter fills in the span of the call when it is missing.
///
///     throw SomaError.value("lif_rate: tau_m must be positive, got \(tau)")
public struct SomaError: Error, CustomStringConvertible {
    public var kind: ErrorKind
    public var message: String
    public var span: Span?
    public var notes: [String]
    /// The calls the error passed through, innermost first ("in forward,
    /// called from x.soma:5", "in code used from nb.md:3 (cell 1)").
    public var stack: [String] = []
    /// The file `span` points into; filled in when the error leaves the code
    /// compiled from that file (a function body, a `use`d file, a run).
    public var source: SourceFile?
    /// Notes that name a place in the code the error is passing through,
    /// written out once that code's file is known (see `leaving(_:)`).
    var pendingNotes: [PendingNote] = []
    /// The Soma function the error just left, for the caller's note
    /// ("in forward, called from x.soma:5"); set on the way out of a call.
    var leftFunction: String?

    public init(_ kind: ErrorKind, _ message: String, span: Span? = nil, notes: [String] = [],
                source: SourceFile? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
        self.source = source
    }

    public static func type(_ message: String, notes: [String] = []) -> SomaError { SomaError(.type, message, notes: notes) }
    public static func value(_ message: String) -> SomaError { SomaError(.value, message) }
    public static func shape(_ message: String) -> SomaError { SomaError(.shape, message) }
    public static func index(_ message: String) -> SomaError { SomaError(.index, message) }
    public static func name(_ message: String) -> SomaError { SomaError(.name, message) }
    public static func io(_ message: String) -> SomaError { SomaError(.io, message) }
    public static func limit(_ message: String) -> SomaError { SomaError(.limit, message) }
    public static func user(_ message: String) -> SomaError { SomaError(.user, message) }
    public static func interrupt(_ message: String = "interrupted") -> SomaError { SomaError(.interrupt, message) }

    /// The same error with `span` filled in when it had none.
    public func located(_ fallback: Span?) -> SomaError {
        guard span == nil, let fallback else { return self }
        var copy = self
        copy.span = fallback
        return copy
    }

    /// The same error as it leaves code compiled from `file`: a span without
    /// a file points into `file`, and pending notes name their places in it.
    func leaving(_ file: SourceFile) -> SomaError {
        guard (span != nil && source == nil) || !pendingNotes.isEmpty else { return self }
        var copy = self
        if copy.span != nil && copy.source == nil { copy.source = file }
        for pending in copy.pendingNotes {
            copy.stack.append("\(pending.text) \(file.place(line: pending.span.start.line))")
        }
        copy.pendingNotes = []
        return copy
    }

    /// The error as a diagnostic for hosts.
    public var diagnostic: Diagnostic {
        Diagnostic(kind: kind, message: message, span: span, notes: notes,
                   stack: stack + pendingNotes.map { "\($0.text) line \($0.span.start.line), column \($0.span.start.column)" },
                   source: source)
    }

    public var description: String { diagnostic.description }
}

extension SomaError {
    /// The language's view of a tensor operation's refusal.
    public init(_ error: TensorError) {
        switch error {
        case .shape(let m): self.init(.shape, m)
        case .index(let m): self.init(.index, m)
        case .value(let m): self.init(.value, m)
        case .limit(let m): self.init(.limit, m)
        }
    }

    /// Any error thrown below the interpreter, as a Soma error.
    public init(converting error: Error) {
        switch error {
        case let e as SomaError: self = e
        case let e as TensorError: self.init(e)
        case let e as Diagnostic:
            self.init(e.kind, e.message, span: e.span, notes: e.notes, source: e.source)
            stack = e.stack
        default: self.init(.value, String(describing: error))
        }
    }
}

/// A note waiting for the file its span points into, such as
/// "called from" followed by the caller's place.
struct PendingNote {
    let text: String
    let span: Span
}
