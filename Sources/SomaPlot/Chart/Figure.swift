/// A figure: a grid of axes with an optional overall title, rendered to pixels.
///
///     var fig = Figure()
///     try fig.axes.plot(x: xs, y: ys, label: "rate")
///     try fig.save(to: "rate.png")
public struct Figure {
    /// Size in pixels at 100 dpi (matplotlib's 8 x 5 inches by default).
    public var width: Double
    public var height: Double
    public var title: String?
    public var theme = Theme()
    public private(set) var rows = 1
    public private(set) var columns = 1
    /// One slot per grid cell, row by row; nil until something selects it.
    public private(set) var panels: [Axes?] = [nil]
    /// Index of the current axes in `panels`.
    public private(set) var current = 0
    /// Second y axes on the right of a panel (`twinx`), one slot per grid cell.
    public private(set) var twins: [Axes?] = [nil]
    /// Whether drawing calls go to the twin of the current panel.
    public private(set) var onTwin = false
    /// Which panels share their x (or y) limits; inner tick labels are hidden, as with
    /// matplotlib's `subplots(sharex=True)`.
    public var sharex: AxisSharing = .none
    public var sharey: AxisSharing = .none

    public init(width: Double = 800, height: Double = 500, title: String? = nil) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// The current axes, created on first use.
    public var axes: Axes {
        get { onTwin ? twins[current] ?? Axes() : panels[current] ?? Axes() }
        set { if onTwin { twins[current] = newValue } else { panels[current] = newValue } }
        // In place: the axes leave their slot while they change, so a call that adds one
        // series does not copy all the others (30 000 `text` calls were quadratic).
        _modify {
            if onTwin {
                var axes = twins[current] ?? Axes()
                twins[current] = nil
                defer { twins[current] = axes }
                yield &axes
            } else {
                var axes = panels[current] ?? Axes()
                panels[current] = nil
                defer { panels[current] = axes }
                yield &axes
            }
        }
    }

    /// Adds a second y axis on the right of the current panel, sharing its x axis, and
    /// makes it current (matplotlib's `twinx`). Its colours continue the panel's cycle.
    public mutating func twinx() {
        if panels[current] == nil { panels[current] = Axes() }
        if twins[current] == nil {
            var twin = Axes()
            twin.continueCycle(after: panels[current] ?? Axes())
            twins[current] = twin
        }
        onTwin = true
    }

    /// Selects axes `index` (1-based, row by row) of a rows x columns grid, as `plt.subplot`.
    /// A different grid shape keeps the axes already drawn at the same index.
    /// - Throws: `PlotError.badArgument` for an index outside the grid.
    public mutating func subplot(rows: Int, columns: Int, index: Int) throws {
        guard rows >= 1, columns >= 1, rows <= 32, columns <= 32 else {
            throw PlotError.badArgument("subplot: grid must be between 1x1 and 32x32, got \(rows)x\(columns)")
        }
        guard index >= 1, index <= rows * columns else {
            throw PlotError.badArgument("subplot: index \(index) is outside a \(rows)x\(columns) grid (1...\(rows * columns))")
        }
        if rows != self.rows || columns != self.columns {
            var resized = [Axes?](repeating: nil, count: rows * columns)
            var resizedTwins = resized
            for (i, panel) in panels.enumerated() where i < resized.count { resized[i] = panel }
            for (i, twin) in twins.enumerated() where i < resizedTwins.count { resizedTwins[i] = twin }
            panels = resized
            twins = resizedTwins
            self.rows = rows
            self.columns = columns
        }
        current = index - 1
        onTwin = false
        if panels[current] == nil { panels[current] = Axes() }
    }

    /// Whether no axes were ever selected or drawn on.
    public var isBlank: Bool {
        (panels + twins).allSatisfy { $0 == nil || $0?.isEmpty == true }
    }

    /// Pixel size at a resolution, at least 1x1 and at most 16384 on a side.
    public func pixelSize(dpi: Double) -> (width: Int, height: Int) {
        let factor = dpi / 100
        func clampSide(_ v: Double) -> Int { Int(min(16384, max(1, (v * factor).rounded()))) }
        return (clampSide(width), clampSide(height))
    }

