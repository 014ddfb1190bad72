import Foundation
import Testing
import SomaLang
import SomaLibrary

/// Every builtin, every member of a bound object type and every documented
/// Stdlib function has a doc in the one format (`DocText`): a one-sentence
/// summary line, details, and an example that runs in a fresh session.
struct DocTests {
    static let entries: [DocEntry] = DocCatalog.entries(in: Session(output: { _ in }))

    @Test func theCatalogHoldsEveryKind() {
        let kinds = Set(DocTests.entries.map(\.kind))
        #expect(kinds == [.builtin, .method, .field, .stdlib])
        #expect(DocTests.entries.count > 300, "only \(DocTests.entries.count) documented names")
        for name in ["linspace", "plot", "Network.learn", "Perceptron.learn", "Figure.save", "square", "som_learn"] {
            #expect(DocTests.entries.contains { $0.name == name }, "\(name) is not in the catalog")
        }
    }

    @Test func everyDocHasASummaryAndAnExample() {
        let failures = DocTests.entries.compactMap { entry -> String? in
            let problems = entry.problems
            return problems.isEmpty ? nil : "\(entry.name): \(problems.joined(separator: "; "))"
        }
        let report = "\(failures.count) docs do not follow the format:\n" + failures.joined(separator: "\n")
        #expect(failures.isEmpty, "\(report)")
    }

    /// The entries that have an example.
    static let examples: [DocEntry] = entries.filter { $0.text.example != nil }

    /// Each example runs alone, in a new session that may write only in a
    /// temporary folder; figures it draws are rendered too. An example whose
    /// last line is a comparison must hold, and the objects it makes must
    /// have a summary for every method.
    @Test("doc example runs", arguments: DocTests.examples)
    func exampleRuns(_ entry: DocEntry) throws {
        let example = try #require(entry.text.example)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("soma-doc-example-\(getpid())-\(entry.name)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let session = Session(output: { _ in })
        session.filePolicy = FilePolicy(readable: [folder], writable: [folder], writeBase: folder, host: "the docs test",
                                        readPlace: "the example's folder", writePlace: "the example's folder")
        let result = session.run(SourceFile(name: folder + "/example.soma", text: example))
        if let diagnostic = result.diagnostics.first {
            Issue.record("\(entry.name): \(diagnostic.kind.rawValue): \(diagnostic.message)")
            return
        }
        if case .bool(false)? = result.value { Issue.record("\(entry.name): the example's comparison is false") }
        _ = try session.takeFigures(dpi: 10)
        for problem in DocTests.undocumentedMembers(in: session) { Issue.record("\(entry.name): \(problem)") }
    }

    /// Members of the objects an example left in its globals (the Stdlib's
    /// script objects: SOM, Chain, RNN, ...) whose doc has no summary sentence.
    static func undocumentedMembers(in session: Session) -> [String] {
        var found: [String] = []
        for name in session.globalNames {
            guard case .object(let object)? = session.interpreter.global(name) else { continue }
            var members = object.methodNames.compactMap { method in object.method(method).map { (method, $0) } }
            if let call = object.callable { members.append(("call", call)) }
            for (method, builtin) in members {
                let problems = DocText(builtin.doc).problems.filter { $0 != "no example" }
                if !problems.isEmpty { found.append("\(object.typeName).\(method): \(problems.joined(separator: "; "))") }
            }
        }
        return found
    }

    @Test func aDocSplitsIntoSummaryDetailsAndExample() {
        let one = DocText("Squares x.\nWorks on tensors too.\nExample: square(3) == 9")
        #expect(one.summary == "Squares x.")
        #expect(one.details == "Works on tensors too.")
        #expect(one.example == "square(3) == 9")
        #expect(one.problems.isEmpty)
        let block = DocText("Trains the network.\n\nExample:\n    net = Network([2, 1])\n      net.learn(X, T)\n")
        #expect(block.details == "")
        #expect(block.example == "net = Network([2, 1])\n  net.learn(X, T)")
        #expect(DocText("Two sentences. Here.\nExample: 1").problems == ["the summary is more than one sentence"])
        #expect(DocText("no stop").problems == ["the summary does not end with a full stop", "no example"])
        #expect(DocText("Uses e.g. Adam (or SGD).\nExample: 1").problems.isEmpty)
    }

    @Test func helpShowsSignatureSummaryDetailsAndExample() throws {
        let text = DocText("Squares x.\nWorks on tensors too.\nExample: square(3) == 9").rendered(signature: "square(x)")
        #expect(text == "square(x)\nSquares x.\n\nWorks on tensors too.\n\nExample:\n    square(3) == 9")
        let session = Session(output: { _ in })
        let doc = try #require(session.doc("linspace"))
        #expect(doc.hasPrefix("linspace("))
        #expect(doc.contains("\n\nExample:\n    "))
        #expect(session.doc("Network.learn")?.hasPrefix("learn(X, T") == true)
        var printed = ""
        let listing = Session(output: { printed += $0 })
        _ = listing.run("help()\nhelp(\"Figure.save\")")
        #expect(printed.contains("Builtins:\n") && printed.contains(" linspace "))
        #expect(printed.contains("Stdlib functions (written in Soma):\n") && printed.contains(" relative_error "))
        #expect(printed.contains("save(path, dpi: 100)\nWrites the figure as a PNG file.\n\nExample:\n    fig = figure()"))
    }
}

extension DocEntry: CustomTestStringConvertible {
    public var testDescription: String { name }
}
