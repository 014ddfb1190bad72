/// A surface that rasterises into a `Canvas` with antialiasing.
public struct RasterSurface: Surface {
    public private(set) var canvas: Canvas
    private let glyphs: GlyphSource

    /// Asked before each drawing call; once it answers yes the remaining
    /// calls draw nothing, so a large figure stops soon on Ctrl-C.
    public var shouldStop: (() -> Bool)?
    /// Whether drawing was stopped (the canvas is then incomplete).
    public private(set) var stopped = false

    private mutating func stopping() -> Bool {
        if !stopped, let shouldStop, shouldStop() { stopped = true }
        return stopped
    }

    public var width: Int { canvas.width }
    public var height: Int { canvas.height }

    /// A white surface; text uses the font at `fontPath`, DejaVu Sans, or the built-in font.
    public init(width: Int, height: Int, background: Color = .white, fontPath: String? = nil) {
        canvas = Canvas(width: width, height: height, background: background)
        glyphs = makeGlyphSource(fontPath: fontPath)
    }

    /// A surface that uses the built-in bitmap font whatever fonts are installed.
    public init(width: Int, height: Int, background: Color = .white, builtinFont: Bool) {
        canvas = Canvas(width: width, height: height, background: background)
        glyphs = builtinFont ? BitmapFont() : makeGlyphSource()
    }

    private var bounds: Rect { Rect(x: 0, y: 0, width: Double(width), height: Double(height)) }

    public mutating func fill(_ contours: [[Point]], color: Color, clip: Rect?) {
        guard !stopping() else { return }
        CoverageRasterizer.fill(contours, color: color, clip: clip ?? bounds, on: &canvas)
    }

    public mutating func stroke(_ points: [Point], style: StrokeStyle, clip: Rect?) {
        guard !stopping() else { return }
        let polygons = Stroker(style: style).polygons(points)
        CoverageRasterizer.fill(polygons, color: style.color, clip: clip ?? bounds, on: &canvas)
    }

    public mutating func strokeLines(_ lines: [[Point]], style: StrokeStyle, clip: Rect?) {
        guard !stopping() else { return }
        // Overlapping stroke polygons already share one fill within a line
        // (nonzero coverage), so neighbouring lines of one style can too. A
        // fill works in the window around its polygons, so a pass ends when
        // the window would grow large (lines come in row order from the
        // tracer, so a pass covers a band) or holds a few thousand polygons.
        let stroker = Stroker(style: style)
        var batch: [[Point]] = []
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for line in lines {
            let polygons = stroker.polygons(decimated(line))
            guard let box = boundingBox(polygons) else { continue }
            let nx0 = min(x0, box.x), ny0 = min(y0, box.y)
            let nx1 = max(x1, box.x + box.width), ny1 = max(y1, box.y + box.height)
            if !batch.isEmpty && (batch.count >= 4096 || (nx1 - nx0) * (ny1 - ny0) > 32_768) {
                CoverageRasterizer.fill(batch, color: style.color, clip: clip ?? bounds, on: &canvas)
                batch.removeAll(keepingCapacity: true)
                guard !stopping() else { return }
                (x0, y0, x1, y1) = (box.x, box.y, box.x + box.width, box.y + box.height)
            } else {
                (x0, y0, x1, y1) = (nx0, ny0, nx1, ny1)
            }
            batch.append(contentsOf: polygons)
        }
        if !batch.isEmpty { CoverageRasterizer.fill(batch, color: style.color, clip: clip ?? bounds, on: &canvas) }
    }

    public mutating func markers(_ centers: [Point], marker: Marker, size: Double, color: Color,
                                 edge: Color?, clip: Rect?) {
        let area = clip ?? bounds
        // Many markers: stamp one pre-rasterised sprite instead of filling a polygon each.
        if centers.count >= MarkerSprite.minimumCount, edge == nil, size > 0, size <= 200 {
            let sprite = MarkerSprite(marker: marker, size: size)
            for c in centers where c.x.isFinite && c.y.isFinite {
                guard c.x > area.minX - size, c.x < area.maxX + size,
                      c.y > area.minY - size, c.y < area.maxY + size else { continue }
                sprite.stamp(at: c, color: color, clip: area, on: &canvas)
            }
            return
        }
        // Batch markers into one fill per few hundred so each buffer stays small.
        var batch: [[Point]] = []
        var outlines: [[Point]] = []
        let edgeStroker = edge.map { Stroker(style: StrokeStyle(color: $0, width: max(0.5, size / 10))) }
        guard !stopping() else { return }
        for c in centers where c.x.isFinite && c.y.isFinite {
            guard c.x > area.minX - size, c.x < area.maxX + size,
                  c.y > area.minY - size, c.y < area.maxY + size else { continue }
            let shapes = marker.polygons(at: c, size: size)
            batch.append(contentsOf: shapes)
            if let edgeStroker, !marker.isStroked {
                for shape in shapes { outlines.append(contentsOf: edgeStroker.polygons(shape + [shape[0]])) }
            }
            if batch.count >= 64 {
                flushMarkers(&batch, &outlines, color: color, edge: edge, clip: area)
                guard !stopping() else { return }
            }
        }
        flushMarkers(&batch, &outlines, color: color, edge: edge, clip: area)
    }

