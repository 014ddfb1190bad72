import Foundation
import Testing
@testable import SomaNotebook

@Suite struct NotebookJSONRendererTests {
    private func renderSample(parameters: [NotebookParameter] = []) throws -> String {
        let kernel = ScriptedKernel(parameters.isEmpty ? Sample.steps : [Sample.steps[0], .output(CellOutput())] + Sample.steps.dropFirst())
        let executed = try NotebookRunner(kernel: kernel, settings: RunSettings(parameters: parameters)).run(Sample.notebook())
        return NotebookJSONRenderer().render(executed)
    }

    @Test func writesCellsOutputsAndMetadata() throws {
        let json = try renderSample()
        let root = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["nbformat"] as? Int == 4)
        #expect(root["nbformat_minor"] as? Int == 5)
        let cells = try #require(root["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "markdown", "code", "code", "markdown", "code", "markdown"])
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        #expect(code.map { $0["execution_count"] as? Int } == [1, 2, 3, 4])
        let outputTypes = code.map { ($0["outputs"] as? [[String: Any]] ?? []).compactMap { $0["output_type"] as? String } }
        #expect(outputTypes == [[], ["stream", "execute_result"], ["display_data", "display_data"], ["error"]])
        let figure = try #require((code[2]["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])
        #expect(figure["image/png"] as? String == Sample.png.base64EncodedString())
        let error = try #require((code[3]["outputs"] as? [[String: Any]])?.first)
        #expect(error["ename"] as? String == "error[shape]")
        #expect((error["traceback"] as? [String])?.contains("  --> sample.md:30:1 (cell 4)") == true)
        #expect(((code[0]["metadata"] as? [String: Any])?["tags"] as? [String]) == ["parameters"])
    }

    @Test func isStableFromRunToRun() throws {
        #expect(try renderSample() == renderSample())
    }

    @Test(.enabled(if: NBFormat.isAvailable, "python3 with nbformat is not installed; skipping nbformat validation"))
    func passesNBFormatValidation() throws {
        let text = "Intro\n\n```soma\n#| echo: false\n1\n```\n\n```soma\n#| skip\n2\n```\n\n```soma\nbad\n```\n\n```soma\n4\n```\n"
        let failing = ScriptedKernel([.output(CellOutput(value: "1")),
                                      .output(CellOutput(stream: "x\n", error: CellFailure(kind: "name", message: "undefined name 'bad'")))])
        let stopped = NotebookJSONRenderer().render(try NotebookRunner(kernel: failing).run(Notebook(parsing: text, path: "n.md")))
        for json in [try renderSample(), try renderSample(parameters: [NotebookParameter(name: "n", literal: "5")]), stopped] {
            let folder = try Sample.scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("sample.ipynb")
            try json.write(to: file, atomically: true, encoding: .utf8)
            let result = try NBFormat.validate(file)
            #expect(result.status == 0, "nbformat rejected the notebook: \(result.message)")
        }
    }
}

/// Runs nbformat's own validator through python3.
enum NBFormat {
    static let isAvailable: Bool = (try? run(["-c", "import nbformat"]).status == 0) ?? false

    static func validate(_ file: URL) throws -> (status: Int32, message: String) {
        try run(["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", file.path])
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, message: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }
}
