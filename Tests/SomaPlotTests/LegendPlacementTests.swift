import Testing
import Foundation
@testable import SomaPlot

@Suite struct LegendPlacementTests {
    /// The legend's frame: the first stroke after the data with the legend's grey.
    private func legendBox(_ surface: RecordingSurface) -> Rect? {
        for call in surface.calls {
            if case .stroke(let points, let style) = call, style.color == Color(hex: 0xCCCCCC) {
                let xs = points.map(\.x), ys = points.map(\.y)
                guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
                return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            }
        }
        return nil
    }

    @Test func segmentsCrossingARectangleAreFoundExactly() {
        let r = Rect(x: 10, y: 10, width: 10, height: 10)
        // A long segment passing through a corner region between sample points.
        #expect(Legend.crosses((Point(0, 11), Point(1000, 11)), r))
        #expect(!Legend.crosses((Point(0, 0), Point(1000, 5)), r))
        #expect(Legend.crosses((Point(15, 15), Point(16, 16)), r))
    }

    /// A rising line fills the upper left and lower right: "best" takes a free corner.
    @Test func bestAvoidsTheLine() throws {
        var fig = Figure()
        let x = (0...200).map { Double($0) / 200 }
        try fig.axes.plot(x: x, y: x, label: "y = x")
        fig.axes.legend = .best
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let box = try #require(legendBox(surface))
        let layout = AxesLayout(fig.axes, cell: Rect(x: 0, y: 0, width: 800, height: 500), surface: surface,
                                metrics: Metrics(theme: Theme(), scale: 100.0 / 72))
        let segments = Legend.sampleSegments(fig.axes, layout.transform, plot: layout.plot)
        #expect(!segments.contains { Legend.crosses($0, box) })
    }

    /// Sines fill the whole plot: the legend moves right of the plot instead of covering them.
    @Test func bestGoesOutsideWhenEveryCornerIsTaken() throws {
        var fig = Figure()
        let x = (0...400).map { Double($0) / 40 }
        for k in 0..<4 {
            try fig.axes.plot(x: x, y: x.map { sin($0 * Double(k + 1)) }, label: "sin \(k + 1)x")
        }
        fig.axes.legend = .best
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let box = try #require(legendBox(surface))
        let spineRight = surface.calls.compactMap { call -> Double? in
            if case .stroke(let points, let style) = call, style.color == Theme().spine, points.count == 2,
               points[0].x == points[1].x { return points[0].x }
            return nil
        }.max() ?? 0
        #expect(box.minX > spineRight)
        #expect(box.maxX <= 800)
    }

    @Test func anExplicitLocationIsKept() throws {
        var fig = Figure()
        try fig.axes.plot(y: [0, 1, 0], label: "a")
        fig.axes.legend = try Axes.LegendLocation(parsing: "lower left")
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let box = try #require(legendBox(surface))
        #expect(box.minX < 200 && box.minY > 300)
        #expect(try Axes.LegendLocation(parsing: "outside") == .outsideRight)
    }
}
