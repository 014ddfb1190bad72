import Testing
@testable import SomaLang
import SomaLibrary

/// The Stdlib modules the prelude names run at the first mention of one of
/// their names (DeferredModules.swift): what they define must not change.
struct DeferredModuleTests {
    @Test func theNeuralModulesAreNotRunAtStartUp() {
        let session = Session(output: { _ in })
        #expect(session.startupDiagnostics.isEmpty)
        #expect(session.interpreter.deferredModules["SOM"] != nil)
        #expect(session.interpreter.deferredModules["Hopfield"] != nil)
        #expect(!session.interpreter.usedFiles.contains("<stdlib>/neural/som.soma"))
    }

    /// The names recorded from each module's text are exactly the names the
    /// module defines when it runs: none missing, none extra.
    @Test func recordedNamesAreWhatTheModulesDefine() {
        let session = Session(output: { _ in })
        let recorded = session.interpreter.preludeNames
        let unbound = recorded.filter { session.interpreter.global($0) == nil }
        #expect(unbound.isEmpty, "recorded but not defined: \(unbound.sorted())")
        #expect(session.interpreter.deferredModules.isEmpty)
        // A module defining a name it was not recorded with would show it as a user global.
        #expect(session.globalNames.isEmpty, "defined but not recorded: \(session.globalNames)")
    }

    @Test func codeMentioningANameRunsItsModuleFirst() {
        var printed = ""
        let session = Session(output: { printed += $0 })
        let result = session.run("som = SOM(2, 2, 3, seed: 1)\nprint(som.W.shape)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(printed == "[4, 3]\n")
        #expect(session.interpreter.deferredModules["som_qe"] == nil)
        // A module SOM's does not mention is still waiting.
        #expect(session.interpreter.deferredModules["lstm_step"] != nil)
    }

    /// A user's global of a module's name replaces it, as when the module ran first.
    @Test func aUserDefinitionReplacesTheModules() {
        var printed = ""
        let session = Session(output: { printed += $0 })
        _ = session.run("fn som_median(x) = 42\nprint(som_median([1, 2, 3]))")
        #expect(printed == "42\n")
    }

    /// A module runs when first mentioned, possibly after the user rebound a
    /// name its top level would read (`grad` is a natural variable name): it
    /// must still define everything, as when it ran at start-up.
    @Test func aModuleRunsAfterTheUserReboundABuiltin() {
        var printed = ""
        let session = Session(output: { printed += $0 })
        #expect(session.interpreter.deferredModules["Word2Vec"] != nil)
        #expect(session.run("grad = zeros(3)").diagnostics.isEmpty)
        let result = session.run("""
            m = Word2Vec([["a", "b", "c", "a", "b"]], dim: 2, epochs: 1, seed: 1)
            print(type(m), type(w2v_gather_grad))
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(printed == "Word2Vec function\n")
    }

    /// Every top-level parameter default of a Stdlib module the prelude defers
    /// is a literal: a default is evaluated when the module runs, which is now
    /// at the first mention, when a global it read may have been rebound.
    @Test func deferredModulesReadNoGlobalWhenTheyRun() throws {
        let session = Session(output: { _ in })
        let modules = Set(session.interpreter.deferredModules.values.map(\.file))
        #expect(modules.count >= 10)
        for name in modules.sorted() {
            let text = try #require(session.interpreter.deferredModules.values.first { $0.file == name }?.text)
            let parsed = Parser.parse(SourceFile(name: name, text: text))
            #expect(parsed.diagnostics.isEmpty)
            for statement in parsed.program.statements {
                guard case .function(let decl) = statement.kind else { continue }
                for parameter in decl.parameters {
                    guard let value = parameter.defaultValue else { continue }
                    #expect(isLiteral(value), "\(name): \(decl.name?.name ?? "fn") has a default that is not a literal")
                }
            }
        }
    }

    private func isLiteral(_ e: Expr) -> Bool {
        switch e.kind {
        case .number, .string, .bool, .nilLiteral: return true
        case .unary(_, let x): return isLiteral(x)
        case .list(let items): return items.allSatisfy(isLiteral)
        default: return false
        }
    }

    /// The did-you-mean note of an undefined name knows the names of modules not run yet.
    @Test func aMisspeltModuleNameIsSuggested() throws {
        let session = Session(output: { _ in })
        let result = session.run("Hopfeld(1)")
        let error = try #require(result.diagnostics.first)
        #expect(error.notes.contains("did you mean 'Hopfield'?"), "\(error.notes)")
    }

    @Test func topLevelScan() {
        #expect(TopLevelScan.definedNames("## doc\nfn f(x) = x\n  y = 2\ng = 20ms  # a step\n}\n") == ["f", "g"])
        // A value that is not a literal would read globals when the module runs: it runs at once.
        #expect(TopLevelScan.definedNames("fn f(x) = x\ng = grad(f)\n") == nil)
        #expect(TopLevelScan.definedNames("a = -1.5e-3\nb = \"x # y\"\nc = nil\nd = true # on\n") == ["a", "b", "c", "d"])
        #expect(TopLevelScan.definedNames("a = \"{pi}\"\n") == nil)
        #expect(TopLevelScan.definedNames("a = 1 + b\n") == nil)
        #expect(TopLevelScan.definedNames("a = e\n") == nil)
        #expect(TopLevelScan.definedNames("fn f(x) = x\nprint(1)\n") == nil)
        #expect(TopLevelScan.definedNames("x == 1\n") == nil)
        #expect(TopLevelScan.definedNames("use \"a.soma\"\n") == nil)
        // Names beyond ASCII are left to the parser: the module runs at once.
        #expect(TopLevelScan.definedNames("fn π_half() = 1\n") == nil)
        #expect(TopLevelScan.definedNames("fn f (x) = x\nw2 = 1\n") == ["f", "w2"])
    }
}
