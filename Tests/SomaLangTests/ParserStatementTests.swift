import Testing
@testable import SomaLang

@Suite struct ParserStatementTests {
    @Test func assignments() {
        #expect(dumpSource("x = 1") == "(= x 1)")
        #expect(dumpSource("a, b = [1, 2]") == "(= (a b) [1 2])")
        #expect(dumpSource("A[0, :] = zeros(3)") == "(= (index A 0 (slice _ _ _)) (call zeros 3))")
        #expect(dumpSource("r.rate = 40") == "(= (. r rate) 40)")
        #expect(dumpSource("net.layers[0].W = W") == "(= (. (index (. net layers) 0) W) W)")
        #expect(dumpSource("a, r.x, A[1] = xs") == "(= (a (. r x) (index A 1)) xs)")
    }

    @Test func compoundAssignments() {
        #expect(dumpSource("x += 1\nx -= 2\nx *= 3\nx /= 4\nx ^= 5")
                == "(+= x 1)\n(-= x 2)\n(*= x 3)\n(/= x 4)\n(^= x 5)")
        #expect(dumpSource("A[i] += 1") == "(+= (index A i) 1)")
    }

    @Test func invalidTargets() {
        #expect(errorMessages("f(x) = 1") == ["cannot assign to this expression"])
        #expect(errorMessages("1 + a += 2") == ["cannot assign to this expression"])
        #expect(errorMessages("a, b") == ["expected '=' after the names to assign, found end of input"])
    }

    @Test func namedFunctions() {
        #expect(dumpSource("fn f(x, lr = 0.1) = x*lr") == "(fn f (x lr=0.1) (* x lr))")
        #expect(dumpSource("fn g(x) {\n  if x > 0 { return x }\n  -x\n}")
                == "(fn g (x) (block\n  (if (> x 0) (block (return x)))\n  (neg x)))")
    }

    @Test func docStringsAttachToNamedFunctions() throws {
        let result = parseSource("## Firing rate of a LIF neuron.\n## Returns Hz.\nfn lif_rate(v) = v")
        let statement = try #require(result.program.statements.first)
        guard case .function(let declaration) = statement.kind else {
            Issue.record("expected a function")
            return
        }
        #expect(declaration.doc == "Firing rate of a LIF neuron.\nReturns Hz.")
        #expect(declaration.name?.name == "lif_rate")
    }

    @Test func loops() {
        #expect(dumpSource("for i in 0..<10 { }") == "(for (i) (..< 0 10) (block))")
        #expect(dumpSource("for i, x in enumerate(xs) { s += x }")
                == "(for (i x) (call enumerate xs) (block (+= s x)))")
        #expect(dumpSource("while n > 0 { n -= 1; continue }") == "(while (> n 0) (block (-= n 1) (continue)))")
        #expect(dumpSource("while true { break }") == "(while true (block (break)))")
        #expect(errorMessages("for i 0..<3 {}") == ["expected 'in' after the loop variable, found a number"])
    }

    @Test func returns() {
        #expect(dumpSource("fn f() { return }") == "(fn f () (block (return)))")
        #expect(dumpSource("fn f() {\n  return\n}") == "(fn f () (block (return)))")
        #expect(dumpSource("fn f() { return 1 + 2 }") == "(fn f () (block (return (+ 1 2))))")
    }

    @Test func tryCatch() {
        #expect(dumpSource("try { risky() } catch e { print(e.kind, e.message, e.line) }")
                == "(try (block (call risky)) (catch e (block\n  (call print (. e kind) (. e message) (. e line)))))")
        #expect(dumpSource("try { a }\ncatch { b }") == "(try (block a) (catch (block b)))")
        #expect(errorMessages("try { a }") == ["expected 'catch' after the 'try' block, found end of input"])
    }

    @Test func use() {
        #expect(dumpSource(#"use "lib/neurons.soma""#) == #"(use "lib/neurons.soma")"#)
        #expect(errorMessages("use lib") == ["expected a file path string after 'use', found 'lib'"])
    }

    @Test func semicolonSilencesExpressions() throws {
        let result = parseSource("x = 1; x;\ny")
        #expect(dumpAST(result.program) == "(= x 1)\nx;\ny")
        guard case .expression(_, let silent) = result.program.statements[2].kind else {
            Issue.record("expected an expression")
            return
        }
        #expect(silent == false)
    }

    @Test func statementsNeedSeparators() {
        #expect(errorMessages("x = 1 y = 2") == ["expected a line break or ';' after the statement, found 'y'"])
    }

    @Test func programSpanAndEmptyInput() {
        #expect(parseSource("").program.statements.isEmpty)
        #expect(parseSource("\n\n  # only a comment\n").diagnostics.isEmpty)
    }

    @Test func dumpWithSpans() {
        let result = parseSource("x = 1\n  y", firstLine: 10)
        #expect(dumpAST(result.program, spans: true) == "(= x 1)  @10:1\ny  @11:3")
    }
}
