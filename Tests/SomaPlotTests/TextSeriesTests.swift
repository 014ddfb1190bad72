import Testing
@testable import SomaPlot

@Suite struct TextSeriesTests {
    @Test func textLabelsSitBesideTheirPointsWithoutWideningTheView() throws {
        var fig = Figure()
        try fig.axes.scatter(x: [0, 1], y: [0, 1])
        try fig.axes.text(x: [0, 1], y: [0, 1], strings: ["cat", "dog"], offset: 5)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let placed = surface.calls.compactMap { call -> (String, Point)? in
            if case .text(let s, let at, _, false) = call, ["cat", "dog"].contains(s) { return (s, at) }
            return nil
        }
        #expect(placed.map(\.0) == ["cat", "dog"])
        // x grows to the right, y upwards (pixels downwards).
        let cat = try #require(placed.first?.1), dog = try #require(placed.last?.1)
        #expect(dog.x > cat.x && dog.y < cat.y)
        let (xl, _) = fig.axes.viewLimits()
        #expect(xl.1 < 1.5, "labels do not widen the view")
    }

    @Test func arrowsAndReferenceLinesDraw() throws {
        var fig = Figure()
        try fig.axes.plot(y: [0, 1, 4])
        try fig.axes.text(x: 0.2, y: 3, "peak", arrowTo: Point(2, 4))
        try fig.axes.referenceLine(at: 2, vertical: false)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        #expect(surface.calls.contains { if case .text("peak", _, _, false) = $0 { return true }; return false })
    }

    /// `fig.axes` changes the current axes in place: 30 000 labels added one call at a time
    /// (a loop of `text(x, y, s)`) take linear time; copying every call took about 40 s.
    @Test func labelsAddedOneCallAtATimeTakeLinearTime() throws {
        var fig = Figure()
        try fig.axes.plot(y: [0, 1])
        let elapsed = try ContinuousClock().measure {
            for i in 0..<30_000 { try fig.axes.text(x: Double(i), y: 0, "w") }
        }
        #expect(fig.axes.series.count == 30_001)
        #expect(elapsed < .seconds(10), "\(elapsed)")
        // The twin axes change in place too, apart from the panel's series.
        fig.twinx()
        for i in 0..<100 { try fig.axes.text(x: Double(i), y: 1, "v") }
        #expect(fig.axes.series.count == 100)
        #expect(fig.panels[0]?.series.count == 30_001)
    }

    @Test func badInputIsAnError() {
        var fig = Figure()
        #expect(throws: PlotError.self) { try fig.axes.text(x: [0, 1], y: [0, 1], strings: ["a"]) }
        #expect(throws: PlotError.self) { try fig.axes.text(x: 0, y: 0, "a", size: -1) }
        #expect(throws: PlotError.self) { try fig.axes.text(x: .nan, y: 0, "a") }
        #expect(throws: PlotError.self) { try fig.axes.setTicks([0, 1], labels: ["a"], onX: true) }
    }
}
