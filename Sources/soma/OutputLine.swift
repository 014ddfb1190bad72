/// The REPL's standard output, remembering whether the last text left a line
/// open (`print(x, end: "")`), so a value, an error or the next prompt never
/// starts in the middle of that line.
final class OutputLine: @unchecked Sendable {
    // Written by the worker thread running an entry and read by the REPL's
    // thread only after that entry finished (the semaphore orders them).
    private var isOpen = false

    /// Writes `text` to standard output.
    func write(_ text: String) {
        guard let last = text.unicodeScalars.last else { return }
        isOpen = last != "\n"
        Terminal.writeOut(text)
    }

    /// Ends the open line, if there is one.
    func close() {
        guard isOpen else { return }
        isOpen = false
        Terminal.writeOut("\n")
    }
}
