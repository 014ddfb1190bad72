extension Lexer {
    /// Symbols longest first, so `..<` wins over `.` and `==` over `=`.
    static let symbolsBySpelling: [[UInt8]: Symbol] = {
        var table: [[UInt8]: Symbol] = [:]
        for symbol in Symbol.allCases { table[Array(symbol.rawValue.utf8)] = symbol }
        return table
    }()

    /// Spellings from other languages, with the Soma way to write them.
    /// After the error, the Soma token is emitted in its place so that
    /// parsing goes on without a second, confusing error.
    static let foreignSpellings: [(spelling: String, hint: String, replacement: TokenKind?)] = [
        ("**", "use '^' for powers", .symbol(.caret)),
        ("&&", "use 'and'", .keyword(.and)),
        ("||", "use 'or'", .keyword(.or)),
        ("!", "use 'not'", .keyword(.not)),
        ("..", "use '..<' (excluding the end) or '...' (including it)", .symbol(.halfOpenRange)),
        ("'", "strings use double quotes", nil),
    ]

    /// operator -> longest matching spelling in `Symbol`; tracks brackets.
    mutating func symbol() {
        let start = location
        for length in stride(from: 3, through: 1, by: -1) where index + length <= end {
            let spelling = Array(bytes[index..<index + length])
            guard let symbol = Lexer.symbolsBySpelling[spelling] else { continue }
            // `**`, `&&`, `||`, `..` read as their first character would give a
            // confusing error later; name the mistake here instead.
            if length == 1, foreignSpelling(at: index) != nil { break }
            for _ in 0..<length { advance() }
            track(symbol, Span(start: start, end: location))
            emit(.symbol(symbol), from: start)
            return
        }
        if let (spelling, hint, replacement) = foreignSpelling(at: index) {
            for _ in 0..<spelling.utf8.count { advance() }
            error("unexpected '\(spelling)'; \(hint)", Span(start: start, end: location))
            if let replacement { emit(replacement, from: start) }
            return
        }
        let text = scalar(at: index).map { String(Character($0)) } ?? "byte \(bytes[index])"
        advanceScalar()
        error("unexpected character '\(text)'", Span(start: start, end: location))
    }

    func foreignSpelling(at position: Int) -> (String, String, TokenKind?)? {
        for (spelling, hint, replacement) in Lexer.foreignSpellings {
            let utf8 = Array(spelling.utf8)
            guard position + utf8.count <= end, Array(bytes[position..<position + utf8.count]) == utf8 else { continue }
            // `!=` is a real operator, and `...` / `..<` were matched before.
            if spelling == "!", position + 1 < end, bytes[position + 1] == UInt8(ascii: "=") { continue }
            return (spelling, hint, replacement)
        }
        return nil
    }

    /// Keeps the stack of open brackets that decides whether a line break counts.
    mutating func track(_ symbol: Symbol, _ span: Span) {
        switch symbol {
        case .leftParen, .leftBracket, .leftBrace:
            openers.append((symbol, span))
        case .rightParen, .rightBracket, .rightBrace:
            let opener: Symbol = symbol == .rightParen ? .leftParen : symbol == .rightBracket ? .leftBracket : .leftBrace
            // A stray closer is left for the parser to report; a closer that
            // matches an outer opener closes everything inside it.
            if let match = openers.lastIndex(where: { $0.symbol == opener }) {
                openers.removeSubrange(match...)
            }
        default:
            break
        }
    }
}
