import Foundation

/// The legend box: one row per labelled series, placed where it hides the least data.
enum Legend {
    /// The box's size and each row's height, in pixels.
    struct Size {
        var width: Double
        var height: Double
        var rows: [Double]
    }

    /// The size of the legend of `axes`, nil when no series has a label.
    static func size<S: Surface>(_ axes: Axes, on surface: S, metrics m: Metrics, entries shown: [Series]? = nil) -> Size? {
        let entries = (shown ?? axes.series).filter { !($0.label ?? "").isEmpty }
        guard !entries.isEmpty else { return nil }
        // Spacing in units of the font size, as matplotlib's legend defaults.
        let f = m.font
        let lineHeight = surface.measure("Ag", size: f).height
        let heights = entries.map { max(lineHeight, surface.measure($0.label ?? "", size: f).height) }
        let pad = 0.4 * f, spacing = 0.5 * f, handle = 2.0 * f, handleGap = 0.8 * f
        let widest = entries.map { surface.measure($0.label ?? "", size: f).width }.max() ?? 0
        return Size(width: 2 * pad + handle + handleGap + widest,
                    height: 2 * pad + heights.reduce(0, +) + Double(entries.count - 1) * spacing, rows: heights)
    }

    /// Space to keep right of the plot for a legend drawn outside it: asked for with
    /// "outside", or chosen by "best" when every spot inside would hide data and the
    /// legend is narrow enough beside the cell.
    static func outsideWidth<S: Surface>(_ axes: Axes, layout: AxesLayout, cell: Rect, on surface: S,
                                         metrics m: Metrics) -> Double {
        guard let location = axes.legend, location == .outsideRight || location == .best, axes.colorbar == nil,
              let size = size(axes, on: surface, metrics: m) else { return 0 }
        let reserve = size.width + m.font
        if location == .outsideRight { return reserve }
        guard reserve <= 0.3 * cell.width else { return 0 }
        let (_, score) = best(width: size.width, height: size.height, in: layout.plot, margin: 0.5 * m.font,
                              axes: axes, layout: layout)
        return score > 0 ? reserve : 0
    }

    /// Draws the legend of `axes`; `entries` replaces its series as the rows (a twin's legend
    /// lists both axes' curves), and "best" also avoids the data of `others`.
    static func draw<S: Surface>(_ axes: Axes, layout: AxesLayout, location: Axes.LegendLocation,
                                 on surface: inout S, metrics m: Metrics, entries shown: [Series]? = nil,
                                 avoiding others: [(Axes, Transform)] = []) {
        let entries = (shown ?? axes.series).filter { !($0.label ?? "").isEmpty }
        guard let size = size(axes, on: surface, metrics: m, entries: shown) else { return }
        let f = m.font
        let lineHeight = surface.measure("Ag", size: f).height
        let pad = 0.4 * f, spacing = 0.5 * f, handle = 2.0 * f, handleGap = 0.8 * f, margin = 0.5 * f
        let box = layout.legendOutside
            ? Rect(x: layout.plot.maxX + margin, y: layout.plot.minY, width: size.width, height: size.height)
            : place(location, width: size.width, height: size.height, in: layout.plot, margin: margin,
                    axes: axes, layout: layout, avoiding: others)
        let frame = roundedRect(box, radius: 0.2 * f)
        surface.fill([frame], color: Color.white.withAlpha(0.8), clip: nil)
        surface.stroke(frame + [frame[0]], style: StrokeStyle(color: Color(hex: 0xCCCCCC), width: m.px(0.8)), clip: nil)
        var top = box.minY + pad
        for (s, rowHeight) in zip(entries, size.rows) {
            SeriesRenderer.drawHandle(s, in: Rect(x: box.minX + pad, y: top, width: handle, height: lineHeight),
                                      on: &surface, metrics: m)
            surface.text(s.label ?? "", at: Point(box.minX + pad + handle + handleGap, top), size: f,
                         color: m.theme.text, anchor: TextAnchor(.left, .top), rotated: false)
            top += rowHeight + spacing
        }
    }

