import Foundation
import Testing
@testable import SomaNotebook

/// Raw HTML and links in a notebook's prose, as a hostile author writes them:
/// nothing active may come out of the renderer, in any position.
@Suite struct HTMLSanitizerTests {
    /// Pieces of prose that try to run script, load from the network or
    /// submit somewhere; each is also tried inside a table cell, a list item,
    /// a heading and link text.
    static let corpus = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" ONERROR = 'alert(1)'>",
        "<img/src=x/onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<base href=\"https://evil.example/\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<details open ontoggle=alert(1)>",
        "<p style=\"background:url(https://evil.example/p.png)\">x</p>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
        "<img src=\"https://evil.example/track.png\">",
        "<img src=\"//evil.example/track.png\">",
        "<scr<script>ipt>alert(1)</script>",
        "<a title=\">\" onclick=alert(1)>x</a>",
        "<!--><script>alert(1)</script>-->",
        "[x](javascript:alert(1))",
        "[x](  JAVASCRIPT:alert(1))",
        "![x](https://evil.example/track.png)",
        "![x](javascript:alert(1))",
        "<https://example.org/\" onmouseover=\"alert(1)>",
    ]

    static func positions(_ piece: String) -> [String] {
        [piece, "| a | b |\n|---|---|\n| \(piece) | y |\n", "- item \(piece)\n- two\n",
         "## Heading \(piece)\n", "[link \(piece)](https://example.org/)\n", "> quoted \(piece)\n"]
    }

    /// Every tag in the HTML, lowercased.
    static func tags(_ html: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            tags.append(String(rest[open...close]).lowercased())
            rest = after[after.index(after: close)...]
        }
        return tags
    }

    static func activeContent(in html: String) -> String? {
        let banned = ["script", "iframe", "object", "embed", "form", "base", "svg", "math", "style", "link", "meta", "input"]
        for tag in tags(html) {
            let name = tag.dropFirst().drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
            if banned.contains(String(name)) { return tag }
            for word in ["javascript:", "vbscript:", "data:text/html", "evil.example", " style="] where tag.contains(word) {
                return tag
            }
            // Attribute names only: values are double-quoted with quotes escaped inside.
            let names = tag.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
            if names.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil { return tag }
        }
        return nil
    }

    @Test(arguments: corpus) func proseCarriesNoActiveContent(piece: String) {
        for text in Self.positions(piece) {
            let html = MarkdownHTML.html(text)
            #expect(Self.activeContent(in: html) == nil, "\(text) -> \(html)")
        }
    }

    @Test func theWholePageCarriesNoActiveContent() {
        let prose = "# T <script>alert(1)</script>\n\n" + Self.corpus.flatMap(Self.positions).joined(separator: "\n\n")
        let notebook = Notebook(path: "x.md", blocks: [.prose(prose)])
        let html = HTMLRenderer().render(ExecutedNotebook(notebook: notebook, blocks: [.prose(prose)]))
        let body = html.components(separatedBy: "<body>").last ?? ""
        #expect(Self.activeContent(in: body) == nil)
        #expect(!html.contains("<script"))
    }

    @Test func allowedFormattingTablesImagesAndLinksStay() {
        let html = MarkdownHTML.html("""
            <b>bold</b> <em>em</em> <a href="https://example.org/x?a=1&amp;b=2" title="t">link</a>
            <img src="fig.png" alt="a figure" width="200"> <sub>2</sub>

            <table><tr><td colspan="2">cell</td></tr></table>
            """)
        #expect(html.contains("<b>bold</b>"))
        #expect(html.contains("<em>em</em>"))
        #expect(html.contains("<a href=\"https://example.org/x?a=1&amp;b=2\" title=\"t\">link</a>"))
        #expect(html.contains("<img src=\"fig.png\" alt=\"a figure\" width=\"200\">"))
        #expect(html.contains("<td colspan=\"2\">cell</td>"))
    }

    @Test func refusedTagsShowAsTextAndEntitiesStay() {
        #expect(HTMLSanitizer.clean("<script>x()</script> &amp; &copy; a & b")
                == "&lt;script&gt;x()&lt;/script&gt; &amp; &copy; a &amp; b")
        #expect(HTMLSanitizer.clean("<b onclick=\"x()\">hi</b>") == "<b>hi</b>")
        #expect(HTMLSanitizer.clean("<a href=\"javascript:x()\">y</a>") == "<a>y</a>")
    }

    @Test func linkAndImageSchemes() {
        #expect(HTMLSanitizer.isSafeLink("https://example.org"))
        #expect(HTMLSanitizer.isSafeLink("#section"))
        #expect(HTMLSanitizer.isSafeLink("other.html"))
        #expect(HTMLSanitizer.isSafeLink("mailto:a@b.org"))
        #expect(!HTMLSanitizer.isSafeLink("java\nscript:x"))
        #expect(!HTMLSanitizer.isSafeLink("data:text/html,x"))
        #expect(HTMLSanitizer.isSafeImage("data:image/png;base64,AAAA"))
        #expect(HTMLSanitizer.isSafeImage("figs/a.png"))
        #expect(!HTMLSanitizer.isSafeImage("https://example.org/a.png"))
        #expect(!HTMLSanitizer.isSafeImage("data:image/svg+xml,<svg onload=x>"))
    }
}
