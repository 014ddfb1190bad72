import Foundation
import Testing
@testable import SomaPlot

@Suite struct RecordingTests {
    func record(_ figure: Figure) -> RecordingSurface {
        var surface = RecordingSurface(width: 800, height: 500)
        figure.draw(on: &surface)
        return surface
    }

    @Test func linePlotDrawsOneStrokeInTheCycleColour() throws {
        var fig = Figure()
        let x = (0..<1000).map { Double($0) / 999 }
        try fig.axes.plot(x: x, y: x.map { $0 * $0 })
        try fig.axes.plot(x: x, y: x)
        let strokes = record(fig).calls.compactMap { call -> StrokeStyle? in
            if case .stroke(let points, let style) = call, points.count == 1000 { return style }
            return nil
        }
        #expect(strokes.count == 2)
        #expect(strokes.first?.color == Color(hex: 0x1F77B4))
        #expect(strokes.last?.color == Color(hex: 0xFF7F0E))
        #expect(abs((strokes.first?.width ?? 0) - 1.5 * 100 / 72) < 1e-9)
    }

    @Test func labelsTitleAndTicksAreDrawn() throws {
        var fig = Figure()
        try fig.axes.plot(x: [0, 0.9], y: [0, 0.9])
        fig.axes.xlim = (0, 0.9)
        fig.axes.title = "LIF"
        fig.axes.xlabel = "x"
        fig.axes.ylabel = "rate (Hz)"
        let texts = record(fig).texts
        #expect(texts.contains("LIF") && texts.contains("x") && texts.contains("rate (Hz)"))
        #expect(texts.contains("0.3"))
        #expect(!texts.contains { $0.contains("0000") })
        let rotated = record(fig).calls.contains { if case .text("rate (Hz)", _, _, true) = $0 { return true } else { return false } }
        #expect(rotated)
    }

    @Test func bestLegendAvoidsTheData() throws {
        var fig = Figure()
        let x = (0..<100).map { Double($0) / 99 }
        // Data fills the upper right corner; the legend should go elsewhere.
        try fig.axes.plot(x: x, y: x.map { $0 * $0 * $0 }, label: "cubic")
        try fig.axes.scatter(x: [0.9, 0.95, 1], y: [0.9, 0.95, 1], label: "points")
        fig.axes.legend = .best
        let surface = record(fig)
        let legendText = surface.calls.compactMap { call -> Point? in
            if case .text("cubic", let at, _, _) = call { return at }
            return nil
        }
        let at = try #require(legendText.first)
        #expect(at.x < 400 && at.y < 250)
    }

    @Test func imageGridTilesWithSeparators() throws {
        var fig = Figure()
        try fig.axes.imgrid([Double](repeating: 1, count: 400 * 64), count: 400, height: 8, width: 8, rows: 20, columns: 20)
        let images = record(fig).calls.compactMap { call -> (Int, Int)? in
            if case .image(let c, let r, _) = call { return (c, r) }
            return nil
        }
        #expect(images.count == 1)
        #expect(images.first?.0 == 20 * 8 + 19)
        #expect(fig.axes.axisHidden)
    }

    @Test func rasterDrawsOneTickPerSpike() throws {
        var fig = Figure()
        fig.axes.raster([[0.1, 0.2], [], [0.5, 0.6, 0.7]])
        let fills = record(fig).calls.compactMap { call -> Int? in
            if case .fill(let contours, _, _) = call { return contours }
            return nil
        }
        #expect(fills.contains(5))
    }

    @Test func subplotsPlaceAxesInTheirCells() throws {
        var fig = Figure()
        try fig.subplot(rows: 1, columns: 2, index: 1)
        try fig.axes.plot(y: [1, 2, 3])
        fig.axes.title = "left"
        try fig.subplot(rows: 1, columns: 2, index: 2)
        try fig.axes.plot(y: [3, 2, 1])
        fig.axes.title = "right"
        let titles = record(fig).calls.compactMap { call -> (String, Double)? in
            if case .text(let s, let at, _, _) = call, s == "left" || s == "right" { return (s, at.x) }
            return nil
        }
        #expect(titles.count == 2)
        #expect((titles.first { $0.0 == "left" }?.1 ?? 999) < 400)
        #expect((titles.first { $0.0 == "right" }?.1 ?? 0) > 400)
        #expect(throws: PlotError.self) { try fig.subplot(rows: 1, columns: 2, index: 3) }
    }

    @Test func badInputThrowsInsteadOfTrapping() throws {
        var axes = Axes()
        #expect(throws: PlotError.self) { try axes.plot(x: [1, 2], y: [1]) }
        #expect(throws: PlotError.self) { try axes.plot(y: [1], format: "q?") }
        #expect(throws: PlotError.self) { try axes.hist([1, 2], bins: 0) }
        #expect(throws: PlotError.self) { try axes.imshow([1, 2, 3], rows: 2, columns: 2) }
        #expect(throws: PlotError.self) { try axes.imgrid([1, 2], count: 1, height: 2, width: 2) }
        #expect(throws: PlotError.self) { try axes.contour(z: [1, 2], rows: 1, columns: 2) }
        #expect(throws: PlotError.self) { try Color(parsing: "notacolour") }
        #expect(throws: PlotError.self) { try Colormap(named: "jet") }
        #expect(throws: PlotError.self) { try Figure().png(dpi: 0) }
        // Non-finite data is skipped, not fatal.
        var fig = Figure()
        try fig.axes.plot(x: [0, 1, 2, 3], y: [1, .nan, .infinity, 2])
        _ = record(fig)
    }

