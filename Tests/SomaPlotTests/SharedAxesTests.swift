import Testing
@testable import SomaPlot

private extension Color {
    static let red = Color(hex: 0xFF0000)
}

@Suite struct ErrorBarTests {
    private let metrics = Metrics(theme: Theme(), scale: 100.0 / 72)

    /// The view covers the bars, not only the points.
    @Test func limitsCoverTheBars() throws {
        var axes = Axes()
        try axes.errorbar(x: [0, 1, 2], y: [1, 2, 3], yerr: ErrorRange(lower: [0.5, 0.1, 0.1], upper: [0.1, 0.1, 2]),
                          xerr: ErrorRange(symmetric: [0.25, 0, 0]))
        let e = axes.extents()
        #expect(e.y.lo == 0.5 && e.y.hi == 5)
        #expect(e.x.lo == -0.25 && e.x.hi == 2)
    }

    /// Each bar spans y - lower to y + upper in pixels, with caps `capsize` points wide at both ends.
    @Test func barsAndCapsHaveTheirDataAndPointSizes() throws {
        var fig = Figure()
        try fig.axes.errorbar(x: [1, 2, 3], y: [2, 4, 3], yerr: ErrorRange(symmetric: [1, 0.5, 0]), format: "o-",
                              capsize: 6, color: .red)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let layout = AxesLayout(fig.axes, cell: Rect(x: 0, y: 0, width: 800, height: 500), surface: surface, metrics: metrics)
        let t = layout.transform
        let strokes: [[Point]] = surface.calls.compactMap {
            if case .stroke(let points, let style) = $0, style.color == .red, points.count == 2 { return points }
            return nil
        }
        // Bar 1 from y = 1 to 3 at x = 1.
        let bar = try #require(strokes.first)
        #expect(abs(bar[0].x - t.x(1)) < 1e-9 && abs(bar[1].x - t.x(1)) < 1e-9)
        #expect(abs(bar[0].y - t.y(1)) < 1e-9 && abs(bar[1].y - t.y(3)) < 1e-9)
        // Its caps: horizontal, 6 points = 8.33 px long, centred on the bar's ends.
        let cap = strokes[1]
        #expect(abs(cap[0].y - cap[1].y) < 1e-9 && abs(abs(cap[1].x - cap[0].x) - 6 * 100 / 72) < 1e-9)
        #expect(abs((cap[0].x + cap[1].x) / 2 - t.x(1)) < 1e-9)
        // 3 bars, 6 caps and the line through the points; markers on top.
        #expect(strokes.count == 3 * 3)
        let markers = surface.calls.filter { if case .markers(let c, .circle, _, .red) = $0 { return c.count == 3 }; return false }
        #expect(markers.count == 1)
        let line = surface.calls.contains { if case .stroke(let p, let s) = $0 { return s.color == .red && p.count == 3 }; return false }
        #expect(line)
    }

    /// A red bar is drawn in pixels between the ends and not beyond them.
    @Test func pixelsShowTheBar() throws {
        var fig = Figure(width: 300, height: 300)
        try fig.axes.errorbar(x: [0, 1], y: [0, 0], yerr: ErrorRange(symmetric: [1, 1]), format: "none", color: .red, width: 3)
        fig.axes.ylim = (-2, 2)
        let canvas = fig.render()
        // Laid out with the same font the picture was drawn with.
        let surface = RasterSurface(width: 300, height: 300)
        let layout = AxesLayout(fig.axes, cell: Rect(x: 0, y: 0, width: 300, height: 300), surface: surface, metrics: metrics)
        let x = Int(layout.transform.x(0)), yMid = Int(layout.transform.y(0))
        let outside = Int(layout.transform.y(1.5))
        func isRed(_ c: Color?) -> Bool { guard let c else { return false }; return c.r > 0.8 && c.g < 0.3 && c.b < 0.3 }
        #expect(isRed(canvas.pixel(x: x, y: yMid)))
        #expect(!isRed(canvas.pixel(x: x, y: outside)))
        // "none" draws no line between the two points.
        #expect(!isRed(canvas.pixel(x: Int(layout.transform.x(0.5)), y: yMid)))
    }

