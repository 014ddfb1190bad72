/// A point in pixel space (x to the right, y downwards) or in data space.
public struct Point: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle; `y` is the top edge in pixel space.
public struct Rect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }

    /// Whether `p` lies inside or on the border.
    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// The overlap of two rectangles, or nil when they do not meet.
    public func intersection(_ other: Rect) -> Rect? {
        let x0 = max(minX, other.minX), x1 = min(maxX, other.maxX)
        let y0 = max(minY, other.minY), y1 = min(maxY, other.maxY)
        guard x1 > x0, y1 > y0 else { return nil }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// The rectangle shrunk by the given amounts on each side.
    public func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        Rect(x: x + left, y: y + top, width: max(1, width - left - right),
             height: max(1, height - top - bottom))
    }
}

/// The smallest rectangle holding every point of the contours, or nil when empty.
func boundingBox(_ contours: [[Point]]) -> Rect? {
    var x0 = Double.infinity, y0 = Double.infinity
    var x1 = -Double.infinity, y1 = -Double.infinity
    for contour in contours {
        for p in contour {
            x0 = min(x0, p.x); x1 = max(x1, p.x)
            y0 = min(y0, p.y); y1 = max(y1, p.y)
        }
    }
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
}

extension Int {
    /// `value` rounded toward zero and clamped to ±2^52, NaN as 0: pixel
    /// arithmetic on user coordinates, line widths and sizes (1e20, inf)
    /// must never trap, and no canvas is anywhere near 2^52 pixels.
    @inlinable init(saturating value: Double) {
        let limit = 4_503_599_627_370_496.0
        self = value.isNaN ? 0 : Int(Swift.min(limit, Swift.max(-limit, value)))
    }
}
