import Testing
@testable import SomaPlot

@Suite struct TextTests {
    func darkPixels(_ canvas: Canvas) -> (count: Int, width: Int, height: Int) {
        var count = 0, x0 = Int.max, x1 = -1, y0 = Int.max, y1 = -1
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where (canvas.pixel(x: x, y: y)?.r ?? 1) < 0.5 {
                count += 1
                x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
            }
        }
        return (count, max(0, x1 - x0 + 1), max(0, y1 - y0 + 1))
    }

    @Test func greekAndMathGlyphsRender() {
        let source = makeGlyphSource()
        for ch in "τα μ∞−".unicodeScalars where ch != " " {
            let glyph = source.glyph(for: ch, size: 14)
            #expect(glyph.width > 0 && glyph.height > 0, "no glyph for \(ch)")
            #expect(glyph.alpha.contains { $0 > 128 })
        }
    }

    @Test func builtinFontDrawsReadableText() {
        var surface = RasterSurface(width: 200, height: 40, builtinFont: true)
        surface.text("rate (Hz) τ", at: Point(10, 20), size: 14, color: .black,
                     anchor: TextAnchor(.left, .center), rotated: false)
        let dark = darkPixels(surface.canvas)
        #expect(dark.count > 40)
        #expect(dark.width > 60 && dark.width < 120)
        #expect(dark.height >= 9 && dark.height <= 16)
    }

    @Test func rotatedTextRunsUpwards() {
        var surface = RasterSurface(width: 60, height: 200, builtinFont: false)
        surface.text("membrane potential", at: Point(30, 100), size: 14, color: .black,
                     anchor: TextAnchor(.center, .center), rotated: true)
        let dark = darkPixels(surface.canvas)
        #expect(dark.height > 3 * dark.width)
    }

    @Test func kerningPullsPairsTogether() {
        let source = makeGlyphSource()
        guard source is FreeTypeFace else { return }
        let pair = source.layout("AV", size: 14).width
        let apart = source.layout("A", size: 14).width + source.layout("V", size: 14).width
        #expect(pair < apart - 0.3)
    }

    @Test func measureGrowsWithLength() {
        let surface = RasterSurface(width: 10, height: 10)
        let short = surface.measure("0.2", size: 13.9), long = surface.measure("0.25", size: 13.9)
        #expect(long.width > short.width)
        #expect(short.height > 10 && short.height < 25)
    }
}
