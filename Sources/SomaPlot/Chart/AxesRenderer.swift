/// Draws one axes: grid, series, spines, ticks, labels, title, legend and colorbar.
enum AxesRenderer {
    static func draw<S: Surface>(_ axes: Axes, twin: Axes? = nil, in cell: Rect, on surface: inout S,
                                 metrics m: Metrics, minimum: Insets = Insets()) {
        let layout = self.layout(axes, twin: twin, in: cell, on: surface, metrics: m, minimum: minimum)
        let t = layout.transform
        if axes.grid && !axes.axisHidden { drawGrid(layout, on: &surface, metrics: m) }
        var repelled: [(Annotation, Color)] = []
        for s in axes.series {
            if case .text(let note) = s.kind, note.repel {
                repelled.append((note, s.color))
                continue
            }
            SeriesRenderer.draw(s, transform: t, on: &surface, metrics: m)
        }
        if !repelled.isEmpty {
            LabelPlacer.draw(repelled, transform: t, on: &surface, metrics: m,
                             markers: LabelPlacer.markerBoxes(axes, transform: t, metrics: m))
        }
        let twinLayout = twin.map { AxesLayout(twin: $0, of: layout, surface: surface, metrics: m) }
        if let twin, let twinLayout {
            for s in twin.series { SeriesRenderer.draw(s, transform: twinLayout.transform, on: &surface, metrics: m) }
        }
        if !axes.axisHidden {
            drawSpines(layout.plot, on: &surface, metrics: m)
            drawTicks(layout, on: &surface, metrics: m)
        }
        drawLabels(axes, layout, on: &surface, metrics: m)
        if let twin, let twinLayout { drawTwinAxis(twin, twinLayout, on: &surface, metrics: m) }
        if let location = axes.legend {
            Legend.draw(axes, layout: layout, location: location, on: &surface, metrics: m,
                        avoiding: twin.map { [($0, twinLayout?.transform ?? t)] } ?? [])
        }
        // A twin's legend lists both axes' curves when the first axes shows none of its own.
        if let twin, let twinLayout, let location = twin.legend {
            Legend.draw(twin, layout: twinLayout, location: location == .outsideRight ? .best : location,
                        on: &surface, metrics: m, entries: axes.legend == nil ? axes.series + twin.series : nil,
                        avoiding: [(axes, t)])
        }
        if let bar = axes.colorbar, let rect = layout.colorbar {
            drawColorbar(bar, in: rect, on: &surface, metrics: m)
        }
    }

    /// Where the plot of `axes` goes in `cell`: room kept for an outside legend and a twin's
    /// axis on the right, and at least `minimum` from each side (aligned shared panels).
    static func layout<S: Surface>(_ axes: Axes, twin: Axes?, in cell: Rect, on surface: S, metrics m: Metrics,
                                   minimum: Insets = Insets()) -> AxesLayout {
        let twinRoom = twin.map { AxesLayout.twinWidth($0, height: cell.height, surface: surface, metrics: m) } ?? 0
        var layout = AxesLayout(axes, cell: cell, surface: surface, metrics: m, reserveRight: twinRoom, minimum: minimum)
        // Right of a twinned plot sits the twin's axis: legends stay inside.
        let reserve = twin == nil ? Legend.outsideWidth(axes, layout: layout, cell: cell, on: surface, metrics: m) : 0
        if reserve > 0 {
            layout = AxesLayout(axes, cell: cell, surface: surface, metrics: m, reserveRight: reserve + twinRoom,
                                minimum: minimum)
            layout.legendOutside = true
        }
        return layout
    }

