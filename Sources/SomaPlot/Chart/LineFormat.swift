/// A dash pattern by name, in multiples of the line width (matplotlib's values).
public enum Dash: String, Sendable {
    case solid = "-"
    case dashed = "--"
    case dotted = ":"
    case dashdot = "-."
    case none = ""

    /// On/off lengths in pixels for a line of width `width` pixels.
    func pattern(width: Double) -> [Double] {
        switch self {
        case .solid, .none: return []
        case .dashed: return [3.7 * width, 1.6 * width]
        case .dotted: return [1 * width, 1.65 * width]
        case .dashdot: return [6.4 * width, 1.6 * width, 1 * width, 1.6 * width]
        }
    }
}

/// A matplotlib-style format string such as "r--", "o", "k:" or "-s".
public struct LineFormat: Equatable, Sendable {
    public var color: Color?
    public var marker: Marker?
    /// nil when the string names no line style.
    public var dash: Dash?

    public init(color: Color? = nil, marker: Marker? = nil, dash: Dash? = nil) {
        self.color = color
        self.marker = marker
        self.dash = dash
    }

    /// Parses colour letter, marker and line style in any order.
    /// - Throws: `PlotError.badArgument` for characters that are none of those.
    public init(parsing text: String) throws {
        var rest = Substring(text)
        for style in ["--", "-.", "-", ":"] where rest.contains(style) {
            dash = Dash(rawValue: style)
            if let range = rest.range(of: style) { rest.removeSubrange(range) }
            break
        }
        for ch in rest {
            if let m = Marker(rawValue: String(ch)) {
                marker = m
            } else if "bgrcmykw".contains(ch) {
                color = try Color(parsing: String(ch))
            } else {
                throw PlotError.badArgument(
                    "cannot read style '\(text)': '\(ch)' is not a colour (bgrcmykw), marker (o . x + s ^ v d) or line (- -- : -.)")
            }
        }
    }
}
