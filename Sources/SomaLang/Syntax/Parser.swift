/// What a parse produced: the program (with every statement that could be
/// read), every syntax error, and whether the input simply stopped too early.
public struct ParseResult: Equatable, Sendable {
    public var program: Program
    public var diagnostics: [Diagnostic]
    /// True when the input ended inside an open bracket, block or string, or
    /// right after an operator, and no other error came before: the REPL then
    /// reads a continuation line instead of reporting an error.
    public var isIncomplete: Bool
}

/// The Soma parser: a recursive-descent parser for statements with a Pratt
/// parser for expressions (see `Parser+Precedence.swift` for the table).
///
/// It never stops at the first error: it records a diagnostic, skips to the
/// next statement boundary and goes on, so one run lists every syntax error.
///
///     let result = Parser.parse(SourceFile(name: "<repl>", text: "y = -x^2"))
///     print(dumpAST(result.program))
public struct Parser {
    /// Deepest nesting of expressions and blocks before the parser gives up
    /// with a `limit` error instead of exhausting the native stack.
    public static let maxDepth = 200
    /// Most operators in chains (`1 + 1 + ... + 1`) along one path of the
    /// tree. A chain is flat to read but builds a left-deep tree that the
    /// compiler and the release of the tree walk recursively, so it has a
    /// limit of its own, far above any real program, apart from nesting.
    public static let maxChain = 4096
    /// Most diagnostics one parse reports; the rest are summed up in one line.
    public static let maxDiagnostics = 50

