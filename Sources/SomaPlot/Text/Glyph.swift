/// One rendered glyph: an 8-bit coverage mask and where it sits relative to the pen.
struct Glyph {
    /// Pen advance in pixels.
    let advance: Double
    /// Mask offset right of the pen.
    let left: Int
    /// Mask top above the baseline.
    let top: Int
    let width: Int
    let height: Int
    /// Row-major coverage, 0...255.
    let alpha: [UInt8]
}

/// Where glyphs come from: a FreeType face or the built-in bitmap font.
protocol GlyphSource: AnyObject {
    /// The glyph for `scalar` at a pixel size (the em height).
    func glyph(for scalar: Unicode.Scalar, size: Double) -> Glyph
    /// Ascent and descent (both positive) in pixels at a pixel size.
    func lineMetrics(size: Double) -> (ascent: Double, descent: Double)
    /// The pen adjustment between two neighbours ("AV" moves closer), in pixels.
    func kerning(_ left: Unicode.Scalar, _ right: Unicode.Scalar, size: Double) -> Double
}

extension GlyphSource {
    /// The pen position of each scalar of `text` and the total advance.
    func layout(_ text: String, size: Double) -> (positions: [Double], width: Double) {
        var positions: [Double] = []
        var pen = 0.0
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let previous { pen += kerning(previous, scalar, size: size) }
            positions.append(pen)
            pen += glyph(for: scalar, size: size).advance
            previous = scalar
        }
        return (positions, pen)
    }
}

/// The glyph source for drawing text: DejaVu Sans through FreeType when a font
/// file is found, else the built-in bitmap font so text stays readable.
func makeGlyphSource(fontPath: String? = nil) -> GlyphSource {
    let candidates = [fontPath].compactMap { $0 } + [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/local/share/fonts/DejaVuSans.ttf",
        "/Library/Fonts/DejaVuSans.ttf",
    ]
    for path in candidates {
        if let face = FreeTypeFace(path: path) { return face }
    }
    return BitmapFont()
}
