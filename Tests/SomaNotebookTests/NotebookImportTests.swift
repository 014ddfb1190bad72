import Foundation
import Testing
@testable import SomaNotebook

@Suite struct NotebookImportTests {
    @Test func convertsCodeAndMarkdownCellsAndDropsOutputs() throws {
        let json = """
        {"cells": [
          {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Title\\n", "\\n", "Some prose."]},
          {"cell_type": "code", "id": "b", "execution_count": 1, "metadata": {"tags": ["parameters"]},
           "outputs": [{"output_type": "stream", "name": "stdout", "text": "hidden"}], "source": "n = 3"},
          {"cell_type": "code", "id": "c", "execution_count": 2, "metadata": {"tags": ["injected-parameters"]},
           "outputs": [], "source": "n = 5"},
          {"cell_type": "code", "id": "d", "execution_count": 3, "metadata": {"jupyter": {"source_hidden": true}},
           "outputs": [], "source": ["x = n^2\\n", "x"]}
        ],
        "metadata": {"kernelspec": {"name": "soma", "display_name": "Soma", "language": "soma"}},
        "nbformat": 4, "nbformat_minor": 5}
        """
        let markdown = try NotebookImport.markdown(fromIPYNB: Data(json.utf8), path: "a.ipynb")
        #expect(markdown == "# Title\n\nSome prose.\n\n```soma\n#| parameters\nn = 3\n```\n\n```soma\n#| echo: false\nx = n^2\nx\n```\n")
        let notebook = try Notebook(parsing: markdown, path: "a.md")
        #expect(notebook.cells.map(\.code) == ["n = 3\n", "x = n^2\nx\n"])
    }

    @Test func roundTripsWhatSomaRunWrites() throws {
        let executed = try NotebookRunner(kernel: ScriptedKernel(Sample.steps)).run(Sample.notebook())
        let json = NotebookJSONRenderer().render(executed)
        let markdown = try NotebookImport.markdown(fromIPYNB: Data(json.utf8), path: "sample.ipynb")
        let back = try Notebook(parsing: markdown, path: "sample.md")
        let original = try Sample.notebook()
        #expect(back.cells.map(\.code) == original.cells.map(\.code))
        #expect(back.cells.map(\.options) == original.cells.map(\.options))
        #expect(markdown.contains("```python\nprint(\"another language's fence stays prose\")\n```"))
    }

    @Test(arguments: [
        ("not json", "not valid JSON"),
        ("{\"cells\": 3}", "no 'cells' list"),
        ("{\"cells\": [], \"nbformat\": 3}", "too old"),
        ("{\"cells\": [], \"metadata\": {\"language_info\": {\"name\": \"python\"}}}", "'python', not Soma"),
        ("{\"cells\": [{\"source\": \"x\"}]}", "no cell_type"),
        ("{\"cells\": [{\"cell_type\": \"code\", \"source\": 3}]}", "not text"),
    ])
    func rejectsWhatIsNotASomaNotebook(json: String, message: String) {
        do {
            _ = try NotebookImport.markdown(fromIPYNB: Data(json.utf8), path: "x.ipynb")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
