import Foundation
import Testing
@testable import SomaPlot

@Suite struct PNGTests {
    static let references = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("References")

    @Test func roundTripKeepsEveryPixel() throws {
        var canvas = Canvas(width: 7, height: 5)
        canvas.blend(x: 3, y: 2, color: Color(hex: 0x1F77B4), coverage: 1)
        canvas.blend(x: 0, y: 4, color: Color(hex: 0xD62728), coverage: 0.5)
        let decoded = try PNGCodec.decode(try PNGCodec.encode(canvas))
        #expect(decoded == canvas)
        var clear = Canvas(width: 3, height: 3, background: .clear)
        clear.blend(x: 1, y: 1, color: .black, coverage: 1)
        #expect(try PNGCodec.decode(try PNGCodec.encode(clear)) == clear)
    }

    @Test func garbageAndBadPathsThrow() throws {
        #expect(throws: PlotError.self) { try PNGCodec.decode([1, 2, 3, 4]) }
        #expect(throws: PlotError.self) { try PNGCodec.decode([]) }
        var png = try PNGCodec.encode(Canvas(width: 4, height: 4))
        png.removeLast(20)
        #expect(throws: PlotError.self) { try PNGCodec.decode(png) }
        #expect(throws: PlotError.self) { try PNGCodec.write(Canvas(width: 2, height: 2), to: "/nonexistent/dir/x.png") }
    }

    /// Small figures drawn with the built-in font, so they match on any machine.
    static func referenceFigures() throws -> [(String, Figure)] {
        var line = Figure(width: 240, height: 160)
        let x = (0..<50).map { Double($0) / 49 * 6 }
        try line.axes.plot(x: x, y: x.map(sin), label: "sin")
        try line.axes.plot(x: x, y: x.map(cos), format: "--", label: "cos")
        line.axes.title = "waves"
        line.axes.legend = .lowerLeft
        var image = Figure(width: 200, height: 160)
        try image.axes.imshow((0..<64).map { Double(($0 % 8) * ($0 / 8)) }, rows: 8, columns: 8, colorbar: true)
        var bars = Figure(width: 200, height: 160)
        try bars.axes.bar(x: [1, 2, 3], height: [2, 5, 3])
        try bars.axes.scatter(x: [1, 2, 3], y: [2.5, 5.5, 3.5], marker: .cross, color: .black)
        bars.axes.grid = true
        return [("line", line), ("image", image), ("bars", bars)]
    }

    @Test func figuresMatchStoredReferences() throws {
        let update = ProcessInfo.processInfo.environment["SOMA_UPDATE_REFERENCES"] == "1"
        for (name, figure) in try PNGTests.referenceFigures() {
            var surface = RasterSurface(width: Int(figure.width), height: Int(figure.height), builtinFont: true)
            figure.draw(on: &surface)
            let path = PNGTests.references.appendingPathComponent("\(name).png").path
            if update { try PNGCodec.write(surface.canvas, to: path) }
            let reference = try PNGCodec.read(path: path)
            #expect(reference.width == surface.canvas.width && reference.height == surface.canvas.height)
            let (mean, bad) = difference(surface.canvas, reference)
            #expect(mean < 1.0, "\(name): mean difference \(mean)")
            #expect(bad < 0.005, "\(name): \(bad * 100)% of pixels differ")
            #expect(PNGCheck.passes(path) != false)
        }
    }

    /// Mean absolute channel difference (0...255) and the share of pixels off by more than 32.
    func difference(_ a: Canvas, _ b: Canvas) -> (Double, Double) {
        guard a.pixels.count == b.pixels.count else { return (255, 1) }
        var total = 0.0, bad = 0
        for i in stride(from: 0, to: a.pixels.count, by: 4) {
            var worst = 0
            for c in 0..<4 {
                let d = abs(Int(a.pixels[i + c]) - Int(b.pixels[i + c]))
                total += Double(d)
                worst = max(worst, d)
            }
            if worst > 32 { bad += 1 }
        }
        return (total / Double(a.pixels.count), Double(bad) / Double(a.pixels.count / 4))
    }
}
