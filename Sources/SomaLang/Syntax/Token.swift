/// The reserved words of Soma.
public enum Keyword: String, Equatable, Sendable, CaseIterable {
    case fn, `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `return`
    case and, or, not, `true`, `false`, `nil`, `try`, `catch`, use

    /// Word operators that, like `+`, let an expression go on to the next line.
    var continuesLine: Bool {
        self == .and || self == .or || self == .not || self == .in
    }
}

/// Punctuation and operators, spelled as in the source.
public enum Symbol: String, Equatable, Hashable, Sendable, CaseIterable {
    case leftParen = "(", rightParen = ")"
    case leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case comma = ",", dot = ".", colon = ":", semicolon = ";"
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case at = "@", caret = "^"
    case equal = "=", equalEqual = "==", bangEqual = "!="
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case pipe = "|>", halfOpenRange = "..<", closedRange = "..."
    case plusEqual = "+=", minusEqual = "-=", starEqual = "*="
    case slashEqual = "/=", caretEqual = "^="

    /// True for tokens after which a line break does not end the statement:
    /// binary operators, assignments, `,`, `.` and `:`.
    var continuesLine: Bool {
        switch self {
        case .leftParen, .rightParen, .leftBracket, .rightBracket,
             .leftBrace, .rightBrace, .semicolon:
            return false
        default:
            return true
        }
    }
}

/// One piece of a string literal as the lexer sees it.
public enum StringSegment: Equatable, Sendable {
    /// Decoded literal text.
    case text(String)
    /// The source of an interpolated expression, `code` covering the text
    /// between the braces up to the format colon, and the format spec if any.
    case code(code: Span, format: String?, formatSpan: Span?)
}

/// What a token is.
public enum TokenKind: Equatable, Sendable {
    case number(Double)
    case string([StringSegment])
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    /// A line break that ends a statement (insignificant ones are dropped).
    case newline
    case endOfInput
}

/// A token with its source span.
public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var span: Span
    /// The `##` comment lines directly above this token, if it starts a line.
    public var doc: String?
    /// True when no other token precedes this one on its line, even when the
    /// line break before it was dropped (inside brackets); error recovery
    /// restarts at such tokens.
    public var startsLine: Bool

    public init(kind: TokenKind, span: Span, doc: String? = nil, startsLine: Bool = false) {
        self.kind = kind
        self.span = span
        self.doc = doc
        self.startsLine = startsLine
    }

    /// How the token reads in an error message: `'+'`, `'fn'`, `a number`.
    public var description: String {
        switch kind {
        case .number: return "a number"
        case .string: return "a string"
        case .identifier(let name): return "'\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        }
    }

    func isSymbol(_ symbol: Symbol) -> Bool {
        if case .symbol(symbol) = kind { return true }
        return false
    }

    func isKeyword(_ keyword: Keyword) -> Bool {
        if case .keyword(keyword) = kind { return true }
        return false
    }
}
