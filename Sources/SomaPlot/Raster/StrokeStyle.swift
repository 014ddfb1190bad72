/// How a line is drawn: colour, width in pixels, joins, caps and dashes.
public struct StrokeStyle: Equatable, Sendable {
    public enum Join: Sendable { case round, miter, bevel }
    public enum Cap: Sendable { case butt, round, square }

    public var color: Color
    public var width: Double
    public var join: Join
    public var cap: Cap
    /// Alternating on/off lengths in pixels; empty for a solid line.
    public var dashes: [Double]

    public init(color: Color, width: Double, join: Join = .round, cap: Cap = .butt, dashes: [Double] = []) {
        self.color = color
        self.width = width
        self.join = join
        self.cap = cap
        self.dashes = dashes
    }
}
