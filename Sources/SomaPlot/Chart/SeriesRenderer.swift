/// Draws each kind of series inside the plot rectangle.
enum SeriesRenderer {
    static func draw<S: Surface>(_ s: Series, transform t: Transform, on surface: inout S, metrics m: Metrics) {
        let clip = t.rect
        switch s.kind {
        case .line(let x, let y, let width, let dash, let marker, let markerSize):
            let w = m.px(width)
            if dash != .none {
                let style = StrokeStyle(color: s.color, width: w, dashes: dash.pattern(width: w))
                for run in t.polylines(x, y) { surface.stroke(run, style: style, clip: clip) }
            }
            if let marker {
                let centers = t.polylines(x, y).flatMap { $0 }
                surface.markers(centers, marker: marker, size: m.px(markerSize), color: s.color, edge: nil, clip: clip)
            }
        case .scatter(let x, let y, let size, let marker, let colors):
            let centers = zip(x, y).map { t.point($0, $1) }
            if let colors {
                // One call per colour keeps draw calls few for class-coloured scatters.
                var groups: [Color: [Point]] = [:]
                var order: [Color] = []
                for (p, c) in zip(centers, colors) {
                    if groups[c] == nil { order.append(c) }
                    groups[c, default: []].append(p)
                }
                for c in order {
                    surface.markers(groups[c] ?? [], marker: marker, size: m.px(size), color: c, edge: nil, clip: clip)
                }
            } else {
                surface.markers(centers, marker: marker, size: m.px(size), color: s.color, edge: nil, clip: clip)
            }
        case .stem(let x, let y, let baseline):
            let style = StrokeStyle(color: s.color, width: m.px(1.5))
            for (xi, yi) in zip(x, y) {
                surface.stroke([Point(t.x(xi), t.yOrEdge(baseline)), t.point(xi, yi)], style: style, clip: clip)
            }
            let xs = x.filter(\.isFinite)
            if let lo = xs.min(), let hi = xs.max() {
                surface.stroke([t.point(lo, baseline), t.point(hi, baseline)],
                               style: StrokeStyle(color: Color.cycle(3), width: m.px(1.5)), clip: clip)
            }
            surface.markers(zip(x, y).map { t.point($0, $1) }, marker: .circle, size: m.px(6),
                            color: s.color, edge: nil, clip: clip)
        case .bars(let left, let width, let bottom, let height):
            var rects: [[Point]] = []
            for i in left.indices {
                let x0 = t.x(left[i]), x1 = t.x(left[i] + width[i])
                let y0 = t.yOrEdge(bottom[i]), y1 = t.y(bottom[i] + height[i])
                guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { continue }
                rects.append(orientedPositive([Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)]))
            }
            surface.fill(rects, color: s.color.withAlpha(s.alpha * s.color.a), clip: clip)
        case .area(let x, let y1, let y2):
            let upper = t.polylines(x, y1).flatMap { $0 }
            let lower = t.polylines(x, y2).flatMap { $0 }
            guard upper.count >= 2, lower.count >= 2 else { return }
            surface.fill([upper + lower.reversed()], color: s.color.withAlpha(s.alpha * s.color.a), clip: clip)
        case .raster(let trains):
            let half = max(0.5, m.px(0.75)) / 2
            var ticks: [[Point]] = []
            for (i, train) in trains.enumerated() {
                let ya = t.y(Double(i) - 0.4), yb = t.y(Double(i) + 0.4)
                for time in train {
                    let px = t.x(time)
                    guard px.isFinite, ya.isFinite, yb.isFinite else { continue }
                    ticks.append(orientedPositive([Point(px - half, ya), Point(px + half, ya),
                                                   Point(px + half, yb), Point(px - half, yb)]))
                }
            }
            surface.fill(ticks, color: s.color, clip: clip)
        case .image(let image):
            let xa = t.x(-0.5), xb = t.x(Double(image.columns) - 0.5)
            let ya = t.y(-0.5), yb = t.y(Double(image.rows) - 0.5)
            guard xa.isFinite, xb.isFinite, ya.isFinite, yb.isFinite else { return }
            var colors = image.colors()
            let rect = Rect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya))
            // With y growing upwards the first row belongs at the bottom.
            if yb < ya { colors = flipRows(colors, rows: image.rows, columns: image.columns) }
            surface.image(colors, columns: image.columns, rows: image.rows, in: rect, clip: clip)
        case .contour(let levels, let width):
            for level in levels {
                let style = StrokeStyle(color: level.color, width: m.px(width))
                surface.strokeLines(level.lines.map { $0.map { t.point($0.x, $0.y) } }, style: style, clip: clip)
            }
        }
    }

    static func flipRows(_ colors: [Color], rows: Int, columns: Int) -> [Color] {
        var out: [Color] = []
        out.reserveCapacity(colors.count)
        for r in (0..<rows).reversed() { out.append(contentsOf: colors[(r * columns)..<((r + 1) * columns)]) }
        return out
    }

    /// A small sample of the series in a legend box at `rect`.
    static func drawHandle<S: Surface>(_ s: Series, in rect: Rect, on surface: inout S, metrics m: Metrics) {
        let midY = rect.minY + rect.height / 2
        switch s.kind {
        case .line(_, _, let width, let dash, let marker, let markerSize):
            if dash != .none {
                let w = m.px(width)
                surface.stroke([Point(rect.minX, midY), Point(rect.maxX, midY)],
                               style: StrokeStyle(color: s.color, width: w, dashes: dash.pattern(width: w)), clip: nil)
            }
            if let marker {
                surface.markers([Point(rect.minX + rect.width / 2, midY)], marker: marker, size: m.px(markerSize),
                                color: s.color, edge: nil, clip: nil)
            }
        case .scatter(_, _, let size, let marker, _):
            surface.markers([Point(rect.minX + rect.width / 2, midY)], marker: marker, size: m.px(size),
                            color: s.color, edge: nil, clip: nil)
        case .stem:
            surface.markers([Point(rect.minX + rect.width / 2, midY)], marker: .circle, size: m.px(6),
                            color: s.color, edge: nil, clip: nil)
        case .bars, .area:
            let h = rect.height * 0.7
            surface.fill([[Point(rect.minX, midY - h / 2), Point(rect.maxX, midY - h / 2),
                           Point(rect.maxX, midY + h / 2), Point(rect.minX, midY + h / 2)]],
                         color: s.color.withAlpha(s.alpha * s.color.a), clip: nil)
        case .raster:
            surface.stroke([Point(rect.minX + rect.width / 2, rect.minY), Point(rect.minX + rect.width / 2, rect.maxY)],
                           style: StrokeStyle(color: s.color, width: m.px(1)), clip: nil)
        case .image:
            break
        case .contour(_, let width):
            surface.stroke([Point(rect.minX, midY), Point(rect.maxX, midY)],
                           style: StrokeStyle(color: s.color, width: m.px(width)), clip: nil)
        }
    }
}
