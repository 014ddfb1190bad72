extension Lexer {
    /// Every symbol keyed by its spelling packed into an integer (one byte
    /// per character), so matching allocates nothing.
    static let symbolsBySpelling: [UInt32: Symbol] = {
        var table: [UInt32: Symbol] = [:]
        for symbol in Symbol.allCases { table[pack(Array(symbol.rawValue.utf8))] = symbol }
        return table
    }()

    static func pack(_ spelling: [UInt8]) -> UInt32 {
        var key: UInt32 = 0
        for (position, byte) in spelling.enumerated() { key |= UInt32(byte) << (8 * UInt32(position)) }
        return key
    }

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
        if let (spelling, hint, replacement) = foreignSpelling() {
            for _ in 0..<spelling.utf8.count { advance() }
            error("unexpected '\(spelling)'; \(hint)", Span(start: start, end: location))
            if let replacement { emit(replacement, from: start) }
            return
        }
        for length in stride(from: 3, through: 1, by: -1) where index + length <= end {
            var key: UInt32 = 0
            for position in 0..<length { key |= UInt32(bytes[index + position]) << (8 * UInt32(position)) }
            guard let symbol = Lexer.symbolsBySpelling[key] else { continue }
            for _ in 0..<length { advance() }
            track(symbol, Span(start: start, end: location))
            emit(.symbol(symbol), from: start)
            return
        }
        let found = scalar(at: index)
        advanceScalar()
        let span = Span(start: start, end: location)
        guard let found else {
            error("unexpected byte \(bytes[start.offset])", span)
            return
        }
        let notes = Lexer.lookalikes[found].map { ["\($0)"] } ?? []
        if found.properties.isWhitespace || found.properties.generalCategory == .control
            || found.properties.generalCategory == .format {
            let code = String(found.value, radix: 16, uppercase: true)
            error("unexpected invisible character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)",
                  span, notes: notes.isEmpty ? ["retype the spaces on this line"] : notes)
        } else {
            error("unexpected character '\(Character(found))'", span, notes: notes)
        }
    }

    /// Characters that arrive when code is pasted from slides or a PDF, with
    /// what to type instead.
    static let lookalikes: [Unicode.Scalar: String] = [
        "\u{201C}": "use straight double quotes \"...\"",
        "\u{201D}": "use straight double quotes \"...\"",
        "\u{2018}": "strings use straight double quotes \"...\"",
        "\u{2019}": "strings use straight double quotes \"...\"",
        "\u{2212}": "use '-' (this is a typographic minus sign)",
        "\u{2013}": "use '-' (this is a dash)",
        "\u{00D7}": "use '*' for products, '@' for matrix products",
        "\u{22C5}": "use '*' for products, '@' for matrix products",
        "\u{00B7}": "use '*' for products, '@' for matrix products",
        "\u{00F7}": "use '/' for division",
        "\u{2264}": "use '<='",
        "\u{2265}": "use '>='",
        "\u{2260}": "use '!='",
        "\u{00A0}": "a no-break space; retype it as a plain space",
    ]

    /// The foreign spelling at the cursor, if any. `!=`, `...` and `..<` are
    /// real operators and are not foreign.
    func foreignSpelling() -> (String, String, TokenKind?)? {
        guard let first = peek() else { return nil }
        let next = peek(1)
        let spelling: String
        switch first {
        case UInt8(ascii: "*") where next == UInt8(ascii: "*"): spelling = "**"
        case UInt8(ascii: "&") where next == UInt8(ascii: "&"): spelling = "&&"
        case UInt8(ascii: "|") where next == UInt8(ascii: "|"): spelling = "||"
        case UInt8(ascii: "!") where next != UInt8(ascii: "="): spelling = "!"
        case UInt8(ascii: ".") where next == UInt8(ascii: ".")
                && peek(2) != UInt8(ascii: ".") && peek(2) != UInt8(ascii: "<"): spelling = ".."
        case UInt8(ascii: "'"): spelling = "'"
        default: return nil
        }
        guard let entry = Lexer.foreignSpellings.first(where: { $0.spelling == spelling }) else { return nil }
        return (entry.spelling, entry.hint, entry.replacement)
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
