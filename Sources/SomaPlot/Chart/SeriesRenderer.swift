/// Draws each kind of series inside the plot rectangle.
enum SeriesRenderer {
    static func draw<S: Surface>(_ s: Series, transform t: Transform, on surface: inout S, metrics m: Metrics) {
        let clip = t.rect
        switch s.kind {
        case .line(let x, let y, let width, let dash, let marker, let markerSize):
            let w = m.px(width)
            if dash != .none {
                let style = StrokeStyle(color: s.color, width: w, dashes: dash.pattern(width: w))
                for run in t.polylines(x, y) { surface.stroke(Decimate.columns(run), style: style, clip: clip) }
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
            let e = image.edges
            let xa = t.x(e.x0), xb = t.x(e.x1)
            let ya = t.y(e.y0), yb = t.y(e.y1)
            guard xa.isFinite, xb.isFinite, ya.isFinite, yb.isFinite else { return }
            var colors = image.colors()
            let rect = Rect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya))
            // With y growing upwards the first row belongs at the bottom.
            if yb < ya { colors = flipRows(colors, rows: image.rows, columns: image.columns) }
            surface.image(colors, columns: image.columns, rows: image.rows, in: rect, clip: clip)
        case .text(let note):
            drawAnnotation(note, color: s.color, transform: t, on: &surface, metrics: m)
        case .reference(let value, let vertical, let width, let dash):
            guard dash != .none else { return }
            let w = m.px(width)
            let line: [Point]
            if vertical {
                let x = t.x(value)
                guard x.isFinite else { return }
                line = [Point(x, clip.minY), Point(x, clip.maxY)]
            } else {
                let y = t.y(value)
                guard y.isFinite else { return }
                line = [Point(clip.minX, y), Point(clip.maxX, y)]
            }
            surface.stroke(line, style: StrokeStyle(color: s.color, width: w, dashes: dash.pattern(width: w)), clip: clip)
        case .errorbar(let e):
            drawErrorBars(e, color: s.color, transform: t, on: &surface, metrics: m)
        case .contour(let levels, let width):
            for level in levels {
                let style = StrokeStyle(color: level.color, width: m.px(width))
                surface.strokeLines(level.lines.map { $0.map { t.point($0.x, $0.y) } }, style: style, clip: clip)
            }
        }
    }

    /// Bars and caps first (thinner than the line, as matplotlib's), then the line and markers.
    static func drawErrorBars<S: Surface>(_ e: ErrorBars, color: Color, transform t: Transform,
                                          on surface: inout S, metrics m: Metrics) {
        let clip = t.rect
        let style = StrokeStyle(color: color, width: m.px(max(0.5, e.width * 2 / 3)))
        let cap = m.px(e.capsize) / 2
        let (vertical, horizontal) = e.bars()
        var segments: [[Point]] = []
        for (a, b) in vertical {
            let lo = t.point(a.x, a.y), hi = t.point(b.x, b.y)
            guard lo.x.isFinite, lo.y.isFinite, hi.y.isFinite else { continue }
            segments.append([lo, hi])
            if cap > 0 {
                for p in [lo, hi] { segments.append([Point(p.x - cap, p.y), Point(p.x + cap, p.y)]) }
            }
        }
        for (a, b) in horizontal {
            let lo = t.point(a.x, a.y), hi = t.point(b.x, b.y)
            guard lo.y.isFinite, lo.x.isFinite, hi.x.isFinite else { continue }
            segments.append([lo, hi])
            if cap > 0 {
                for p in [lo, hi] { segments.append([Point(p.x, p.y - cap), Point(p.x, p.y + cap)]) }
            }
        }
        surface.strokeLines(segments, style: style, clip: clip)
        if e.dash != .none {
            let w = m.px(e.width)
            let line = StrokeStyle(color: color, width: w, dashes: e.dash.pattern(width: w))
            for run in t.polylines(e.x, e.y) { surface.stroke(Decimate.columns(run), style: line, clip: clip) }
        }
        if let marker = e.marker {
            let centers = t.polylines(e.x, e.y).flatMap { $0 }
            surface.markers(centers, marker: marker, size: m.px(e.markerSize), color: color, edge: nil, clip: clip)
        }
    }

    /// Text at a data point; with an arrow, a line from the text to the target ending in a filled head.
    static func drawAnnotation<S: Surface>(_ note: Annotation, color: Color, transform t: Transform,
                                           on surface: inout S, metrics m: Metrics) {
        let point = t.point(note.x, note.y)
        guard point.x.isFinite, point.y.isFinite else { return }
        let shift = note.anchor.horizontal == .right ? -m.px(note.offset) : note.anchor.horizontal == .left ? m.px(note.offset) : 0
        let at = Point(point.x + shift, point.y)
        let size = m.px(note.size)
        if let target = note.arrowTo {
            let tip = t.point(target.x, target.y)
            let extent = surface.measure(note.text, size: size)
            // Start at the edge of the text's box, not under the letters.
            let halfW = extent.width / 2 + m.px(3), halfH = (extent.ascent + extent.descent) / 2 + m.px(2)
            let centre = Point(at.x + Self.offset(note.anchor.horizontal, extent.width),
                               at.y + Self.verticalOffset(note.anchor.vertical, extent))
            let dx = tip.x - centre.x, dy = tip.y - centre.y
            let length = (dx * dx + dy * dy).squareRoot()
            if tip.x.isFinite, tip.y.isFinite, length > 1 {
                let scale = min(abs(dx) > 0 ? halfW / abs(dx) : .infinity, abs(dy) > 0 ? halfH / abs(dy) : .infinity, 1)
                let start = Point(centre.x + dx * scale, centre.y + dy * scale)
                let ux = dx / length, uy = dy / length
                let head = m.px(8), wing = m.px(3.5)
                let base = Point(tip.x - ux * head, tip.y - uy * head)
                surface.stroke([start, base], style: StrokeStyle(color: color, width: m.px(1.2)), clip: nil)
                let left = Point(base.x - uy * wing, base.y + ux * wing), right = Point(base.x + uy * wing, base.y - ux * wing)
                surface.fill([orientedPositive([tip, left, right])], color: color, clip: nil)
            }
        }
        surface.text(note.text, at: at, size: size, color: color, anchor: note.anchor, rotated: false)
    }

    /// How far right of the anchor point the centre of a text box lies.
    private static func offset(_ h: TextAnchor.Horizontal, _ width: Double) -> Double {
        switch h {
        case .left: return width / 2
        case .center: return 0
        case .right: return -width / 2
        }
    }

    /// How far below the anchor point the centre of a text box lies.
    private static func verticalOffset(_ v: TextAnchor.Vertical, _ e: TextExtent) -> Double {
        let height = e.ascent + e.descent
        switch v {
        case .top: return height / 2
        case .center: return 0
        case .baseline: return -e.ascent + height / 2
        case .bottom: return -height / 2
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
        case .image, .text:
            break
        case .reference(_, _, let width, let dash):
            let w = m.px(width)
            surface.stroke([Point(rect.minX, midY), Point(rect.maxX, midY)],
                           style: StrokeStyle(color: s.color, width: w, dashes: dash == .none ? [] : dash.pattern(width: w)),
                           clip: nil)
        case .errorbar(let e):
            let midX = rect.minX + rect.width / 2
            if e.dash != .none {
                let w = m.px(e.width)
                surface.stroke([Point(rect.minX, midY), Point(rect.maxX, midY)],
                               style: StrokeStyle(color: s.color, width: w, dashes: e.dash.pattern(width: w)), clip: nil)
            }
            let bar = StrokeStyle(color: s.color, width: m.px(max(0.5, e.width * 2 / 3)))
            if e.yerr != nil || e.xerr == nil {
                surface.stroke([Point(midX, rect.minY), Point(midX, rect.maxY)], style: bar, clip: nil)
            }
            if e.xerr != nil {
                surface.stroke([Point(rect.minX + rect.width * 0.2, midY), Point(rect.maxX - rect.width * 0.2, midY)],
                               style: bar, clip: nil)
            }
            if let marker = e.marker {
                surface.markers([Point(midX, midY)], marker: marker, size: m.px(e.markerSize), color: s.color,
                                edge: nil, clip: nil)
            }
        case .contour(_, let width):
            surface.stroke([Point(rect.minX, midY), Point(rect.maxX, midY)],
                           style: StrokeStyle(color: s.color, width: m.px(width)), clip: nil)
        }
    }
}
