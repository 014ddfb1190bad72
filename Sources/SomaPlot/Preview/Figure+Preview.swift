import Foundation

extension Figure {
    /// A small text rendering of the current axes for terminals without images:
    /// curves in braille dots, images in shaded blocks, with the axis ranges.
    ///
    ///     print(figure.preview(columns: 60, rows: 15))
    public func preview(columns: Int = 60, rows: Int = 15) -> String {
        textPreview(columns: columns, rows: rows).text
    }

    /// The preview sized to fill a terminal `width` characters wide (the
    /// y-axis labels included, one column spare so the line never wraps) and at
    /// most `maxRows` lines of dots, keeping about the figure's proportions.
    public func textPreview(fitting width: Int, maxRows: Int) -> TextPreview {
        let (_, yl) = previewAxes.viewLimits()
        let gutter = max(Figure.short(yl.0).count, Figure.short(yl.1).count)
        let cols = max(20, width - gutter - 2)
        // A text cell is about twice as tall as wide; a braille cell holds 2 x 4 dots.
        let proportional = Int((Double(cols) * self.height / max(1, self.width) / 2).rounded())
        return textPreview(columns: cols, rows: max(5, min(max(5, maxRows), proportional)))
    }

    /// The axes a preview shows: the current panel, else the first one.
    var previewAxes: Axes { panels[current] ?? panels.compactMap { $0 }.first ?? Axes() }

