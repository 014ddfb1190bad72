import Testing
@testable import SomaLang

/// `soma check`'s warnings: names never defined and keywords a builtin does not take.
@Suite struct NameCheckTests {
    let check = NameCheck(isKnown: { ["print", "lif_rate", "pi"].contains($0) },
                          keywords: { $0 == "lif_rate" ? ["v", "tau_m", "tau_ref"] : nil })

    func warnings(_ texts: String...) -> [String] {
        check.warnings(texts.map { parseSource($0).program }).map(\.diagnostic.message)
    }

    @Test func namesBoundAnywhereOrKnownAreFine() {
        #expect(warnings("fn f(a, b = pi) = a + b + later\nlater = 1\nfor i in 0..<3 { print(f(i)) }\ntry { 1 } catch e { print(e) }").isEmpty)
    }

    @Test func namesNeverBoundAreReportedOnce() {
        #expect(warnings("x = nope + nope") == ["'nope' is never defined"])
        #expect(warnings("for i in 0..<3 { total += i }") == ["'total' is never defined"])
    }

    @Test func cellsShareOneScope() {
        #expect(warnings("a = 1", "print(a)").isEmpty)
    }

    @Test func aUseMayDefineAnything() {
        #expect(warnings("use \"lib.soma\"\nprint(from_lib)").isEmpty)
    }

    @Test func unknownKeywordsOfHostFunctions() {
        #expect(warnings("lif_rate(1.5, tau: 2)") == ["lif_rate has no parameter 'tau'"])
        #expect(warnings("lif_rate(1.5, tau_m: 2)").isEmpty)
        #expect(warnings("fn lif_rate(v, tau = 1) = v\nlif_rate(1, tau: 2)").isEmpty)
    }
}
