/// The outcome of running one piece of source: nothing is thrown to hosts.
public struct RunResult {
    /// The value of a final expression statement that does not end with `;`
    /// and is not nil; nil otherwise (or when the run failed).
    public var value: Value?
    /// Syntax errors, or the runtime error that stopped the run.
    public var diagnostics: [Diagnostic]
    /// Set when the code called `exit(code)`: the host should end with this status.
    public var exitCode: Int?

    public init(value: Value? = nil, diagnostics: [Diagnostic] = []) {
        self.value = value
        self.diagnostics = diagnostics
    }

    /// Whether the source parsed and ran without error.
    public var succeeded: Bool { diagnostics.isEmpty }
}
