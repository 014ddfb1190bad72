import Foundation
import Testing
@testable import SomaLang

/// Errors raised in code from another run, cell or `use`d file are drawn
/// against the file that code came from, with notes naming each caller.
@Suite struct ErrorSourceTests {
    func interpreter() -> Interpreter {
        Interpreter(output: Output { _ in })
    }

    /// A fresh folder holding `files` (name → text), for `use`.
    func folder(_ files: [String: String]) throws -> String {
        let path = NSTemporaryDirectory() + "soma-errsrc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }

    @Test func functionFromAnEarlierEntryPointsIntoThatEntry() throws {
        let vm = interpreter()
        let first = SourceFile(name: "<repl 1>", text: "fn g(x) {\n  x + nosuch\n}\n")
        #expect(vm.run(first).diagnostics.isEmpty)
        let second = SourceFile(name: "<repl 2>", text: "g(1)\n")
        let diagnostic = try #require(vm.run(second).diagnostics.first)
        #expect(diagnostic.source?.name == "<repl 1>")
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.span?.start.column == 7)
        #expect(diagnostic.stack.contains("in g, called from <repl 2>:1"), "\(diagnostic.stack)")
        #expect(renderDiagnostic(diagnostic, source: second) == """
        error[name]: undefined name 'nosuch'
         --> <repl 1>:2:7
          |
        2 |   x + nosuch
          |       ^^^^^^
          = note: in g, called from <repl 2>:1
        """)
    }

    @Test func errorsInTheRunningFileKeepItsPlace() throws {
        let source = SourceFile(name: "main.soma", text: "fn f(v) {\n  v + \"a\"\n}\nf(1)\n")
        let diagnostic = try #require(interpreter().run(source).diagnostics.first)
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.stack.contains("in f, called from main.soma:4"), "\(diagnostic.stack)")
        #expect(renderDiagnostic(diagnostic, source: source).contains("2 |   v + \"a\""))
    }

    @Test func notebookCellsAreNamedInCallerNotes() throws {
        let vm = interpreter()
        let cell1 = SourceFile(name: "NB.md", text: "fn inner(x) {\n  x + nosuch\n}\n", firstLine: 55, cell: 3)
        let cell2 = SourceFile(name: "NB.md", text: "fn outer(x) = inner(x)\n", firstLine: 70, cell: 5)
        let cell3 = SourceFile(name: "NB.md", text: "y = 1\nouter(y)\n", firstLine: 80, cell: 6)
        #expect(vm.run(cell1).diagnostics.isEmpty)
        #expect(vm.run(cell2).diagnostics.isEmpty)
        let diagnostic = try #require(vm.run(cell3).diagnostics.first)
        #expect(diagnostic.stack == ["in inner, called from NB.md:70 (cell 5)", "in outer, called from NB.md:81 (cell 6)"])
        let shown = renderDiagnostic(diagnostic, source: cell3)
        #expect(shown.contains("--> NB.md:56:7 (cell 3)"), "\(shown)")
        #expect(shown.contains("56 |   x + nosuch"), "\(shown)")
    }

    @Test func errorInAUsedFileIsShownInThatFile() throws {
        let dir = try folder(["lib.soma": "x = 1\ny = nosuch + x\n"])
        let main = SourceFile(name: dir + "/main.soma", text: "z = 0\nuse \"lib.soma\"\n")
        let diagnostic = try #require(interpreter().run(main).diagnostics.first)
        #expect(diagnostic.source?.name == dir + "/lib.soma")
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.span?.start.column == 5)
        #expect(diagnostic.stack == ["in code used from \(dir)/main.soma:2"])
        #expect(renderDiagnostic(diagnostic, source: main).contains("2 | y = nosuch + x"))
    }

    @Test func functionFromAUsedFileFailsInThatFile() throws {
        let dir = try folder(["lib1.soma": "fn h(v) {\n  v + nosuch\n}\n"])
        let main = SourceFile(name: dir + "/main1.soma", text: "use \"lib1.soma\"\nh(2)\n")
        let diagnostic = try #require(interpreter().run(main).diagnostics.first)
        #expect(diagnostic.source?.name == dir + "/lib1.soma")
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.span?.start.column == 7)
        #expect(diagnostic.stack == ["in h, called from \(dir)/main1.soma:2"])
    }

    @Test func syntaxErrorInAUsedFileIsShownInThatFile() throws {
        let dir = try folder(["bad.soma": "a = 1\nb = (a +\n"])
        let main = SourceFile(name: dir + "/main.soma", text: "use \"bad.soma\"\n")
        let diagnostic = try #require(interpreter().run(main).diagnostics.first)
        #expect(diagnostic.kind == .syntax)
        #expect(diagnostic.source?.name == dir + "/bad.soma")
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.stack.last == "in code used from \(dir)/main.soma:1")
    }

    @Test func aCaughtErrorStillReportsItsLine() throws {
        let vm = interpreter()
        _ = vm.run(SourceFile(name: "<repl 1>", text: "fn g() {\n\n  nosuch\n}\n"))
        let result = vm.run(SourceFile(name: "<repl 2>", text: "r = 0\ntry { g() } catch e { r = e.line }\nr\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.value == Value(3))
    }
}
