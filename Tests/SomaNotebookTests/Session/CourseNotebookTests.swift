import Foundation
import Testing
@testable import SomaNotebook

/// Runs every notebook in Notebooks/ through a real Soma session, as
/// `soma run` would; any failing cell or `assert` fails the test.
@Suite struct CourseNotebookTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Notebooks")

    /// The notebooks found when the tests start: every `*.md` with at least one cell.
    static var notebooks: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") }.sorted().filter { name in
            let notebook = try? NotebookBatch.load(folder.appendingPathComponent(name).path)
            return notebook.map { !$0.cells.isEmpty } ?? true
        }
    }

    @Test func theNotebooksFolderHasNotebooks() {
        #expect(!Self.notebooks.isEmpty, "no notebooks with cells in \(Self.folder.path)")
    }

    @Test(arguments: notebooks)
    func runsWithoutAFailingCell(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let notebook = try NotebookBatch.load(path)
        // Keep going, so one run reports every failing cell of the notebook.
        let settings = RunSettings(timeout: 300, keepGoing: true)
        let executed = try NotebookRunner(kernel: SessionKernel(), settings: settings).run(notebook)
        for (cell, result) in executed.results where result.status.isFailure {
            Issue.record("\(name) \(cell.label) \(result.status.rawValue):\n\(result.output.error?.rendered ?? "")")
        }
        // Every rendering must be producible from a real run.
        let json = NotebookJSONRenderer().render(executed)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
        #expect(!HTMLRenderer().render(executed).isEmpty)
    }
}
