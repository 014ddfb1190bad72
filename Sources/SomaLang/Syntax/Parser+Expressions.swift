extension Parser {
    // expr -> pipe
    mutating func parseExpression() throws -> Expr {
        try parsePrecedence(.pipe)
    }

    // Pratt loop: prefix { infix-or-postfix with precedence >= minimum }
    mutating func parsePrecedence(_ minimum: Precedence) throws -> Expr {
        try nested { parser in
            var left = try parser.parsePrefix()
            // Each operator in a chain (`a + b + c ...`) deepens the tree by
            // one level: it counts toward the chain limit, not the nesting
            // limit (a flat chain of 200 additions is not deep nesting).
            let outerChain = parser.chain
            defer { parser.chain = outerChain }
            while true {
                if parser.current.kind == .newline { parser.skipLineContinuation(minimum) }
                guard let (precedence, rule) = parser.infixRule(for: parser.current), precedence >= minimum else { break }
                try parser.lengthenChain()
                left = try parser.parseInfix(left, precedence, rule)
            }
            return left
        }
    }

    /// A pipe or a method call may start the next line: `xs\n  |> map(f)`,
    /// `net\n  .learn(X, T)`. No statement starts with either, so this is
    /// never ambiguous.
    @inline(never)
    mutating func skipLineContinuation(_ minimum: Precedence) {
        var ahead = 0
        while peek(ahead).kind == .newline { ahead += 1 }
        let next = peek(ahead)
        if (minimum <= .pipe && next.isSymbol(.pipe)) || next.isSymbol(.dot) { position += ahead }
    }

    // The recursion through brackets passes through parsePrefix and
    // parseInfix, so they only dispatch: each rule lives in its own
    // non-inlined function, keeping these frames (and the native stack used
    // per nesting level) small.

    // infix -> binop expr | 'and' expr | 'or' expr | rangeop expr | '|>' expr
    //        | '(' args | '[' indices | '.' NAME
    mutating func parseInfix(_ left: Expr, _ precedence: Precedence, _ rule: InfixRule) throws -> Expr {
        let token = advance()
        switch rule {
        case .binary(let op): return try parseBinary(left, op, precedence)
        case .logical(let op): return try parseLogical(left, op, precedence)
        case .range(let inclusive): return try parseRange(left, inclusive: inclusive, precedence)
        case .pipe: return try parsePipe(left)
        case .call: return try parseCall(left, opener: token)
        case .index: return try parseIndex(left, opener: token)
        case .field: return try parseField(left)
        }
    }

    // binary -> expr binop expr   (`^` right-associative; comparisons do not chain)
    @inline(never)
    mutating func parseBinary(_ left: Expr, _ op: BinaryOperator, _ precedence: Precedence) throws -> Expr {
        // `^` is right-associative and its right side may be negated: 2^-1.
        let right = op == .power ? try parsePrecedence(.unary) : try parsePrecedence(next(precedence))
        if precedence == .compare, let (following, _) = infixRule(for: current), following == .compare {
            throw error("comparisons do not chain", at: left.span.through(current.span),
                        notes: ["write 'a < b and b < c'"])
        }
        return Expr(.binary(op, left, right), span: left.span.through(right.span))
    }

    // logical -> expr ('and' | 'or') expr
    @inline(never)
    mutating func parseLogical(_ left: Expr, _ op: LogicalOperator, _ precedence: Precedence) throws -> Expr {
        let right = try parsePrecedence(next(precedence))
        return Expr(.logical(op, left, right), span: left.span.through(right.span))
    }

    // range -> expr ('..<' | '...') expr   (non-associative)
    @inline(never)
    mutating func parseRange(_ left: Expr, inclusive: Bool, _ precedence: Precedence) throws -> Expr {
        let right = try parsePrecedence(next(precedence))
        if let (following, _) = infixRule(for: current), following == .range {
            throw error("ranges do not chain", at: left.span.through(current.span))
        }
        return Expr(.range(left, right, inclusive: inclusive), span: left.span.through(right.span))
    }

    // pipe -> expr '|>' expr   (desugared: `x |> f(a)` is `f(x, a)`, `x |> f` is `f(x)`)
    @inline(never)
    mutating func parsePipe(_ left: Expr) throws -> Expr {
        let right = try parsePrecedence(.or)
        let span = left.span.through(right.span)
        let piped = Argument(label: nil, value: left, span: left.span)
        if case .call(let callee, let arguments) = right.kind {
            return Expr(.call(callee, [piped] + arguments), span: span)
        }
        return Expr(.call(right, [piped]), span: span)
    }

    // call -> expr '(' args
    @inline(never)
    mutating func parseCall(_ left: Expr, opener: Token) throws -> Expr {
        let arguments = try parseArguments(opener: opener)
        return Expr(.call(left, arguments), span: left.span.through(Span(at: previousEnd)))
    }

    // index -> expr '[' indices
    @inline(never)
    mutating func parseIndex(_ left: Expr, opener: Token) throws -> Expr {
        let items = try parseIndexItems(opener: opener)
        return Expr(.index(left, items), span: left.span.through(Span(at: previousEnd)))
    }

    // field -> expr '.' NAME
    @inline(never)
    mutating func parseField(_ left: Expr) throws -> Expr {
        let name = try parseIdentifier("a field name after '.'")
        return Expr(.field(left, name), span: left.span.through(name.span))
    }

    func next(_ precedence: Precedence) -> Precedence {
        Precedence(rawValue: precedence.rawValue + 1) ?? .postfix
    }

    // prefix -> atom | unary | '(' expr ')' | list | record | block | fnexpr | ifexpr
    mutating func parsePrefix() throws -> Expr {
        switch current.kind {
        case .symbol(.minus), .symbol(.plus), .keyword(.not):
            return try parseUnary()
        case .symbol(.leftParen):
            return try parseGroup()
        case .symbol(.leftBracket):
            return try parseList()
        case .symbol(.leftBrace):
            return looksLikeRecord() ? try parseRecord() : try parseBlockExpression()
        case .keyword(.fn):
            return try parseFunctionExpression()
        case .keyword(.if):
            return try parseIf()
        default:
            return try parseAtom()
        }
    }

    // atom -> NUMBER | STRING | 'true' | 'false' | 'nil' | NAME
    @inline(never)
    mutating func parseAtom() throws -> Expr {
        let token = current
        let kind: ExprKind
        switch token.kind {
        case .number(let value):
            kind = .number(value)
        case .string(let segments):
            advance()
            return try parseString(segments, span: token.span)
        case .identifier(let name):
            kind = .name(name)
        case .keyword(.true):
            kind = .bool(true)
        case .keyword(.false):
            kind = .bool(false)
        case .keyword(.nil):
            kind = .nilLiteral
        default:
            throw expected("an expression")
        }
        advance()
        return Expr(kind, span: token.span)
    }

    // unary -> ('-' | '+') unary | 'not' not
    @inline(never)
    mutating func parseUnary() throws -> Expr {
        let token = advance()
        let op: UnaryOperator = token.isSymbol(.minus) ? .negate : token.isSymbol(.plus) ? .plus : .not
        let operand = try parsePrecedence(op == .not ? .not : .unary)
        return Expr(.unary(op, operand), span: token.span.through(operand.span))
    }

    // group -> '(' expr ')'
    @inline(never)
    mutating func parseGroup() throws -> Expr {
        let opener = advance()
        let inner = try parseExpression()
        try close(.rightParen, opener: opener)
        return Expr(inner.kind, span: opener.span.through(Span(at: previousEnd)))
    }

    // fnexpr -> 'fn' '(' params ')' ( '=' expr | block )
    @inline(never)
    mutating func parseFunctionExpression() throws -> Expr {
        let keyword = advance()
        let declaration = try parseFunctionRest(keyword: keyword, name: nil, doc: nil)
        return Expr(.function(declaration), span: declaration.span)
    }

    // list -> '[' [expr {',' expr} [',']] ']'
    @inline(never)
    mutating func parseList() throws -> Expr {
        let opener = advance()
        var elements: [Expr] = []
        while !check(.rightBracket) {
            elements.append(try parseExpression())
            if !match(.comma) { break }
        }
        try close(.rightBracket, opener: opener)
        return Expr(.list(elements), span: opener.span.through(Span(at: previousEnd)))
    }

    /// At `{`: a record when it is `{}` or starts with `name:` / `"key":`;
    /// otherwise a block.
    func looksLikeRecord() -> Bool {
        var ahead = 1
        while peek(ahead).kind == .newline { ahead += 1 }
        let first = peek(ahead)
        if first.isSymbol(.rightBrace) { return true }
        switch first.kind {
        case .identifier, .string: return peek(ahead + 1).isSymbol(.colon)
        default: return false
        }
    }

    // record -> '{' [field {',' field} [',']] '}'
    // field  -> (NAME | STRING) ':' expr
    @inline(never)
    mutating func parseRecord() throws -> Expr {
        let opener = advance()
        var fields: [RecordField] = []
        skipNewlines()
        while !check(.rightBrace) {
            let keyToken = current
            let key: String
            switch keyToken.kind {
            case .identifier(let name):
                key = name
            case .string(let segments):
                guard segments.count == 1, case .text(let text) = segments[0] else {
                    throw error("a record key must be a plain string", at: keyToken.span)
                }
                key = text
            default:
                throw expected("a field name in the record")
            }
            advance()
            if fields.contains(where: { $0.key == key }) {
                throw error("duplicate field '\(key)' in record", at: keyToken.span)
            }
            try consume(.colon, "after the field name")
            let value = try parseExpression()
            fields.append(RecordField(key: key, keySpan: keyToken.span, value: value))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        try close(.rightBrace, opener: opener)
        return Expr(.record(fields), span: opener.span.through(Span(at: previousEnd)))
    }

    // blockexpr -> block
    @inline(never)
    mutating func parseBlockExpression() throws -> Expr {
        let block = try parseBlock("")
        return Expr(.block(block), span: block.span)
    }

    // fnrest -> '(' params ')' ( '=' expr | block )
    // params -> [param {',' param} [',']]
    // param  -> NAME ['=' expr]
    @inline(never)
    mutating func parseFunctionRest(keyword: Token, name: Identifier?, doc: String?) throws -> FunctionDecl {
        let opener = current
        try consume(.leftParen, "to start the parameter list")
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let parameterName = try parseIdentifier("a parameter name")
            if parameters.contains(where: { $0.name.name == parameterName.name }) {
                throw error("duplicate parameter '\(parameterName.name)'", at: parameterName.span)
            }
            var defaultValue: Expr?
            if match(.equal) {
                defaultValue = try parseExpression()
            } else if parameters.contains(where: { $0.defaultValue != nil }) {
                throw error("parameter '\(parameterName.name)' needs a default value, as the ones before it have",
                            at: parameterName.span)
            }
            parameters.append(Parameter(name: parameterName, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        try close(.rightParen, opener: opener)
        let body: Expr
        if match(.equal) {
            body = try parseExpression()
        } else if check(.leftBrace) {
            body = try parseBlockExpression()
        } else {
            throw expected("'=' or '{' to start the function body")
        }
        return FunctionDecl(name: name, parameters: parameters, body: body, doc: doc,
                            span: keyword.span.through(body.span))
    }

    // ifexpr -> 'if' expr block ['else' (block | ifexpr)]
    @inline(never)
    mutating func parseIf() throws -> Expr {
        try nested { parser in
            let keyword = parser.advance()
            let condition = try parser.parseExpression()
            let thenBlock = try parser.parseBlock("to start the 'if' body")
            parser.skipNewlines(before: .else)
            var elseBranch: Expr?
            if parser.match(.else) {
                if parser.check(.if) {
                    elseBranch = try parser.parseIf()
                } else {
                    elseBranch = try parser.parseBlockExpression()
                }
            }
            let end = elseBranch?.span ?? thenBlock.span
            return Expr(.ifElse(condition: condition, then: thenBlock, elseBranch: elseBranch),
                        span: keyword.span.through(end))
        }
    }

    // args -> [arg {',' arg} [',']] ')'
    // arg  -> [NAME ':'] expr
    @inline(never)
    mutating func parseArguments(opener: Token) throws -> [Argument] {
        var arguments: [Argument] = []
        while !check(.rightParen) {
            let start = current.span
            var label: Identifier?
            if case .identifier(let name) = current.kind, peek(1).isSymbol(.colon) {
                label = Identifier(name: name, span: advance().span)
                advance()
                if arguments.contains(where: { $0.label?.name == name }) {
                    throw error("duplicate argument '\(name)'", at: start)
                }
            } else if arguments.contains(where: { $0.label != nil }) {
                throw error("positional argument after a keyword argument", at: current.span,
                            notes: ["put positional arguments first: plot(x, y, title: \"LIF\")"])
            }
            let value = try parseExpression()
            arguments.append(Argument(label: label, value: value, span: start.through(value.span)))
            if !match(.comma) { break }
        }
        try close(.rightParen, opener: opener)
        return arguments
    }

    // indices -> item {',' item} ']'
    // item    -> expr | [expr] ':' [expr] [':' [expr]]
    @inline(never)
    mutating func parseIndexItems(opener: Token) throws -> [IndexItem] {
        var items: [IndexItem] = []
        repeat {
            if check(.rightBracket) { break }
            items.append(try parseIndexItem())
        } while match(.comma)
        if items.isEmpty {
            throw expected("an index", notes: ["use a[:] for the whole axis"])
        }
        try close(.rightBracket, opener: opener)
        return items
    }

    @inline(never)
    mutating func parseIndexItem() throws -> IndexItem {
        let startSpan = current.span
        var start: Expr?
        if !check(.colon) {
            let expr = try parseExpression()
            guard check(.colon) else { return .expr(expr) }
            start = expr
        }
        advance()
        var stop: Expr?
        var step: Expr?
        if !endsSlicePart() { stop = try parseExpression() }
        if match(.colon), !endsSlicePart() { step = try parseExpression() }
        return .slice(start: start, stop: stop, step: step, span: startSpan.through(Span(at: previousEnd)))
    }

    func endsSlicePart() -> Bool {
        check(.colon) || check(.comma) || check(.rightBracket)
    }
}