    @Test func extremeDataRendersWithoutTrapping() throws {
        var fig = Figure(width: 200, height: 150)
        try fig.subplot(rows: 2, columns: 2, index: 1)
        try fig.axes.plot(x: [0, 1, 2, 3], y: [-1e308, 1e308, .nan, 5e-324], format: "--o")
        try fig.subplot(rows: 2, columns: 2, index: 2)
        try fig.axes.hist([1, 1 + 1e-300, .infinity], bins: 5)
        fig.axes.xscale = .log
        fig.axes.ylim = (1e-300, 1e300)
        try fig.subplot(rows: 2, columns: 2, index: 3)
        try fig.axes.imshow([1, 2, 3, 4], rows: 2, columns: 2)
        fig.axes.xlim = (0, 1e-300)
        try fig.subplot(rows: 2, columns: 2, index: 4)
        try fig.axes.scatter(x: [0, 1e300], y: [-1e300, 0], size: 200)
        fig.axes.yscale = .log
        _ = fig.render()
        _ = fig.preview()
        var big = Axes()
        #expect(throws: PlotError.self) {
            try big.imgrid([1, 2, 3, 4], count: 1, height: 2, width: 2, rows: 4096, columns: 4096)
        }
    }

    @Test func xTickLabelsDoNotOverlap() throws {
        var fig = Figure(width: 300, height: 200)
        try fig.axes.plot(x: [1.00001, 1.00009], y: [0, 1])
        let surface = record(fig)
        // x tick labels are the texts on the lowest shared baseline.
        let texts = surface.calls.compactMap { call -> (String, Point)? in
            if case .text(let s, let at, _, false) = call { return (s, at) }
            return nil
        }
        let bottom = texts.map(\.1.y).max() ?? 0
        let row = texts.filter { abs($0.1.y - bottom) < 0.5 }.sorted { $0.1.x < $1.1.x }
        #expect(row.count >= 2)
        for (a, b) in zip(row, row.dropFirst()) {
            let room = (surface.measure(a.0, size: 13.9).width + surface.measure(b.0, size: 13.9).width) / 2
            #expect(b.1.x - a.1.x > room, "'\(a.0)' and '\(b.0)' overlap")
        }
    }

    @Test func formatStringsParse() throws {
        let f = try LineFormat(parsing: "r--o")
        #expect(f.color == Color(hex: 0xFF0000))
        #expect(f.dash == .dashed)
        #expect(f.marker == .circle)
        #expect(try LineFormat(parsing: "k:").dash == .dotted)
        #expect(try LineFormat(parsing: "-.").dash == .dashdot)
        #expect(try Color(parsing: "C1") == Color(hex: 0xFF7F0E))
        #expect(try Color(parsing: "#ff000080").a > 0.49)
    }

    @Test func histogramCountsLikeNumpy() throws {
        let h = try Histogram([0, 1, 1, 2, 3, 3, 3, 4], bins: 4, range: nil, density: false)
        #expect(h.counts == [1, 2, 1, 4])
        #expect(h.edges == [0, 1, 2, 3, 4])
        let uneven = try Histogram([0.5, 1.5, 2.5, 9, 10], edges: [0, 1, 3, 10], density: false)
        #expect(uneven.counts == [1, 2, 2])
        #expect(throws: PlotError.self) { try Histogram([1], edges: [0, 0], density: false) }
        let d = try Histogram([0, 1, 2, 3], bins: 2, range: (0, 4), density: true)
        #expect(abs(d.counts.reduce(0, +) * 2 - 1) < 1e-12)
    }

    @Test func contourOfAConeIsACircle() {
        let n = 41
        let grid = (0..<n).map { -2 + 4 * Double($0) / Double(n - 1) }
        let z = (0..<(n * n)).map { i in (grid[i % n] * grid[i % n] + grid[i / n] * grid[i / n]).squareRoot() }
        let lines = Contour.trace(z: z, x: grid, y: grid, level: 1)
        #expect(lines.count == 1)
        let loop = lines[0]
        #expect(loop.count > 20)
        #expect(loop.first == loop.last)
        for p in loop { #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - 1) < 0.02) }
    }

    @Test func previewShowsTheCurve() throws {
        var fig = Figure()
        let x = (0..<200).map { Double($0) / 199 * 6.3 }
        try fig.axes.plot(x: x, y: x.map(sin))
        fig.axes.title = "sine"
        let text = fig.preview(columns: 60, rows: 15)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + 15 + 2)
        #expect(lines[0].contains("sine"))
        let braille = text.unicodeScalars.filter { $0.value > 0x2800 && $0.value <= 0x28FF }.count
        #expect(braille > 60)
        #expect(lines[1].trimmingCharacters(in: .whitespaces).hasPrefix("1.1"))
        #expect(lines[15].trimmingCharacters(in: .whitespaces).hasPrefix("-1.1"))
    }
}