    let bytes: [UInt8]
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic] = []
    var depth: Int
    /// Operators in chains along the current path (see `maxChain`).
    var chain = 0
    /// Set when an error was reported at the end of the input.
    var errorAtEnd = false
    /// Set when an error was reported anywhere before the end of the input.
    var errorBeforeEnd = false
    /// Set once the nesting limit was hit; parsing stops there.
    var hitLimit = false

    init(bytes: [UInt8], lexed: LexResult, depth: Int) {
        self.bytes = bytes
        self.tokens = lexed.tokens
        self.diagnostics = lexed.diagnostics
        self.depth = depth
        if lexed.tokens.isEmpty {
            tokens = [Token(kind: .endOfInput, span: Span(at: SourceLocation(line: 1, column: 1, offset: 0)))]
        }
    }

    /// Parses a whole file, notebook cell or REPL entry.
    public static func parse(_ file: SourceFile) -> ParseResult {
        var lexer = Lexer(file: file)
        let lexed = lexer.tokenize()
        var parser = Parser(bytes: Array(file.text.utf8), lexed: lexed, depth: 0)
        // An unterminated string is the last lexical error; any other one is
        // a real error, not a sign that more input is coming.
        let lexicalErrors = lexed.diagnostics.count - (lexed.endsInsideString ? 1 : 0)
        parser.errorBeforeEnd = lexicalErrors > 0
        let statements = parser.parseProgram()
        let start = SourceLocation(line: file.firstLine, column: 1, offset: 0)
        let end = parser.tokens.last?.span.end ?? start
        let program = Program(statements: statements, span: Span(start: start, end: end))
        if lexed.endsInsideString {
            // "expected ')'" at the end adds nothing to "unterminated string".
            // The lexical errors come first (the parser starts from them and
            // only appends), so they are kept by position: comparing every
            // syntax error with every lexical one took minutes on 100 KB of junk.
            let endOffset = end.offset
            let lexical = min(lexed.diagnostics.count, parser.diagnostics.count)
            let syntax = parser.diagnostics.dropFirst(lexical).filter { diagnostic in
                !(diagnostic.span.map { $0.start.offset >= endOffset } ?? false)
            }
            parser.diagnostics = Array(parser.diagnostics.prefix(lexical)) + syntax
        }
        // Lexical and syntax errors were found in two passes; show them in source order.
        parser.diagnostics = parser.diagnostics.enumerated().sorted { left, right in
            let a = left.element.span?.start.offset ?? Int.max
            let b = right.element.span?.start.offset ?? Int.max
            return a != b ? a < b : left.offset < right.offset
        }.map(\.element)
        if parser.diagnostics.count > Parser.maxDiagnostics {
            // Past this point the errors are almost always echoes of the
            // first ones (or the input is not Soma at all).
            let hidden = parser.diagnostics.count - Parser.maxDiagnostics
            parser.diagnostics.removeLast(hidden)
            parser.diagnostics.append(Diagnostic(kind: .syntax, message: "too many errors; \(hidden) more not shown"))
        }
        let stoppedEarly = lexed.isIncomplete || parser.errorAtEnd
        let incomplete = stoppedEarly && !parser.errorBeforeEnd && !parser.hitLimit
        return ParseResult(program: program, diagnostics: parser.diagnostics, isIncomplete: incomplete)
    }

    // MARK: token access

    var current: Token { tokens[min(position, tokens.count - 1)] }

    func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    var previousEnd: SourceLocation {
        position > 0 ? tokens[min(position - 1, tokens.count - 1)].span.end : current.span.start
    }

    var atEnd: Bool { current.kind == .endOfInput }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func check(_ symbol: Symbol) -> Bool { current.isSymbol(symbol) }

    func check(_ keyword: Keyword) -> Bool { current.isKeyword(keyword) }

    mutating func match(_ symbol: Symbol) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    /// Skips line breaks when the next real token is `symbol` or `keyword`, so
    /// `}` and `else` may sit on different lines.
    mutating func skipNewlines(before keyword: Keyword) {
        var ahead = 0
        while peek(ahead).kind == .newline { ahead += 1 }
        if ahead > 0, peek(ahead).isKeyword(keyword) { position += ahead }
    }

    // MARK: errors

    /// Marks that a parse function gave up; the diagnostic is already recorded.
    struct Failure: Error {}

    /// Records a syntax error at `span` and returns the error to throw.
    /// `atEnd` says the error is about the input ending, wherever its span points.
    mutating func error(_ message: String, at span: Span, notes: [String] = [], atEnd: Bool = false) -> Failure {
        diagnostics.append(Diagnostic(kind: .syntax, message: message, span: span, notes: notes))
        if atEnd || span.start.offset >= (tokens.last?.span.start.offset ?? 0) {
            errorAtEnd = true
        } else {
            errorBeforeEnd = true
        }
        return Failure()
    }

    /// "expected X, found Y" at the current token.
    /// At the end of the input the error points just past the last token:
    /// the end token sits on the line after the code (in a notebook, the
    /// closing fence), where there is nothing to show.
    mutating func expected(_ what: String, notes: [String] = []) -> Failure {
        let message = "expected \(what), found \(current.description)"
        if let last = lastTokenBeforeEnd {
            // Only the end token itself means "more input may come": a line
            // break there is a real error even when nothing follows it.
            return error(message, at: Span(at: last.span.end), notes: notes, atEnd: current.kind == .endOfInput)
        }
        return error(message, at: current.span, notes: notes)
    }

    /// The last real token when only line breaks remain from the current
    /// token on; nil when more code follows or there is no earlier token.
    var lastTokenBeforeEnd: Token? {
        var ahead = position
        while ahead < tokens.count, tokens[ahead].kind == .newline { ahead += 1 }
        guard ahead >= tokens.count || tokens[ahead].kind == .endOfInput else { return nil }
        var back = min(position, tokens.count) - 1
        while back >= 0, tokens[back].kind == .newline { back -= 1 }
        return back >= 0 ? tokens[back] : nil
    }

    /// Consumes `symbol` or reports it as expected.
    mutating func consume(_ symbol: Symbol, _ context: String) throws {
        guard match(symbol) else { throw expected("'\(symbol.rawValue)' \(context)") }
    }

    /// Consumes the closer of a bracket pair, naming its opener when missing:
    /// "expected ')' to close '(' at line 3".
    mutating func close(_ closer: Symbol, opener: Token) throws {
        guard match(closer) else {
            let spelled = opener.description
            throw expected("'\(closer.rawValue)' to close \(spelled) at line \(opener.span.start.line)",
                           notes: keywordArgumentNotes())
        }
    }

    /// Runs `body` one level deeper, failing with a `limit` error past `maxDepth`.
    mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        let outerDepth = depth
        defer { depth = outerDepth }
        try deepen()
        return try body(&self)
    }

    /// Goes one level deeper, failing with a `limit` error past `maxDepth`.
    mutating func deepen() throws {
        depth += 1
        if depth > Parser.maxDepth { throw tooDeep() }
    }

    /// Adds one operator to the current chain, failing with a `limit` error past `maxChain`.
    mutating func lengthenChain() throws {
        chain += 1
        if chain > Parser.maxChain {
            if !hitLimit {
                hitLimit = true
                diagnostics.append(Diagnostic(
                    kind: .limit, message: "expression has too many operators in a row (more than \(Parser.maxChain))",
                    span: current.span))
            }
            throw Failure()
        }
    }

    @inline(never)
    mutating func tooDeep() -> Failure {
        if !hitLimit {
            hitLimit = true
            diagnostics.append(Diagnostic(
                kind: .limit, message: "input is nested too deeply (more than \(Parser.maxDepth) levels)",
                span: current.span))
        }
        return Failure()
    }
}