    /// The preview in parts: the drawing apart from the title and x label,
    /// so a host can tell whether a change redrew the curves.
    public func textPreview(columns: Int = 60, rows: Int = 15) -> TextPreview {
        let cols = max(8, min(400, columns)), lines = max(3, min(200, rows))
        let axes = previewAxes
        let (xl, yl) = axes.viewLimits()
        var grid = BrailleGrid(columns: cols, rows: lines)
        let t = Transform(xLimits: xl, yLimits: yl, xScale: axes.xscale, yScale: axes.yscale,
                          rect: Rect(x: 0, y: 0, width: Double(grid.dotWidth - 1), height: Double(grid.dotHeight - 1)),
                          yInverted: axes.yInverted)
        var shaded: [String]?
        for s in axes.series {
            switch s.kind {
            case .line(let x, let y, _, let dash, _, _):
                for run in t.polylines(x, y) {
                    if dash == .none || run.count == 1 {
                        for p in run { grid.set(Int(saturating: p.x.rounded()), Int(saturating: p.y.rounded())) }
                    } else {
                        for i in 1..<run.count { grid.line(run[i - 1], run[i]) }
                    }
                }
            case .scatter(let x, let y, _, _, _):
                for (xi, yi) in zip(x, y) {
                    let p = t.point(xi, yi)
                    if p.x.isFinite, p.y.isFinite { grid.set(Int(saturating: p.x.rounded()), Int(saturating: p.y.rounded())) }
                }
            case .stem(let x, let y, let baseline):
                for (xi, yi) in zip(x, y) { grid.line(t.point(xi, baseline), t.point(xi, yi)) }
            case .bars(let left, let width, let bottom, let height):
                for i in left.indices {
                    let xa = t.x(left[i]), xb = t.x(left[i] + width[i])
                    guard xa.isFinite, xb.isFinite else { continue }
                    let limit = Double(grid.dotWidth)
                    let from = Int(saturating: min(limit, max(-1, xa.rounded()))), to = Int(saturating: min(limit, max(-1, xb.rounded() - 1)))
                    for xd in from...max(from, to) {
                        grid.line(Point(Double(xd), t.y(bottom[i])), Point(Double(xd), t.y(bottom[i] + height[i])))
                    }
                }
            case .area(let x, let y1, let y2):
                for i in x.indices { grid.line(t.point(x[i], y1[i]), t.point(x[i], y2[i])) }
            case .raster(let trains):
                for (n, train) in trains.enumerated() {
                    for time in train {
                        let p = t.point(time, Double(n))
                        if p.x.isFinite, p.y.isFinite { grid.set(Int(saturating: p.x.rounded()), Int(saturating: p.y.rounded())) }
                    }
                }
            case .image(let image):
                shaded = Figure.shade(image, columns: cols, rows: lines)
            case .text:
                break
            case .reference(let value, let vertical, _, _):
                let w = Double(grid.dotWidth - 1), h = Double(grid.dotHeight - 1)
                if vertical { grid.line(Point(t.x(value), 0), Point(t.x(value), h)) }
                else { grid.line(Point(0, t.y(value)), Point(w, t.y(value))) }
            case .errorbar(let e):
                let (vertical, horizontal) = e.bars()
                for (a, b) in vertical + horizontal { grid.line(t.point(a.x, a.y), t.point(b.x, b.y)) }
                if e.dash != .none {
                    for i in e.x.indices.dropFirst() { grid.line(t.point(e.x[i - 1], e.y[i - 1]), t.point(e.x[i], e.y[i])) }
                }
            case .contour(let levels, _):
                for level in levels {
                    for line in level.lines where line.count >= 2 {
                        for i in 1..<line.count {
                            grid.line(t.point(line[i - 1].x, line[i - 1].y), t.point(line[i].x, line[i].y))
                        }
                    }
                }
            }
        }
        let body = shaded ?? grid.lines()
        let top = Figure.short(axes.yInverted ? yl.0 : yl.1), bottom = Figure.short(axes.yInverted ? yl.1 : yl.0)
        let gutter = max(top.count, bottom.count)
        func pad(_ s: String) -> String { String(repeating: " ", count: gutter - s.count) + s }
        var drawing: [String] = []
        for (i, line) in body.enumerated() {
            let label = i == 0 ? pad(top) : i == body.count - 1 ? pad(bottom) : String(repeating: " ", count: gutter)
            drawing.append(label + "│" + line)
        }
        let left = Figure.short(xl.0), right = Figure.short(xl.1)
        let space = max(1, cols - left.count - right.count)
        drawing.append(String(repeating: " ", count: gutter) + "└" + String(repeating: "─", count: cols))
        drawing.append(String(repeating: " ", count: gutter + 1) + left + String(repeating: " ", count: space) + right)
        let title = (axes.title ?? self.title).map { String(repeating: " ", count: gutter + 1) + $0 }
        let xlabel = axes.xlabel.map { String(repeating: " ", count: gutter + 1 + max(0, (cols - $0.count) / 2)) + $0 }
        return TextPreview(title: title, drawing: drawing, xlabel: xlabel)
    }

    /// An image as shaded block characters, one per text cell.
    static func shade(_ image: ImageData, columns: Int, rows: Int) -> [String] {
        let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
        let span = image.vmax > image.vmin ? image.vmax - image.vmin : 1
        return (0..<rows).map { r in
            String((0..<columns).map { c -> Character in
                let row = min(image.rows - 1, r * image.rows / rows)
                let col = min(image.columns - 1, c * image.columns / columns)
                let v = image.values[row * image.columns + col]
                guard v.isFinite else { return " " }
                let level = Int(saturating: (min(1, max(0, (v - image.vmin) / span)) * Double(ramp.count - 1)).rounded())
                return ramp[level]
            })
        }
    }

    /// A number in at most about 6 characters.
    static func short(_ v: Double) -> String {
        var s = String(format: "%.3g", v)
        if s == "-0" { s = "0" }
        return s
    }
}

/// A figure drawn with text: the title line, the drawing (curves, axis lines
/// and ranges) and the x-label line.
public struct TextPreview: Equatable, Sendable {
    public let title: String?
    public let drawing: [String]
    public let xlabel: String?

    /// The lines joined, title first.
    public var text: String {
        ((title.map { [$0] } ?? []) + drawing + (xlabel.map { [$0] } ?? [])).joined(separator: "\n")
    }
}
