extension Parser {
    // string -> STRING with each '{' code [':' spec] '}' parsed as an expression
    mutating func parseString(_ segments: [StringSegment], span: Span) throws -> Expr {
        if segments.count == 1, case .text(let text) = segments[0] {
            return Expr(.string(text), span: span)
        }
        var parts: [StringPart] = []
        for segment in segments {
            switch segment {
            case .text(let text):
                parts.append(.text(text))
            case .code(let code, let format, let formatSpan):
                let expr = try parseInterpolated(code)
                var spec = format
                if let format, format.isEmpty { spec = nil }
                if let spec, let formatSpan, !Parser.isValidFormat(spec) {
                    throw error("invalid format spec '\(spec)'", at: formatSpan,
                                notes: ["a spec reads [align][sign][0][width][,][.precision][type],",
                                        "with type one of f e g d % s (as in \"{x:8.3f}\")"])
                }
                parts.append(.expr(expr, format: spec))
            }
        }
        return Expr(.interpolated(parts), span: span)
    }

    /// Parses the code of one `{...}` with its own lexer over the same bytes,
    /// so spans point into the original text.
    mutating func parseInterpolated(_ code: Span) throws -> Expr {
        var lexer = Lexer(bytes: bytes, range: code.start.offset..<code.end.offset, start: code.start)
        let lexed = lexer.tokenize()
        // A string level costs more native stack than a bracket (a lexer and a
        // parser of its own), so it counts as several levels.
        let outerDepth = depth
        defer { depth = outerDepth }
        try deepen(); try deepen(); try deepen()
        var inner = Parser(bytes: bytes, lexed: lexed, depth: depth)
        defer {
            diagnostics.append(contentsOf: inner.diagnostics)
            if inner.hitLimit { hitLimit = true }
        }
        if inner.atEnd {
            throw error("empty '{}' in a string", at: code, notes: ["write '{{}}' for literal braces"])
        }
        let expr: Expr
        do {
            expr = try inner.parseExpression()
        } catch {
            errorBeforeEnd = true
            throw error
        }
        guard inner.atEnd else {
            throw error("unexpected \(inner.current.description) in interpolation", at: inner.current.span)
        }
        if !lexed.diagnostics.isEmpty { errorBeforeEnd = true }
        return expr
    }

    /// Accepts the Python format-spec subset Soma supports:
    /// `[[fill]align][sign][0][width][,][.precision][type]`, type in `f F e E g G d % s`.
    static func isValidFormat(_ spec: String) -> Bool {
        var characters = Array(spec)
        let aligns: Set<Character> = ["<", ">", "^"]
        if characters.count >= 2, aligns.contains(characters[1]) {
            characters.removeFirst(2)
        } else if let first = characters.first, aligns.contains(first) {
            characters.removeFirst()
        }
        if let first = characters.first, first == "+" || first == "-" || first == " " { characters.removeFirst() }
        while let first = characters.first, first.isASCII, first.isNumber { characters.removeFirst() }
        if characters.first == "," { characters.removeFirst() }
        if characters.first == "." {
            characters.removeFirst()
            guard let digit = characters.first, digit.isASCII, digit.isNumber else { return false }
            while let first = characters.first, first.isASCII, first.isNumber { characters.removeFirst() }
        }
        if let type = characters.first, "fFeEgGd%s".contains(type) { characters.removeFirst() }
        return characters.isEmpty
    }
}
