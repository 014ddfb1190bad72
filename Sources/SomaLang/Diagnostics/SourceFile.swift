/// A piece of Soma source text with the facts needed to point into it.
///
/// Notebook cells are parsed one at a time, but their errors must name the
/// line in the real notebook file, so `firstLine` says where `text` starts.
///
///     let cell = SourceFile(name: "Notebooks/02-xor.md", text: "z = W @ x + b",
///                           firstLine: 41, cell: 4)
public struct SourceFile: Equatable, Sendable {
    /// The path or label shown in diagnostics (`<repl>`, `Notebooks/02-xor.md`).
    public var name: String
    /// The source text itself.
    public var text: String
    /// Line number, in the real file, of the first line of `text` (1-based).
    public var firstLine: Int
    /// The notebook cell this text came from, if any (1-based).
    public var cell: Int?

    public init(name: String, text: String, firstLine: Int = 1, cell: Int? = nil) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        self.cell = cell
    }

    /// The text of a line, given its number in the real file, without its
    /// line break (`\n` or `\r\n`). Returns nil when the line lies outside this text.
    public func line(_ number: Int) -> Substring? {
        let wanted = number - firstLine
        guard wanted >= 0 else { return nil }
        let utf8 = text.utf8
        var start = utf8.startIndex
        for _ in 0..<wanted {
            guard let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = utf8.index(after: newline)
        }
        var end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// A line of this file as notes name it: `nb.md:41 (cell 4)`.
    public func place(line: Int) -> String {
        var text = "\(name):\(line)"
        if let cell { text += " (cell \(cell))" }
        return text
    }
}
