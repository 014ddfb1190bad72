/// Links from a notebook's page to the course it belongs to: the index of
/// the run and the previous and next notebooks (relative paths, so `out/`
/// can be published as it is).
public struct PageNavigation: Equatable, Sendable {
    public struct Link: Equatable, Sendable {
        public var title: String
        public var href: String

        public init(title: String, href: String) {
            self.title = title
            self.href = href
        }
    }

    public var index: Link?
    public var previous: Link?
    public var next: Link?

    public init(index: Link?, previous: Link?, next: Link?) {
        self.index = index
        self.previous = previous
        self.next = next
    }

    /// The `<nav>` bar shown above and below the notebook.
    var html: String {
        var parts: [String] = []
        if let previous { parts.append("<a class=\"prev\" href=\"\(CourseIndex.href(previous.href))\">← \(previous.title.htmlEscaped)</a>") }
        if let index { parts.append("<a class=\"up\" href=\"\(CourseIndex.href(index.href))\">\(index.title.htmlEscaped)</a>") }
        if let next { parts.append("<a class=\"next\" href=\"\(CourseIndex.href(next.href))\">\(next.title.htmlEscaped) →</a>") }
        return parts.isEmpty ? "" : "<nav class=\"course\">" + parts.joined(separator: " ") + "</nav>\n"
    }
}