    /// The legend rectangle for a location inside the plot.
    static func place(_ location: Axes.LegendLocation, width: Double, height: Double, in plot: Rect,
                      margin: Double, axes: Axes, layout: AxesLayout, avoiding others: [(Axes, Transform)] = []) -> Rect {
        guard location == .best else { return rect(location, width: width, height: height, in: plot, margin: margin) }
        return best(width: width, height: height, in: plot, margin: margin, axes: axes, layout: layout,
                    avoiding: others).rect
    }

    static func rect(_ loc: Axes.LegendLocation, width: Double, height: Double, in plot: Rect, margin: Double) -> Rect {
        let left = plot.minX + margin, right = plot.maxX - margin - width
        let top = plot.minY + margin, bottom = plot.maxY - margin - height
        let midX = plot.minX + (plot.width - width) / 2, midY = plot.minY + (plot.height - height) / 2
        switch loc {
        case .best, .upperRight, .outsideRight: return Rect(x: right, y: top, width: width, height: height)
        case .upperLeft: return Rect(x: left, y: top, width: width, height: height)
        case .lowerLeft: return Rect(x: left, y: bottom, width: width, height: height)
        case .lowerRight: return Rect(x: right, y: bottom, width: width, height: height)
        case .centerRight: return Rect(x: right, y: midY, width: width, height: height)
        case .centerLeft: return Rect(x: left, y: midY, width: width, height: height)
        case .lowerCenter: return Rect(x: midX, y: bottom, width: width, height: height)
        case .upperCenter: return Rect(x: midX, y: top, width: width, height: height)
        case .center: return Rect(x: midX, y: midY, width: width, height: height)
        }
    }

    /// matplotlib's candidates in order; the first that hides the least data wins.
    /// A line crossing the box weighs more than a point under it, since the eye follows lines.
    static func best(width: Double, height: Double, in plot: Rect, margin: Double, axes: Axes,
                     layout: AxesLayout, avoiding others: [(Axes, Transform)] = []) -> (rect: Rect, score: Int) {
        var points = samplePoints(axes, layout.transform)
        var segments = sampleSegments(axes, layout.transform, plot: plot)
        for (other, t) in others {
            points += samplePoints(other, t)
            segments += sampleSegments(other, t, plot: plot)
        }
        var best = rect(.upperRight, width: width, height: height, in: plot, margin: margin)
        var bestScore = Int.max
        for candidate in Axes.LegendLocation.allCases where candidate != .best && candidate != .outsideRight {
            let r = rect(candidate, width: width, height: height, in: plot, margin: margin)
            // Keep a small gap around the box clear too: a curve grazing the frame reads as covered.
            let guardBand = r.inset(left: -margin / 2, top: -margin / 2, right: -margin / 2, bottom: -margin / 2)
            var score = points.reduce(0) { $0 + (guardBand.contains($1) ? 1 : 0) }
            score += 4 * segments.reduce(0) { $0 + (crosses($1, guardBand) ? 1 : 0) }
            if score < bestScore {
                best = r
                bestScore = score
                if score == 0 { break }
            }
        }
        return (best, bestScore)
    }

    /// Data points in pixels (at most a few thousand per series).
    static func samplePoints(_ axes: Axes, _ t: Transform) -> [Point] {
        var out: [Point] = []
        for s in axes.series {
            switch s.kind {
            case .line(let x, let y, _, let dash, let marker, _):
                // Lines without markers are scored as segments.
                guard dash == .none || marker != nil else { continue }
                let stride = max(1, x.count / 2000)
                for i in Swift.stride(from: 0, to: min(x.count, y.count), by: stride) {
                    let p = t.point(x[i], y[i])
                    if p.x.isFinite, p.y.isFinite { out.append(p) }
                }
            case .scatter(let x, let y, _, _, _), .stem(let x, let y, _):
                let stride = max(1, x.count / 2000)
                for i in Swift.stride(from: 0, to: min(x.count, y.count), by: stride) {
                    let p = t.point(x[i], y[i])
                    if p.x.isFinite, p.y.isFinite { out.append(p) }
                }
            case .errorbar(let e):
                let (vertical, horizontal) = e.bars()
                for (a, b) in (vertical + horizontal).prefix(2000) {
                    out.append(t.point(a.x, a.y))
                    out.append(t.point(b.x, b.y))
                }
                let x = e.x, y = e.y
                let stride = max(1, x.count / 2000)
                for i in Swift.stride(from: 0, to: min(x.count, y.count), by: stride) {
                    let p = t.point(x[i], y[i])
                    if p.x.isFinite, p.y.isFinite { out.append(p) }
                }
            case .bars(let left, let width, let bottom, let height):
                for i in left.indices {
                    for f in [0.25, 0.5, 0.75] {
                        out.append(t.point(left[i] + width[i] * f, bottom[i] + height[i]))
                        out.append(t.point(left[i] + width[i] * f, bottom[i] + height[i] / 2))
                    }
                }
            case .area(let x, let y1, let y2):
                let stride = max(1, x.count / 500)
                for i in Swift.stride(from: 0, to: x.count, by: stride) {
                    out.append(t.point(x[i], y1[i]))
                    out.append(t.point(x[i], (y1[i] + y2[i]) / 2))
                }
            case .raster(let trains):
                for (n, train) in trains.enumerated() {
                    for time in train.prefix(500) { out.append(t.point(time, Double(n))) }
                }
            case .image, .contour, .text, .reference:
                break
            }
        }
        return out
    }

