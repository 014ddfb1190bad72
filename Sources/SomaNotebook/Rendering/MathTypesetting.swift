import Foundation
import SomaLang

/// KaTeX, from Debian's libjs-katex (Scripts/setup installs it), inlined into
/// a page with its fonts so `$...$` and `$$...$$` typeset with no network.
///
/// Only pages whose prose holds math get it (about 600 KB: the script, the
/// stylesheet and the woff2 fonts as `data:` URIs). Without the package the
/// page keeps the TeX as written, readable but not typeset.
struct MathTypesetting: Sendable {
    /// The `<style>` and `<script>` elements that typeset the page's math.
    let head: String

    /// KaTeX from the system, read once per process; nil when it is not installed.
    static let system: MathTypesetting? = MathTypesetting(folder: "/usr/share/javascript/katex")

    init?(folder: String) {
        func read(_ path: String) -> String? {
            (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))).flatMap { String(data: $0, encoding: .utf8) }
        }
        guard let script = read("katex.min.js") ?? read("katex.js"),
              let autoRender = read("contrib/auto-render.min.js") ?? read("contrib/auto-render.js"),
              let css = read("katex.min.css") ?? read("katex.css") else { return nil }
        let styles = MathTypesetting.inliningFonts(css, folder: folder)
        head = """
        <style>
        \(styles)
        </style>
        <script>
        \(MathTypesetting.safeInScript(script))
        </script>
        <script>
        \(MathTypesetting.safeInScript(autoRender))
        </script>
        <script>
        document.addEventListener("DOMContentLoaded", function () {
          renderMathInElement(document.querySelector("main"), {
            delimiters: [
              {left: "$$", right: "$$", display: true}, {left: "\\\\[", right: "\\\\]", display: true},
              {left: "$", right: "$", display: false}, {left: "\\\\(", right: "\\\\)", display: false}
            ],
            ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code"],
            throwOnError: false
          });
        });
        </script>
        """
    }

    /// Whether rendered prose holds math KaTeX would typeset.
    static func hasMath(_ html: String) -> Bool {
        html.contains("$") || html.contains("\\(") || html.contains("\\[")
    }

    /// The stylesheet with each font's woff2 file as a `data:` URI (the woff
    /// and ttf fallbacks dropped: every current browser reads woff2).
    static func inliningFonts(_ css: String, folder: String) -> String {
        var out = ""
        var rest = Substring(css)
        while let start = rest.range(of: "src:") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: ";") ?? rest.firstIndex(of: "}") else { break }
            let sources = rest[..<end]
            if let open = sources.range(of: "url("), let close = sources[open.upperBound...].firstIndex(of: ")") {
                let path = String(sources[open.upperBound..<close]).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                if path.hasSuffix(".woff2"), let font = try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)) {
                    out += "url(data:font/woff2;base64,\(font.base64EncodedString())) format('woff2')"
                    rest = rest[end...]
                    continue
                }
            }
            out += sources
            rest = rest[end...]
        }
        return out + rest
    }

    /// A script's text as it may sit inside `<script>`: `</script` cannot end it early.
    static func safeInScript(_ text: String) -> String {
        text.replacingOccurrences(of: "</script", with: "<\\/script", options: .caseInsensitive)
    }
}
