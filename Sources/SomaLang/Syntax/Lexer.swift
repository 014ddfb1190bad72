/// The tokens of a source text, the lexical errors found, and whether the text
/// stopped in the middle of something (an open bracket, a string, a trailing
/// operator), which the REPL takes as a request for another line.
public struct LexResult: Equatable, Sendable {
    public var tokens: [Token]
    public var diagnostics: [Diagnostic]
    public var isIncomplete: Bool
    /// True when the input ended inside a string; its "unterminated string"
    /// error is then the last diagnostic.
    public var endsInsideString: Bool
}

/// Turns Soma source text into tokens.
///
/// The lexer works on UTF-8 bytes, so token offsets are byte offsets into the
/// text and a sub-range (an interpolated `{expr}`) can be lexed on its own.
/// It also decides which line breaks end a statement: none inside `( )` or
/// `[ ]`, none after an operator or a comma, and only one in a row.
///
///     let result = Lexer(file: SourceFile(name: "<repl>", text: "x = 20ms")).tokenize()
public struct Lexer {
    let bytes: [UInt8]
    let end: Int
    var index: Int
    var line: Int
    var column: Int

    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    /// Open brackets, innermost last, with where they opened.
    var openers: [(symbol: Symbol, span: Span)] = []
    /// True when the brackets at the bottom of the stack are implied (an
    /// interpolation's code behaves as if inside parentheses).
    let impliedParens: Bool
    var unterminatedString = false
    /// `##` lines seen since the last token, and the line of the last one.
    var pendingDoc: [String] = []
    var pendingDocLine = 0

    /// A lexer over a whole source file.
    public init(file: SourceFile) {
        self.bytes = Array(file.text.utf8)
        self.end = bytes.count
        self.index = 0
        self.line = file.firstLine
        self.column = 1
        self.impliedParens = false
    }

    /// A lexer over `bytes[range]`, starting at `start`; line breaks there are
    /// insignificant, as inside parentheses.
    init(bytes: [UInt8], range: Range<Int>, start: SourceLocation) {
        self.bytes = bytes
        self.end = min(range.upperBound, bytes.count)
        self.index = max(0, range.lowerBound)
        self.line = start.line
        self.column = start.column
        self.impliedParens = true
    }

    /// Reads the whole input; the last token is always `.endOfInput`.
    public mutating func tokenize() -> LexResult {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                advance()
            case UInt8(ascii: "\n"):
                lineBreak()
            case UInt8(ascii: "#"):
                comment()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number()
            case UInt8(ascii: "."):
                if let next = peek(1), isDigit(next) { number() } else { symbol() }
            case UInt8(ascii: "\""):
                string()
            default:
                if let scalar = scalar(at: index), isIdentifierStart(scalar) {
                    identifier()
                } else {
                    symbol()
                }
            }
        }
        let endLocation = location
        let trailingOperator: Bool
        switch tokens.last?.kind {
        case .symbol(let symbol)?: trailingOperator = symbol.continuesLine
        case .keyword(let keyword)?: trailingOperator = keyword.continuesLine
        default: trailingOperator = false
        }
        tokens.append(Token(kind: .endOfInput, span: Span(at: endLocation)))
        let incomplete = !openers.isEmpty || unterminatedString || trailingOperator
        return LexResult(tokens: tokens, diagnostics: diagnostics, isIncomplete: incomplete,
                         endsInsideString: unterminatedString)
    }

    // MARK: cursor

    var location: SourceLocation { SourceLocation(line: line, column: column, offset: index) }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let position = index + ahead
        return position < end ? bytes[position] : nil
    }

    mutating func advance() {
        guard index < end else { return }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // Count scalars, not bytes: only a lead byte starts a new column.
            column += 1
        }
    }

    mutating func advanceScalar() {
        advance()
        while let byte = peek(), byte & 0xC0 == 0x80 { advance() }
    }

    /// Decodes the scalar starting at a byte position, nil for bad UTF-8.
    func scalar(at position: Int) -> Unicode.Scalar? {
        guard position < end else { return nil }
        let lead = bytes[position]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00..<0x80: return Unicode.Scalar(lead)
        case 0xC0..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0..<0xF8: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard position + length <= end else { return nil }
        for offset in 1..<length {
            let byte = bytes[position + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // ASCII is answered directly: the Unicode property lookup is slow
    // enough to dominate lexing.
    func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return value == 0x5F || (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
        }
        return scalar.properties.isXIDStart
    }

    func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return value == 0x5F || (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A || value >= 0x30 && value <= 0x39
        }
        return scalar.properties.isXIDContinue
    }

    // MARK: emitting

    mutating func emit(_ kind: TokenKind, from start: SourceLocation) {
        var doc: String?
        if !pendingDoc.isEmpty, pendingDocLine == start.line - 1 {
            doc = pendingDoc.joined(separator: "\n")
        }
        pendingDoc = []
        let startsLine = tokens.last.map { $0.kind == .newline || $0.span.end.line < start.line } ?? true
        tokens.append(Token(kind: kind, span: Span(start: start, end: location), doc: doc, startsLine: startsLine))
    }

    mutating func error(_ message: String, _ span: Span, notes: [String] = []) {
        diagnostics.append(Diagnostic(kind: .syntax, message: message, span: span, notes: notes))
    }

    /// Line breaks end a statement only at the top level or directly inside
    /// `{ }`, and only after a token that can end an expression.
    mutating func lineBreak() {
        let start = location
        advance()
        let insideGroup: Bool
        if let innermost = openers.last {
            insideGroup = innermost.symbol != .leftBrace
        } else {
            insideGroup = impliedParens
        }
        guard !insideGroup, let last = tokens.last else { return }
        switch last.kind {
        case .newline:
            return
        case .symbol(let symbol) where symbol.continuesLine || symbol == .leftBrace || symbol == .semicolon:
            return
        case .keyword(let keyword) where keyword.continuesLine:
            return
        default:
            tokens.append(Token(kind: .newline, span: Span(start: start, end: location)))
        }
    }

    /// `# ...` to end of line; `## ...` lines are kept as doc text for the next token.
    mutating func comment() {
        let startLine = line
        let firstOnLine = tokens.last.map { $0.kind == .newline || $0.span.end.line < startLine } ?? true
        advance()
        let isDoc = peek() == UInt8(ascii: "#")
        if isDoc { advance() }
        if isDoc, peek() == UInt8(ascii: " ") { advance() }
        let textStart = index
        while let byte = peek(), byte != UInt8(ascii: "\n") { advance() }
        guard isDoc, firstOnLine else { return }
        var text = String(decoding: bytes[textStart..<index], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        if pendingDocLine != startLine - 1 { pendingDoc = [] }
        pendingDoc.append(text)
        pendingDocLine = startLine
    }

    mutating func identifier() {
        let start = location
        let textStart = index
        while let scalar = scalar(at: index), isIdentifierContinue(scalar) { advanceScalar() }
        let text = String(decoding: bytes[textStart..<index], as: UTF8.self)
        if let keyword = Keyword(rawValue: text) {
            emit(.keyword(keyword), from: start)
        } else {
            emit(.identifier(text), from: start)
        }
    }
}
