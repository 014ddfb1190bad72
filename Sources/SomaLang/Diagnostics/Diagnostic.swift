/// The kind of an error, shown as `error[kind]` and exposed to scripts as `e.kind`.
public enum ErrorKind: String, Equatable, Hashable, Sendable, CaseIterable {
    case syntax, name, type, shape, index, value, io, interrupt, limit, user, permission
}

/// One error as data: what went wrong, where, and optional notes.
///
/// Producing a diagnostic never prints; `renderDiagnostic(_:source:color:)`
/// turns it into text for a terminal or a notebook.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var kind: ErrorKind
    public var message: String
    /// Where the error is; nil for errors without a place (interrupts, I/O).
    public var span: Span?
    /// Extra lines shown under the source excerpt, each as `= note: ...`.
    public var notes: [String]
    /// The calls the error passed through, innermost first, each shown as a
    /// note after `notes` ("in forward, called from x.soma:5").
    public var stack: [String]
    /// The file `span` points into, when the error arose in another file than
    /// the one being run (a `use`d file, the Stdlib); the renderer prefers it.
    public var source: SourceFile?
    /// A warning (from `soma check`) rather than an error: the code may still run.
    public var isWarning: Bool

    public init(kind: ErrorKind, message: String, span: Span? = nil, notes: [String] = [],
                stack: [String] = [], source: SourceFile? = nil, isWarning: Bool = false) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
        self.stack = stack
        self.source = source
        self.isWarning = isWarning
    }

    public var description: String {
        if let span { return "error[\(kind.rawValue)] \(span.start): \(message)" }
        return "error[\(kind.rawValue)]: \(message)"
    }
}
