import Testing
@testable import SomaPlot

@Suite struct TextSeriesTests {
    @Test func textLabelsSitBesideTheirPointsAndWidenTheLimits() throws {
        var fig = Figure()
        try fig.axes.scatter(x: [0, 1], y: [0, 1])
        try fig.axes.text(x: [0, 1, 3], y: [0, 1, -2], strings: ["cat", "dog", "far"], offset: 5)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let placed = surface.calls.compactMap { call -> (String, Point)? in
            if case .text(let s, let at, _, false) = call, ["cat", "dog", "far"].contains(s) { return (s, at) }
            return nil
        }
        #expect(placed.map(\.0) == ["cat", "dog", "far"])
        // x grows to the right, y upwards (pixels downwards); "far" widened the view to x = 3, y = -2.
        let cat = try #require(placed.first?.1), dog = try #require(placed.dropFirst().first?.1)
        let far = try #require(placed.last?.1)
        #expect(dog.x > cat.x && dog.y < cat.y && far.x > dog.x && far.y > cat.y)
        let (xl, yl) = fig.axes.viewLimits()
        #expect(xl.1 >= 3 && yl.0 <= -2)
    }

    @Test func mismatchedLengthsAreAnError() {
        var fig = Figure()
        #expect(throws: PlotError.self) { try fig.axes.text(x: [0, 1], y: [0, 1], strings: ["a"]) }
        #expect(throws: PlotError.self) { try fig.axes.text(x: [0], y: [0], strings: ["a"], size: -1) }
    }
}
