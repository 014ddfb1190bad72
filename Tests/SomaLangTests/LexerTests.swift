import Testing
@testable import SomaLang

@Suite struct LexerTests {
    @Test func numbers() {
        #expect(lexNumber("3") == 3)
        #expect(lexNumber("3.5") == 3.5)
        #expect(lexNumber(".5") == 0.5)
        #expect(isClose(lexNumber("1e-3"), 0.001))
        #expect(isClose(lexNumber("2.5E+2"), 250))
        #expect(lexNumber("2_000") == 2000)
        #expect(lexNumber("1_000.000_5") == 1000.0005)
    }

    @Test func timeSuffixesScaleToSeconds() {
        #expect(lexNumber("20ms") == 0.02)
        #expect(lexNumber("50us") == 5e-5)
        #expect(lexNumber("1s") == 1)
        #expect(lexNumber("1.5ms") == 0.0015)
        #expect(isClose(lexNumber("2e1ms"), 0.02))
    }

    @Test func badSuffixIsAnError() {
        let messages = errorMessages("y = 2x")
        #expect(messages == ["invalid suffix 'x' on number"])
        #expect(errorMessages("t = 3min").count == 1)
    }

    @Test func numberBeforeRangeIsNotDecimal() {
        #expect(tokenKinds("1..<5") == [.number(1), .symbol(.halfOpenRange), .number(5)])
        #expect(tokenKinds("1...5") == [.number(1), .symbol(.closedRange), .number(5)])
    }

