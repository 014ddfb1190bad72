import Testing
@testable import SomaNotebook

@Suite struct NotebookParsingTests {
    @Test func splitsProseAndCells() throws {
        let notebook = try Sample.notebook()
        let cells = notebook.cells
        #expect(cells.count == 4)
        #expect(cells.map(\.number) == [1, 2, 3, 4])
        #expect(cells[0].options.isParameters)
        #expect(cells[0].code == "n = 3\nrate = 20ms\n")
        #expect(cells[1].options.name == "inputs")
        #expect(cells[1].code.hasPrefix("x = linspace"))
        #expect(cells[3].options.expectsError)
        #expect(notebook.stem == "sample")
    }

    @Test func cellsKnowTheirNotebookLines() throws {
        let notebook = try Sample.notebook()
        let lines = try Sample.fixture("sample.md").split(separator: "\n", omittingEmptySubsequences: false)
        for cell in notebook.cells {
            let first = cell.code.split(separator: "\n").first.map(String.init)
            #expect(String(lines[cell.firstLine - 1]) == first)
        }
    }

    @Test func otherFencesStayProse() throws {
        let notebook = try Sample.notebook()
        let prose = notebook.blocks.compactMap { block -> String? in
            if case .prose(let text) = block { return text }
            return nil
        }.joined()
        #expect(prose.contains("```python\nprint(\"another language's fence stays prose\")\n```\n"))
        #expect(prose.contains("$$\\tau_m \\frac{dv}{dt} = -v + v_{in}$$\n"))
    }

    @Test func aSomaFenceInsideALongerFenceIsProse() throws {
        let text = "````markdown\n```soma\nx = 1\n```\n````\n\n~~~soma\ny = 2\n~~~\n"
        let notebook = try Notebook(parsing: text, path: "n.md")
        #expect(notebook.cells.count == 1)
        #expect(notebook.cells.first?.code == "y = 2\n")
        #expect(notebook.cells.first?.firstLine == 8)
    }

    @Test func acceptsQuartoStyleTagsAndCRLF() throws {
        let text = "Intro\r\n```{soma}\r\nx = 1\r\n```\r\n"
        let notebook = try Notebook(parsing: text, path: "n.md")
        #expect(notebook.cells.count == 1)
        #expect(notebook.cells.first?.code == "x = 1\r\n")
        #expect(notebook.blocks.first == .prose("Intro\r\n"))
    }

    @Test func anUnclosedCellRunsToTheEnd() throws {
        let notebook = try Notebook(parsing: "```soma\nx = 1", path: "n.md")
        #expect(notebook.cells.first?.code == "x = 1\n")
    }

    @Test func emptyNotebookHasNoBlocks() throws {
        #expect(try Notebook(parsing: "", path: "n.md").blocks.isEmpty)
    }
}
