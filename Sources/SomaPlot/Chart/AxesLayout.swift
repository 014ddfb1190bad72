/// Where an axes' parts go inside its cell, and the ticks it shows.
struct AxesLayout {
    var plot: Rect
    var colorbar: Rect?
    /// Whether the legend goes right of the plot, in the space `reserveRight` kept.
    var legendOutside = false
    let xLimits: (Double, Double)
    let yLimits: (Double, Double)
    var xTicks: TickSet
    var yTicks: TickSet

    /// Tick positions with their labels and minor ticks.
    struct TickSet {
        var values: [Double] = []
        var labels: [String] = []
        var minor: [Double] = []
        var multiplier: String?
    }

    var transform: Transform

    /// Lays `axes` out in `cell`, measuring text on `surface`.
    init<S: Surface>(_ axes: Axes, cell: Rect, surface: S, metrics m: Metrics, reserveRight: Double = 0,
                     minimum: Insets = Insets()) {
        let (xl, yl) = axes.viewLimits()
        xLimits = xl
        yLimits = yl
        let fontH = surface.measure("0", size: m.font).height
        let hidden = axes.axisHidden
        let tickSpace = hidden ? 0 : m.px(m.theme.tickLength + m.theme.tickPad) + fontH
        var top = m.px(m.theme.cellPad)
        if let title = axes.title, !title.isEmpty {
            top += surface.measure(title, size: m.titleFont).height + m.px(m.theme.titlePad)
        } else if !hidden {
            top += fontH / 2
        }
        var bottom = m.px(m.theme.cellPad) + (axes.xTickLabelsHidden && !hidden ? m.px(m.theme.tickLength) : tickSpace)
        if axes.xTickLabelsHidden {
            // An outer panel labels this shared axis.
        } else if let xlabel = axes.xlabel {
            bottom += surface.measure(xlabel, size: m.font).height + m.px(m.theme.labelPad)
        } else if axes.xscale == .linear, !hidden, Ticks.needsMultiplier(max(abs(xl.0), abs(xl.1))) {
            // The "×10ⁿ" under the last tick label needs a row of its own.
            bottom += fontH
        }
        top = max(top, minimum.top)
        bottom = max(bottom, minimum.bottom)
        let plotHeight = max(10, cell.height - top - bottom)
        var yTicks = AxesLayout.custom(axes.yticks, yl) ?? AxesLayout.ticks(yl, scale: axes.yscale, length: plotHeight,
                                                                             fontSize: fontH * 2, integer: axes.integerYTicks)
        if axes.yTickLabelsHidden { yTicks.labels = yTicks.labels.map { _ in "" }; yTicks.multiplier = nil }
        if yTicks.multiplier != nil { top += fontH }
        var left = m.px(m.theme.cellPad)
        if axes.yTickLabelsHidden {
            left += hidden ? 0 : m.px(m.theme.tickLength)
        } else if !hidden {
            let widest = yTicks.labels.map { surface.measure($0, size: m.font).width }.max() ?? 0
            left += widest + m.px(m.theme.tickLength + m.theme.tickPad)
        }
        if let ylabel = axes.ylabel, !axes.yTickLabelsHidden {
            left += surface.measure(ylabel, size: m.font).height + m.px(m.theme.labelPad)
        }
        left = max(left, minimum.left)
        var right = m.px(m.theme.cellPad) + (hidden ? 0 : fontH) + max(0, reserveRight)
        var colorbarWidth = 0.0
        if let bar = axes.colorbar {
            let labels = AxesLayout.ticks((bar.vmin, bar.vmax), scale: .linear, length: plotHeight,
                                          fontSize: fontH * 2, integer: false).labels
            let widest = labels.map { surface.measure($0, size: m.font).width }.max() ?? 0
            colorbarWidth = max(m.px(8), plotHeight / 20)
            right += m.px(10) + colorbarWidth + m.px(m.theme.tickLength + m.theme.tickPad) + widest
            if bar.label != nil { right += fontH + m.px(m.theme.labelPad) }
        }
        right = max(right, minimum.right)
        var plot = cell.inset(left: left, top: top, right: right, bottom: bottom)
        if axes.equalAspect {
            plot = AxesLayout.equalAspect(plot, xl, yl, xScale: axes.xscale, yScale: axes.yscale)
        }
        plot = AxesLayout.snapped(plot)
        if axes.yticks == nil, yTicks.values.isEmpty == false, abs(plot.height - plotHeight) > 1 {
            yTicks = AxesLayout.ticks(yl, scale: axes.yscale, length: plot.height, fontSize: fontH * 2,
                                      integer: axes.integerYTicks)
        }
        if axes.yTickLabelsHidden { yTicks.labels = yTicks.labels.map { _ in "" }; yTicks.multiplier = nil }
        self.yTicks = yTicks
        // Fewer x ticks when their labels would run into each other.
        var spacing = fontH * 2.5
        var xTicks = AxesLayout.ticks(xl, scale: axes.xscale, length: plot.width, fontSize: spacing, integer: false)
        if let custom = AxesLayout.custom(axes.xticks, xl) { xTicks = custom }
        while axes.xticks == nil, xTicks.values.count > 2 {
            let widest = xTicks.labels.map { surface.measure($0, size: m.font).width }.max() ?? 0
            if (widest + fontH) * Double(xTicks.values.count) <= plot.width { break }
            spacing *= 1.5
            let fewer = AxesLayout.ticks(xl, scale: axes.xscale, length: plot.width, fontSize: spacing, integer: false)
            // Log decades do not thin out with spacing; stop once nothing changes.
            if fewer.values.count >= xTicks.values.count && spacing > plot.width { break }
            xTicks = fewer
        }
        if axes.xTickLabelsHidden { xTicks.labels = xTicks.labels.map { _ in "" }; xTicks.multiplier = nil }
        self.xTicks = xTicks
        if axes.colorbar != nil {
            colorbar = Rect(x: (plot.maxX + m.px(10)).rounded() + 0.5, y: plot.minY,
                            width: colorbarWidth.rounded(), height: plot.height)
        }
        self.plot = plot
        transform = Transform(xLimits: xl, yLimits: yl, xScale: axes.xscale, yScale: axes.yscale,
                              rect: plot, yInverted: axes.yInverted)
    }

