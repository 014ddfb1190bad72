extension Lexer {
    /// number -> digits [ '.' digits ] [ ('e'|'E') ['+'|'-'] digits ] [ 'ms' | 'us' | 's' ]
    ///         | '.' digits ...
    /// Digits may contain `_` separators (`2_000`). Time suffixes scale to
    /// seconds: `20ms` = 0.02, `50us` = 5e-5, `1s` = 1. Only these three exist;
    /// any other letter right after a number is an error (`2x` is a typo, not `2*x`).
    mutating func number() {
        let start = location
        var text = ""
        func take(_ lexer: inout Lexer, into text: inout String) {
            while let byte = lexer.peek(), lexer.isDigit(byte) || byte == UInt8(ascii: "_") {
                if byte != UInt8(ascii: "_") { text.append(Character(Unicode.Scalar(byte))) }
                lexer.advance()
            }
        }
        take(&self, into: &text)
        if peek() == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
            text.append(".")
            advance()
            take(&self, into: &text)
        }
        var hasExponent = false
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
            if let digit = peek(ahead), isDigit(digit) {
                hasExponent = true
                text.append("e")
                advance()
                if ahead == 2, let sign = peek() {
                    text.append(Character(Unicode.Scalar(sign)))
                    advance()
                }
                take(&self, into: &text)
            }
        }
        if text.hasPrefix(".") { text = "0" + text }
        let scale = timeSuffix()
        var value = Double(text) ?? 0
        if let scale {
            // `20e-3` parses to the nearest double of 0.02; `20 * 0.001` would not.
            if !hasExponent, let exact = Double(text + "e-\(scale)") {
                value = exact
            } else {
                value /= scale == 3 ? 1e3 : scale == 6 ? 1e6 : 1
            }
        }
        if let scalar = scalar(at: index), isIdentifierContinue(scalar) {
            let suffixStart = location
            while let scalar = self.scalar(at: index), isIdentifierContinue(scalar) { advanceScalar() }
            let suffix = String(decoding: bytes[suffixStart.offset..<index], as: UTF8.self)
            error("invalid suffix '\(suffix)' on number", Span(start: suffixStart, end: location),
                  notes: ["numbers may end in a time unit: ms, us or s; write '2 * x' for a product"])
        }
        if !value.isFinite {
            error("number is too large", Span(start: start, end: location))
        }
        emit(.number(value), from: start)
    }

    /// Consumes `ms`, `us` or `s` when it is a whole suffix; returns the power
    /// of ten it divides by (3, 6 or 0).
    mutating func timeSuffix() -> Int? {
        func endsAt(_ lexer: Lexer, _ ahead: Int) -> Bool {
            guard let scalar = lexer.scalar(at: lexer.index + ahead) else { return true }
            return !lexer.isIdentifierContinue(scalar)
        }
        switch (peek(), peek(1)) {
        case (UInt8(ascii: "m"), UInt8(ascii: "s")) where endsAt(self, 2):
            advance(); advance(); return 3
        case (UInt8(ascii: "u"), UInt8(ascii: "s")) where endsAt(self, 2):
            advance(); advance(); return 6
        case (UInt8(ascii: "s"), _) where endsAt(self, 1):
            advance(); return 0
        default:
            return nil
        }
    }
}
