extension Lexer {
    /// string -> '"' { char | escape | '{{' | '}}' | '{' code [':' spec] '}' } '"'
    /// Escapes: `\n \t \r \0 \" \\`. Strings may span lines. The code of an
    /// interpolation is kept as a span and parsed later by the parser; the
    /// format spec is the text after the last `:` outside brackets and strings.
    mutating func string() {
        let start = location
        advance()
        var segments: [StringSegment] = []
        var text = ""
        while true {
            guard let byte = peek() else {
                unterminatedString = true
                error("unterminated string", Span(start: start, end: location),
                      notes: ["add a closing '\"'"])
                break
            }
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            switch byte {
            case UInt8(ascii: "\\"):
                escape(into: &text)
            case UInt8(ascii: "{") where peek(1) == UInt8(ascii: "{"),
                 UInt8(ascii: "}") where peek(1) == UInt8(ascii: "}"):
                text.append(Character(Unicode.Scalar(byte)))
                advance(); advance()
            case UInt8(ascii: "{"):
                let saved = (index, line, column)
                let braceStart = location
                switch interpolation() {
                case .found(let segment):
                    if !text.isEmpty { segments.append(.text(text)) }
                    text = ""
                    segments.append(segment)
                case .endOfInput:
                    unterminatedString = true
                    error("unterminated interpolation in string", Span(start: start, end: location),
                          notes: ["close it with '}' and the string with '\"'"])
                    if !text.isEmpty { segments.append(.text(text)) }
                    emit(.string(segments), from: start)
                    return
                case .endOfLine:
                    // Read the brace as text and go on, so the string still
                    // ends at its quote and later errors are found too.
                    (index, line, column) = saved
                    advance()
                    error("unclosed '{' in string", Span(start: braceStart, end: location),
                          notes: ["an interpolation ends on its own line with '}'; write '{{' for a literal brace"])
                    text.append("{")
                }
            case UInt8(ascii: "}"):
                let braceStart = location
                advance()
                error("single '}' in a string", Span(start: braceStart, end: location),
                      notes: ["write '}}' for a literal brace"])
                text.append("}")
            default:
                let scalarStart = index
                advanceScalar()
                text.append(String(decoding: bytes[scalarStart..<index], as: UTF8.self))
            }
        }
        if !text.isEmpty || segments.isEmpty { segments.append(.text(text)) }
        emit(.string(segments), from: start)
    }

    mutating func escape(into text: inout String) {
        let escapeStart = location
        advance()
        guard let byte = peek() else { return }
        switch byte {
        case UInt8(ascii: "n"): text.append("\n")
        case UInt8(ascii: "t"): text.append("\t")
        case UInt8(ascii: "r"): text.append("\r")
        case UInt8(ascii: "0"): text.append("\0")
        case UInt8(ascii: "\""): text.append("\"")
        case UInt8(ascii: "\\"): text.append("\\")
        case UInt8(ascii: "{"): text.append("{")
        case UInt8(ascii: "}"): text.append("}")
        default:
            let shown = scalar(at: index).map { String(Character($0)) } ?? "?"
            advanceScalar()
            error("unknown escape '\\\(shown)'", Span(start: escapeStart, end: location),
                  notes: ["known escapes: \\n \\t \\r \\0 \\\" \\\\"])
            return
        }
        advance()
    }

    /// How scanning an interpolation ended.
    enum InterpolationScan {
        case found(StringSegment)
        case endOfLine
        case endOfInput
    }

    /// Scans `{ code [: spec] }` starting at the `{`, without recursion: a
    /// stack tracks nested brackets and nested strings (which may hold their
    /// own interpolations). The code must close on its own line.
    mutating func interpolation() -> InterpolationScan {
        advance()
        let codeStart = location
        // Each entry is a bracket depth inside code, or -1 for a nested string.
        var stack: [Int] = [0]
        var lastColon: SourceLocation?
        while let byte = peek(), let top = stack.last {
            if byte == UInt8(ascii: "\n") { return .endOfLine }
            if top < 0 {
                switch byte {
                case UInt8(ascii: "\\"):
                    advance()
                case UInt8(ascii: "\""):
                    stack.removeLast()
                case UInt8(ascii: "{") where peek(1) == UInt8(ascii: "{"),
                     UInt8(ascii: "}") where peek(1) == UInt8(ascii: "}"):
                    advance()
                case UInt8(ascii: "{"):
                    stack.append(0)
                default:
                    break
                }
                advance()
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                stack.append(-1)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                stack[stack.count - 1] = top + 1
            case UInt8(ascii: "}") where top == 0:
                stack.removeLast()
                if stack.isEmpty {
                    let close = location
                    advance()
                    var format: String?
                    var formatSpan: Span?
                    var codeEnd = close
                    if let colon = lastColon {
                        codeEnd = colon
                        let specStart = SourceLocation(line: colon.line, column: colon.column + 1, offset: colon.offset + 1)
                        format = String(decoding: bytes[specStart.offset..<close.offset], as: UTF8.self)
                        formatSpan = Span(start: specStart, end: close)
                    }
                    return .found(.code(code: Span(start: codeStart, end: codeEnd), format: format, formatSpan: formatSpan))
                }
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                stack[stack.count - 1] = max(0, top - 1)
            case UInt8(ascii: ":") where top == 0 && stack.count == 1:
                lastColon = location
            default:
                break
            }
            advance()
        }
        return .endOfInput
    }
}