    private mutating func flushMarkers(_ batch: inout [[Point]], _ outlines: inout [[Point]],
                                       color: Color, edge: Color?, clip: Rect) {
        // Markers overlap each other, so each is filled alone when they are
        // translucent; opaque ones can share a pass.
        if color.a < 1 {
            for shape in batch { CoverageRasterizer.fill([shape], color: color, clip: clip, on: &canvas) }
        } else if !batch.isEmpty {
            CoverageRasterizer.fill(batch, color: color, clip: clip, on: &canvas)
        }
        if let edge, !outlines.isEmpty {
            CoverageRasterizer.fill(outlines, color: edge, clip: clip, on: &canvas)
        }
        batch.removeAll(keepingCapacity: true)
        outlines.removeAll(keepingCapacity: true)
    }

    public mutating func text(_ string: String, at p: Point, size: Double, color: Color,
                              anchor: TextAnchor, rotated: Bool) {
        guard !string.isEmpty, size > 0 else { return }
        let lines = string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 1 else {
            let mask = TextMask(string, size: size, source: glyphs)
            mask.draw(on: &canvas, at: p, anchor: anchor, extent: measure(string, size: size),
                      color: color, rotated: rotated)
            return
        }
        // Several lines: each is placed within the block's extent, aligned as the anchor says.
        let block = measure(string, size: size)
        let line = lineHeight(size)
        let top: Double
        switch anchor.vertical {
        case .top: top = 0
        case .center: top = -block.height / 2
        case .baseline: top = -block.ascent
        case .bottom: top = -block.height
        }
        for (i, text) in lines.enumerated() {
            let offset = top + Double(i) * line
            let at = rotated ? Point(p.x + offset, p.y) : Point(p.x, p.y + offset)
            let mask = TextMask(text, size: size, source: glyphs)
            mask.draw(on: &canvas, at: at, anchor: TextAnchor(anchor.horizontal, .top),
                      extent: measure(text, size: size), color: color, rotated: rotated)
        }
    }

    public func measure(_ string: String, size: Double) -> TextExtent {
        let lines = string.split(separator: "\n", omittingEmptySubsequences: false)
        let extents = lines.map { TextMask.extent(MathText.runs(String($0)), size: size, source: glyphs) }
        let width = extents.map(\.width).max() ?? 0
        let extra = Double(lines.count - 1) * lineHeight(size)
        return TextExtent(width: width, ascent: extents.first?.ascent ?? 0, descent: (extents.last?.descent ?? 0) + extra)
    }

    /// Distance between baselines of consecutive lines (matplotlib's 1.2 line spacing).
    private func lineHeight(_ size: Double) -> Double {
        let metrics = glyphs.lineMetrics(size: size)
        return (metrics.ascent + metrics.descent) * 1.05
    }

    public mutating func image(_ colors: [Color], columns: Int, rows: Int, in rect: Rect, clip: Rect?) {
        guard !stopping() else { return }
        guard columns > 0, rows > 0, colors.count == columns * rows, rect.width > 0, rect.height > 0,
              let area = (clip ?? bounds).intersection(bounds).flatMap({ $0.intersection(rect) }) else { return }
        let x0 = Int(saturating: area.minX.rounded()), x1 = Int(saturating: area.maxX.rounded())
        let y0 = Int(saturating: area.minY.rounded()), y1 = Int(saturating: area.maxY.rounded())
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            let row = cellIndex((Double(y) + 0.5 - rect.minY) / rect.height, count: rows)
            for x in x0..<x1 {
                let col = cellIndex((Double(x) + 0.5 - rect.minX) / rect.width, count: columns)
                canvas.blend(x: x, y: y, color: colors[row * columns + col], coverage: 1)
            }
        }
    }
}

/// The cell holding fraction `t` (0...1) of `count` cells, clamped before any
/// integer conversion so extreme coordinates cannot trap.
func cellIndex(_ t: Double, count: Int) -> Int {
    guard t.isFinite else { return 0 }
    return Int(min(Double(count - 1), max(0, (t * Double(count)).rounded(.down))))
}

/// `line` without points closer than a quarter pixel to the last one kept
/// (the last point always stays): dense contour lines of noisy data put
/// several crossings in one pixel, and each would cost a join.
func decimated(_ line: [Point]) -> [Point] {
    guard line.count > 2 else { return line }
    var out: [Point] = [line[0]]
    out.reserveCapacity(line.count)
    for p in line.dropFirst().dropLast() {
        guard let last = out.last else { continue }
        let dx = p.x - last.x, dy = p.y - last.y
        if dx * dx + dy * dy >= 0.0625 { out.append(p) }
    }
    if let end = line.last { out.append(end) }
    return out
}
