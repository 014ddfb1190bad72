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
    /// drawn as math (Greek letters, smaller raised and lowered scripts, stacked fractions).
    init(_ text: String, size: Double, source: GlyphSource) {
        let layout = MathLayout(MathText.runs(text), size: size, source: source)
        let pad = 2
        width = max(1, Int(saturating: layout.width.rounded(.up)) + 2 * pad)
        let ascent = Int(saturating: layout.ascent.rounded(.up)), descent = Int(saturating: layout.descent.rounded(.up))
        height = max(1, ascent + descent)
        baseline = Double(ascent)
        var mask = [UInt8](repeating: 0, count: width * height)
        let w = width, h = height
        func put(_ x: Int, _ y: Int, _ value: UInt8) {
            guard x >= 0, x < w, y >= 0, y < h else { return }
            mask[y * w + x] = max(mask[y * w + x], value)
        }
        for piece in layout.pieces {
            let glyphs = piece.text.unicodeScalars.map { source.glyph(for: $0, size: piece.size) }
            let (positions, _) = source.layout(piece.text, size: piece.size)
            let shift = Int(saturating: piece.rise.rounded())
            for (g, position) in zip(glyphs, positions) {
                let originX = Int(saturating: (Double(pad) + piece.x + position).rounded()) + g.left
                let originY = ascent - shift - g.top
                for row in 0..<g.height {
                    for col in 0..<g.width { put(originX + col, originY + row, g.alpha[row * g.width + col]) }
                }
            }
        }
        for bar in layout.bars {
            let y0 = ascent - Int(saturating: (bar.rise + bar.thickness / 2).rounded())
            let rows = max(1, Int(saturating: bar.thickness.rounded()))
            let x0 = Int(saturating: (Double(pad) + bar.x).rounded()), x1 = Int(saturating: (Double(pad) + bar.x + bar.width).rounded())
            guard x0 < x1 else { continue }
            for y in y0..<(y0 + rows) {
                for x in x0..<x1 { put(x, y, 255) }
            }
        }
        alpha = mask
    }

    /// Width, ascent and descent of a line that may hold math.
    static func extent(_ runs: [MathText.Run], size: Double, source: GlyphSource) -> TextExtent {
        let layout = MathLayout(runs, size: size, source: source)
        return TextExtent(width: layout.width, ascent: layout.ascent, descent: layout.descent)
    }
}

/// Where the pieces of a line of math go: text at a size and baseline, and fraction bars.
/// Positions are in pixels from the pen start; rises are upwards from the baseline.
struct MathLayout {
    struct Piece {
        var text: String
        var size: Double
        var x: Double
        var rise: Double
    }

    struct Bar {
        var x: Double
        var width: Double
        var rise: Double
        var thickness: Double
    }

    var pieces: [Piece] = []
    var bars: [Bar] = []
    var width = 0.0
    var ascent: Double
    var descent: Double

    init(_ runs: [MathText.Run], size: Double, source: GlyphSource) {
        let base = source.lineMetrics(size: size)
        ascent = base.ascent
        descent = base.descent
        for run in runs {
            let runSize = size * run.scale
            let rise = run.rise * size
            if let fraction = run.fraction {
                let partSize = runSize * MathText.fractionScale
                let top = MathLayout(fraction.top, size: partSize, source: source)
                let bottom = MathLayout(fraction.bottom, size: partSize, source: source)
                let gap = 0.12 * runSize, side = 0.1 * runSize
                let thickness = max(1, 0.06 * runSize)
                // The bar sits on the math axis, about half an x-height above the baseline.
                let axis = rise + 0.3 * runSize
                let inner = max(top.width, bottom.width)
                let topRise = axis + thickness / 2 + gap + top.descent
                let bottomRise = axis - thickness / 2 - gap - bottom.ascent
                for (part, partRise) in [(top, topRise), (bottom, bottomRise)] {
                    let dx = width + side + (inner - part.width) / 2
                    for piece in part.pieces {
                        pieces.append(Piece(text: piece.text, size: piece.size, x: dx + piece.x, rise: partRise + piece.rise))
                    }
                    for bar in part.bars {
                        bars.append(Bar(x: dx + bar.x, width: bar.width, rise: partRise + bar.rise, thickness: bar.thickness))
                    }
                }
                bars.append(Bar(x: width + side / 2, width: inner + side, rise: axis, thickness: thickness))
                ascent = max(ascent, topRise + top.ascent)
                descent = max(descent, bottom.descent - bottomRise)
                width += inner + 2 * side
                continue
            }
            pieces.append(Piece(text: run.text, size: runSize, x: width, rise: rise))
            width += source.layout(run.text, size: runSize).width
            guard run.scale != 1 || run.rise != 0 else { continue }
            let metrics = source.lineMetrics(size: runSize)
            ascent = max(ascent, rise + metrics.ascent)
            descent = max(descent, metrics.descent - rise)
        }
    }
}

extension TextMask {
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