    @Test func badInputIsAnError() {
        var axes = Axes()
        #expect(throws: PlotError.self) { try axes.errorbar(x: [1, 2], y: [1]) }
        #expect(throws: PlotError.self) { try axes.errorbar(x: [1, 2], y: [1, 2], yerr: ErrorRange(symmetric: [1])) }
        #expect(throws: PlotError.self) { try axes.errorbar(x: [1], y: [1], yerr: ErrorRange(symmetric: [-1])) }
        #expect(throws: PlotError.self) { try axes.errorbar(x: [1], y: [1], capsize: .infinity) }
    }
}

@Suite struct SharedAxesTests {
    private let metrics = Metrics(theme: Theme(), scale: 100.0 / 72)

    private func twoRows(sharex: AxisSharing) throws -> Figure {
        var fig = Figure()
        fig.sharex = sharex
        try fig.subplot(rows: 2, columns: 1, index: 1)
        try fig.axes.plot(x: [0, 10], y: [0, 20000])
        fig.axes.xlabel = "top x"
        try fig.subplot(rows: 2, columns: 1, index: 2)
        try fig.axes.plot(x: [0, 100], y: [0, 1])
        fig.axes.xlabel = "time"
        return fig
    }

    /// Both panels get the union of the x data; only the bottom one shows x tick labels and its label.
    @Test func sharedXHasOneRangeAndOuterLabels() throws {
        let fig = try twoRows(sharex: .all)
        let grid = PanelGrid(panels: fig.panels, twins: fig.twins, rows: 2, columns: 1, sharex: .all, sharey: .none)
        let top = try #require(grid.panels[0]), bottom = try #require(grid.panels[1])
        #expect(top.xlim?.0 == bottom.xlim?.0 && top.xlim?.1 == bottom.xlim?.1)
        #expect(abs((top.xlim?.0 ?? 0) + 5) < 1e-9 && abs((top.xlim?.1 ?? 0) - 105) < 1e-9)
        #expect(top.xTickLabelsHidden && !bottom.xTickLabelsHidden && top.xlabel == nil)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        // Tick labels 0, 20, ..., 100 appear once (bottom panel), the top panel's x label not at all.
        #expect(surface.texts.filter { $0 == "100" }.count == 1)
        #expect(!surface.texts.contains("top x") && surface.texts.contains("time"))
    }

    /// Shared panels line up: the same left and right plot edges down the column,
    /// though the top panel's y tick labels (20000) are wider than the bottom's (0.25).
    @Test func sharedPanelsLineUp() throws {
        let fig = try twoRows(sharex: .all)
        let surface = RecordingSurface(width: 800, height: 500)
        let grid = PanelGrid(panels: fig.panels, twins: fig.twins, rows: 2, columns: 1, sharex: .all, sharey: .none)
        let cells = [Rect(x: 0, y: 0, width: 800, height: 250), Rect(x: 0, y: 250, width: 800, height: 250)]
        let insets = grid.alignedInsets(cells: cells, on: surface, metrics: metrics)
        let plots = (0..<2).map { i in
            AxesRenderer.layout(grid.panels[i] ?? Axes(), twin: nil, in: cells[i], on: surface, metrics: metrics,
                                minimum: insets[i]).plot
        }
        #expect(plots[0].minX == plots[1].minX && plots[0].maxX == plots[1].maxX)
        // Without sharing each panel keeps its own width.
        let unshared = try twoRows(sharex: .none)
        let lone = (0..<2).map { i in
            AxesRenderer.layout(unshared.panels[i] ?? Axes(), twin: nil, in: cells[i], on: surface, metrics: metrics).plot
        }
        #expect(lone[0].minX != lone[1].minX)
    }

