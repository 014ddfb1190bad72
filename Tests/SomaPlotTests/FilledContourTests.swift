import Testing
@testable import SomaPlot

@Suite struct FilledContourTests {
    /// z = x over a 3x3 grid from 0 to 2, split at 1: the left half is band 0, the right band 1.
    @Test func bandsFollowTheLevels() throws {
        var axes = Axes()
        let x = [0.0, 1, 2], y = [0.0, 1, 2]
        let z = (0..<3).flatMap { _ in x }
        try axes.contourf(z: z, rows: 3, columns: 3, x: x, y: y, levels: [0, 1, 2], alpha: 0.5, resolution: 100)
        guard case .image(let image) = try #require(axes.series.last).kind else {
            Issue.record("contourf adds a resampled image")
            return
        }
        #expect(image.columns == 100 && image.rows == 100)
        let e = image.edges
        #expect(e.x0 == 0 && e.x1 == 2 && e.y0 == 0 && e.y1 == 2)
        // Sample 10 of 100 sits at x = 0.21, sample 90 at x = 1.81.
        #expect(image.values[50 * 100 + 10] == 0)
        #expect(image.values[50 * 100 + 90] == 1)
        #expect(image.colors()[0].a == 0.5)
        let (xl, yl) = axes.viewLimits()
        #expect(xl.0 == 0 && xl.1 == 2 && yl.0 == 0 && yl.1 == 2)
    }

    @Test func valuesOutsideTheEdgesStayBlankAndDefaultLevelsCoverAll() throws {
        #expect(Axes.band(of: -1, edges: [0, 1, 2]).isNaN)
        #expect(Axes.band(of: 2, edges: [0, 1, 2]) == 1)
        #expect(Axes.band(of: 0.5, edges: [0, 1, 2]) == 0)
        let edges = try Axes.bandEdges(nil, lo: -0.3, hi: 2.7)
        #expect(edges.first ?? 1 <= -0.3 && edges.last ?? 0 >= 2.7 && edges.count >= 3)
    }

    @Test func drawsOneImageInsideThePlot() throws {
        var fig = Figure()
        try fig.axes.contourf(z: [0, 1, 1, 2], rows: 2, columns: 2, levels: [0, 1, 2], resolution: 50)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let images = surface.calls.filter { if case .image(50, 50, _) = $0 { return true }; return false }
        #expect(images.count == 1)
    }

    @Test func badInputIsAnError() {
        var axes = Axes()
        #expect(throws: PlotError.self) { try axes.contourf(z: [1, 2, 3], rows: 2, columns: 2) }
        #expect(throws: PlotError.self) { try axes.contourf(z: [1, 2, 3, 4], rows: 2, columns: 2, levels: [1, 0]) }
        #expect(throws: PlotError.self) { try axes.contourf(z: [1, 2, 3, 4], rows: 2, columns: 2, alpha: 2) }
        #expect(throws: PlotError.self) { try axes.contourf(z: [1, 2, 3, 4], rows: 2, columns: 2, x: [1, 1]) }
    }
}

@Suite struct CellLabelTests {
    @Test func everyCellGetsItsValueInAContrastingColour() throws {
        var axes = Axes()
        try axes.imshow([0, 5, 12, 45], rows: 2, columns: 2)
        try axes.labelCells()
        let notes = axes.series.compactMap { s -> (Annotation, Color)? in
            if case .text(let note) = s.kind { return (note, s.color) } else { return nil }
        }
        #expect(notes.map(\.0.text) == ["0", "5", "12", "45"])
        // Cell (row 1, column 0) is centred on (0, 1).
        #expect(notes[2].0.x == 0 && notes[2].0.y == 1)
        // viridis is dark at the bottom of the range, light yellow at the top.
        #expect(notes[0].1 == .white)
        #expect(notes[3].1 != .white)
        #expect(Axes.cellLabel(0.12345) == "0.123")
    }

    @Test func labelsNeedAnImage() {
        var axes = Axes()
        #expect(throws: PlotError.self) { try axes.labelCells() }
    }
}
