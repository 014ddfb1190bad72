extension Parser {
    // program -> { statement (NEWLINE | ';') } EOF
    mutating func parseProgram() -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipSeparators()
            if atEnd || hitLimit { break }
            if check(.rightBrace) {
                _ = error("unexpected '}' with no open '{'", at: current.span)
                advance()
                continue
            }
            if let statement = parseStatementRecovering() {
                statements.append(statement)
            }
        }
        return statements
    }

    // block -> '{' { statement (NEWLINE | ';') } '}'
    mutating func parseBlock(_ context: String) throws -> Block {
        try nested { parser in
            let opener = parser.current
            guard parser.match(.leftBrace) else {
                let notes = parser.check(.colon) ? ["blocks are written in braces, not after ':' — `if x > 0 { ... }`"] : []
                throw parser.expected("'{' \(context)", notes: notes)
            }
            var statements: [Stmt] = []
            while true {
                parser.skipSeparators()
                if parser.check(.rightBrace) || parser.atEnd || parser.hitLimit { break }
                if let statement = parser.parseStatementRecovering() {
                    statements.append(statement)
                }
            }
            if parser.hitLimit { throw Failure() }
            try parser.close(.rightBrace, opener: opener)
            return Block(statements: statements, span: opener.span.through(Span(at: parser.previousEnd)))
        }
    }

    // statement -> fnstat | forstat | whilestat | 'break' | 'continue'
    //            | returnstat | trystat | usestat | exprstat
    mutating func parseStatement() throws -> Stmt {
        try nested { parser in
            let token = parser.current
            switch token.kind {
            case .symbol(.rightParen), .symbol(.rightBracket):
                let opener = token.isSymbol(.rightParen) ? "(" : "["
                throw parser.error("unexpected \(token.description) with no open '\(opener)'", at: token.span)
            case .keyword(.fn) where parser.peek(1).isIdentifier:
                return try parser.parseFunctionStatement()
            case .keyword(.for):
                return try parser.parseFor()
            case .keyword(.while):
                return try parser.parseWhile()
            case .keyword(.break):
                parser.advance()
                return Stmt(.breakLoop, span: token.span)
            case .keyword(.continue):
                parser.advance()
                return Stmt(.continueLoop, span: token.span)
            case .keyword(.return):
                return try parser.parseReturn()
            case .keyword(.try):
                return try parser.parseTry()
            case .keyword(.use):
                return try parser.parseUse()
            default:
                return try parser.parseExpressionStatement()
            }
        }
    }

    // fnstat -> 'fn' NAME '(' params ')' ( '=' expr | block )
    @inline(never)
    mutating func parseFunctionStatement() throws -> Stmt {
        let keyword = advance()
        let nameToken = advance()
        guard case .identifier(let name) = nameToken.kind else { throw expected("a function name") }
        let declaration = try parseFunctionRest(
            keyword: keyword, name: Identifier(name: name, span: nameToken.span), doc: keyword.doc)
        return Stmt(.function(declaration), span: declaration.span)
    }

    // forstat -> 'for' NAME [',' NAME] 'in' expr block
    @inline(never)
    mutating func parseFor() throws -> Stmt {
        let keyword = advance()
        var variables = [try parseIdentifier("a loop variable after 'for'")]
        if match(.comma) {
            variables.append(try parseIdentifier("a second loop variable after ','"))
        }
        guard match(.in) else {
            throw expected("'in' after the loop variable", notes: ["write: for x in xs { ... }"])
        }
        let iterable = try parseExpression()
        let body = try parseBlock("to start the loop body")
        return Stmt(.forLoop(variables: variables, iterable: iterable, body: body),
                    span: keyword.span.through(body.span))
    }

    // whilestat -> 'while' expr block
    @inline(never)
    mutating func parseWhile() throws -> Stmt {
        let keyword = advance()
        let condition = try parseExpression()
        let body = try parseBlock("to start the loop body")
        return Stmt(.whileLoop(condition: condition, body: body), span: keyword.span.through(body.span))
    }

    // returnstat -> 'return' [expr]
    @inline(never)
    mutating func parseReturn() throws -> Stmt {
        let keyword = advance()
        if current.kind == .newline || check(.semicolon) || check(.rightBrace) || atEnd {
            return Stmt(.returnValue(nil), span: keyword.span)
        }
        let value = try parseExpression()
        return Stmt(.returnValue(value), span: keyword.span.through(value.span))
    }

    // trystat -> 'try' block 'catch' [NAME] block
    @inline(never)
    mutating func parseTry() throws -> Stmt {
        let keyword = advance()
        let body = try parseBlock("after 'try'")
        skipNewlines(before: .catch)
        guard match(.catch) else { throw expected("'catch' after the 'try' block") }
        var name: Identifier?
        if case .identifier(let text) = current.kind {
            name = Identifier(name: text, span: advance().span)
        }
        let handler = try parseBlock("to start the 'catch' block")
        return Stmt(.tryCatch(body: body, errorName: name, handler: handler),
                    span: keyword.span.through(handler.span))
    }

    // usestat -> 'use' STRING
    @inline(never)
    mutating func parseUse() throws -> Stmt {
        let keyword = advance()
        let token = current
        guard case .string(let segments) = token.kind else { throw expected("a file path string after 'use'") }
        guard segments.count == 1, case .text(let path) = segments[0] else {
            throw error("the path after 'use' must be a plain string", at: token.span)
        }
        advance()
        return Stmt(.use(path: path), span: keyword.span.through(token.span))
    }

    // exprstat -> expr
    //           | target {',' target} '=' expr
    //           | target ('+=' | '-=' | '*=' | '/=' | '^=') expr
    mutating func parseExpressionStatement() throws -> Stmt {
        let first = try parseExpression()
        if check(.comma) { return try parseDestructuring(first) }
        if check(.equal) { return try parseAssignment(first) }
        if case .symbol(let symbol) = current.kind, let op = Parser.compoundOperators[symbol] {
            return try parseCompoundAssignment(first, op)
        }
        return Stmt(.expression(first, silent: false), span: first.span)
    }

    // Assignments are split out of parseExpressionStatement so that its
    // frame, which sits on the recursion through nested blocks, stays small.

    @inline(never)
    mutating func parseDestructuring(_ first: Expr) throws -> Stmt {
        var targets = [try assignTarget(first)]
        while match(.comma) {
            targets.append(try assignTarget(try parseExpression()))
        }
        guard match(.equal) else {
            throw expected("'=' after the names to assign", notes: ["destructuring reads: a, b = [1, 2]"])
        }
        let value = try parseExpression()
        return Stmt(.assign(targets: targets, value: value), span: first.span.through(value.span))
    }

    @inline(never)
    mutating func parseAssignment(_ first: Expr) throws -> Stmt {
        advance()
        let target = try assignTarget(first)
        let value = try parseExpression()
        return Stmt(.assign(targets: [target], value: value), span: first.span.through(value.span))
    }

    @inline(never)
    mutating func parseCompoundAssignment(_ first: Expr, _ op: BinaryOperator) throws -> Stmt {
        advance()
        let target = try assignTarget(first)
        let value = try parseExpression()
        return Stmt(.compoundAssign(target: target, op: op, value: value), span: first.span.through(value.span))
    }

    static let compoundOperators: [Symbol: BinaryOperator] = [
        .plusEqual: .add, .minusEqual: .subtract, .starEqual: .multiply,
        .slashEqual: .divide, .caretEqual: .power,
    ]

    /// Turns an expression on the left of `=` into a target, or reports why it cannot be one.
    mutating func assignTarget(_ expr: Expr) throws -> AssignTarget {
        switch expr.kind {
        case .name(let name):
            return .name(Identifier(name: name, span: expr.span))
        case .index(let base, let items):
            return .index(base: base, items: items, span: expr.span)
        case .field(let base, let name):
            return .field(base: base, name: name, span: expr.span)
        default:
            throw error("cannot assign to this expression", at: expr.span,
                        notes: ["only names, indexed elements (a[i]) and fields (r.x) can be assigned"])
        }
    }

    mutating func parseIdentifier(_ what: String) throws -> Identifier {
        guard case .identifier(let name) = current.kind else { throw expected(what) }
        return Identifier(name: name, span: advance().span)
    }
}

extension Token {
    var isIdentifier: Bool {
        if case .identifier = kind { return true }
        return false
    }
}
