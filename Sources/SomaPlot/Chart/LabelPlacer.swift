/// Labels that would overlap, spread apart: each starts beside its point (as `text` puts
/// it), then overlapping labels push each other up and down until none overlap or a step
/// limit is reached, staying inside the plot. A label that moved gets a thin line back to
/// its point, so the eye can follow it out of a tight cluster.
enum LabelPlacer {
    /// At most this many labels are spread; beyond it they are drawn where `text` puts them.
    static let maxLabels = 400

    /// The boxes (in pixels) the labels end in, in order; nil for labels at non-finite points.
    /// `markers` are boxes (in pixels) of the points drawn, which labels also move off.
    static func place<S: Surface>(_ notes: [Annotation], transform t: Transform, on surface: S,
                                  metrics m: Metrics, markers: [Rect] = []) -> [Rect?] {
        var boxes: [Rect?] = notes.map { note in
            let p = t.point(note.x, note.y)
            guard p.x.isFinite, p.y.isFinite else { return nil }
            let e = surface.measure(note.text, size: m.px(note.size))
            let height = e.ascent + e.descent
            let shift = m.px(note.offset)
            let left: Double
            switch note.anchor.horizontal {
            case .left: left = p.x + shift
            case .center: left = p.x - e.width / 2
            case .right: left = p.x - shift - e.width
            }
            return Rect(x: left, y: p.y - height / 2, width: e.width, height: height)
        }
        guard notes.count <= maxLabels else { return boxes }
        // Labels side by side need a space between them, or two words read as one.
        let gap = m.px(1), space = m.px(4)
        let plot = t.rect
        // Labels move off labels and markers first; a last phase off labels alone makes sure
        // no two labels overlap where the two aims pull against each other (at the plot's edge).
        for step in 0..<400 {
            let avoidMarkers = step < 200
            var moved = false
            for i in boxes.indices {
                for j in (i + 1)..<boxes.count {
                    guard let a = boxes[i], let b = boxes[j] else { continue }
                    let overlapX = min(a.maxX, b.maxX) + space - max(a.minX, b.minX)
                    let overlapY = min(a.maxY, b.maxY) + gap - max(a.minY, b.minY)
                    guard overlapX > 0, overlapY > 0 else { continue }
                    // The upper one goes up, the lower down (ties by order), half the overlap each.
                    let up = a.minY + a.height / 2 < b.minY + b.height / 2 || (a.minY == b.minY && i < j)
                    let push = overlapY / 2 + 0.01
                    boxes[i] = shifted(a, by: up ? -push : push, within: plot)
                    boxes[j] = shifted(b, by: up ? push : -push, within: plot)
                    moved = true
                }
                for marker in markers where avoidMarkers {
                    guard let a = boxes[i] else { continue }
                    let overlapX = min(a.maxX, marker.maxX) - max(a.minX, marker.minX)
                    let overlapY = min(a.maxY, marker.maxY) - max(a.minY, marker.minY)
                    guard overlapX > 0, overlapY > 0 else { continue }
                    let up = a.minY + a.height / 2 < marker.minY + marker.height / 2
                    boxes[i] = shifted(a, by: up ? -(overlapY + 0.01) : overlapY + 0.01, within: plot)
                    moved = true
                }
            }
            if !moved { break }
        }
        return boxes
    }

    static func draw<S: Surface>(_ labels: [(Annotation, Color)], transform t: Transform, on surface: inout S,
                                 metrics m: Metrics, markers: [Rect] = []) {
        guard !labels.isEmpty else { return }
        let notes = labels.map(\.0)
        let boxes = place(notes, transform: t, on: surface, metrics: m, markers: markers)
        for ((note, color), box) in zip(labels, boxes) {
            guard let box else { continue }
            let p = t.point(note.x, note.y)
            let home = p.y - box.height / 2
            if abs(box.minY - home) > box.height / 3 {
                // A leader from just beside the point to the label's near edge.
                let edgeX = box.minX >= p.x ? box.minX - m.px(1) : box.maxX + m.px(1)
                let start = Point(p.x + (edgeX > p.x ? m.px(3) : -m.px(3)), p.y)
                surface.stroke([start, Point(edgeX, box.minY + box.height / 2)],
                               style: StrokeStyle(color: Color(hex: 0x999999), width: m.px(0.6)), clip: nil)
            }
            let e = surface.measure(note.text, size: m.px(note.size))
            surface.text(note.text, at: Point(box.minX, box.minY + e.ascent), size: m.px(note.size), color: color,
                         anchor: TextAnchor(.left, .baseline), rotated: false)
        }
    }

    /// The boxes of the scatter markers of `axes` (at most a few thousand), for labels to avoid.
    static func markerBoxes(_ axes: Axes, transform t: Transform, metrics m: Metrics) -> [Rect] {
        var out: [Rect] = []
        for s in axes.series {
            guard case .scatter(let x, let y, let size, _, _) = s.kind, x.count <= 2000 else { continue }
            let r = m.px(size) / 2
            for (xi, yi) in zip(x, y) {
                let p = t.point(xi, yi)
                if p.x.isFinite, p.y.isFinite { out.append(Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r)) }
            }
        }
        return out
    }

    /// The box moved vertically, kept inside `plot` where it fits.
    private static func shifted(_ r: Rect, by dy: Double, within plot: Rect) -> Rect {
        var y = r.minY + dy
        if r.height < plot.height { y = min(max(y, plot.minY), plot.maxY - r.height) }
        return Rect(x: r.minX, y: y, width: r.width, height: r.height)
    }
}
