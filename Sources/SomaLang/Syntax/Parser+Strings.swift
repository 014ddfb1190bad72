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
            case .code(let code, let format, _):
                // The spec is kept as written: the runtime reads it and reports
                // a bad one as a value error when the string is built.
                let expr = try parseInterpolated(code)
                parts.append(.expr(expr, format: format?.isEmpty == true ? nil : format))
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
        inner.chain = chain
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
}
