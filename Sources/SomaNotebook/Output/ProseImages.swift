import Foundation
import SomaLang

/// The images a notebook's prose shows (`![diagram](images/x.png)` or a raw
/// `<img src="images/x.png">`), read so the renderings can carry them: copied
/// to the same relative path in the output folder (the Markdown copy links
/// them unchanged), inlined as `data:` URIs in the HTML page and attached to
/// their markdown cell in the `.ipynb`.
///
/// Reading an image is reading a file, so it follows the file policy of
/// `soma run` (Docs/FILE-POLICY.md) at its strictest: only a relative path
/// with no `..` whose real path (links resolved) lies in the notebook's own
/// folder, at most `maxBytes` a file, and only PNG, JPEG, GIF or SVG as their
/// first bytes show (SVG is shown through `<img>`, which runs no script). An
/// image refused is not read; the run goes on and says why in `warnings`.
///
///     let images = ProseImages.collect(executed)   // images.byTarget["images/x.png"]?.mime == "image/png"
public struct ProseImages: Sendable {
    /// One image read from the notebook's folder.
    public struct Image: Sendable, Equatable {
        /// The path in the output folder, relative to it (`images/x.png`).
        public var relativePath: String
        public var mime: String
        public var data: Data

        /// The image as a `data:` URI.
        public var dataURI: String { "data:\(mime);base64,\(data.base64EncodedString())" }
    }

    /// Largest image carried, and largest total per notebook.
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxTotalBytes = 20 * 1024 * 1024

    /// Images by their target as written in the prose.
    public var byTarget: [String: Image] = [:]
    /// Targets refused, with why, in the order found.
    public var refused: [(target: String, reason: String)] = []

    public init() {}

    /// One line per refused image, for the run's log.
    public var warnings: [String] {
        refused.map { "image '\($0.target)' not carried into the output: \($0.reason)" }
    }

    /// Reads the images the prose of `executed` refers to.
    public static func collect(_ executed: ExecutedNotebook) -> ProseImages {
        let folder = RealPath.resolve(FileLimits.folder(of: executed.notebook.path))
        var images = ProseImages()
        var total = 0
        var seen = Set<String>()
        for block in executed.blocks {
            guard case .prose(let text) = block else { continue }
            for target in targets(in: MarkdownHTML.html(text)) where seen.insert(target).inserted {
                switch read(target, folder: folder) {
                case .skip:
                    continue
                case .refused(let reason):
                    images.refused.append((target, reason))
                case .image(let image):
                    guard total + image.data.count <= maxTotalBytes else {
                        images.refused.append((target, "the notebook's images pass \(maxTotalBytes / 1024 / 1024) MB together"))
                        continue
                    }
                    total += image.data.count
                    images.byTarget[target] = image
                }
            }
        }
        return images
    }

    enum Outcome {
        /// Not a file path (a `data:` URI, a fragment): left as it is.
        case skip
        case refused(String)
        case image(Image)
    }

    /// Reads one target from `folder` (a real path), or says why not.
    static func read(_ target: String, folder: String) -> Outcome {
        if target.isEmpty || target.hasPrefix("#") { return .skip }
        if target.lowercased().hasPrefix("data:") { return .skip }
        if let colon = target.firstIndex(of: ":"), !target[..<colon].contains("/") {
            return .refused("only files in the notebook's folder are carried, not URLs")
        }
        var path = target
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("\\") {
            return .refused("an absolute path; give a path relative to the notebook's folder")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if parts.contains("..") || parts.isEmpty || path.contains("\u{0}") {
            return .refused("the path leaves the notebook's folder ('..'); keep images below the notebook")
        }
        let relative = parts.joined(separator: "/")
        guard let real = RealPath.resolveIfPossible(folder + "/" + relative), RealPath.isInside(real, folder) else {
            return .refused("a link that leads out of the notebook's folder; soma run reads only that folder")
        }
        guard FileManager.default.fileExists(atPath: real) else {
            return .refused("no such file in the notebook's folder")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              let size = attributes[.size] as? NSNumber else {
            return .refused("the file cannot be read")
        }
        // Only regular files: opening a FIFO would wait for a writer forever.
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return .refused("not a regular file (a folder, a pipe or a device)")
        }
        guard size.intValue <= maxBytes else {
            return .refused("larger than \(maxBytes / 1024 / 1024) MB")
        }
        guard let handle = FileHandle(forReadingAtPath: real) else { return .refused("the file cannot be read") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else { return .refused("larger than \(maxBytes / 1024 / 1024) MB") }
        guard let mime = sniff(data) else {
            return .refused("not a PNG, JPEG, GIF or SVG image (by its content)")
        }
        return .image(Image(relativePath: relative, mime: mime, data: data))
    }

    /// The image type its first bytes show: PNG, JPEG, GIF or SVG; nil for anything else.
    static func sniff(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(1024))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        // SVG: text whose first element (after an XML declaration, comments, a doctype) is <svg.
        guard var text = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes.dropLast(3), encoding: .utf8) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("<?") || rest.hasPrefix("<!--") || rest.hasPrefix("<!") {
                let close = rest.hasPrefix("<!--") ? "-->" : ">"
                guard let end = rest.range(of: close) else { return nil }
                rest = rest[end.upperBound...]
                continue
            }
            break
        }
        return rest.hasPrefix("<svg") ? "image/svg+xml" : nil
    }

    /// The `src` of every `<img>` in rendered HTML, decoded, in order.
    static func targets(in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<img ") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.upperBound..<close]
            if let src = tag.range(of: "src=\"") {
                let value = tag[src.upperBound...].prefix { $0 != "\"" }
                out.append(decoded(String(value)))
            }
            rest = rest[close...]
        }
        return out
    }

    private static func decoded(_ escaped: String) -> String {
        escaped.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: - Using the images in renderings

    /// Rendered prose HTML with each carried image inlined and each refused one emptied,
    /// followed by a note naming the refused ones.
    func inlined(_ html: String) -> String {
        var out = html
        var notes: [String] = []
        for target in Self.targets(in: html) {
            let attribute = "src=\"\(target.htmlEscaped)\""
            if let image = byTarget[target] {
                out = out.replacingOccurrences(of: attribute, with: "src=\"\(image.dataURI)\"")
            } else if let reason = refused.first(where: { $0.target == target })?.reason {
                out = out.replacingOccurrences(of: attribute, with: "src=\"\"")
                notes.append("<p class=\"note\">Image <code>\(target.htmlEscaped)</code> not shown: \(reason.htmlEscaped).</p>\n")
            }
        }
        return out + notes.joined()
    }

    /// A markdown cell's attachments (nbformat `attachments`) and its text with each carried
    /// image referred to as `attachment:NAME`.
    func attachments(for prose: String) -> (source: String, attachments: [(String, Image)]) {
        var source = prose
        var attached: [(String, Image)] = []
        for target in Self.targets(in: MarkdownHTML.html(prose)) {
            guard let image = byTarget[target], !attached.contains(where: { $0.1.relativePath == image.relativePath }) else { continue }
            var name = (image.relativePath as NSString).lastPathComponent
            if attached.contains(where: { $0.0 == name }) { name = "\(attached.count + 1)-\(name)" }
            attached.append((name, image))
            for (old, new) in [("](\(target)", "](attachment:\(name)"), ("](<\(target)>", "](attachment:\(name)"),
                               ("src=\"\(target)\"", "src=\"attachment:\(name)\""),
                               ("src='\(target)'", "src='attachment:\(name)'")] {
                source = source.replacingOccurrences(of: old, with: new)
            }
        }
        return (source, attached)
    }
}