    /// The layout of a second y axis (`twinx`) drawn over `host`'s plot: the same rectangle
    /// and x range, its own y range and ticks.
    init(twin: Axes, of host: AxesLayout, surface: some Surface, metrics m: Metrics) {
        let yl = twin.viewLimits().y
        let fontH = surface.measure("0", size: m.font).height
        plot = host.plot
        colorbar = nil
        xLimits = host.xLimits
        yLimits = yl
        xTicks = TickSet()
        yTicks = AxesLayout.custom(twin.yticks, yl)
            ?? AxesLayout.ticks(yl, scale: twin.yscale, length: host.plot.height, fontSize: fontH * 2, integer: false)
        transform = Transform(xLimits: host.xLimits, yLimits: yl, xScale: twin.xscale, yScale: twin.yscale,
                              rect: host.plot, yInverted: twin.yInverted)
    }

    /// Room a twin's y axis takes right of the plot: ticks, their labels and its label.
    static func twinWidth<S: Surface>(_ twin: Axes, height: Double, surface: S, metrics m: Metrics) -> Double {
        let fontH = surface.measure("0", size: m.font).height
        let yl = twin.viewLimits().y
        let ticks = custom(twin.yticks, yl) ?? AxesLayout.ticks(yl, scale: twin.yscale, length: height,
                                                                 fontSize: fontH * 2, integer: false)
        let widest = ticks.labels.map { surface.measure($0, size: m.font).width }.max() ?? 0
        var width = m.px(m.theme.tickLength + m.theme.tickPad) + widest
        if let label = twin.ylabel { width += m.px(m.theme.labelPad) + surface.measure(label, size: m.font).height }
        return width
    }

    /// The plot's distance from each side of its cell.
    func insets(in cell: Rect) -> Insets {
        Insets(left: plot.minX - cell.minX, top: plot.minY - cell.minY,
               right: cell.maxX - plot.maxX, bottom: cell.maxY - plot.maxY)
    }

    /// Ticks for one axis: about one per `fontSize` pixels, at most ten.
    static func ticks(_ limits: (Double, Double), scale: Scale, length: Double, fontSize: Double,
                      integer: Bool) -> TickSet {
        let lo = min(limits.0, limits.1), hi = max(limits.0, limits.1)
        var set = TickSet()
        if scale == .log {
            let decades = Ticks.log(lo, hi)
            if decades.major.count >= 2 {
                set.values = decades.major
                set.labels = decades.labels
                set.minor = decades.minor
                return set
            }
        }
        let bins = max(2, min(9, Int(saturating: length / max(1, fontSize))))
        let (values, step) = Ticks.linear(lo, hi, maxBins: bins, integer: integer)
        let visible = values.filter { $0 >= lo - step * 1e-9 && $0 <= hi + step * 1e-9 }
        let (labels, multiplier) = Ticks.labels(visible, step: step)
        set.values = visible
        set.labels = labels
        set.multiplier = multiplier
        return set
    }

    /// Ticks the user placed, those inside the view only.
    static func custom(_ ticks: (values: [Double], labels: [String])?, _ limits: (Double, Double)) -> TickSet? {
        guard let ticks else { return nil }
        let lo = min(limits.0, limits.1), hi = max(limits.0, limits.1), slack = (hi - lo) * 1e-9
        var set = TickSet()
        for (v, label) in zip(ticks.values, ticks.labels) where v >= lo - slack && v <= hi + slack {
            set.values.append(v)
            set.labels.append(label)
        }
        return set
    }

    /// Shrinks `rect` so one data unit spans the same pixels on both axes.
    static func equalAspect(_ rect: Rect, _ xl: (Double, Double), _ yl: (Double, Double),
                            xScale: Scale, yScale: Scale) -> Rect {
        let dx = abs(xScale.forward(xl.1) - xScale.forward(xl.0))
        let dy = abs(yScale.forward(yl.1) - yScale.forward(yl.0))
        guard dx > 0, dy > 0, dx.isFinite, dy.isFinite else { return rect }
        let pixelsPerUnit = min(rect.width / dx, rect.height / dy)
        let w = dx * pixelsPerUnit, h = dy * pixelsPerUnit
        return Rect(x: rect.minX + (rect.width - w) / 2, y: rect.minY + (rect.height - h) / 2, width: w, height: h)
    }

    /// The rectangle with edges on pixel centres, so one-pixel spines stay crisp.
    static func snapped(_ r: Rect) -> Rect {
        let x0 = r.minX.rounded(.down) + 0.5, y0 = r.minY.rounded(.down) + 0.5
        let x1 = r.maxX.rounded(.down) + 0.5, y1 = r.maxY.rounded(.down) + 0.5
        return Rect(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }
}

/// Distances from the sides of a cell to its plot, in pixels.
struct Insets: Equatable {
    var left = 0.0
    var top = 0.0
    var right = 0.0
    var bottom = 0.0
}
