import Foundation
import Synchronization
import Testing
@testable import SomaLang

@Suite struct ParserRecoveryTests {
    @Test func oneRunReportsEveryError() {
        let text = """
        x = 1 +* 2
        y = (3
        z = 4 5
        fn g(x) {
          a = )
          b = 1
        }
        w = 2x
        ok = 1
        """
        let result = parseSource(text)
        #expect(result.diagnostics.map { $0.span?.start.line ?? 0 } == [1, 3, 3, 5, 8])
        #expect(result.diagnostics.allSatisfy { $0.kind == .syntax })
        #expect(result.diagnostics[1].message == "expected ')' to close '(' at line 2, found 'z'")
        #expect(result.isIncomplete == false)
        // The statements that parsed are kept.
        let dump = dumpAST(result.program)
        #expect(dump.contains("(= ok 1)"))
        #expect(dump.contains("(fn g (x) (block (= b 1)))"))
    }

    @Test func errorsInsideBlocksDoNotEndTheBlock() {
        let result = parseSource("while x {\n  a = * 1\n  b = 2\n}\nc = 3")
        #expect(result.diagnostics.count == 1)
        #expect(dumpAST(result.program) == "(while x (block (= b 2)))\n(= c 3)")
    }

    @Test func abandonedBracesAreSkipped() {
        #expect(errorMessages("{a: 1, a: 2}\nx = 1") == ["duplicate field 'a' in record"])
        #expect(errorMessages("}") == ["unexpected '}' with no open '{'"])
    }

    @Test func closerErrorsNameTheOpener() {
        #expect(errorMessages("x = [1, 2\ny = 3") == ["expected ']' to close '[' at line 1, found 'y'"])
        #expect(errorMessages("f(x\n)\n)") == ["unexpected ')' with no open '('"])
        #expect(errorMessages("if x {\n  1\n") == ["expected '}' to close '{' at line 1, found end of input"])
        #expect(errorMessages("if x 1") == ["expected '{' to start the 'if' body, found a number"])
    }

    @Test func incompleteInputAsksForMore() {
        for text in ["f(1, 2", "x = [1,", "fn f(x) {\n  x", "x = 1 +", "\"abc", "\"a {x", "if x",
                     "for i in", "x = ", "a |>", "xs = [\n1,\n2", "try { a }", "y = x and"] {
            let result = parseSource(text)
            #expect(result.isIncomplete, "\(text) should be incomplete")
            #expect(!result.diagnostics.isEmpty)
        }
    }

    @Test func completeOrBrokenInputIsNotIncomplete() {
        for text in ["x = 1", "f(1, 2)", "fn f(x) { x }", "x = )", "f(1 2", "x = $ (", "a < b < (", "1 +* 2 +"] {
            #expect(!parseSource(text).isIncomplete, "\(text) should not be incomplete")
        }
    }

    @Test func unclosedInterpolationStopsAtTheLineEnd() {
        let result = parseSource("print(\"done {z.name\")\nw = f(1,, 2)")
        #expect(result.diagnostics.map(\.message) == ["unclosed '{' in string", "expected an expression, found ','"])
        #expect(result.diagnostics.first?.span?.start.column == 13)
        #expect(result.isIncomplete == false)
    }

    @Test func errorFloodsAreCut() {
        let result = parseSource(String(repeating: "$ ", count: 500))
        #expect(result.diagnostics.count == Parser.maxDiagnostics + 1)
        #expect(result.diagnostics.last?.message == "too many errors; 450 more not shown")
    }

    @Test func unterminatedStringIsReportedOnce() {
        #expect(errorMessages("print(\"abc") == ["unterminated string"])
    }

    /// Parses on a thread with a known stack, as the REPL and tests may not
    /// run on the main thread.
    func parseOnThread(_ text: String) -> ParseResult? {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.store(parseSource(text))
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        return box.result
    }

    final class ResultBox: Sendable {
        private let stored = Mutex<ParseResult?>(nil)

        func store(_ result: ParseResult) { stored.withLock { $0 = result } }

        var result: ParseResult? { stored.withLock { $0 } }
    }

    @Test(arguments: [
        String(repeating: "(", count: 100_000),
        String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
        String(repeating: "[", count: 20_000),
        String(repeating: "{", count: 20_000),
        String(repeating: "-", count: 20_000) + "x",
        String(repeating: "not ", count: 20_000) + "x",
        "x" + String(repeating: "^x", count: 20_000),
        "x = " + String(repeating: "1 + ", count: 20_000) + "1",
        String(repeating: "f(", count: 20_000),
        String(repeating: "if x {} else ", count: 5_000) + "{}",
        String(repeating: "fn(x) = ", count: 5_000) + "1",
        String(repeating: "\"{", count: 20_000) + "x" + String(repeating: "}\"", count: 20_000),
    ])
    func deepNestingIsALimitError(text: String) throws {
        let result = try #require(parseOnThread(text))
        #expect(result.diagnostics.contains { $0.kind == .limit })
        #expect(result.isIncomplete == false)
    }

    @Test func reasonableNestingIsFine() {
        let nested = String(repeating: "f(", count: 40) + "1" + String(repeating: ")", count: 40)
        #expect(parseSource(nested).diagnostics.isEmpty)
        let sum = "x = " + String(repeating: "1 + ", count: 100) + "1"
        #expect(parseSource(sum).diagnostics.isEmpty)
    }
}