    /// Draws the figure on any surface; `dpi` sets how many pixels a point takes.
    public func draw<S: Surface>(on surface: inout S, dpi: Double = 100) {
        let m = Metrics(theme: theme, scale: dpi / 72)
        var top = 0.0
        if let title, !title.isEmpty {
            let size = m.px(theme.figureTitleSize)
            let extent = surface.measure(title, size: size)
            top = extent.height + m.px(theme.cellPad)
            surface.text(title, at: Point(Double(surface.width) / 2, m.px(theme.cellPad) + extent.ascent), size: size,
                         color: theme.text, anchor: TextAnchor(.center, .baseline), rotated: false)
        }
        let cellW = Double(surface.width) / Double(columns)
        let cellH = (Double(surface.height) - top) / Double(rows)
        // An untouched single figure still shows empty axes, as matplotlib does.
        let shown = panels.allSatisfy { $0 == nil } ? [Axes()] + panels.dropFirst() : panels
        let grid = PanelGrid(panels: shown, twins: twins, rows: rows, columns: columns, sharex: sharex, sharey: sharey)
        let cells = (0..<shown.count).map { i in
            Rect(x: Double(i % columns) * cellW, y: top + Double(i / columns) * cellH, width: cellW, height: cellH)
        }
        let insets = grid.alignedInsets(cells: cells, on: surface, metrics: m)
        for (i, panel) in grid.panels.enumerated() {
            guard let panel else { continue }
            AxesRenderer.draw(panel, twin: grid.twins[i], in: cells[i], on: &surface, metrics: m, minimum: insets[i])
        }
    }

    /// Renders the figure to pixels.
    public func render(dpi: Double = 100, fontPath: String? = nil) -> Canvas {
        let size = pixelSize(dpi: dpi)
        var surface = RasterSurface(width: size.width, height: size.height, fontPath: fontPath)
        draw(on: &surface, dpi: dpi)
        return surface.canvas
    }

    /// Renders the figure, asking `shouldStop` between drawing calls.
    /// - Throws: `PlotError.interrupted` when it said stop.
    public func render(dpi: Double, shouldStop: @escaping () -> Bool) throws -> Canvas {
        let size = pixelSize(dpi: dpi)
        var surface = RasterSurface(width: size.width, height: size.height)
        surface.shouldStop = shouldStop
        draw(on: &surface, dpi: dpi)
        if surface.stopped || shouldStop() { throw PlotError.interrupted }
        return surface.canvas
    }

    /// The figure as PNG bytes; `shouldStop` can stop the drawing (Ctrl-C).
    public func png(dpi: Double = 100, shouldStop: @escaping () -> Bool = { false }) throws -> [UInt8] {
        try PNGCodec.encode(render(dpi: try checked(dpi), shouldStop: shouldStop))
    }

    /// Writes the figure as a PNG file.
    /// - Throws: `PlotError.badArgument` for a bad dpi, `PlotError.io` when writing fails.
    public func save(to path: String, dpi: Double = 100, shouldStop: @escaping () -> Bool = { false }) throws {
        // Only PNG is written: another extension would name PNG bytes as
        // something they are not (a viewer then refuses the file).
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].lowercased() != "png" {
            throw PlotError.badArgument("save writes PNG images only; give the file a .png name, not '\(name)'")
        }
        try PNGCodec.write(render(dpi: try checked(dpi), shouldStop: shouldStop), to: path)
    }

    /// The dpi, when it is sensible and the image it gives fits in memory comfortably.
    func checked(_ dpi: Double) throws -> Double {
        guard dpi.isFinite, dpi >= 10, dpi <= 1200 else {
            throw PlotError.badArgument("dpi must be between 10 and 1200, got \(describe(dpi))")
        }
        let size = pixelSize(dpi: dpi)
        guard size.width * size.height <= 40_000_000 else {
            throw PlotError.badArgument(
                "a \(size.width)x\(size.height) image is too large; use a smaller figure or dpi (at most 40 million pixels)")
        }
        return dpi
    }
}
