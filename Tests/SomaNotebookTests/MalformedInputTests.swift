import Foundation
import Testing
@testable import SomaNotebook

/// Whatever a notebook holds, parsing and rendering it must not trap.
@Suite struct MalformedInputTests {
    /// Deterministic pseudo-random text built from Markdown's and Soma's special characters.
    private static func samples(count: Int) -> [String] {
        let alphabet: [String] = ["*", "_", "`", "```", "```soma\n", "~~~", "$", "$$", "[", "]", "(", ")", "!",
                                  "<", ">", "#", "# ", "- ", "1. ", "|", "\n", "\r\n", " ", "    ", "a", "1", ".",
                                  "\\", "{", "}", "\"", "#| ", "name: x", ":", "τ", "=", "e"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<next(60)).map { _ in alphabet[next(alphabet.count)] }.joined() }
    }

    @Test func parsingAndRenderingNeverTrap() {
        for text in Self.samples(count: 3000) {
            _ = MarkdownHTML.html(text)
            _ = SomaHighlighter.html(text)
            _ = SomaLiteral.isValid(text)
            _ = try? NotebookParameter(argument: text)
            if let notebook = try? Notebook(parsing: text, path: "fuzz.md") {
                let executed = try? NotebookRunner(kernel: ScriptedKernel([])).run(notebook)
                if let executed {
                    _ = MarkdownRenderer().render(executed)
                    _ = HTMLRenderer().render(executed)
                    _ = NotebookJSONRenderer().render(executed)
                }
            }
            _ = try? NotebookImport.markdown(fromIPYNB: Data(text.utf8), path: "fuzz.ipynb")
        }
    }
}
