import Foundation
import Testing
@testable import SomaNotebook

@Suite struct HTMLRendererTests {
    private func renderSample() throws -> String {
        let executed = try NotebookRunner(kernel: ScriptedKernel(Sample.steps)).run(Sample.notebook())
        return HTMLRenderer().render(executed)
    }

    @Test func inlinesEveryFigureAsADataURI() throws {
        let html = try renderSample()
        let uri = "<img src=\"data:image/png;base64,\(Sample.png.base64EncodedString())\""
        #expect(html.components(separatedBy: uri).count == 3)
        #expect(!html.contains("src=\"cell3-fig1.png\""), "figures must not be linked as files")
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(SHA256.base64(String(repeating: "a", count: 1000)) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=")
    }

    @Test func isOnePageWithTitleStyleAndMath() throws {
        let html = try renderSample()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Sample notebook</title>"))
        #expect(html.contains("<style>"))
        // Math typesets offline: KaTeX is inlined when the system has it, and nothing is fetched.
        #expect(!html.contains("src=\"http"), "the page must load nothing from the network")
        #expect(html.contains("Content-Security-Policy"))
        if MathTypesetting.system != nil {
            #expect(html.contains("renderMathInElement"))
            #expect(html.contains("url(data:font/woff2;base64,"))
            #expect(!html.contains("url(fonts/"), "every font must be inlined")
            // Only the page's own scripts may run: each is named by its hash in the policy.
            for script in HTMLRenderer.inlineScripts(in: html) {
                #expect(html.contains("'sha256-\(SHA256.base64(script))'"))
            }
        } else {
            #expect(!html.contains("<script"))
        }
        // TeX is left for KaTeX: no emphasis inside it, only HTML escaping.
        #expect(html.contains("$$\\tau_m \\frac{dv}{dt} = -v + v_{in}$$"))
        #expect(html.contains("$v(t)$"))
    }

    @Test func pagesWithoutMathCarryNoTypesetter() throws {
        let notebook = try Notebook(parsing: "# Plain\n\nNo formulas here.\n", path: "plain.md")
        let executed = try NotebookRunner(kernel: ScriptedKernel([])).run(notebook)
        let html = HTMLRenderer().render(executed)
        #expect(!html.contains("renderMathInElement"))
        #expect(html.count < 20_000)
    }

    @Test func scriptTextCannotCloseItsElement() {
        #expect(MathTypesetting.safeInScript("a</script>b</SCRIPT>") == "a<\\/script>b<\\/script>")
    }

    @Test func showsOutputsErrorsAndHighlightedCode() throws {
        let html = try renderSample()
        #expect(html.contains("<pre class=\"stream\">inputs: [0, 1.5, 3]</pre>"))
        #expect(html.contains("<pre class=\"value\">[0, 1.5, 3]</pre>"))
        #expect(html.contains("<pre class=\"error\">error[shape]: cannot add tensors of shape [2] and [3]"))
        #expect(html.contains("<section class=\"cell expected-error\" id=\"cell-4\">"))
        #expect(html.contains("print(<span class=\"str\">&quot;inputs:&quot;</span>, x)"))
        #expect(html.contains("<pre><code class=\"language-python\">"))
    }

    @Test func highlightsKeywordsNumbersStringsAndComments() {
        let html = SomaHighlighter.html("fn f(x) = x^2 + 20ms # square\ny = \"a<b\" and true")
        #expect(html == "<span class=\"kw\">fn</span> f(x) = x^<span class=\"num\">2</span> + <span class=\"num\">20ms</span> "
            + "<span class=\"com\"># square</span>\ny = <span class=\"str\">&quot;a&lt;b&quot;</span> "
            + "<span class=\"kw\">and</span> <span class=\"kw\">true</span>")
        #expect(SomaHighlighter.html("x2 = 1e-3") == "x2 = <span class=\"num\">1e-3</span>")
    }
}
