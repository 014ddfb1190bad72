import Foundation
import Testing
@testable import SomaNotebook

/// The output folder is written whole, keeps the user's files, and is never the source.
@Suite struct OutputFolderTests {
    private func names(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func aRunIsInvisibleUntilCommitThenReplacesTheFolderWhole() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("nb.md").path
        try "x".write(toFile: source, atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("out")
        let first = try OutputFolder.open(root: out, stem: "nb", source: source)
        try Data("one".utf8).write(to: first.staging.appendingPathComponent("nb.md"))
        try Data("fig".utf8).write(to: first.staging.appendingPathComponent("cell1-fig1.png"))
        #expect(!FileManager.default.fileExists(atPath: first.target.path))
        try first.commit()
        #expect(names(first.target) == [".soma-manifest", "cell1-fig1.png", "nb.md"])

        try Data("mine".utf8).write(to: first.target.appendingPathComponent("notes-fig1.png"))
        let second = try OutputFolder.open(root: out, stem: "nb", source: source)
        try Data("two".utf8).write(to: second.staging.appendingPathComponent("nb.md"))
        #expect(try String(contentsOf: first.target.appendingPathComponent("nb.md"), encoding: .utf8) == "one")
        try second.commit()
        #expect(names(second.target) == [".soma-manifest", "nb.md", "notes-fig1.png"])
        #expect(try String(contentsOf: second.target.appendingPathComponent("notes-fig1.png"), encoding: .utf8) == "mine")
        #expect(names(out).filter { !$0.hasPrefix(".") } == ["nb"])
        #expect(!names(out).contains { $0.contains("staging") || $0.contains("soma-old") })
    }

    @Test func aDiscardedRunLeavesThePreviousOutput() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("nb.md").path
        let out = root.appendingPathComponent("out")
        let first = try OutputFolder.open(root: out, stem: "nb", source: source)
        try Data("one".utf8).write(to: first.staging.appendingPathComponent("nb.md"))
        try first.commit()
        let second = try OutputFolder.open(root: out, stem: "nb", source: source)
        try Data("half".utf8).write(to: second.staging.appendingPathComponent("nb.md"))
        second.discard()
        #expect(try String(contentsOf: first.target.appendingPathComponent("nb.md"), encoding: .utf8) == "one")
        #expect(names(out) == [".nb.lock", "nb"])
    }

    @Test func aSecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("nb.md").path
        let out = root.appendingPathComponent("out")
        let first = try OutputFolder.open(root: out, stem: "nb", source: source)
        #expect(throws: NotebookError.self) { try OutputFolder.open(root: out, stem: "nb", source: source) }
        first.discard()
        let again = try OutputFolder.open(root: out, stem: "nb", source: source)
        again.discard()
    }

    @Test func aUsersFileNamedLikeARenderingIsNeverReplaced() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("nb.md").path
        let out = root.appendingPathComponent("out")
        let first = try OutputFolder.open(root: out, stem: "nb", source: source)
        try Data("one".utf8).write(to: first.staging.appendingPathComponent("nb.md"))
        try first.commit()
        try Data("user".utf8).write(to: first.target.appendingPathComponent("nb.html"))
        #expect(throws: NotebookError.self) { try OutputFolder.open(root: out, stem: "nb", source: source) }
        // A figure name is known only after the run: refused at commit, old folder kept.
        try Data("user".utf8).write(to: first.target.appendingPathComponent("cell1-fig1.png"))
        let second = try OutputFolder.open(root: out, stem: "nb", source: source, formats: [.markdown])
        try Data("fig".utf8).write(to: second.staging.appendingPathComponent("cell1-fig1.png"))
        #expect(throws: OutputError.self) { try second.commit() }
        #expect(try String(contentsOf: first.target.appendingPathComponent("cell1-fig1.png"), encoding: .utf8) == "user")
    }

    @Test(arguments: [
        ("lab3/lab3.md", ".", "lab3"),         // soma run --out . lab3/lab3.md
        ("out/x/x.md", "out", "x"),            // a notebook inside its own output folder
        ("nb.md", ".", ".."),                  // a stem that leaves --out ('...md')
        ("nb.md", ".", ""),
    ])
    func refusesOutputThatWouldTouchTheSource(source: String, out: String, stem: String) throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let sourceURL = root.appendingPathComponent(source)
        try FileManager.default.createDirectory(at: sourceURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "x".write(to: sourceURL, atomically: true, encoding: .utf8)
        #expect(throws: NotebookError.self) {
            try OutputFolder.check(root: root.appendingPathComponent(out), stem: stem, source: sourceURL.path)
        }
    }

    @Test func refusesAnOutputFolderThatCannotBeCreated() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("afile")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: NotebookError.self) {
            try OutputFolder.check(root: file.appendingPathComponent("out"), stem: "nb", source: root.appendingPathComponent("nb.md").path)
        }
    }

    @Test func crOnlyNotebooksSplitIntoCells() throws {
        let notebook = try Notebook(parsing: "# T\r\rText.\r\r```soma\rx = 1\ry = 2\r```\r", path: "cr.md")
        #expect(notebook.cells.count == 1)
        #expect(notebook.cells.first?.code == "x = 1\ny = 2\n")
        #expect(notebook.cells.first?.firstLine == 6)
    }
}
