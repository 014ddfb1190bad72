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
            // one level, so it counts toward the nesting limit like a bracket.
            let outerDepth = parser.depth
            defer { parser.depth = outerDepth }
            while true {
                // A pipe or a method call may start the next line:
                // `xs\n  |> map(f)`, `net\n  .learn(X, T)`. No statement starts
                // with either, so this is never ambiguous.
                if parser.current.kind == .newline {
                    var ahead = 0
                    while parser.peek(ahead).kind == .newline { ahead += 1 }
                    let next = parser.peek(ahead)
                    if (minimum <= .pipe && next.isSymbol(.pipe)) || next.isSymbol(.dot) { parser.position += ahead }
                }
                let token = parser.current
                guard let (precedence, rule) = parser.infixRule(for: token), precedence >= minimum else { break }
                try parser.deepen()
                left = try parser.parseInfix(left, token, precedence, rule)
            }
            return left
        }
    }

    mutating func parseInfix(_ left: Expr, _ token: Token, _ precedence: Precedence, _ rule: InfixRule) throws -> Expr {
        advance()
        switch rule {
        case .binary(let op):
            // `^` is right-associative and its right side may be negated: 2^-1.
            // Comparisons do not chain, so their right side binds one level tighter.
            let right = op == .power ? try parsePrecedence(.unary) : try parsePrecedence(next(precedence))
            if precedence == .compare, let (following, _) = infixRule(for: current), following == .compare {
                throw error("comparisons do not chain", at: left.span.through(current.span),
                            notes: ["write 'a < b and b < c'"])
            }
            return Expr(.binary(op, left, right), span: left.span.through(right.span))
        case .logical(let op):
            let right = try parsePrecedence(next(precedence))
            return Expr(.logical(op, left, right), span: left.span.through(right.span))
        case .range(let inclusive):
            let right = try parsePrecedence(next(precedence))
            if let (following, _) = infixRule(for: current), following == .range {
                throw error("ranges do not chain", at: left.span.through(current.span))
            }
            return Expr(.range(left, right, inclusive: inclusive), span: left.span.through(right.span))
        case .pipe:
            let right = try parsePrecedence(.or)
            let span = left.span.through(right.span)
            let piped = Argument(label: nil, value: left, span: left.span)
            if case .call(let callee, let arguments) = right.kind {
                return Expr(.call(callee, [piped] + arguments), span: span)
            }
            return Expr(.call(right, [piped]), span: span)
        case .call:
            let arguments = try parseArguments(opener: token)
            return Expr(.call(left, arguments), span: left.span.through(Span(at: previousEnd)))
        case .index:
            let items = try parseIndexItems(opener: token)
            return Expr(.index(left, items), span: left.span.through(Span(at: previousEnd)))
        case .field:
            let name = try parseIdentifier("a field name after '.'")
            return Expr(.field(left, name), span: left.span.through(name.span))
        }
    }

    func next(_ precedence: Precedence) -> Precedence {
        Precedence(rawValue: precedence.rawValue + 1) ?? .postfix
    }

    // prefix -> NUMBER | STRING | 'true' | 'false' | 'nil' | NAME
    //         | '-' unary | '+' unary | 'not' not
    //         | '(' expr ')' | list | record | block | fnexpr | ifexpr
    mutating func parsePrefix() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expr(.number(value), span: token.span)
        case .string(let segments):
            advance()
            return try parseString(segments, span: token.span)
        case .identifier(let name):
            advance()
            return Expr(.name(name), span: token.span)
        case .keyword(.true):
            advance()
            return Expr(.bool(true), span: token.span)
        case .keyword(.false):
            advance()
            return Expr(.bool(false), span: token.span)
        case .keyword(.nil):
            advance()
            return Expr(.nilLiteral, span: token.span)
        case .symbol(.minus), .symbol(.plus):
            advance()
            let operand = try parsePrecedence(.unary)
            let op: UnaryOperator = token.isSymbol(.minus) ? .negate : .plus
            return Expr(.unary(op, operand), span: token.span.through(operand.span))
        case .keyword(.not):
            advance()
            let operand = try parsePrecedence(.not)
            return Expr(.unary(.not, operand), span: token.span.through(operand.span))
        case .symbol(.leftParen):
            advance()
            let inner = try parseExpression()
            try close(.rightParen, opener: token)
            return Expr(inner.kind, span: token.span.through(Span(at: previousEnd)))
        case .symbol(.leftBracket):
            return try parseList()
        case .symbol(.leftBrace):
            return looksLikeRecord() ? try parseRecord() : try parseBlockExpression()
        case .keyword(.fn):
            let keyword = advance()
            let declaration = try parseFunctionRest(keyword: keyword, name: nil, doc: nil)
            return Expr(.function(declaration), span: declaration.span)
        case .keyword(.if):
            return try parseIf()
        default:
            throw expected("an expression")
        }
    }

    // list -> '[' [expr {',' expr} [',']] ']'
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
    mutating func parseBlockExpression() throws -> Expr {
        let block = try parseBlock("")
        return Expr(.block(block), span: block.span)
    }

    // fnexpr -> 'fn' '(' params ')' ( '=' expr | block )
    // params -> [param {',' param} [',']]
    // param  -> NAME ['=' expr]
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
