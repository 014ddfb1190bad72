/// Remembered answers of the closer searches made while rendering one span
/// of inline Markdown.
///
/// Every search asks for the first position at or after `from` that fits a
/// test depending on the position alone (the next `)`, the next `**` that can
/// close emphasis, ...). Openers are tried left to right, so a later search
/// can reuse an earlier answer: a line of 100 000 `*a ` or `![x](` costs
/// linear time instead of one scan to the end of the text per opener.
struct InlineSearch {
    private var answers: [String: (from: Int, found: Int?)] = [:]

    /// The first match at or after `from`, computed by `scan` unless an
    /// earlier search under `key` already covers `from`.
    mutating func first(_ key: String, from: Int, _ scan: (Int) -> Int?) -> Int? {
        if let known = answers[key], known.from <= from, known.found.map({ from <= $0 }) ?? true {
            return known.found
        }
        let found = scan(from)
        answers[key] = (from, found)
        return found
    }

    /// The `]` matching each unescaped `[` of `chars`, found in one pass.
    static func bracketPairs(_ chars: [Character]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var open: [Int] = []
        var i = 0
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 1
            case "[": open.append(i)
            case "]": if let start = open.popLast() { pairs[start] = i }
            default: break
            }
            i += 1
        }
        return pairs
    }
}
