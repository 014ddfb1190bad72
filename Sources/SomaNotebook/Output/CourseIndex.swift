import Foundation

/// `out/index.html`: the notebooks of one `soma run` as a site — each
/// notebook's title, status, run time and a thumbnail of its first figure,
/// linking to its page. Paths are relative, so `out/` can be published as it
/// is; the page holds no script.
public struct CourseIndex {
    /// One notebook's card.
    public struct Entry: Equatable, Sendable {
        public var title: String
        /// The rendered page, relative to the index (`02-lif/02-lif.html`).
        public var page: String
        /// Whether every cell ran.
        public var succeeded: Bool
        /// "ok", "1 cell failed", ...
        public var status: String
        public var seconds: Double
        /// The first figure, relative to the index, if the notebook drew one.
        public var thumbnail: String?
        public var figures: Int

        public init(title: String, page: String, succeeded: Bool, status: String, seconds: Double,
                    thumbnail: String?, figures: Int) {
            self.title = title
            self.page = page
            self.succeeded = succeeded
            self.status = status
            self.seconds = seconds
            self.thumbnail = thumbnail
            self.figures = figures
        }
    }

    public var title: String
    public var entries: [Entry]

    public init(title: String = "Notebooks", entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    public func html(generated date: Date = Date()) -> String {
        let ran = entries.filter(\.succeeded).count
        let total = entries.reduce(0) { $0 + $1.seconds }
        var cards = ""
        for entry in entries {
            let picture = entry.thumbnail.map {
                "<img src=\"\(Self.href($0))\" alt=\"first figure of \(entry.title.htmlEscaped)\" loading=\"lazy\">"
            } ?? "<div class=\"nofig\">no figures</div>"
            cards += """
            <a class="card\(entry.succeeded ? "" : " failed")" href="\(Self.href(entry.page))">
            \(picture)
            <div class="title">\(entry.title.htmlEscaped)</div>
            <div class="meta">\(entry.status.htmlEscaped) · \(String(format: "%.1f", entry.seconds)) s · \(entry.figures) figure\(entry.figures == 1 ? "" : "s")</div>
            </a>

            """
        }
        let stamp = ISO8601DateFormatter().string(from: date)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="soma run">
        <title>\(title.htmlEscaped)</title>
        <style>
        body { margin: 0; background: #fafafa; color: #1f2328; font: 16px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 2em 1.5em; }
        h1 { margin: 0 0 0.2em; }
        .summary { color: #57606a; margin-bottom: 1.5em; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 1.2em; }
        .card { display: block; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 0.8em; color: inherit; text-decoration: none; }
        .card:hover { border-color: #0b62c4; box-shadow: 0 2px 8px rgba(0,0,0,0.08); }
        .card.failed { border-color: #cf222e; }
        .card img, .nofig { width: 100%; aspect-ratio: 8 / 5; object-fit: contain; background: #fff; }
        .nofig { display: flex; align-items: center; justify-content: center; color: #8c959f; background: #f6f8fa; }
        .title { font-weight: 600; margin-top: 0.5em; }
        .meta { color: #57606a; font-size: 0.85em; }
        .failed .meta { color: #cf222e; }
        </style>
        </head>
        <body>
        <main>
        <h1>\(title.htmlEscaped)</h1>
        <div class="summary">\(entries.count) notebook\(entries.count == 1 ? "" : "s"), \(ran) ran without errors, \(String(format: "%.1f", total)) s of cells; generated \(stamp) by soma run.</div>
        <div class="grid">
        \(cards)</div>
        </main>
        </body>
        </html>

        """
    }

    /// A relative path as an attribute value: each segment percent-encoded.
    static func href(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            String(segment).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#&\"'<>"))) ?? ""
        }.joined(separator: "/")
    }
}
