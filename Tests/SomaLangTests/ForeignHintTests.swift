import Testing
@testable import SomaLang

/// Python habits get a hint that says how Soma writes the same thing.
@Suite struct ForeignHintTests {
    func notes(_ text: String) -> [String] {
        parseSource(text).diagnostics.flatMap(\.notes)
    }

    @Test func pythonStatementWordsSayTheSomaSpelling() {
        #expect(notes("def f(x):").contains { $0.contains("fn f(x)") })
        #expect(notes("import numpy as np").contains { $0.contains("nothing to import") })
        #expect(notes("g = lambda y: y").contains { $0.contains("fn(x) = x^2") })
        #expect(notes("if a { 1 } elif b { 2 }").contains("write `else if`"))
    }

    @Test func keywordArgumentsWithEqualsSuggestColon() {
        #expect(notes("sum(x, axis=0)") == ["keyword arguments use ':' — write `axis: ...`"])
    }

    @Test func colonBlocksSuggestBraces() {
        #expect(notes("if x > 0: y = 1").contains { $0.contains("blocks are written in braces") })
    }

    @Test func ordinaryErrorsGetNoPythonNote() {
        #expect(notes("x = (1 + 2").isEmpty)
        #expect(notes("a b").isEmpty)
    }
}
