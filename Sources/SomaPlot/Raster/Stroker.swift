import Foundation

/// Turns polylines into polygons that the coverage rasteriser fills.
///
/// A stroke becomes one quad per segment plus a join piece at each bend and a cap
/// at each end, every piece turned the same way so their overlaps do not cancel.
struct Stroker {
    let style: StrokeStyle

    /// The polygons covering the stroked polyline, dashes applied.
    func polygons(_ points: [Point]) -> [[Point]] {
        let clean = Stroker.dedupe(points)
        guard style.width > 0 else { return [] }
        if clean.count == 1 {
            // A lone point draws as a dot when caps extend it, as matplotlib does.
            return style.cap == .butt ? [] : [circle(clean[0], radius: style.width / 2)]
        }
        let pieces = style.dashes.count >= 2 ? Stroker.dash(clean, pattern: style.dashes) : [clean]
        var out: [[Point]] = []
        for piece in pieces where piece.count >= 2 {
            strokeSolid(piece, into: &out)
        }
        return out
    }

    /// Drops consecutive duplicates and non-finite points (which would break the
    /// polyline into pieces in data space; callers split at NaN before this).
    static func dedupe(_ points: [Point]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(points.count)
        for p in points where p.x.isFinite && p.y.isFinite {
            if let last = out.last, abs(last.x - p.x) < 1e-9, abs(last.y - p.y) < 1e-9 { continue }
            out.append(p)
        }
        return out
    }

    private func strokeSolid(_ pts: [Point], into out: inout [[Point]]) {
        let half = style.width / 2
        for i in 1..<pts.count {
            let a = pts[i - 1], b = pts[i]
            let (nx, ny) = Stroker.normal(a, b, half)
            var a2 = a, b2 = b
            if style.cap == .square {
                let (dx, dy) = Stroker.direction(a, b, half)
                if i == 1 { a2 = Point(a.x - dx, a.y - dy) }
                if i == pts.count - 1 { b2 = Point(b.x + dx, b.y + dy) }
            }
            out.append(orientedPositive([
                Point(a2.x + nx, a2.y + ny), Point(b2.x + nx, b2.y + ny),
                Point(b2.x - nx, b2.y - ny), Point(a2.x - nx, a2.y - ny),
            ]))
        }
        if pts.count > 2 {
            for i in 1..<(pts.count - 1) {
                join(pts[i - 1], pts[i], pts[i + 1], half: half, into: &out)
            }
        }
        if style.cap == .round {
            out.append(circle(pts[0], radius: half))
            out.append(circle(pts[pts.count - 1], radius: half))
        }
    }

    private func join(_ a: Point, _ b: Point, _ c: Point, half: Double, into out: inout [[Point]]) {
        let (n1x, n1y) = Stroker.normal(a, b, half)
        let (n2x, n2y) = Stroker.normal(b, c, half)
        let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)
        let dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y)
        // Straight continuation: nothing to fill.
        if abs(cross) < 1e-12, dot > 0 { return }
        // The outer side is opposite the turn direction.
        let sign: Double = cross > 0 ? -1 : 1
        let p1 = Point(b.x + sign * n1x, b.y + sign * n1y)
        let p2 = Point(b.x + sign * n2x, b.y + sign * n2y)
        switch style.join {
        case .round:
            // Thin lines need only the wedge; a full disc costs more edges for nothing.
            if half < 1.5 {
                out.append(orientedPositive([b, p1, p2]))
            } else {
                out.append(circle(b, radius: half))
            }
        case .bevel:
            out.append(orientedPositive([b, p1, p2]))
        case .miter:
            let mx = (sign * n1x + sign * n2x) / 2, my = (sign * n1y + sign * n2y) / 2
            let len2 = mx * mx + my * my
            guard len2 > 1e-12 else { out.append(orientedPositive([b, p1, p2])); return }
            let scale = half * half / len2
            // Past matplotlib's miter limit the spike is cut to a bevel.
            if scale * scale * len2 > 16 * half * half {
                out.append(orientedPositive([b, p1, p2]))
            } else {
                out.append(orientedPositive([b, p1, Point(b.x + mx * scale, b.y + my * scale), p2]))
            }
        }
    }

    /// A polygon approximating a circle finely enough at this radius.
    func circle(_ center: Point, radius: Double) -> [Point] {
        orientedPositive(regularPolygon(center: center, radius: radius,
                                        sides: max(8, min(64, Int(saturating: radius * 4))), phase: 0))
    }

    static func normal(_ a: Point, _ b: Point, _ half: Double) -> (Double, Double) {
        let (dx, dy) = direction(a, b, half)
        return (-dy, dx)
    }

    static func direction(_ a: Point, _ b: Point, _ length: Double) -> (Double, Double) {
        let dx = b.x - a.x, dy = b.y - a.y
        let len = (dx * dx + dy * dy).squareRoot()
        guard len > 0 else { return (0, 0) }
        return (dx / len * length, dy / len * length)
    }

    /// Splits a polyline into its "on" pieces for an on/off dash pattern.
    static func dash(_ pts: [Point], pattern: [Double]) -> [[Point]] {
        let pattern = pattern.map { max($0, 0.5) }
        var pieces: [[Point]] = []
        var index = 0
        var left = pattern[0]
        var on = true
        var current: [Point] = [pts[0]]
        for i in 1..<pts.count {
            var a = pts[i - 1]
            let b = pts[i]
            var segment = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            // Past a generous number of dashes the rest is drawn solid rather than
            // spending unbounded time on an absurdly long or finely dashed line.
            if pieces.count > 100_000 { on = true; current.append(b); continue }
            while segment > left {
                let u = left / segment
                let cut = Point(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u)
                if on {
                    current.append(cut)
                    pieces.append(current)
                }
                current = [cut]
                on.toggle()
                segment -= left
                a = cut
                index = (index + 1) % pattern.count
                left = pattern[index]
            }
            left -= segment
            if on { current.append(b) } else { current = [b] }
        }
        if on, current.count >= 2 { pieces.append(current) }
        return pieces
    }
}

/// A regular polygon around `center`; `phase` rotates it (radians).
func regularPolygon(center: Point, radius: Double, sides: Int, phase: Double) -> [Point] {
    (0..<sides).map { k in
        let t = phase + Double(k) * 2 * Double.pi / Double(sides)
        return Point(center.x + radius * cos(t), center.y + radius * sin(t))
    }
}
