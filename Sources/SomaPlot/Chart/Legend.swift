import Foundation

/// The legend box: one row per labelled series, placed where it hides the least data.
enum Legend {
    static func draw<S: Surface>(_ axes: Axes, layout: AxesLayout, location: Axes.LegendLocation,
                                 on surface: inout S, metrics m: Metrics) {
        let entries = axes.series.filter { !($0.label ?? "").isEmpty }
        guard !entries.isEmpty else { return }
        // Spacing in units of the font size, as matplotlib's legend defaults.
        let f = m.font
        let lineHeight = surface.measure("Ag", size: f).height
        let heights = entries.map { max(lineHeight, surface.measure($0.label ?? "", size: f).height) }
        let pad = 0.4 * f, spacing = 0.5 * f, handle = 2.0 * f, handleGap = 0.8 * f, margin = 0.5 * f
        let widest = entries.map { surface.measure($0.label ?? "", size: f).width }.max() ?? 0
        let width = 2 * pad + handle + handleGap + widest
        let height = 2 * pad + heights.reduce(0, +) + Double(entries.count - 1) * spacing
        let plot = layout.plot
        let box = place(location, width: width, height: height, in: plot, margin: margin, axes: axes, layout: layout)
        let frame = roundedRect(box, radius: 0.2 * f)
        surface.fill([frame], color: Color.white.withAlpha(0.8), clip: nil)
        surface.stroke(frame + [frame[0]], style: StrokeStyle(color: Color(hex: 0xCCCCCC), width: m.px(0.8)), clip: nil)
        var top = box.minY + pad
        for (s, rowHeight) in zip(entries, heights) {
            SeriesRenderer.drawHandle(s, in: Rect(x: box.minX + pad, y: top, width: handle, height: lineHeight),
                                      on: &surface, metrics: m)
            surface.text(s.label ?? "", at: Point(box.minX + pad + handle + handleGap, top), size: f,
                         color: m.theme.text, anchor: TextAnchor(.left, .top), rotated: false)
            top += rowHeight + spacing
        }
    }

    /// The legend rectangle for a location; `best` tries matplotlib's candidates in order
    /// and keeps the first that covers the fewest data points.
    static func place(_ location: Axes.LegendLocation, width: Double, height: Double, in plot: Rect,
                      margin: Double, axes: Axes, layout: AxesLayout) -> Rect {
        func rect(_ loc: Axes.LegendLocation) -> Rect {
            let left = plot.minX + margin, right = plot.maxX - margin - width
            let top = plot.minY + margin, bottom = plot.maxY - margin - height
            let midX = plot.minX + (plot.width - width) / 2, midY = plot.minY + (plot.height - height) / 2
            switch loc {
            case .best, .upperRight: return Rect(x: right, y: top, width: width, height: height)
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
        guard location == .best else { return rect(location) }
        let points = samplePoints(axes, layout.transform)
        let segments = sampleSegments(axes, layout.transform)
        var best = rect(.upperRight)
        var bestScore = Int.max
        for candidate in Axes.LegendLocation.allCases where candidate != .best {
            let r = rect(candidate)
            var score = points.reduce(0) { $0 + (r.contains($1) ? 1 : 0) }
            score += segments.reduce(0) { $0 + (crosses($1, r) ? 1 : 0) }
            if score < bestScore {
                best = r
                bestScore = score
                if score == 0 { break }
            }
        }
        return best
    }

    /// Data points in pixels (at most a few thousand per series).
    static func samplePoints(_ axes: Axes, _ t: Transform) -> [Point] {
        var out: [Point] = []
        for s in axes.series {
            switch s.kind {
            case .line(let x, let y, _, _, _, _), .scatter(let x, let y, _, _, _), .stem(let x, let y, _):
                let stride = max(1, x.count / 2000)
                for i in Swift.stride(from: 0, to: min(x.count, y.count), by: stride) {
                    let p = t.point(x[i], y[i])
                    if p.x.isFinite, p.y.isFinite { out.append(p) }
                }
            case .bars(let left, let width, let bottom, let height):
                for i in left.indices {
                    out.append(t.point(left[i] + width[i] / 2, bottom[i] + height[i]))
                    out.append(t.point(left[i] + width[i] / 2, bottom[i] + height[i] / 2))
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

    /// Line segments in pixels, so a legend over a steep stretch of a curve counts as covering it.
    static func sampleSegments(_ axes: Axes, _ t: Transform) -> [(Point, Point)] {
        var out: [(Point, Point)] = []
        for s in axes.series {
            guard case .line(let x, let y, _, let dash, _, _) = s.kind, dash != .none else { continue }
            let stride = max(1, x.count / 500)
            var previous: Point?
            for i in Swift.stride(from: 0, to: min(x.count, y.count), by: stride) {
                let p = t.point(x[i], y[i])
                guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
                if let previous { out.append((previous, p)) }
                previous = p
            }
        }
        return out
    }

    /// Whether a segment passes through the rectangle (checked at a few points along it).
    static func crosses(_ segment: (Point, Point), _ r: Rect) -> Bool {
        for k in 0...8 {
            let u = Double(k) / 8
            let p = Point(segment.0.x + (segment.1.x - segment.0.x) * u, segment.0.y + (segment.1.y - segment.0.y) * u)
            if r.contains(p) { return true }
        }
        return false
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
