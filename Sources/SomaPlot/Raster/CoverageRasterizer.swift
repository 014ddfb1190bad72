/// Fills polygons with exact-area antialiasing by accumulating signed edge areas.
///
/// Each edge adds the area it sweeps to an accumulation buffer; a running sum
/// along each row then gives every pixel's coverage. Contours drawn by SomaPlot
/// are all turned the same way (see `orientedPositive`), so overlapping pieces
/// of a stroke add up and are clamped rather than cancelling into holes.
struct CoverageRasterizer {
    /// Fills `contours` (each an implicitly closed polygon) with `color`, clipped to `clip`.
    static func fill(_ contours: [[Point]], color: Color, clip: Rect, on canvas: inout Canvas) {
        guard color.a > 0, let box = boundingBox(contours) else { return }
        let canvasRect = Rect(x: 0, y: 0, width: Double(canvas.width), height: Double(canvas.height))
        guard let limit = clip.intersection(canvasRect),
              let area = Rect(x: box.x, y: box.y, width: max(box.width, 1e-9), height: max(box.height, 1e-9))
                .intersection(limit) else { return }
        // Work in a window snapped to whole pixels around the visible part.
        let ox = Int(area.minX.rounded(.down)), oy = Int(area.minY.rounded(.down))
        let w = Int(area.maxX.rounded(.up)) - ox, h = Int(area.maxY.rounded(.up)) - oy
        guard w > 0, h > 0 else { return }
        let clipX0 = max(0, limit.minX - Double(ox)), clipX1 = min(Double(w), limit.maxX - Double(ox))
        let clipY0 = max(0, limit.minY - Double(oy)), clipY1 = min(Double(h), limit.maxY - Double(oy))
        let stride = w + 2
        var acc = [Float](repeating: 0, count: stride * h)
        acc.withUnsafeMutableBufferPointer { buffer in
            var sink = EdgeAccumulator(buffer: buffer, width: w, height: h, stride: stride,
                                       x0: clipX0, x1: clipX1, y0: clipY0, y1: clipY1)
            for contour in contours where contour.count >= 3 {
                var previous = contour[contour.count - 1]
                for p in contour {
                    sink.addEdge(Point(previous.x - Double(ox), previous.y - Double(oy)),
                                 Point(p.x - Double(ox), p.y - Double(oy)))
                    previous = p
                }
            }
        }
        var row = [Float](repeating: 0, count: w)
        for y in 0..<h {
            var sum: Float = 0
            var any = false
            for x in 0..<w {
                sum += acc[y * stride + x]
                let c = min(1, abs(sum))
                row[x] = c
                if c > 0.002 { any = true }
            }
            if any {
                row.withUnsafeBufferPointer { canvas.blendSpan(y: y + oy, x0: ox, coverage: $0, color: color) }
            }
        }
    }
}

/// Adds one edge's signed coverage into the accumulation buffer, clipping as it goes.
struct EdgeAccumulator {
    let buffer: UnsafeMutableBufferPointer<Float>
    let width: Int
    let height: Int
    let stride: Int
    let x0: Double, x1: Double, y0: Double, y1: Double

    /// Clips an edge to the window's rows, splits it where it leaves the columns,
    /// and pins the outside parts to the border (which keeps their winding).
    mutating func addEdge(_ a: Point, _ b: Point) {
        guard a.y != b.y, a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        var p = a, q = b
        // Clip vertically by the parameter along the edge.
        let top = min(p.y, q.y), bottom = max(p.y, q.y)
        if bottom <= y0 || top >= y1 { return }
        if top < y0 || bottom > y1 {
            let dxdy = (q.x - p.x) / (q.y - p.y)
            func clamp(_ r: Point) -> Point {
                let y = min(y1, max(y0, r.y))
                return Point(r.x + (y - r.y) * dxdy, y)
            }
            p = clamp(p); q = clamp(q)
            if p.y == q.y { return }
        }
        // Split at the left and right borders.
        var pieces = [p, q]
        for border in [x0, x1] {
            var split: [Point] = [pieces[0]]
            for i in 1..<pieces.count {
                let s = pieces[i - 1], t = pieces[i]
                if (s.x - border) * (t.x - border) < 0 {
                    let u = (border - s.x) / (t.x - s.x)
                    split.append(Point(border, s.y + u * (t.y - s.y)))
                }
                split.append(t)
            }
            pieces = split
        }
        for i in 1..<pieces.count {
            let s = pieces[i - 1], t = pieces[i]
            accumulate(Point(min(x1, max(x0, s.x)), s.y), Point(min(x1, max(x0, t.x)), t.y))
        }
    }

    /// The signed-area accumulation of one in-window edge (after font-rs by Raph Levien).
    private func accumulate(_ a: Point, _ b: Point) {
        guard a.y != b.y else { return }
        let dir: Float = a.y < b.y ? 1 : -1
        let (p0, p1) = a.y < b.y ? (a, b) : (b, a)
        let dxdy = (p1.x - p0.x) / (p1.y - p0.y)
        var x = p0.x
        let yStart = max(0, Int(p0.y.rounded(.down)))
        let yEnd = min(height, Int(p1.y.rounded(.up)))
        guard yStart < yEnd else { return }
        let maxIndex = width + 1
        for y in yStart..<yEnd {
            let line = y * stride
            let dy = min(Double(y + 1), p1.y) - max(Double(y), p0.y)
            let xNext = x + dxdy * dy
            let d = Float(dy) * dir
            let (lo, hi) = x < xNext ? (x, xNext) : (xNext, x)
            let loFloor = lo.rounded(.down)
            let loI = min(maxIndex, max(0, Int(loFloor)))
            let hiCeil = hi.rounded(.up)
            let hiI = min(maxIndex, max(0, Int(hiCeil)))
            if hiI <= loI + 1 {
                let xmf = Float(0.5 * (x + xNext) - loFloor)
                buffer[line + loI] += d - d * xmf
                if loI + 1 <= maxIndex { buffer[line + loI + 1] += d * xmf }
            } else {
                let s = Float(1 / (hi - lo))
                let loFrac = Float(lo - loFloor)
                let a0 = 0.5 * s * (1 - loFrac) * (1 - loFrac)
                let hiFrac = Float(hi - hiCeil + 1)
                let am = 0.5 * s * hiFrac * hiFrac
                buffer[line + loI] += d * a0
                if hiI == loI + 2 {
                    buffer[line + loI + 1] += d * (1 - a0 - am)
                } else {
                    let a1 = s * (1.5 - loFrac)
                    buffer[line + loI + 1] += d * (a1 - a0)
                    if loI + 2 < hiI - 1 {
                        for xi in (loI + 2)..<(hiI - 1) { buffer[line + xi] += d * s }
                    }
                    let a2 = a1 + Float(hiI - loI - 3) * s
                    buffer[line + hiI - 1] += d * (1 - a2 - am)
                }
                buffer[line + hiI] += d * am
            }
            x = xNext
        }
    }
}

/// The polygon's signed area in pixel space (positive when clockwise on screen).
func signedArea(_ polygon: [Point]) -> Double {
    guard polygon.count >= 3 else { return 0 }
    var area = 0.0
    var previous = polygon[polygon.count - 1]
    for p in polygon {
        area += previous.x * p.y - p.x * previous.y
        previous = p
    }
    return area / 2
}

/// The polygon turned so its signed area is positive; overlapping pieces then add up.
func orientedPositive(_ polygon: [Point]) -> [Point] {
    signedArea(polygon) < 0 ? polygon.reversed() : polygon
}
