/// A surface that records draw calls instead of pixels, for tests.
public struct RecordingSurface: Surface {
    /// One recorded primitive.
    public enum Call: Equatable {
        case fill(contours: Int, bounds: Rect?, color: Color)
        case stroke(points: [Point], style: StrokeStyle)
        case markers(centers: [Point], marker: Marker, size: Double, color: Color)
        case text(String, at: Point, size: Double, rotated: Bool)
        case image(columns: Int, rows: Int, rect: Rect)
    }

    public let width: Int
    public let height: Int
    public private(set) var calls: [Call] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Every string drawn, in order.
    public var texts: [String] {
        calls.compactMap { if case .text(let s, _, _, _) = $0 { return s } else { return nil } }
    }

    public mutating func fill(_ contours: [[Point]], color: Color, clip: Rect?) {
        calls.append(.fill(contours: contours.count, bounds: boundingBox(contours), color: color))
    }

    public mutating func stroke(_ points: [Point], style: StrokeStyle, clip: Rect?) {
        calls.append(.stroke(points: points, style: style))
    }

    public mutating func markers(_ centers: [Point], marker: Marker, size: Double, color: Color,
                                 edge: Color?, clip: Rect?) {
        calls.append(.markers(centers: centers, marker: marker, size: size, color: color))
    }

    public mutating func text(_ string: String, at p: Point, size: Double, color: Color,
                              anchor: TextAnchor, rotated: Bool) {
        calls.append(.text(string, at: p, size: size, rotated: rotated))
    }

    /// Approximate metrics (0.6 em per character) so layout runs without fonts.
    public func measure(_ string: String, size: Double) -> TextExtent {
        TextExtent(width: Double(MathText.plain(string).count) * size * 0.6, ascent: size * 0.93, descent: size * 0.24)
    }

    public mutating func image(_ colors: [Color], columns: Int, rows: Int, in rect: Rect, clip: Rect?) {
        calls.append(.image(columns: columns, rows: rows, rect: rect))
    }
}
