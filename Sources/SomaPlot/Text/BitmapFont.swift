/// The built-in font: antialiased glyph masks stored in the source, scaled to size.
final class BitmapFont: GlyphSource {
    private let base: [Character: Glyph]
    private var cache: [ScaledKey: Glyph] = [:]

    private struct ScaledKey: Hashable {
        let character: Character
        let size10: Int
    }

    init() {
        var glyphs: [Character: Glyph] = [:]
        for (ch, advance, left, top, width, height, hex) in BitmapFont.table {
            let alpha = hex.utf8.map { digit -> UInt8 in
                let value = digit >= 97 ? digit - 87 : digit - 48
                return value &* 17
            }
            guard alpha.count == width * height else { continue }
            glyphs[ch] = Glyph(advance: Double(advance), left: left, top: top,
                               width: width, height: height, alpha: alpha)
        }
        base = glyphs
    }

    func lineMetrics(size: Double) -> (ascent: Double, descent: Double) {
        let scale = size / BitmapFont.tableSize
        return (Double(BitmapFont.tableAscent) * scale, Double(BitmapFont.tableDescent) * scale)
    }

    /// The table has no kerning pairs.
    func kerning(_ left: Unicode.Scalar, _ right: Unicode.Scalar, size: Double) -> Double { 0 }

    func glyph(for scalar: Unicode.Scalar, size: Double) -> Glyph {
        let ch = Character(scalar)
        let key = ScaledKey(character: ch, size10: Int(saturating: (size * 10).rounded()))
        if let hit = cache[key] { return hit }
        let source = base[ch] ?? base["?"] ?? Glyph(advance: 7, left: 0, top: 0, width: 0, height: 0, alpha: [])
        let scaled = BitmapFont.scale(source, by: size / BitmapFont.tableSize)
        cache[key] = scaled
        return scaled
    }

    /// Resamples a glyph mask bilinearly; the table is drawn at 12 px.
    static func scale(_ g: Glyph, by factor: Double) -> Glyph {
        if abs(factor - 1) < 0.01 || g.width == 0 || g.height == 0 {
            return Glyph(advance: g.advance * factor, left: Int(saturating: (Double(g.left) * factor).rounded()),
                         top: Int(saturating: (Double(g.top) * factor).rounded()), width: g.width, height: g.height,
                         alpha: g.alpha)
        }
        let w = max(1, Int(saturating: (Double(g.width) * factor).rounded()))
        let h = max(1, Int(saturating: (Double(g.height) * factor).rounded()))
        var out = [UInt8](repeating: 0, count: w * h)
        func sample(_ x: Int, _ y: Int) -> Double {
            guard x >= 0, y >= 0, x < g.width, y < g.height else { return 0 }
            return Double(g.alpha[y * g.width + x])
        }
        for y in 0..<h {
            let sy = (Double(y) + 0.5) / factor - 0.5
            let y0 = Int(saturating: sy.rounded(.down)), fy = sy - Double(y0)
            for x in 0..<w {
                let sx = (Double(x) + 0.5) / factor - 0.5
                let x0 = Int(saturating: sx.rounded(.down)), fx = sx - Double(x0)
                let top = sample(x0, y0) * (1 - fx) + sample(x0 + 1, y0) * fx
                let bottom = sample(x0, y0 + 1) * (1 - fx) + sample(x0 + 1, y0 + 1) * fx
                out[y * w + x] = UInt8(min(255, max(0, top * (1 - fy) + bottom * fy)))
            }
        }
        return Glyph(advance: g.advance * factor, left: Int(saturating: (Double(g.left) * factor).rounded()),
                     top: Int(saturating: (Double(g.top) * factor).rounded()), width: w, height: h, alpha: out)
    }
}
