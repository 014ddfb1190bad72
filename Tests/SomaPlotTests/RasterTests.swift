import Testing
@testable import SomaPlot

@Suite struct RasterTests {
    /// Darkness (0 white ... 1 black) summed over the canvas, in pixels.
    func ink(_ canvas: Canvas) -> Double {
        var total = 0.0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                total += 1 - (canvas.pixel(x: x, y: y)?.r ?? 1)
            }
        }
        return total
    }

    @Test func squareOnPixelGridIsExact() {
        var surface = RasterSurface(width: 20, height: 20, builtinFont: true)
        surface.fill([[Point(5, 5), Point(15, 5), Point(15, 10), Point(5, 10)]], color: .black, clip: nil)
        #expect(surface.canvas.pixel(x: 10, y: 7) == .black)
        #expect(surface.canvas.pixel(x: 4, y: 7) == .white)
        #expect(abs(ink(surface.canvas) - 50) < 0.5)
    }

    @Test func halfCoveredPixelsAreHalfGrey() {
        var surface = RasterSurface(width: 10, height: 10, builtinFont: true)
        surface.fill([[Point(2.5, 2), Point(6.5, 2), Point(6.5, 6), Point(2.5, 6)]], color: .black, clip: nil)
        let edge = surface.canvas.pixel(x: 2, y: 3)?.r ?? 0
        #expect(abs(edge - 0.5) < 0.02)
        #expect(abs(ink(surface.canvas) - 16) < 0.3)
    }

    @Test func circleAreaMatchesPiRSquared() {
        var surface = RasterSurface(width: 60, height: 60, builtinFont: true)
        surface.markers([Point(30, 30)], marker: .circle, size: 40, color: .black, edge: nil, clip: nil)
        let area = Double.pi * 20 * 20
        #expect(abs(ink(surface.canvas) - area) / area < 0.02)
    }

    @Test func strokeCoversLengthTimesWidth() {
        var surface = RasterSurface(width: 100, height: 40, builtinFont: true)
        surface.stroke([Point(10, 20), Point(50, 20), Point(90, 20)], style: StrokeStyle(color: .black, width: 3), clip: nil)
        #expect(abs(ink(surface.canvas) - 240) < 3)
    }

    @Test func overlappingStrokePiecesDoNotCancel() {
        var surface = RasterSurface(width: 60, height: 60, builtinFont: true)
        // A sharp zig-zag: segments and joins overlap heavily.
        surface.stroke([Point(10, 10), Point(50, 30), Point(10, 50)], style: StrokeStyle(color: .black, width: 8), clip: nil)
        #expect(surface.canvas.pixel(x: 48, y: 30) == .black)
        #expect(surface.canvas.pixel(x: 30, y: 20)?.r ?? 1 < 0.05)
    }

    @Test func clipRectangleBoundsTheFill() {
        var surface = RasterSurface(width: 40, height: 40, builtinFont: true)
        surface.fill([[Point(-100, -100), Point(100, -100), Point(100, 100), Point(-100, 100)]], color: .black,
                     clip: Rect(x: 10, y: 10, width: 20, height: 5))
        #expect(abs(ink(surface.canvas) - 100) < 0.5)
    }

    @Test func dashesAlternate() {
        let pieces = Stroker.dash([Point(0, 0), Point(10, 0)], pattern: [2, 1])
        #expect(pieces.count == 4)
        #expect(pieces[1].first == Point(3, 0))
        #expect(pieces[1].last == Point(5, 0))
    }

    @Test func translucentColourBlends() {
        var canvas = Canvas(width: 2, height: 1)
        canvas.blend(x: 0, y: 0, color: Color(r: 0, g: 0, b: 0, a: 0.5), coverage: 1)
        #expect(abs((canvas.pixel(x: 0, y: 0)?.r ?? 0) - 0.5) < 0.01)
        canvas.blend(x: 5, y: 5, color: .black, coverage: 1)
        #expect(canvas.pixel(x: 5, y: 5) == nil)
    }
}
