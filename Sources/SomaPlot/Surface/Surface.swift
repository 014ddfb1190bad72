/// What charts draw on: a few primitives, rasterised or recorded.
///
/// Charts speak only this protocol, so a test can swap in `RecordingSurface`
/// and check the calls without decoding images.
public protocol Surface {
    /// Size in pixels.
    var width: Int { get }
    var height: Int { get }

    /// Fills polygons (each implicitly closed), clipped to `clip`.
    mutating func fill(_ contours: [[Point]], color: Color, clip: Rect?)
    /// Strokes a polyline, clipped to `clip`.
    mutating func stroke(_ points: [Point], style: StrokeStyle, clip: Rect?)
    /// Strokes many polylines of one style (contour levels): a rasterising
    /// surface fills them together instead of paying per line.
    mutating func strokeLines(_ lines: [[Point]], style: StrokeStyle, clip: Rect?)
    /// Draws a marker at each centre; `edge` outlines filled shapes.
    mutating func markers(_ centers: [Point], marker: Marker, size: Double, color: Color,
                          edge: Color?, clip: Rect?)
    /// Draws one line of text; `rotated` turns it 90° counter-clockwise about the anchor.
    mutating func text(_ string: String, at: Point, size: Double, color: Color,
                       anchor: TextAnchor, rotated: Bool)
    /// The extent `string` would take at pixel size `size`.
    func measure(_ string: String, size: Double) -> TextExtent
    /// Draws an image of `columns` x `rows` colours scaled into `rect` (nearest neighbour).
    mutating func image(_ colors: [Color], columns: Int, rows: Int, in rect: Rect, clip: Rect?)
}

extension Surface {
    public mutating func strokeLines(_ lines: [[Point]], style: StrokeStyle, clip: Rect?) {
        for line in lines { stroke(line, style: style, clip: clip) }
    }
}
