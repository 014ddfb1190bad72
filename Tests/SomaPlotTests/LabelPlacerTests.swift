import Testing
@testable import SomaPlot

@Suite struct LabelPlacerTests {
    private let metrics = Metrics(theme: Theme(), scale: 100.0 / 72)

    /// Six words at almost one point end in six boxes that do not overlap, inside the plot,
    /// and each label that moved has a leader back to its point.
    @Test func crowdedLabelsSpreadApart() throws {
        var axes = Axes()
        let x = [0.0, 0.01, 0.02, 0.0, 0.01, 1]
        let y = [0.0, 0.01, 0.0, 0.02, 0.015, 1]
        try axes.scatter(x: x, y: y)
        try axes.text(x: x, y: y, strings: ["apple", "bread", "cheese", "rice", "soup", "far"], offset: 6, repel: true)
        let surface = RecordingSurface(width: 800, height: 500)
        let layout = AxesLayout(axes, cell: Rect(x: 0, y: 0, width: 800, height: 500), surface: surface, metrics: metrics)
        let notes = axes.series.compactMap { s -> Annotation? in if case .text(let n) = s.kind { return n } else { return nil } }
        let boxes = LabelPlacer.place(notes, transform: layout.transform, on: surface, metrics: metrics).compactMap { $0 }
        #expect(boxes.count == 6)
        for i in boxes.indices {
            #expect(boxes[i].minY >= layout.plot.minY - 1e-9 && boxes[i].maxY <= layout.plot.maxY + 1e-9)
            for j in (i + 1)..<boxes.count {
                let overlapX = min(boxes[i].maxX, boxes[j].maxX) - max(boxes[i].minX, boxes[j].minX)
                let overlapY = min(boxes[i].maxY, boxes[j].maxY) - max(boxes[i].minY, boxes[j].minY)
                #expect(overlapX <= 0 || overlapY <= 1e-6, "labels \(i) and \(j) overlap")
            }
        }
        // The lone label far away stays beside its point: 6 points to the right, centred on it.
        let far = layout.transform.point(1, 1)
        #expect(abs(boxes[5].minX - (far.x + 6 * 100 / 72)) < 1e-9)
        #expect(abs(boxes[5].minY + boxes[5].height / 2 - far.y) < 1e-9)

        var drawn = RecordingSurface(width: 800, height: 500)
        var fig = Figure()
        fig.axes = axes
        fig.draw(on: &drawn)
        let leaders = drawn.calls.filter { if case .stroke(_, let s) = $0 { return s.color == Color(hex: 0x999999) }; return false }
        #expect(leaders.count >= 3 && leaders.count <= 5)
        #expect(drawn.texts.filter { ["apple", "bread", "cheese", "rice", "soup", "far"].contains($0) }.count == 6)
    }

    /// Without repel the labels sit where `text` puts them and overlap.
    @Test func withoutRepelNothingMoves() throws {
        var axes = Axes()
        try axes.text(x: [0, 0], y: [0, 0], strings: ["a", "b"])
        var fig = Figure()
        fig.axes = axes
        var drawn = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &drawn)
        let leaders = drawn.calls.filter { if case .stroke(_, let s) = $0 { return s.color == Color(hex: 0x999999) }; return false }
        #expect(leaders.isEmpty)
    }
}
