import Testing
@testable import SomaLang

@Suite struct ParserExpressionTests {
    @Test func powerBindsTighterThanUnaryMinus() {
        #expect(dumpSource("-x^2") == "(neg (^ x 2))")
        #expect(dumpSource("2^-1") == "(^ 2 (neg 1))")
        #expect(dumpSource("-2 * 3") == "(* (neg 2) 3)")
    }

    @Test func powerIsRightAssociative() {
        #expect(dumpSource("a ^ b ^ c") == "(^ a (^ b c))")
    }

    @Test func arithmeticPrecedence() {
        #expect(dumpSource("a + b * c - d / e % f") == "(- (+ a (* b c)) (% (/ d e) f))")
        #expect(dumpSource("W @ x + b") == "(+ (@ W x) b)")
        #expect(dumpSource("(a + b) * c") == "(* (+ a b) c)")
    }

    @Test func logicalAndComparison() {
        #expect(dumpSource("not a == b and c or d") == "(or (and (not (== a b)) c) d)")
        #expect(dumpSource("x < 1 or y >= 2") == "(or (< x 1) (>= y 2))")
        #expect(dumpSource("not not a") == "(not (not a))")
    }

    @Test func comparisonsAndRangesDoNotChain() {
        #expect(errorMessages("a < b < c") == ["comparisons do not chain"])
        #expect(errorMessages("1..<2..<3") == ["ranges do not chain"])
    }

    @Test func ranges() {
        #expect(dumpSource("0..<n + 1") == "(..< 0 (+ n 1))")
        #expect(dumpSource("1...5") == "(... 1 5)")
        #expect(dumpSource("i in 0..<3") == "errors: expected a line break or ';' after the statement, found 'in'")
        #expect(dumpSource("x == 0..<3") == "(== x (..< 0 3))")
    }

    @Test func pipesBecomeCalls() {
        #expect(dumpSource("x |> f") == "(call f x)")
        #expect(dumpSource("x |> f(a, k: 1)") == "(call f x a k:1)")
        #expect(dumpSource("x + 1 |> f |> g(2)") == "(call g (call f (+ x 1)) 2)")
        #expect(dumpSource("xs\n  |> sum") == "(call sum xs)")
        #expect(dumpSource("a or b |> f") == "(call f (or a b))")
    }

    @Test func callsWithKeywordArguments() {
        #expect(dumpSource(#"plot(x, y, title: "LIF")"#) == #"(call plot x y title:"LIF")"#)
        #expect(dumpSource("f()") == "(call f)")
        #expect(dumpSource("f(1,)") == "(call f 1)")
        #expect(dumpSource("net.learn(X, T, epochs: 10)") == "(call (. net learn) X T epochs:10)")
        #expect(dumpSource("net\n  .learn(X)\n  .loss") == "(. (call (. net learn) X) loss)")
        #expect(errorMessages("f(a: 1, 2)") == ["positional argument after a keyword argument"])
        #expect(errorMessages("f(a: 1, a: 2)") == ["duplicate argument 'a'"])
    }

    @Test func indexingAndSlices() {
        #expect(dumpSource("A[i, j]") == "(index A i j)")
        #expect(dumpSource("A[1:4]") == "(index A (slice 1 4 _))")
        #expect(dumpSource("A[:, 0]") == "(index A (slice _ _ _) 0)")
        #expect(dumpSource("A[::2]") == "(index A (slice _ _ 2))")
        #expect(dumpSource("A[1::-1]") == "(index A (slice 1 _ (neg 1)))")
        #expect(dumpSource("A[-1]") == "(index A (neg 1))")
        #expect(dumpSource("A[A > 0]") == "(index A (> A 0))")
        #expect(dumpSource("A[[0, 2]]") == "(index A [0 2])")
        #expect(dumpSource("net.layers[0].W.T") == "(. (. (index (. net layers) 0) W) T)")
        #expect(errorMessages("A[]") == ["expected an index, found ']'"])
    }

    @Test func literals() {
        #expect(dumpSource("[1, 2, [3, 4]]") == "[1 2 [3 4]]")
        #expect(dumpSource("[]") == "[]")
        #expect(dumpSource("true and false or nil") == "(or (and true false) nil)")
        #expect(dumpSource(#""a\"b""#) == #""a\"b""#)
    }

    @Test func recordsAndBlocks() {
        #expect(dumpSource(#"r = {name: "lif", rate: 40}"#) == #"(= r {name:"lif" rate:40})"#)
        #expect(dumpSource("r = {}") == "(= r {})")
        #expect(dumpSource("r = {\n  a: 1,\n  \"b c\": 2,\n}") == "(= r {a:1 b c:2})")
        #expect(dumpSource("v = { a = 1; a + 1 }") == "(= v (block (= a 1) (+ a 1)))")
        #expect(dumpSource("{ x }") == "(block x)")
        #expect(errorMessages("{a: 1, a: 2}") == ["duplicate field 'a' in record"])
    }

    @Test func functionExpressions() {
        #expect(dumpSource("f = fn(x) = x^2") == "(= f (fn (x) (^ x 2)))")
        #expect(dumpSource("fn(x, y) { return x + y }") == "(fn (x y) (block (return (+ x y))))")
        #expect(dumpSource("map(xs, fn(x) = 2*x)") == "(call map xs (fn (x) (* 2 x)))")
        #expect(dumpSource("fn() = 1") == "(fn () 1)")
        #expect(errorMessages("fn(x, x) = 1") == ["duplicate parameter 'x'"])
        #expect(errorMessages("fn(a = 1, b) = 1") == ["parameter 'b' needs a default value, as the ones before it have"])
    }

    @Test func ifExpressions() {
        #expect(dumpSource("y = if x > 0 { 1 } else { 0 }") == "(= y (if (> x 0) (block 1) (block 0)))")
        #expect(dumpSource("if a { 1 } else if b { 2 } else { 3 }")
                == "(if a (block 1) (if b (block 2) (block 3)))")
        #expect(dumpSource("if a {\n  1\n}\nelse {\n  2\n}") == "(if a (block 1) (block 2))")
        #expect(dumpSource("if a { 1 }\nb") == "(if a (block 1))\nb")
    }

    @Test func everyNodeHasASpan() throws {
        let result = parseSource("z = W @ x + b")
        let statement = try #require(result.program.statements.first)
        guard case .assign(_, let value) = statement.kind else {
            Issue.record("expected an assignment")
            return
        }
        #expect(value.span.start.column == 5)
        #expect(value.span.end.column == 14)
        #expect(statement.span.start.column == 1)
    }
}
