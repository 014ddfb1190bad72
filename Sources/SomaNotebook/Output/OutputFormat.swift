/// A rendering `soma run` can write.
public enum OutputFormat: String, CaseIterable, Sendable {
    case markdown = "md"
    case html
    case ipynb

    /// Parses `md,html,ipynb` (any subset, any order).
    ///
    /// - Throws: `NotebookError` naming the unknown format and the known ones.
    public static func list(_ text: String) throws(NotebookError) -> [OutputFormat] {
        var formats: [OutputFormat] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingWhitespace().lowercased()
            guard let format = OutputFormat(rawValue: name == "markdown" ? "md" : name) else {
                throw NotebookError(path: "--format", message: "unknown format '\(name)' (use md, html, ipynb)")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else {
            throw NotebookError(path: "--format", message: "no format given (use md, html, ipynb)")
        }
        return formats
    }

    /// Renders an executed notebook in this format.
    /// `images` are the prose's images, inlined in the HTML and attached in the ipynb
    /// (the Markdown links the copies next to it).
    public func render(_ executed: ExecutedNotebook, navigation: PageNavigation? = nil,
                       images: ProseImages = ProseImages()) -> String {
        switch self {
        case .markdown: return MarkdownRenderer().render(executed)
        case .html: return HTMLRenderer(navigation: navigation, images: images).render(executed)
        case .ipynb: return NotebookJSONRenderer(images: images).render(executed)
        }
    }
}
