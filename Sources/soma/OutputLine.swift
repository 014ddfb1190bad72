import Synchronization

/// The REPL's standard output, remembering whether the last text left a line
/// open (`print(x, end: "")`), so a value, an error or the next prompt never
/// starts in the middle of that line.
final class OutputLine: Sendable {
    // Written by the thread running an entry and read by the REPL's thread
    // after that entry finished.
    private let isOpen = Atomic<Bool>(false)

    /// Writes `text` to standard output.
    func write(_ text: String) {
        guard let last = text.unicodeScalars.last else { return }
        isOpen.store(last != "\n", ordering: .releasing)
        Terminal.writeOut(text)
    }

    /// Ends the open line, if there is one.
    func close() {
        guard isOpen.exchange(false, ordering: .acquiringAndReleasing) else { return }
        Terminal.writeOut("\n")
    }
}
