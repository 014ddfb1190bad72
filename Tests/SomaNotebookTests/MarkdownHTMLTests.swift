import Testing
@testable import SomaNotebook

@Suite struct MarkdownHTMLTests {
    @Test(arguments: [
        ("# Title\n", "<h1 id=\"title\">Title</h1>\n"),
        ("Some *em*, **strong**, `code` and [a link](https://x.org).\n",
         "<p>Some <em>em</em>, <strong>strong</strong>, <code>code</code> and <a href=\"https://x.org\">a link</a>.</p>\n"),
        ("snake_case_name and v_in stay\n", "<p>snake_case_name and v_in stay</p>\n"),
        ("rate $r = G(v_{in})$ at $5 and $6\n", "<p>rate $r = G(v_{in})$ at $5 and $6</p>\n"),
        ("a < b & c\n", "<p>a &lt; b &amp; c</p>\n"),
        ("- one\n- two\n  more\n", "<ul>\n<li>one</li>\n<li>two\nmore</li>\n</ul>\n"),
        ("1. first\n2. second\n", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n"),
        ("> quoted\n", "<blockquote>\n<p>quoted</p>\n</blockquote>\n"),
        ("---\n", "<hr>\n"),
        ("| a | b |\n|---|--:|\n| 1 | 2 |\n",
         "<table>\n<thead>\n<tr><th>a</th><th style=\"text-align:right\">b</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td style=\"text-align:right\">2</td></tr>\n</tbody>\n</table>\n"),
        ("![plot](f.png)\n", "<p><img src=\"f.png\" alt=\"plot\"></p>\n"),
        ("$$\nE = -\\frac{1}{2} x^T W x\n$$\n", "<div class=\"math\">$$\nE = -\\frac{1}{2} x^T W x\n$$</div>\n"),
        ("Setext\n===\n", "<h1>Setext</h1>\n"),
        ("\\*not em\\*\n", "<p>*not em*</p>\n"),
    ])
    func rendersCommonMarkdown(markdown: String, html: String) {
        #expect(MarkdownHTML.html(markdown) == html)
    }

    @Test func nestedListsAndCodeInsideThem() {
        let html = MarkdownHTML.html("- outer\n  - inner\n- next\n")
        #expect(html == "<ul>\n<li>outer\n<ul>\n<li>inner</li>\n</ul></li>\n<li>next</li>\n</ul>\n")
    }
}