    /// Line segments in pixels, so a legend over any stretch of a curve counts as covering it.
    /// Long lines keep each chunk's lowest and highest point, so spikes are not stepped over.
    static func sampleSegments(_ axes: Axes, _ t: Transform, plot: Rect) -> [(Point, Point)] {
        var out: [(Point, Point)] = []
        func add(_ line: [Point]) {
            var previous: Point?
            for p in line {
                guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
                if let previous { out.append((previous, p)) }
                previous = p
            }
        }
        for s in axes.series {
            switch s.kind {
            case .line(let x, let y, _, let dash, _, _):
                guard dash != .none else { continue }
                let n = min(x.count, y.count)
                let chunk = max(1, n / 1500)
                var line: [Point] = []
                var i = 0
                while i < n {
                    let end = min(n, i + chunk)
                    if chunk == 1 {
                        line.append(t.point(x[i], y[i]))
                    } else {
                        var lo = i, hi = i
                        for j in i..<end {
                            if y[j] < y[lo] { lo = j }
                            if y[j] > y[hi] { hi = j }
                        }
                        for j in [min(lo, hi), max(lo, hi)] { line.append(t.point(x[j], y[j])) }
                    }
                    i = end
                }
                add(line)
            case .errorbar(let e):
                if e.dash != .none { add(zip(e.x, e.y).map { t.point($0, $1) }) }
                let (vertical, horizontal) = e.bars()
                for (a, b) in (vertical + horizontal).prefix(2000) { add([t.point(a.x, a.y), t.point(b.x, b.y)]) }
            case .reference(let value, let vertical, _, _):
                add(vertical ? [Point(t.x(value), plot.minY), Point(t.x(value), plot.maxY)]
                             : [Point(plot.minX, t.y(value)), Point(plot.maxX, t.y(value))])
            case .contour(let levels, _):
                for level in levels {
                    for line in level.lines { add(line.map { t.point($0.x, $0.y) }) }
                }
            default:
                break
            }
        }
        return out
    }

    /// Whether a segment meets the rectangle (Liang-Barsky clipping).
    static func crosses(_ segment: (Point, Point), _ r: Rect) -> Bool {
        let (a, b) = segment
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let u = q / p
                if p < 0 { t0 = max(t0, u) } else { t1 = min(t1, u) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// A rectangle with rounded corners as one polygon.
    static func roundedRect(_ r: Rect, radius: Double) -> [Point] {
        let rad = min(radius, r.width / 2, r.height / 2)
        var out: [Point] = []
        let corners: [(Double, Double, Double)] = [
            (r.maxX - rad, r.minY + rad, -Double.pi / 2), (r.maxX - rad, r.maxY - rad, 0),
            (r.minX + rad, r.maxY - rad, Double.pi / 2), (r.minX + rad, r.minY + rad, Double.pi),
        ]
        for (cx, cy, start) in corners {
            for k in 0...4 {
                let a = start + Double(k) / 4 * Double.pi / 2
                out.append(Point(cx + rad * cos(a), cy + rad * sin(a)))
            }
        }
        return orientedPositive(out)
    }
}
