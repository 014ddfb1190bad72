import Testing
@testable import SomaPlot

@Suite struct TextPreviewTests {
    func parabola() throws -> Figure {
        var fig = Figure()
        try fig.axes.plot(x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.0625, 0.25, 0.5625, 1])
        return fig
    }

    @Test func thePreviewFillsTheTerminalWithOneColumnSpare() throws {
        let fig = try parabola()
        for width in [40, 80, 100, 173] {
            let lines = fig.textPreview(fitting: width, maxRows: 12).text.split(separator: "\n")
            let widest = lines.map(\.count).max() ?? 0
            #expect(widest == width - 1, "\(width) columns: the widest line has \(widest)")
        }
    }

    @Test func rowsKeepTheFiguresProportionsWithinTheLimit() throws {
        let fig = try parabola()
        // Axis line and range line follow the rows of dots.
        #expect(fig.textPreview(fitting: 100, maxRows: 12).drawing.count == 12 + 2)
        let narrow = fig.textPreview(fitting: 40, maxRows: 40).drawing
        let columns = (narrow.dropLast().last?.count ?? 0) - "-0.05└".count
        #expect(columns == 33 && narrow.count - 2 == Int((Double(columns) * 500 / 800 / 2).rounded()),
                "\(columns) columns of an 800 x 500 figure: \(narrow.count - 2) rows")
        #expect(fig.textPreview(fitting: 100, maxRows: 1).drawing.count == 5 + 2, "never fewer than 5 rows")
        // A very narrow terminal still gets a readable preview (20 columns of dots).
        #expect(fig.textPreview(fitting: 10, maxRows: 12).drawing.last?.count ?? 0 >= 20)
    }

    @Test func labelsAndTitlesLeaveTheDrawingAlone() throws {
        var fig = try parabola()
        let before = fig.textPreview(fitting: 80, maxRows: 10)
        fig.axes.xlabel = "x"
        fig.axes.title = "t"
        let labelled = fig.textPreview(fitting: 80, maxRows: 10)
        #expect(labelled.drawing == before.drawing)
        #expect(labelled.text != before.text && labelled.title?.hasSuffix("t") == true && labelled.xlabel?.hasSuffix("x") == true)
        try fig.axes.plot(x: [0, 1], y: [1, 0])
        #expect(fig.textPreview(fitting: 80, maxRows: 10).drawing != before.drawing, "a new curve changes the drawing")
    }
}
