/// Where `print` and other builtins write text: supplied by the host.
///
/// SomaLang never prints by itself; the REPL passes standard output, a
/// notebook runner a buffer for the current cell, tests a capture.
public final class Output {
    private let sink: (String) -> Void

    public init(_ sink: @escaping (String) -> Void) {
        self.sink = sink
    }

    /// Writes `text` as is (callers add their own line breaks).
    public func write(_ text: String) {
        sink(text)
    }
}
