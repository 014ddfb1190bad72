/// A problem with a notebook file itself (not with the code in its cells).
///
/// These stop a notebook before it runs: a mistyped cell option or a bad
/// `--param` would otherwise silently change what the notebook shows.
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The notebook path, or the option that was at fault (`--param`).
    public var path: String
    /// The line in the notebook, when the problem has one.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
