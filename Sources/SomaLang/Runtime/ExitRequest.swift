/// Thrown by `exit(code)`: ends the run without being caught by `try`;
/// `RunResult.exitCode` tells the host.
public struct ExitRequest: Error {
    public let code: Int

    public init(code: Int) {
        self.code = code
    }
}
