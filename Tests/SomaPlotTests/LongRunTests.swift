import Foundation
import Testing
@testable import SomaPlot

@Suite struct LongRunTests {
    /// 100 000 points over 100 pixel columns keep each column's extremes and stay in order.
    @Test func decimationKeepsEveryColumnsExtremes() {
        let n = 100_000
        let run = (0..<n).map { i in Point(Double(i) / 1000, sin(Double(i) * 0.37) * Double(i % 997)) }
        let thin = Decimate.columns(run)
        #expect(thin.count <= 4 * 100)
        #expect(thin.first == run.first && thin.last == run.last)
        for column in 0..<100 {
            let all = run.filter { Int($0.x) == column }.map(\.y)
            let kept = thin.filter { Int($0.x) == column }.map(\.y)
            #expect(kept.min() == all.min() && kept.max() == all.max())
        }
        #expect(zip(thin, thin.dropFirst()).allSatisfy { $0.x <= $1.x })
        let short = Array(run.prefix(10))
        #expect(Decimate.columns(short) == short)
    }

    /// A line of a million points draws one stroke of at most a few thousand points.
    @Test func longLinesReachTheSurfaceThinned() throws {
        var fig = Figure()
        let x = (0..<1_000_000).map { Double($0) }
        try fig.axes.plot(x: x, y: x.map { sin($0 / 1000) })
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let longest = surface.calls.compactMap { call -> Int? in
            if case .stroke(let points, _) = call { return points.count } else { return nil }
        }.max() ?? 0
        #expect(longest > 100 && longest <= 4 * 800)
    }

    /// Stamped markers look like filled ones: the same pixels, up to the quarter-pixel snapping of centres.
    @Test func spritesMatchFilledMarkers() {
        var centres: [Point] = []
        for row in 0..<33 {
            for col in 0..<33 { centres.append(Point(8.3 + 12 * Double(col), 8.6 + 12 * Double(row))) }
        }
        #expect(centres.count >= MarkerSprite.minimumCount)
        var filled = RasterSurface(width: 400, height: 400)
        var stamped = RasterSurface(width: 400, height: 400)
        // Below the threshold markers are filled as polygons; all at once they are stamped.
        for chunk in stride(from: 0, to: centres.count, by: 500) {
            filled.markers(Array(centres[chunk..<min(centres.count, chunk + 500)]), marker: .circle, size: 10,
                           color: .black, edge: nil, clip: nil)
        }
        stamped.markers(centres, marker: .circle, size: 10, color: .black, edge: nil, clip: nil)
        var worst = 0.0, total = 0.0
        for y in 0..<400 {
            for x in 0..<400 {
                let a = filled.canvas.pixel(x: x, y: y)?.r ?? 0, b = stamped.canvas.pixel(x: x, y: y)?.r ?? 0
                worst = max(worst, abs(a - b))
                total += abs(a - b)
            }
        }
        #expect(worst < 0.35)
        #expect(total / 160_000 < 0.02)
        #expect((stamped.canvas.pixel(x: 8, y: 8)?.r ?? 1) < 0.1)
        #expect((stamped.canvas.pixel(x: 14, y: 14)?.r ?? 0) > 0.9)
    }
}
