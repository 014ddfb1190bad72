// Panic-mode error recovery: after a syntax error the parser skips to the
// next statement boundary and goes on, so one parse reports every error.

extension Parser {
    mutating func skipSeparators() {
        while current.kind == .newline || check(.semicolon) { advance() }
    }

    /// Parses one statement; on a syntax error skips to the next statement
    /// boundary (panic mode) and returns nil.
    mutating func parseStatementRecovering() -> Stmt? {
        let start = position
        do {
            var statement = try parseStatement()
            try endStatement(&statement)
            return statement
        } catch {
            synchronize(from: start)
            // Always make progress, whatever the error.
            if position == start, !atEnd { advance() }
            return nil
        }
    }

    /// After a statement: a line break, `;` (which silences an expression),
    /// or the `}` / end of input that closes the enclosing block.
    mutating func endStatement(_ statement: inout Stmt) throws {
        if check(.semicolon) {
            if case .expression(let expr, _) = statement.kind {
                statement.kind = .expression(expr, silent: true)
            }
            advance()
            return
        }
        if current.kind == .newline || check(.rightBrace) || atEnd { return }
        throw expected("a line break or ';' after the statement", notes: pythonStatementNotes())
    }

    /// Skips tokens up to a statement boundary: past a line break or `;`, or
    /// before a `}` or a line that starts like a statement.
    mutating func synchronize(from start: Int) {
        // Braces the abandoned statement opened but did not close are skipped
        // along with their contents, so their `}` does not end an outer block.
        var braces = 0
        for token in tokens[min(start, position)..<position] {
            if token.isSymbol(.leftBrace) { braces += 1 }
            if token.isSymbol(.rightBrace) { braces = max(0, braces - 1) }
        }
        while !atEnd {
            if braces == 0, startsStatementLine() { return }
            switch current.kind {
            case .newline, .symbol(.semicolon):
                if braces == 0 {
                    advance()
                    return
                }
            case .symbol(.leftBrace):
                braces += 1
            case .symbol(.rightBrace):
                if braces == 0 { return }
                braces -= 1
            default:
                break
            }
            advance()
        }
    }

    /// True at the first token of a line that reads like the start of a
    /// statement (`fn`, `for`, `name =` ...). Inside an unclosed bracket the
    /// line breaks were dropped, so this is how recovery finds the next
    /// statement after a missing `)`.
    func startsStatementLine() -> Bool {
        guard current.startsLine, position > 0, peek(-1).kind != .newline else { return false }
        switch current.kind {
        case .keyword(.fn), .keyword(.for), .keyword(.while), .keyword(.if), .keyword(.return),
             .keyword(.try), .keyword(.use), .keyword(.break), .keyword(.continue):
            return true
        case .identifier:
            if case .symbol(let symbol) = peek(1).kind {
                return symbol == .equal || Parser.compoundOperators[symbol] != nil
            }
            return false
        default:
            return false
        }
    }
}