    /// A twin's y axis: ticks and labels on the right spine, its label beyond them.
    static func drawTwinAxis<S: Surface>(_ twin: Axes, _ layout: AxesLayout, on surface: inout S, metrics m: Metrics) {
        let r = layout.plot, t = layout.transform
        let style = StrokeStyle(color: m.theme.spine, width: m.px(m.theme.spineWidth))
        let major = m.px(m.theme.tickLength), labelGap = major + m.px(m.theme.tickPad)
        var widest = 0.0
        for (v, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
            let y = crisp(t.y(v))
            surface.stroke([Point(r.maxX, y), Point(r.maxX + major, y)], style: style, clip: nil)
            surface.text(label, at: Point(r.maxX + labelGap, y), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.left, .center), rotated: false)
            widest = max(widest, surface.measure(label, size: m.font).width)
        }
        for v in layout.yTicks.minor {
            let y = crisp(t.y(v))
            surface.stroke([Point(r.maxX, y), Point(r.maxX + m.px(m.theme.minorTickLength), y)], style: style, clip: nil)
        }
        if let multiplier = layout.yTicks.multiplier {
            surface.text(multiplier, at: Point(r.maxX, r.minY - m.px(2)), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.right, .bottom), rotated: false)
        }
        if let ylabel = twin.ylabel {
            let x = r.maxX + labelGap + widest + m.px(m.theme.labelPad)
            surface.text(ylabel, at: Point(x, r.minY + r.height / 2), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.center, .top), rotated: true)
        }
    }

    static func drawGrid<S: Surface>(_ layout: AxesLayout, on surface: inout S, metrics m: Metrics) {
        let style = StrokeStyle(color: m.theme.grid, width: m.px(m.theme.gridWidth))
        let r = layout.plot, t = layout.transform
        for v in layout.xTicks.values {
            let x = crisp(t.x(v))
            surface.stroke([Point(x, r.minY), Point(x, r.maxY)], style: style, clip: r)
        }
        for v in layout.yTicks.values {
            let y = crisp(t.y(v))
            surface.stroke([Point(r.minX, y), Point(r.maxX, y)], style: style, clip: r)
        }
    }

    static func drawSpines<S: Surface>(_ r: Rect, on surface: inout S, metrics m: Metrics) {
        let style = StrokeStyle(color: m.theme.spine, width: m.px(m.theme.spineWidth), join: .miter, cap: .square)
        // Four separate sides keep each fill's working area a thin strip.
        let corners = [Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)]
        for i in 0..<4 {
            surface.stroke([corners[i], corners[(i + 1) % 4]], style: style, clip: nil)
        }
    }

    static func drawTicks<S: Surface>(_ layout: AxesLayout, on surface: inout S, metrics m: Metrics) {
        let r = layout.plot, t = layout.transform
        let style = StrokeStyle(color: m.theme.spine, width: m.px(m.theme.spineWidth))
        let major = m.px(m.theme.tickLength), minor = m.px(m.theme.minorTickLength)
        let labelGap = major + m.px(m.theme.tickPad)
        for (v, label) in zip(layout.xTicks.values, layout.xTicks.labels) {
            let x = crisp(t.x(v))
            surface.stroke([Point(x, r.maxY), Point(x, r.maxY + major)], style: style, clip: nil)
            if label.isEmpty { continue }
            surface.text(label, at: Point(x, r.maxY + labelGap), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.center, .top), rotated: false)
        }
        for v in layout.xTicks.minor {
            let x = crisp(t.x(v))
            surface.stroke([Point(x, r.maxY), Point(x, r.maxY + minor)], style: style, clip: nil)
        }
        for (v, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
            let y = crisp(t.y(v))
            surface.stroke([Point(r.minX - major, y), Point(r.minX, y)], style: style, clip: nil)
            if label.isEmpty { continue }
            surface.text(label, at: Point(r.minX - labelGap, y), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.right, .center), rotated: false)
        }
        for v in layout.yTicks.minor {
            let y = crisp(t.y(v))
            surface.stroke([Point(r.minX - minor, y), Point(r.minX, y)], style: style, clip: nil)
        }
        if let multiplier = layout.yTicks.multiplier {
            surface.text(multiplier, at: Point(r.minX, r.minY - m.px(2)), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.left, .bottom), rotated: false)
        }
        if let multiplier = layout.xTicks.multiplier {
            let below = r.maxY + labelGap + surface.measure("0", size: m.font).height
            surface.text(multiplier, at: Point(r.maxX, below), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.right, .top), rotated: false)
        }
    }

    static func drawLabels<S: Surface>(_ axes: Axes, _ layout: AxesLayout, on surface: inout S, metrics m: Metrics) {
        let r = layout.plot
        let fontH = surface.measure("0", size: m.font).height
        let tickSpace = axes.axisHidden ? 0 : m.px(m.theme.tickLength + m.theme.tickPad) + fontH
        if let xlabel = axes.xlabel {
            let y = r.maxY + tickSpace + m.px(m.theme.labelPad)
            surface.text(xlabel, at: Point(r.minX + r.width / 2, y), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.center, .top), rotated: false)
        }
        if let ylabel = axes.ylabel {
            let widest = axes.axisHidden ? 0 : (layout.yTicks.labels.map { surface.measure($0, size: m.font).width }.max() ?? 0)
            let x = r.minX - (axes.axisHidden ? 0 : m.px(m.theme.tickLength + m.theme.tickPad)) - widest - m.px(m.theme.labelPad)
            surface.text(ylabel, at: Point(x, r.minY + r.height / 2), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.center, .bottom), rotated: true)
        }
        if let title = axes.title {
            let y = r.minY - m.px(m.theme.titlePad) - (layout.yTicks.multiplier != nil ? fontH : 0)
            let descent = surface.measure("0", size: m.titleFont).descent
            surface.text(title, at: Point(r.minX + r.width / 2, y + descent), size: m.titleFont, color: m.theme.text,
                         anchor: TextAnchor(.center, .bottom), rotated: false)
        }
    }

    static func drawColorbar<S: Surface>(_ bar: ColorbarSpec, in rect: Rect, on surface: inout S, metrics m: Metrics) {
        let steps = 256
        let colors = (0..<steps).map { bar.colormap.color(at: 1 - Double($0) / Double(steps - 1)) }
        surface.image(colors, columns: 1, rows: steps, in: rect, clip: nil)
        drawSpines(rect, on: &surface, metrics: m)
        let ticks = AxesLayout.ticks((bar.vmin, bar.vmax), scale: .linear, length: rect.height,
                                     fontSize: surface.measure("0", size: m.font).height * 2, integer: false)
        let style = StrokeStyle(color: m.theme.spine, width: m.px(m.theme.spineWidth))
        let span = bar.vmax > bar.vmin ? bar.vmax - bar.vmin : 1
        var widest = 0.0
        for (v, label) in zip(ticks.values, ticks.labels) {
            let y = crisp(rect.maxY - (v - bar.vmin) / span * rect.height)
            surface.stroke([Point(rect.maxX, y), Point(rect.maxX + m.px(m.theme.tickLength), y)], style: style, clip: nil)
            surface.text(label, at: Point(rect.maxX + m.px(m.theme.tickLength + m.theme.tickPad), y), size: m.font,
                         color: m.theme.text, anchor: TextAnchor(.left, .center), rotated: false)
            widest = max(widest, surface.measure(label, size: m.font).width)
        }
        if let label = bar.label {
            let x = rect.maxX + m.px(m.theme.tickLength + m.theme.tickPad + m.theme.labelPad) + widest
            surface.text(label, at: Point(x, rect.minY + rect.height / 2), size: m.font, color: m.theme.text,
                         anchor: TextAnchor(.center, .top), rotated: true)
        }
    }

    /// A coordinate moved to the nearest pixel centre, so thin lines stay sharp.
    static func crisp(_ v: Double) -> Double {
        v.isFinite ? v.rounded(.down) + 0.5 : v
    }
}
