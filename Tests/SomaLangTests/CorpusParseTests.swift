import Foundation
import Testing
@testable import SomaLang

/// Every course notebook cell, Stdlib file and test script must parse: a
/// guard that grammar changes do not break code people already wrote.
@Suite struct CorpusParseTests {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `(label, source)` for each piece of Soma code in the repository.
    static func corpus() -> [(String, SourceFile)] {
        var pieces: [(String, SourceFile)] = []
        let manager = FileManager.default
        for folder in ["Notebooks", "Stdlib", "Tests/Scripts"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = manager.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker {
                let path = base.appendingPathComponent(relative).path
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                if relative.hasSuffix(".soma") {
                    // Scripts that test syntax errors on purpose are skipped.
                    if text.contains("expect error[syntax]") { continue }
                    pieces.append(("\(folder)/\(relative)", SourceFile(name: path, text: text)))
                } else if relative.hasSuffix(".md") {
                    pieces += cells(of: text, path: path).map { ("\(folder)/\(relative) cell \($0.cell ?? 0)", $0) }
                }
            }
        }
        return pieces
    }

    /// The ```soma fenced blocks of a Markdown notebook, placed at their lines.
    static func cells(of text: String, path: String) -> [SourceFile] {
        var cells: [SourceFile] = []
        var current: [Substring]?
        var firstLine = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line.hasPrefix("```soma") {
                current = []
                firstLine = index + 2
            } else if let lines = current, line.hasPrefix("```") {
                cells.append(SourceFile(name: path, text: lines.joined(separator: "\n"),
                                        firstLine: firstLine, cell: cells.count + 1))
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return cells
    }

    @Test func everyPieceOfSomaParses() {
        let pieces = CorpusParseTests.corpus()
        #expect(pieces.count > 20, "found only \(pieces.count) pieces of Soma under \(CorpusParseTests.root.path)")
        for (label, source) in pieces {
            let diagnostics = Parser.parse(source).diagnostics
            #expect(diagnostics.isEmpty, "\(label):\n\(renderDiagnostics(diagnostics, source: source))")
        }
    }

    @Test func notebookCellsAreFound() {
        let cells = CorpusParseTests.cells(of: "# Title\n```soma\nx = 1\n```\ntext\n```soma\ny = 2\nz = 3\n```\n", path: "nb.md")
        #expect(cells.map(\.text) == ["x = 1", "y = 2\nz = 3"])
        #expect(cells.map(\.firstLine) == [3, 7])
        #expect(cells.map(\.cell) == [1, 2])
    }
}
