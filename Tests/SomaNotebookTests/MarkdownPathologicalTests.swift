import Foundation
import Testing
@testable import SomaNotebook

/// Prose built to defeat a naive Markdown renderer still renders, and nesting
/// beyond the limits degrades to plain paragraphs. These inputs took minutes
/// with the quadratic renderer; the suite has no timed assertions (speed is
/// measured in Benchmarks/), so a regression shows as a suite that crawls.
@Suite struct MarkdownPathologicalTests {
    private func render(_ markdown: String) -> String {
        MarkdownHTML.html(markdown)
    }

    @Test func unclosedOpenersCostLinearTime() {
        // Results are checked as Booleans so a failure does not print megabytes.
        let brackets = render(String(repeating: "[", count: 100_000)).hasPrefix("<p>[[[")
        #expect(brackets)
        let images = render(String(repeating: "![x](", count: 20_000)).contains("![x](")
        #expect(images)
        let stars = render(String(repeating: "*a ", count: 50_000)).contains("*a *a")
        #expect(stars)
        let tags = render("x " + String(repeating: "<a ", count: 50_000)).contains("&lt;a")
        #expect(tags)
        let math = render("x " + String(repeating: "$$a ", count: 20_000)).hasPrefix("<p>x ")
        #expect(math)
    }

    @Test func deepNestingBecomesParagraphs() {
        let quotes = render(String(repeating: "> ", count: 20_000) + "x")
        let quoteLevels = quotes.components(separatedBy: "<blockquote>").count - 1
        #expect(quoteLevels == MarkdownHTML.blockDepthLimit)
        let list = render((0..<2_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n"))
        let listShown = list.contains("<ul>") && list.contains("item")
        #expect(listShown)
        let links = render(String(repeating: "[", count: 5_000) + "x" + String(repeating: "](u)", count: 5_000))
        let linkShown = links.contains("<a href=\"u\">")
        #expect(linkShown)
        let emphasis = render(String(repeating: "*a _", count: 5_000) + String(repeating: "b_ b*", count: 5_000))
        let emphasisShown = emphasis.contains("<em>")
        #expect(emphasisShown)
    }

    @Test func linksAndEmphasisStillRender() {
        let html = MarkdownHTML.html("See [the *docs*](https://x.org) and ![plot](fig.png), **bold** `code` $a_b$.")
        #expect(html.contains("<a href=\"https://x.org\">the <em>docs</em></a>"))
        #expect(html.contains("<img src=\"fig.png\" alt=\"plot\">"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("<code>code</code>"))
        #expect(html.contains("$a_b$"))
    }
}
