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
        let ox = Int(saturating: area.minX.rounded(.down)), oy = Int(saturating: area.minY.rounded(.down))
        let w = Int(saturating: area.maxX.rounded(.up)) - ox, h = Int(saturating: area.maxY.rounded(.up)) - oy
        guard w > 0, h > 0 else { return }
        let clipX0 = max(0, limit.minX - Double(ox)), clipX1 = min(Double(w), limit.maxX - Double(ox))
        let clipY0 = max(0, limit.minY - Double(oy)), clipY1 = min(Double(h), limit.maxY - Double(oy))
        let stride = w + 2
        var acc = [Float](repeating: 0, count: stride * h)
        var rowLow = [Int](repeating: Int.max, count: h)
        var rowHigh = [Int](repeating: -1, count: h)
        var row = [Float](repeating: 0, count: w)
        acc.withUnsafeMutableBufferPointer { buffer in
            rowLow.withUnsafeMutableBufferPointer { low in
                rowHigh.withUnsafeMutableBufferPointer { high in
                    var sink = EdgeAccumulator(buffer: buffer, width: w, height: h, stride: stride,
                                               x0: clipX0, x1: clipX1, y0: clipY0, y1: clipY1,
                                               rowLow: low, rowHigh: high)
                    for contour in contours where contour.count >= 3 {
                        var previous = contour[contour.count - 1]
                        for p in contour {
                            sink.addEdge(Point(previous.x - Double(ox), previous.y - Double(oy)),
                                         Point(p.x - Double(ox), p.y - Double(oy)))
                            previous = p
                        }
                    }
                }
            }
            // Coverage is the running sum along each row; outside the touched
            // span it is zero, so only that span is summed and blended.
            row.withUnsafeMutableBufferPointer { coverage in
                for y in 0..<h where rowHigh[y] >= 0 {
                    let lo = min(rowLow[y], w - 1), hi = min(rowHigh[y], w)
                    guard lo < hi else { continue }
                    var sum: Float = 0
                    let base = y * stride
                    for x in lo..<hi {
                        sum += buffer[base + x]
                        coverage[x - lo] = min(1, abs(sum))
                    }
                    canvas.blendSpan(y: y + oy, x0: ox + lo,
                                     coverage: UnsafeBufferPointer(rebasing: coverage[0..<(hi - lo)]), color: color)
                }
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
    /// Leftmost and rightmost touched cell of each row; untouched rows stay (Int.max, -1).
    let rowLow: UnsafeMutableBufferPointer<Int>
    let rowHigh: UnsafeMutableBufferPointer<Int>

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
            let py = min(y1, max(y0, p.y)), qy = min(y1, max(y0, q.y))
            p = Point(p.x + (py - p.y) * dxdy, py)
            q = Point(q.x + (qy - q.y) * dxdy, qy)
            if p.y == q.y { return }
        }
        // Split where the edge crosses the left and right borders (at most twice).
        var t1 = 2.0, t2 = 2.0
        for border in [x0, x1] where (p.x - border) * (q.x - border) < 0 {
            let t = (border - p.x) / (q.x - p.x)
            if t < t1 { t2 = t1; t1 = t } else { t2 = min(t2, t) }
        }
        var start = p
        for t in [t1, t2, 1.0] where t <= 1 {
            let end = t == 1 ? q : Point(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t)
            accumulate(Point(min(x1, max(x0, start.x)), start.y), Point(min(x1, max(x0, end.x)), end.y))
            start = end
        }
    }

    /// The signed-area accumulation of one in-window edge (after font-rs by Raph Levien).
    private func accumulate(_ a: Point, _ b: Point) {
        guard a.y != b.y else { return }
        let dir: Float = a.y < b.y ? 1 : -1
        let (p0, p1) = a.y < b.y ? (a, b) : (b, a)
        let dxdy = (p1.x - p0.x) / (p1.y - p0.y)
        var x = p0.x
        let yStart = max(0, Int(saturating: p0.y.rounded(.down)))
        let yEnd = min(height, Int(saturating: p1.y.rounded(.up)))
        guard yStart < yEnd else { return }
        let maxIndex = width + 1
        for y in yStart..<yEnd {
            let line = y * stride
            let dy = min(Double(y + 1), p1.y) - max(Double(y), p0.y)
            let xNext = x + dxdy * dy
            let d = Float(dy) * dir
            let (lo, hi) = x < xNext ? (x, xNext) : (xNext, x)
            let loFloor = lo.rounded(.down)
            let loI = min(maxIndex, max(0, Int(saturating: loFloor)))
            let hiCeil = hi.rounded(.up)
            let hiI = min(maxIndex, max(0, Int(saturating: hiCeil)))
            if loI < rowLow[y] { rowLow[y] = loI }
            if hiI + 1 > rowHigh[y] { rowHigh[y] = hiI + 1 }
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
