/// Checks that text is one Soma literal, the only values `--param` accepts.
///
/// A literal cannot run code: strings may not interpolate (`{x}`), so a
/// parameter never calls into the notebook.
///
///     literal -> '-'? number | string | 'true' | 'false' | 'nil'
///              | '[' (literal (',' literal)* ','?)? ']'
///              | '{' (key ':' literal (',' key ':' literal)* ','?)? '}'
enum SomaLiteral {
    /// Whether the whole text is one literal (surrounding spaces allowed).
    static func isValid(_ text: String) -> Bool {
        var scanner = Scanner(Array(text.unicodeScalars))
        guard scanner.literal(depth: 0) else { return false }
        scanner.skipSpaces()
        return scanner.atEnd
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[position] }

        mutating func skipSpaces() {
            while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
        }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard current == c else { return false }
            position += 1
            return true
        }

        /// literal (see the type's grammar); nesting is bounded so no input can overflow the stack.
        mutating func literal(depth: Int) -> Bool {
            guard depth < 64 else { return false }
            skipSpaces()
            guard let c = current else { return false }
            switch c {
            case "-": position += 1; skipSpaces(); return number()
            case "\"": return string()
            case "[": return sequence(depth: depth)
            case "{": return record(depth: depth)
            default:
                if c.properties.numericType != nil || c == "." { return number() }
                let word = identifier()
                return word == "true" || word == "false" || word == "nil"
            }
        }

        /// number -> digits ('.' digits)? (e ('+'|'-')? digits)? ('ms' | 'us' | 's')?
        mutating func number() -> Bool {
            let digitsBefore = digits()
            var digitsAfter = 0
            if take(".") { digitsAfter = digits() }
            guard digitsBefore + digitsAfter > 0 else { return false }
            if take("e") || take("E") {
                _ = take("+") || take("-")
                guard digits() > 0 else { return false }
            }
            let suffix = identifier()
            return suffix.isEmpty || suffix == "ms" || suffix == "us" || suffix == "s"
        }

        mutating func digits() -> Int {
            var count = 0
            while let c = current, ("0"..."9").contains(c) || (c == "_" && count > 0) {
                position += 1
                count += 1
            }
            return count
        }

        mutating func identifier() -> String {
            var word = ""
            while let c = current, c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) {
                word.unicodeScalars.append(c)
                position += 1
            }
            return word
        }

        /// string -> '"' (char | escape | '{{' | '}}')* '"'
        mutating func string() -> Bool {
            position += 1
            while let c = current {
                position += 1
                switch c {
                case "\"": return true
                case "\\":
                    guard let escaped = current, "nt\"\\{}".unicodeScalars.contains(escaped) else { return false }
                    position += 1
                case "{", "}":
                    // Only doubled braces: a single one would interpolate code.
                    guard take(c) else { return false }
                default: break
                }
            }
            return false
        }

        mutating func sequence(depth: Int) -> Bool {
            position += 1
            skipSpaces()
            if take("]") { return true }
            while true {
                guard literal(depth: depth + 1) else { return false }
                skipSpaces()
                if take("]") { return true }
                guard take(",") else { return false }
                skipSpaces()
                if take("]") { return true }
            }
        }

        mutating func record(depth: Int) -> Bool {
            position += 1
            skipSpaces()
            if take("}") { return true }
            while true {
                skipSpaces()
                if current == "\"" {
                    guard string() else { return false }
                } else if identifier().isEmpty {
                    return false
                }
                skipSpaces()
                guard take(":"), literal(depth: depth + 1) else { return false }
                skipSpaces()
                if take("}") { return true }
                guard take(",") else { return false }
                skipSpaces()
                if take("}") { return true }
            }
        }
    }
}