    /// sharey across a row: one y range, y tick labels only in the left column.
    @Test func sharedYHidesInnerLabels() throws {
        var fig = Figure()
        fig.sharey = .row
        try fig.subplot(rows: 1, columns: 2, index: 1)
        try fig.axes.plot(x: [0, 1], y: [0, 1])
        fig.axes.ylabel = "rate"
        try fig.subplot(rows: 1, columns: 2, index: 2)
        try fig.axes.plot(x: [0, 1], y: [0, 3])
        fig.axes.ylabel = "other"
        let grid = PanelGrid(panels: fig.panels, twins: fig.twins, rows: 1, columns: 2, sharex: .none, sharey: .row)
        #expect(grid.panels[0]?.ylim?.1 == grid.panels[1]?.ylim?.1)
        #expect(grid.panels[1]?.yTickLabelsHidden == true && grid.panels[1]?.ylabel == nil)
        #expect(grid.panels[0]?.yTickLabelsHidden == false)
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        #expect(surface.texts.contains("rate") && !surface.texts.contains("other"))
        #expect(surface.texts.filter { $0 == "3.0" }.count == 1)
    }

    @Test func sharingParses() throws {
        #expect(try AxisSharing(parsing: "true") == .all)
        #expect(try AxisSharing(parsing: "col") == .column)
        #expect(throws: PlotError.self) { try AxisSharing(parsing: "diagonal") }
    }
}

@Suite struct TwinAxesTests {
    /// The twin draws on the host's plot with its own y range; its ticks and label sit right of the plot.
    @Test func twinHasItsOwnYOnTheRight() throws {
        var fig = Figure()
        try fig.axes.plot(x: [0, 10], y: [0, 1], label: "loss")
        fig.axes.ylabel = "loss"
        fig.twinx()
        try fig.axes.plot(x: [0, 20], y: [50, 90], label: "accuracy")
        fig.axes.ylabel = "accuracy (%)"
        #expect(fig.onTwin)
        #expect(fig.twins[0]?.series.first?.color == Color.cycle(1))
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        let grid = PanelGrid(panels: fig.panels, twins: fig.twins, rows: 1, columns: 1, sharex: .none, sharey: .none)
        // One x range for both: the union 0...20 with margins.
        #expect(grid.panels[0]?.xlim?.1 == grid.twins[0]?.xlim?.1)
        #expect(abs((grid.panels[0]?.xlim?.1 ?? 0) - 21) < 1e-9)
        let m = Metrics(theme: Theme(), scale: 100.0 / 72)
        let cell = Rect(x: 0, y: 0, width: 800, height: 500)
        let host = AxesRenderer.layout(grid.panels[0] ?? Axes(), twin: grid.twins[0], in: cell, on: surface, metrics: m)
        let twin = AxesLayout(twin: grid.twins[0] ?? Axes(), of: host, surface: surface, metrics: m)
        #expect(twin.plot == host.plot)
        #expect(twin.yLimits.0 < 50 && twin.yLimits.1 > 90)
        func position(_ text: String) -> Point? {
            for call in surface.calls { if case .text(text, let at, _, _) = call { return at } }
            return nil
        }
        let right = try #require(position("90"))
        #expect(right.x > host.plot.maxX)
        let label = try #require(position("accuracy (%)"))
        #expect(label.x > right.x)
        let left = try #require(position("loss"))
        #expect(left.x < host.plot.minX)
        // The room on the right is the twin's: without it the plot reaches further right.
        let alone = AxesRenderer.layout(grid.panels[0] ?? Axes(), twin: nil, in: cell, on: surface, metrics: m)
        #expect(alone.plot.maxX > host.plot.maxX + 20)
    }

    /// subplot goes back to the first axes.
    @Test func subplotLeavesTheTwin() throws {
        var fig = Figure()
        fig.twinx()
        try fig.subplot(rows: 1, columns: 1, index: 1)
        #expect(!fig.onTwin)
    }
}

@Suite struct TwinLegendTests {
    /// legend() on the twin lists the first axes' curves too, in one box.
    @Test func twinLegendListsBothAxes() throws {
        var fig = Figure()
        try fig.axes.plot(x: [0, 1], y: [0, 1], label: "loss")
        fig.twinx()
        try fig.axes.plot(x: [0, 1], y: [1, 0], label: "accuracy")
        fig.axes.legend = .best
        var surface = RecordingSurface(width: 800, height: 500)
        fig.draw(on: &surface)
        #expect(surface.texts.filter { $0 == "loss" || $0 == "accuracy" } == ["loss", "accuracy"])
    }
}
