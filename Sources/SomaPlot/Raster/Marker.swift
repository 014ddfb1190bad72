import Foundation

/// A marker shape, written as in matplotlib format strings.
public enum Marker: String, CaseIterable, Sendable {
    case circle = "o"
    case point = "."
    case cross = "x"
    case plus = "+"
    case square = "s"
    case triangleUp = "^"
    case triangleDown = "v"
    case diamond = "d"

    /// Whether the shape is drawn as strokes rather than a filled outline.
    var isStroked: Bool { self == .cross || self == .plus }

    /// The polygons of one marker of diameter `size` pixels centred at `c`.
    func polygons(at c: Point, size: Double) -> [[Point]] {
        let r = size / 2
        switch self {
        case .circle:
            return [orientedPositive(regularPolygon(center: c, radius: r, sides: max(10, min(48, Int(saturating: r * 5))), phase: 0))]
        case .point:
            return [orientedPositive(regularPolygon(center: c, radius: r * 0.5, sides: 10, phase: 0))]
        case .square:
            let h = r * 0.9
            return [orientedPositive([Point(c.x - h, c.y - h), Point(c.x + h, c.y - h),
                                      Point(c.x + h, c.y + h), Point(c.x - h, c.y + h)])]
        case .triangleUp:
            return [orientedPositive(regularPolygon(center: c, radius: r, sides: 3, phase: -Double.pi / 2))]
        case .triangleDown:
            return [orientedPositive(regularPolygon(center: c, radius: r, sides: 3, phase: Double.pi / 2))]
        case .diamond:
            return [orientedPositive(regularPolygon(center: c, radius: r, sides: 4, phase: 0))]
        case .cross, .plus:
            let stroker = Stroker(style: StrokeStyle(color: .black, width: max(1, size / 6), cap: .butt))
            let d = self == .plus ? r : r * 0.75
            let arms: [[Point]] = self == .plus
                ? [[Point(c.x - d, c.y), Point(c.x + d, c.y)], [Point(c.x, c.y - d), Point(c.x, c.y + d)]]
                : [[Point(c.x - d, c.y - d), Point(c.x + d, c.y + d)], [Point(c.x - d, c.y + d), Point(c.x + d, c.y - d)]]
            return arms.flatMap { stroker.polygons($0) }
        }
    }
}
