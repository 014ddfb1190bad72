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

    /// Lays `text` out on one line with `source` at pixel size `size`; `$...$` spans are
    /// drawn as math (Greek letters, smaller raised and lowered scripts).
    init(_ text: String, size: Double, source: GlyphSource) {
        let runs = MathText.runs(text)
        let box = TextMask.extent(runs, size: size, source: source)
        let pad = 2
        width = max(1, Int(box.width.rounded(.up)) + 2 * pad)
        let ascent = Int(box.ascent.rounded(.up)), descent = Int(box.descent.rounded(.up))
        height = max(1, ascent + descent)
        baseline = Double(ascent)
        var mask = [UInt8](repeating: 0, count: width * height)
        var pen = Double(pad)
        for run in runs {
            let runSize = size * run.scale
            let glyphs = run.text.unicodeScalars.map { source.glyph(for: $0, size: runSize) }
            let (positions, total) = source.layout(run.text, size: runSize)
            let shift = Int((run.rise * size).rounded())
            for (g, position) in zip(glyphs, positions) {
                let originX = Int((pen + position).rounded()) + g.left
                let originY = ascent - shift - g.top
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
            pen += total
        }
        alpha = mask
    }

    /// Width, ascent and descent of runs set one after another on a shared baseline.
    static func extent(_ runs: [MathText.Run], size: Double, source: GlyphSource) -> TextExtent {
        let base = source.lineMetrics(size: size)
        var width = 0.0, ascent = base.ascent, descent = base.descent
        for run in runs {
            let runSize = size * run.scale
            width += source.layout(run.text, size: runSize).width
            guard run.scale != 1 || run.rise != 0 else { continue }
            let metrics = source.lineMetrics(size: runSize)
            ascent = max(ascent, run.rise * size + metrics.ascent)
            descent = max(descent, metrics.descent - run.rise * size)
        }
        return TextExtent(width: width, ascent: ascent, descent: descent)
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
            let x0 = Int(px.rounded()), y0 = Int(py.rounded())
            for row in 0..<height {
                for col in 0..<width {
                    let a = alpha[row * width + col]
                    if a > 0 { canvas.blend(x: x0 + col, y: y0 + row, color: color, coverage: Double(a) / 255) }
                }
            }
        } else {
            // Text coordinate (u, v) lands at (p.x + v, p.y - u) when turned counter-clockwise.
            let x0 = Int(qx.rounded()), y0 = Int(qy.rounded())
            for row in 0..<height {
                for col in 0..<width {
                    let a = alpha[row * width + col]
                    if a > 0 { canvas.blend(x: x0 + row, y: y0 - col, color: color, coverage: Double(a) / 255) }
                }
            }
        }
    }
}
