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

    @Test func topLevelScan() {
        #expect(TopLevelScan.definedNames("## doc\nfn f(x) = x\n  y = 2\ng = grad(f)\n}\n") == ["f", "g"])
        #expect(TopLevelScan.definedNames("fn f(x) = x\nprint(1)\n") == nil)
        #expect(TopLevelScan.definedNames("x == 1\n") == nil)
        #expect(TopLevelScan.definedNames("use \"a.soma\"\n") == nil)
        // Names beyond ASCII are left to the parser: the module runs at once.
        #expect(TopLevelScan.definedNames("fn π_half() = 1\n") == nil)
        #expect(TopLevelScan.definedNames("fn f (x) = x\nw2 = 1\n") == ["f", "w2"])
    }
}
