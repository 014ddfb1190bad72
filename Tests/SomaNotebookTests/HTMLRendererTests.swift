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

    @Test func isOnePageWithTitleStyleAndMath() throws {
        let html = try renderSample()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Sample notebook</title>"))
        #expect(html.contains("<style>"))
        // Nothing runs and nothing is fetched: no script, a policy that forbids them.
        #expect(!html.contains("<script"))
        #expect(!html.contains("https://"))
        #expect(html.contains("Content-Security-Policy"))
        // TeX stays as text: no emphasis inside it, only HTML escaping.
        #expect(html.contains("$$\\tau_m \\frac{dv}{dt} = -v + v_{in}$$"))
        #expect(html.contains("$v(t)$"))
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
