/// How text sits relative to its anchor point.
public struct TextAnchor: Equatable, Sendable {
    public enum Horizontal: Sendable { case left, center, right }
    public enum Vertical: Sendable { case top, center, baseline, bottom }
    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }
}

/// The size of a line of text in pixels.
public struct TextExtent: Equatable, Sendable {
    public var width: Double
    public var ascent: Double
    public var descent: Double
    public var height: Double { ascent + descent }
}

/// A line of text rendered into one coverage mask, ready to composite.
struct TextMask {
    let width: Int
    let height: Int
    /// Baseline row from the top of the mask.
    let baseline: Double
    let alpha: [UInt8]

    /// Lays `text` out on one line with `source` at pixel size `size`.
    init(_ text: String, size: Double, source: GlyphSource) {
        let metrics = source.lineMetrics(size: size)
        let glyphs = text.unicodeScalars.map { source.glyph(for: $0, size: size) }
        let (positions, total) = source.layout(text, size: size)
        let pad = 2
        width = max(1, Int(saturating: total.rounded(.up)) + 2 * pad)
        let ascent = Int(saturating: metrics.ascent.rounded(.up)), descent = Int(saturating: metrics.descent.rounded(.up))
        height = max(1, ascent + descent)
        baseline = Double(ascent)
        var mask = [UInt8](repeating: 0, count: width * height)
        for (g, position) in zip(glyphs, positions) {
            let originX = Int(saturating: (Double(pad) + position).rounded()) + g.left
            let originY = ascent - g.top
            for row in 0..<g.height {
                let y = originY + row
                guard y >= 0, y < height else { continue }
                for col in 0..<g.width {
                    let x = originX + col
                    guard x >= 0, x < width else { continue }
                    let value = g.alpha[row * g.width + col]
                    let i = y * width + x
                    mask[i] = max(mask[i], value)
                }
            }
        }
        alpha = mask
    }

    /// Composites the mask onto `canvas`: anchored at `at`, turned 90° counter-clockwise when `rotated`.
    func draw(on canvas: inout Canvas, at p: Point, anchor: TextAnchor, extent: TextExtent,
              color: Color, rotated: Bool) {
        // Position of the mask's top-left in unrotated text coordinates relative to the anchor.
        let pad = 2.0
        let dx: Double
        switch anchor.horizontal {
        case .left: dx = -pad
        case .center: dx = -pad - extent.width / 2
        case .right: dx = -pad - extent.width
        }
        let dy: Double
        switch anchor.vertical {
        case .top: dy = 0
        case .center: dy = -(extent.ascent + extent.descent) / 2
        case .baseline: dy = -baseline
        case .bottom: dy = -Double(height)
        }
        // A label placed at a non-finite or far-off point (a tick of a
        // degenerate axis) lies off the canvas: draw nothing.
        let px = p.x + dx, py = p.y + dy, qx = p.x + dy, qy = p.y - dx
        guard [px, py, qx, qy].allSatisfy({ $0.isFinite && abs($0) < 1e9 }) else { return }
        if !rotated {
            let x0 = Int(saturating: px.rounded()), y0 = Int(saturating: py.rounded())
            for row in 0..<height {
                for col in 0..<width {
                    let a = alpha[row * width + col]
                    if a > 0 { canvas.blend(x: x0 + col, y: y0 + row, color: color, coverage: Double(a) / 255) }
                }
            }
        } else {
            // Text coordinate (u, v) lands at (p.x + v, p.y - u) when turned counter-clockwise.
            let x0 = Int(saturating: qx.rounded()), y0 = Int(saturating: qy.rounded())
            for row in 0..<height {
                for col in 0..<width {
                    let a = alpha[row * width + col]
                    if a > 0 { canvas.blend(x: x0 + row, y: y0 - col, color: color, coverage: Double(a) / 255) }
                }
            }
        }
    }
}
