import Foundation
import Testing
@testable import SomaNotebook
import SomaLang

@Suite struct FigureDPITests {
    /// Width and height from a PNG's IHDR chunk.
    private func pngSize(_ data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        func int(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return bytes.count > 24 ? (int(16), int(20)) : (0, 0)
    }

    @Test func cellOptionSetsTheResolution() throws {
        let notebook = try Notebook(parsing: "```soma\n#| fig-dpi: 200\nx = 1\n```\n", path: "n.md")
        let options = try #require(notebook.cells.first).options
        #expect(options.figureDPI == 200)
        #expect(options.lines == ["#| fig-dpi: 200"])
        #expect(throws: (any Error).self) { try Notebook(parsing: "```soma\n#| fig-dpi: 5000\nx = 1\n```\n", path: "n.md") }
    }

    @Test func kernelDefaultAndCellOverride() throws {
        let code = "figure(width: 400, height: 300)\nplot([1, 2, 3])"
        let crisp = SessionKernel(dpi: 200)
        let byDefault = crisp.execute(CellRequest(code: code, path: "n.md", firstLine: 1, cell: 1))
        #expect(pngSize(try #require(byDefault.figures.first)) == (800, 600))
        let overridden = crisp.execute(CellRequest(code: code, path: "n.md", firstLine: 1, cell: 2, figureDPI: 100))
        #expect(pngSize(try #require(overridden.figures.first)) == (400, 300))
    }
}
