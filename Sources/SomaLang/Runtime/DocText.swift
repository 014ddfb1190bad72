/// A doc string in Soma's one format, for builtins, object members and
/// `##`-documented functions alike:
///
///     One-line summary, a single sentence ending in a full stop.
///     Details: any lines (a blank line starts a new paragraph).
///     Example: square(3) == 9
///
/// or, for an example of several lines, `Example:` alone on its line and the
/// code indented below it:
///
///     Example:
///         net = Network([2, 3, 1])
///         net.learn(X, T, epochs: 100)
///
/// `help`, `:doc`, `soma help NAME` and the docs test all read docs through
/// this type, so the format is defined here and nowhere else.
public struct DocText: Equatable, Sendable {
    /// The first line: what the function does or gives, in one sentence.
    public var summary: String
    /// The lines between the summary and the example, without blank edges.
    public var details: String
    /// The example's code (dedented), or nil when the doc has none.
    public var example: String?

    /// The word that starts the example block.
    public static let exampleMarker = "Example:"

    /// Splits `doc` into its summary, details and example.
    public init(_ doc: String) {
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingWhitespace().isEmpty { lines.removeFirst() }
        summary = lines.first?.trimmingWhitespace() ?? ""
        let body = lines.dropFirst()
        guard let marker = body.firstIndex(where: { $0.trimmingWhitespace().hasPrefix(DocText.exampleMarker) }) else {
            details = DocText.trimmedBlock(Array(body))
            example = nil
            return
        }
        details = DocText.trimmedBlock(Array(body[body.startIndex..<marker]))
        let inline = String(body[marker].trimmingWhitespace().dropFirst(DocText.exampleMarker.count)).trimmingWhitespace()
        var code = DocText.dedented(Array(body[(marker + 1)...]))
        if !inline.isEmpty { code.insert(inline, at: 0) }
        let text = DocText.trimmedBlock(code)
        example = text.isEmpty ? nil : text
    }

    /// What is wrong with this doc as Soma's format asks (empty when nothing):
    /// a missing or multi-sentence summary, a summary longer than a line, no example.
    public var problems: [String] {
        var found: [String] = []
        if summary.isEmpty {
            found.append("no summary line")
        } else {
            if !DocText.endsSentence(summary) { found.append("the summary does not end with a full stop") }
            if DocText.sentenceBreak(in: summary) { found.append("the summary is more than one sentence") }
            if summary.count > DocText.summaryWidth {
                found.append("the summary is \(summary.count) characters (at most \(DocText.summaryWidth))")
            }
            if summary.hasPrefix(DocText.exampleMarker) { found.append("no summary before the example") }
        }
        if example == nil { found.append("no example") }
        return found
    }

    /// The longest summary that still reads as one line.
    public static let summaryWidth = 130

    /// The text `help` shows: the signature, the summary, the details and the
    /// example block, separated by blank lines.
    public func rendered(signature: String) -> String {
        var blocks = [signature.isEmpty ? summary : summary.isEmpty ? signature : signature + "\n" + summary]
        if !details.isEmpty { blocks.append(details) }
        if let example {
            let code = example.split(separator: "\n", omittingEmptySubsequences: false)
            blocks.append(DocText.exampleMarker + "\n" + code.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n"))
        }
        return blocks.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    // MARK: helpers

    private static func endsSentence(_ text: String) -> Bool {
        var t = Substring(text)
        // A closing bracket or quote after the full stop is part of the sentence.
        while let last = t.last, last == ")" || last == "\"" || last == "`" || last == "”" { t = t.dropLast() }
        return t.hasSuffix(".") || t.hasSuffix("?") || t.hasSuffix("!")
    }

    /// Whether a sentence ends inside `text`: `. ` followed by a capital letter.
    private static func sentenceBreak(in text: String) -> Bool {
        let chars = Array(text)
        guard chars.count > 3 else { return false }
        for i in 0..<(chars.count - 2) where ".!?".contains(chars[i]) && chars[i + 1] == " " {
            let next = chars[i + 2]
            // `e.g. The`, `i.e. A`: a one-letter abbreviation is not a sentence end.
            let abbreviation = i >= 2 && chars[i - 2] == "."
            if next.isUppercase && !abbreviation { return true }
        }
        return false
    }

    /// Lines with their common leading spaces removed.
    private static func dedented(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.trimmingWhitespace().isEmpty }.map { $0.prefix(while: { $0 == " " }).count }
        let indent = indents.min() ?? 0
        return lines.map { $0.trimmingWhitespace().isEmpty ? "" : String($0.dropFirst(indent)) }
    }

    /// The lines joined, without blank lines at either end or trailing spaces.
    private static func trimmedBlock(_ lines: [String]) -> String {
        var lines = lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