    @Test func unicodeIdentifiers() {
        #expect(tokenKinds("τ_m α v_in _x") == [
            .identifier("τ_m"), .identifier("α"), .identifier("v_in"), .identifier("_x"),
        ])
    }

    @Test func keywordsAndOperators() {
        #expect(tokenKinds("fn use not x") == [.keyword(.fn), .keyword(.use), .keyword(.not), .identifier("x")])
        let symbols: [Symbol] = [.pipe, .halfOpenRange, .closedRange, .at, .caret,
                                 .plusEqual, .minusEqual, .starEqual, .slashEqual, .caretEqual,
                                 .equalEqual, .bangEqual, .lessEqual, .greaterEqual]
        let text = symbols.map(\.rawValue).joined(separator: " x ")
        let kinds = tokenKinds(text).filter { $0 != .identifier("x") }
        #expect(kinds == symbols.map { TokenKind.symbol($0) })
    }

    @Test func foreignOperatorsGetHints() {
        #expect(errorMessages("x = 2 ** 3") == ["unexpected '**'; use '^' for powers"])
        #expect(errorMessages("a && b") == ["unexpected '&&'; use 'and'"])
        #expect(errorMessages("!a") == ["unexpected '!'; use 'not'"])
        #expect(errorMessages("a $ b").first == "unexpected character '$'")
    }

    @Test func pastedCharactersGetHints() throws {
        let minus = try #require(parseSource("y = a \u{2212} b").diagnostics.first)
        #expect(minus.message == "unexpected character '\u{2212}'")
        #expect(minus.notes == ["use '-' (this is a typographic minus sign)"])
        let space = try #require(parseSource("y =\u{00A0}1").diagnostics.first)
        #expect(space.message == "unexpected invisible character U+00A0")
        #expect(errorMessages("print(\u{201C}hi\u{201D})").first == "unexpected character '\u{201C}'")
    }

    @Test func stringEscapes() {
        #expect(tokenKinds(#""a\n\t\"\\b""#) == [.string([.text("a\n\t\"\\b")])])
        #expect(errorMessages(#""\q""#) == ["unknown escape '\\q'"])
    }

    @Test func interpolationAndFormatSpecs() throws {
        let result = parseSource(#""rate = {r} Hz, {y[0]:.3f}, {{lit}} {d["a:b"]:>8}""#)
        #expect(result.diagnostics.isEmpty)
        let statement = try #require(result.program.statements.first)
        guard case .expression(let expr, _) = statement.kind, case .interpolated(let parts) = expr.kind else {
            Issue.record("expected an interpolated string")
            return
        }
        #expect(parts.count == 6)
        #expect(parts[0] == .text("rate = "))
        if case .expr(let inner, let format) = parts[1] {
            #expect(inner.kind == .name("r"))
            #expect(format == nil)
        }
        if case .expr(let inner, let format) = parts[3] {
            #expect(dumpExpr(inner) == "(index y 0)")
            #expect(format == ".3f")
        }
        #expect(parts[4] == .text(", {lit} "))
        if case .expr(let inner, let format) = parts[5] {
            #expect(dumpExpr(inner) == #"(index d "a:b")"#)
            #expect(format == ">8")
        }
    }

    @Test func formatSpecFollowsLastTopLevelColon() {
        #expect(dumpSource(#""{a[1:2]}""#) == "(str (index a (slice 1 2 _)))")
        #expect(dumpSource(#""{f(x, k: 1):8.2e}""#) == #"(str (format "8.2e" (call f x k:1)))"#)
        #expect(dumpSource(#""{"{x}!"}""#) == #"(str (str x "!"))"#)
    }

    @Test func badBracesInStringsAreErrors() {
        // Spec contents are the runtime's to judge (a value error there).
        #expect(dumpSource(#""{x:zz}""#) == #"(str (format "zz" x))"#)
        #expect(dumpSource(#""{x:}""#) == "(str x)")
        #expect(errorMessages(#""{}""#) == ["empty '{}' in a string"])
        #expect(errorMessages(#""a } b""#) == ["single '}' in a string"])
    }

    @Test func interpolationSpansPointIntoTheFile() throws {
        let result = parseSource("s = \"v={a +}\"")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "expected an expression, found end of input")
        #expect(diagnostic.span?.start.column == 12)
    }

    @Test func newlinesInsideBracketsAreIgnored() {
        #expect(tokenKinds("f(1,\n2)").contains(.newline) == false)
        #expect(tokenKinds("[1\n, 2]").contains(.newline) == false)
    }

    @Test func newlinesAfterOperatorsAndCommasAreIgnored() {
        #expect(tokenKinds("x = 1 +\n 2").contains(.newline) == false)
        #expect(tokenKinds("a,\nb = 1, 2").contains(.newline) == false)
        #expect(tokenKinds("x = 1\ny = 2").filter { $0 == .newline }.count == 1)
        #expect(tokenKinds("a and\nb or\nnot\nc").contains(.newline) == false)
        #expect(tokenKinds("for x in\nxs").contains(.newline) == false)
    }

    @Test func newlinesInsideBlocksCount() {
        let kinds = tokenKinds("f(fn(x) {\n a = x\n a\n})")
        #expect(kinds.filter { $0 == .newline }.count == 2)
    }

    @Test func blankLinesAndCommentsCollapse() {
        #expect(tokenKinds("x # note\n\n\n# more\ny") == [.identifier("x"), .newline, .identifier("y")])
    }

    @Test func docCommentsAttachToTheNextLine() {
        var lexer = Lexer(file: SourceFile(name: "t", text: "## Rate of a neuron.\n## In Hz.\nfn r(v) = v\n## loose\n\nfn s() = 1"))
        let tokens = lexer.tokenize().tokens
        let fns = tokens.filter { $0.kind == .keyword(.fn) }
        #expect(fns.map(\.doc) == ["Rate of a neuron.\nIn Hz.", nil])
    }

    @Test func spansCountLinesAndScalars() throws {
        var lexer = Lexer(file: SourceFile(name: "t", text: "α = 1\n  τ", firstLine: 40))
        let tokens = lexer.tokenize().tokens
        #expect(tokens[0].span.start == SourceLocation(line: 40, column: 1, offset: 0))
        #expect(tokens[0].span.end == SourceLocation(line: 40, column: 2, offset: 2))
        #expect(tokens[1].span.start == SourceLocation(line: 40, column: 3, offset: 3))
        let tau = try #require(tokens.first { $0.kind == .identifier("τ") })
        #expect(tau.span.start == SourceLocation(line: 41, column: 3, offset: 9))
    }

    @Test func crlfLineEndings() {
        #expect(dumpSource("x = 1\r\ny = 2\r\n") == "(= x 1)\n(= y 2)")
    }
}
