@testable import SomaLang

/// Parses `text` as a file named `t.soma`.
func parseSource(_ text: String, firstLine: Int = 1) -> ParseResult {
    Parser.parse(SourceFile(name: "t.soma", text: text, firstLine: firstLine))
}

/// The S-expression dump of a program that must parse without errors; the
/// diagnostics' messages otherwise, so a failing test shows what went wrong.
func dumpSource(_ text: String) -> String {
    let result = parseSource(text)
    if !result.diagnostics.isEmpty {
        return "errors: " + result.diagnostics.map(\.message).joined(separator: "; ")
    }
    return dumpAST(result.program)
}

/// The messages of every diagnostic `text` produces.
func errorMessages(_ text: String) -> [String] {
    parseSource(text).diagnostics.map(\.message)
}

/// The token kinds of `text`, without the final end-of-input.
func tokenKinds(_ text: String) -> [TokenKind] {
    var lexer = Lexer(file: SourceFile(name: "t.soma", text: text))
    return lexer.tokenize().tokens.map(\.kind).filter { $0 != .endOfInput }
}

/// The single number token `text` lexes to.
func lexNumber(_ text: String) -> Double? {
    let kinds = tokenKinds(text)
    guard kinds.count == 1, case .number(let value) = kinds[0] else { return nil }
    return value
}

/// True when two doubles agree to a relative tolerance.
func isClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
