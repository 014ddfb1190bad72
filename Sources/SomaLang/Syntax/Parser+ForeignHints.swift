// Hints for code written the Python way. A newcomer's first syntax errors
// are mostly Python habits; the error says how Soma spells the same thing.

extension Parser {
    /// Python words that start a statement, with the Soma way to write it.
    static let pythonStatementWords: [String: String] = [
        "def": "functions are written `fn f(x) = x^2` or `fn f(x) { ... }`",
        "lambda": "anonymous functions are written `fn(x) = x^2`",
        "import": "there is nothing to import: builtins are always there (`zeros(3)`, not `np.zeros(3)`); `use \"file.soma\"` runs a Soma file",
        "from": "there is nothing to import: builtins are always there; `use \"file.soma\"` runs a Soma file",
        "class": "objects are made with object(type, fields, methods): see help(object)",
        "elif": "write `else if`",
        "print": "print is a function: `print(x)`",
        "pass": "an empty block is `{}`",
        "del": "there is no del: rebind the name (`x = nil`)",
    ]

    /// Notes for "expected a line break after the statement": the word
    /// before (or at) the error is Python's.
    func pythonStatementNotes() -> [String] {
        var notes: [String] = []
        if case .identifier(let word) = current.kind, word == "elif", let hint = Parser.pythonStatementWords[word] {
            notes.append(hint)
        }
        if position > 0, case .identifier(let word) = tokens[position - 1].kind,
           let hint = Parser.pythonStatementWords[word] {
            notes.append("'\(word)' is Python: " + hint)
        }
        if check(.colon) {
            notes.append("blocks are written in braces, not after ':' — `if x > 0 { ... }`")
        }
        return notes
    }

    /// Notes for a call left open at `=`: `f(axis=0)` is `f(axis: 0)` in Soma.
    func keywordArgumentNotes() -> [String] {
        guard check(.equal), position > 0, case .identifier(let name) = tokens[position - 1].kind else { return [] }
        return ["keyword arguments use ':' — write `\(name): ...`"]
    }
}
