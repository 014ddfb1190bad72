/// Docs fitted to a terminal's width, for `:doc` in the REPL and `help(f)`.
public enum DocWrap {
    /// A doc as wide as the terminal: when a line is longer than `columns - 1`,
    /// the signature (first line) breaks between parameters with a four-space
    /// indent and the prose is refilled; indented example lines stay as written.
    public static func wrapped(_ doc: String, columns: Int) -> String {
        let limit = max(20, columns - 1)
        let lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(where: { $0.count > limit }), let signature = lines.first else { return doc }
        var out = fill(signature, limit: limit, indent: "    ", breakAfter: ", ")
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out += fill(paragraph.joined(separator: " "), limit: limit, indent: "") }
            paragraph = []
        }
        for line in lines.dropFirst() {
            if line.hasPrefix("Example:") {
                flush()
                out += fill(line, limit: limit, indent: "    ", breakAfter: ", ")
            } else if line.isEmpty || line.hasPrefix(" ") {
                flush()
                out.append(line)
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    /// `text` broken into lines of at most `limit` characters, after
    /// `breakAfter` where it can, else at a space; the lines after the first
    /// are led by `indent`.
    private static func fill(_ text: String, limit: Int, indent: String, breakAfter: String = " ") -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        var lead = ""
        while lead.count + rest.count > limit {
            let room = rest.prefix(limit - lead.count)
            let preferred = room.range(of: breakAfter, options: .backwards).map { room.index(before: $0.upperBound) }
            guard let space = preferred ?? room.lastIndex(of: " "), space > rest.startIndex else { break }
            out.append(lead + rest[..<space])
            rest = rest[rest.index(after: space)...]
            lead = indent
        }
        out.append(lead + rest)
        return out
    }
}
