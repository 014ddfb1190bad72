/// Makes raw HTML from a notebook's prose safe to show: tags and attributes
/// on an allowlist (formatting, tables, images, links) are kept, everything
/// else is shown as text. No script, event handler, frame, form, `<base>`,
/// style or remote image survives, and links keep only http(s), mailto and
/// relative targets.
///
/// Attribute values are decoded (character references included) before they
/// are checked and written back escaped, so the browser sees exactly the
/// value that was checked.
///
///     HTMLSanitizer.clean(#"<b onclick="x()">hi</b><script>x()</script>"#)
///     // <b>hi</b>&lt;script&gt;x()&lt;/script&gt;
enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
    ]
    static let allowedAttributes: Set<String> = [
        "alt", "title", "width", "height", "align", "colspan", "rowspan", "start", "open", "lang", "dir",
    ]

    /// The HTML with every tag checked against the allowlist.
    static func clean(_ html: String) -> String {
        let chars = Array(html.unicodeScalars)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                if let (tag, end) = parseTag(chars, at: i) {
                    out += tag
                    i = end
                } else if let end = commentEnd(chars, at: i) {
                    i = end
                } else {
                    out += "&lt;"
                    i += 1
                }
                continue
            }
            switch c {
            case ">": out += "&gt;"
            case "&": out += isCharacterReference(chars, at: i) ? "&" : "&amp;"
            default: out.unicodeScalars.append(c)
            }
            i += 1
        }
        return out
    }

    /// A URL that may be a link target: relative, a fragment, http(s) or mailto.
    static func isSafeLink(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return ["http", "https", "mailto"].contains(scheme)
    }

    /// A URL an image may load without the network or active content: a
    /// relative path or an inline PNG, JPEG, GIF or WebP.
    static func isSafeImage(_ url: String) -> Bool {
        let compact = compacted(url).lowercased()
        if compact.hasPrefix("//") { return false }
        guard let scheme = scheme(of: url) else { return true }
        guard scheme == "data" else { return false }
        return ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"].contains { compact.hasPrefix($0) }
    }

    // MARK: - parts

    /// The URL without the whitespace and control characters browsers ignore.
    private static func compacted(_ url: String) -> String {
        String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
    }

    /// The lowercased scheme, or nil for a relative URL.
    private static func scheme(of url: String) -> String? {
        let compact = compacted(url)
        guard let colon = compact.firstIndex(of: ":") else { return nil }
        let head = compact[..<colon]
        if head.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return nil }
        return head.lowercased()
    }

    /// `<!-- ... -->`: dropped; returns the index after it.
    private static func commentEnd(_ chars: [Unicode.Scalar], at start: Int) -> Int? {
        guard start + 3 < chars.count, chars[start + 1] == "!", chars[start + 2] == "-", chars[start + 3] == "-" else { return nil }
        var i = start + 4
        while i + 2 < chars.count {
            if chars[i] == "-", chars[i + 1] == "-", chars[i + 2] == ">" { return i + 3 }
            i += 1
        }
        return chars.count
    }

    /// An opening or closing tag at `start`: the cleaned tag (or the tag as
    /// escaped text when it is not allowed) and the index after it; nil when
    /// `<` does not start a tag.
    private static func parseTag(_ chars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var i = start + 1
        let closing = i < chars.count && chars[i] == "/"
        if closing { i += 1 }
        guard i < chars.count, chars[i].properties.isAlphabetic, chars[i].isASCII else { return nil }
        var name = ""
        while i < chars.count, chars[i].isASCII, chars[i].properties.isAlphabetic || ("0"..."9").contains(chars[i]) || chars[i] == "-" {
            name.unicodeScalars.append(chars[i])
            i += 1
        }
        name = name.lowercased()
        var attributes: [(String, String?)] = []
        while true {
            while i < chars.count, chars[i].properties.isWhitespace || chars[i] == "/" { i += 1 }
            guard i < chars.count else { return nil }
            if chars[i] == ">" { i += 1; break }
            var attribute = ""
            while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != "=", chars[i] != ">", chars[i] != "/" {
                attribute.unicodeScalars.append(chars[i])
                i += 1
            }
            while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
            var value: String?
            if i < chars.count, chars[i] == "=" {
                i += 1
                while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
                guard i < chars.count else { return nil }
                var raw = ""
                if chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    while i < chars.count, chars[i] != quote { raw.unicodeScalars.append(chars[i]); i += 1 }
                    guard i < chars.count else { return nil }
                    i += 1
                } else {
                    while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != ">" { raw.unicodeScalars.append(chars[i]); i += 1 }
                }
                value = decodeReferences(raw)
            }
            if !attribute.isEmpty { attributes.append((attribute.lowercased(), value)) }
        }
        guard allowedTags.contains(name) else {
            return (escapeText(String(String.UnicodeScalarView(chars[start..<i]))), i)
        }
        if closing { return ("</\(name)>", i) }
        var tag = "<" + name
        for (attribute, value) in attributes {
            if attribute == "href", name == "a", let value, isSafeLink(value) {
                tag += " href=\"\(value.htmlEscaped)\""
            } else if attribute == "src", name == "img", let value, isSafeImage(value) {
                tag += " src=\"\(value.htmlEscaped)\""
            } else if allowedAttributes.contains(attribute) {
                tag += value.map { " \(attribute)=\"\($0.htmlEscaped)\"" } ?? " \(attribute)"
            }
        }
        return (tag + ">", i)
    }

    private static func escapeText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Whether `&` at `start` begins `&name;`, `&#123;` or `&#x1F;`.
    private static func isCharacterReference(_ chars: [Unicode.Scalar], at start: Int) -> Bool {
        var i = start + 1
        var count = 0
        if i < chars.count, chars[i] == "#" {
            i += 1
            if i < chars.count, chars[i] == "x" || chars[i] == "X" { i += 1 }
        }
        while i < chars.count, chars[i].isASCII, chars[i].properties.isAlphabetic || ("0"..."9").contains(chars[i]) {
            i += 1
            count += 1
        }
        return count > 0 && count <= 32 && i < chars.count && chars[i] == ";"
    }

    /// The value with numeric and common named character references decoded;
    /// other `&` stay literal (they are written back as `&amp;`).
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
                                       "colon": ":", "tab": "\t", "newline": "\n", "nbsp": "\u{A0}", "sol": "/"]
        var out = ""
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            guard chars[i] == "&" else {
                out.unicodeScalars.append(chars[i])
                i += 1
                continue
            }
            var j = i + 1
            var body = ""
            while j < chars.count, j - i <= 33, chars[j] != ";", chars[j].isASCII,
                  chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) || chars[j] == "#" {
                body.unicodeScalars.append(chars[j])
                j += 1
            }
            // Browsers decode references in attributes even without the `;`.
            let end = j < chars.count && chars[j] == ";" ? j + 1 : j
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = named[body.lowercased()]
            }
            if let decoded, !body.isEmpty {
                out += decoded
                i = end
            } else {
                out += "&"
                i += 1
            }
        }
        return out
    }
}
