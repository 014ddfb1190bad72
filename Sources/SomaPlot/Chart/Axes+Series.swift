import Foundation

/// The drawing calls: each checks its data and appends a series.
extension Axes {
    /// Adds a line plot.
    ///
    ///     axes.plot(x: [0, 1, 2], y: [0, 1, 4], label: "y = x²")
    /// - Parameters:
    ///   - format: a style string such as "r--" or "o-"; explicit arguments win.
    ///   - width: line width in points (matplotlib's 1.5 by default).
    /// - Throws: `PlotError.badData` when x and y differ in length.
    public mutating func plot(x: [Double]? = nil, y: [Double], format: String? = nil, color: Color? = nil,
                              width: Double = 1.5, label: String? = nil) throws {
        let xs = x ?? y.indices.map(Double.init)
        try checkSameLength(xs, y, "plot")
        let style = try format.map(LineFormat.init(parsing:)) ?? LineFormat()
        // A format with only a marker draws markers without a line, as matplotlib does.
        let dash = style.dash ?? (style.marker == nil ? .solid : .none)
        series.append(Series(kind: .line(x: xs, y: y, width: width, dash: dash, marker: style.marker, markerSize: 6),
                             color: color ?? style.color ?? nextColor(), label: label))
    }

    /// Adds a step plot; `where` is "pre", "post" or "mid" as in matplotlib.
    public mutating func step(x: [Double], y: [Double], where position: String = "pre", color: Color? = nil,
                              width: Double = 1.5, label: String? = nil) throws {
        try checkSameLength(x, y, "step")
        var sx: [Double] = [], sy: [Double] = []
        for i in x.indices {
            if i == 0 { sx.append(x[0]); sy.append(y[0]); continue }
            switch position {
            case "pre": sx += [x[i - 1], x[i]]; sy += [y[i], y[i]]
            case "post": sx += [x[i], x[i]]; sy += [y[i - 1], y[i]]
            case "mid":
                let m = (x[i - 1] + x[i]) / 2
                sx += [m, m, x[i]]; sy += [y[i - 1], y[i], y[i]]
            default:
                throw PlotError.badArgument("step: where must be 'pre', 'post' or 'mid', not '\(position)'")
            }
        }
        series.append(Series(kind: .line(x: sx, y: sy, width: width, dash: .solid, marker: nil, markerSize: 6),
                             color: color ?? nextColor(), label: label))
    }

    /// Adds a scatter plot; `size` is the marker diameter in points.
    public mutating func scatter(x: [Double], y: [Double], size: Double = 6, marker: Marker = .circle,
                                 color: Color? = nil, colors: [Color]? = nil, alpha: Double = 1,
                                 label: String? = nil) throws {
        try checkSameLength(x, y, "scatter")
        if let colors, colors.count != x.count {
            throw PlotError.badData("scatter: \(colors.count) colours for \(x.count) points")
        }
        let base = (color ?? nextColor()).withAlpha(alpha)
        series.append(Series(kind: .scatter(x: x, y: y, size: size, marker: marker,
                                            colors: colors?.map { $0.withAlpha(alpha) }),
                             color: base, label: label))
    }

    /// Adds a stem plot: a line from the baseline to each value with a marker on top.
    public mutating func stem(x: [Double]? = nil, y: [Double], baseline: Double = 0, color: Color? = nil,
                              label: String? = nil) throws {
        let xs = x ?? y.indices.map(Double.init)
        try checkSameLength(xs, y, "stem")
        series.append(Series(kind: .stem(x: xs, y: y, baseline: baseline), color: color ?? nextColor(), label: label))
    }

    /// Adds bars centred on x with the given heights.
    public mutating func bar(x: [Double], height: [Double], width: Double = 0.8, bottom: Double = 0,
                             color: Color? = nil, alpha: Double = 1, label: String? = nil) throws {
        try checkSameLength(x, height, "bar")
        guard width > 0, width.isFinite else { throw PlotError.badArgument("bar: width must be positive") }
        series.append(Series(kind: .bars(left: x.map { $0 - width / 2 }, width: x.map { _ in width },
                                         bottom: x.map { _ in bottom }, height: height),
                             color: color ?? nextColor(), label: label, alpha: alpha))
    }

    /// Adds a histogram of `values` with `bins` equal bins over `range` (default: the data's).
    /// - Returns: the counts (or densities) and the bin edges.
    @discardableResult
    public mutating func hist(_ values: [Double], bins: Int = 10, range: (Double, Double)? = nil,
                              density: Bool = false, color: Color? = nil, alpha: Double = 1,
                              label: String? = nil) throws -> (counts: [Double], edges: [Double]) {
        try addHistogram(Histogram(values, bins: bins, range: range, density: density),
                         color: color, alpha: alpha, label: label)
    }

    /// Adds a histogram with explicit, possibly uneven, bin edges.
    @discardableResult
    public mutating func hist(_ values: [Double], edges: [Double], density: Bool = false, color: Color? = nil,
                              alpha: Double = 1, label: String? = nil) throws -> (counts: [Double], edges: [Double]) {
        try addHistogram(Histogram(values, edges: edges, density: density), color: color, alpha: alpha, label: label)
    }

    private mutating func addHistogram(_ h: Histogram, color: Color?, alpha: Double,
                                       label: String?) -> (counts: [Double], edges: [Double]) {
        series.append(Series(kind: .bars(left: Array(h.edges.dropLast()),
                                         width: zip(h.edges.dropFirst(), h.edges).map { $0 - $1 },
                                         bottom: h.counts.map { _ in 0 }, height: h.counts),
                             color: color ?? nextColor(), label: label, alpha: alpha))
        return (h.counts, h.edges)
    }

    /// Fills the area between `y1` and `y2` over x (`y2` defaults to zero).
    public mutating func fillBetween(x: [Double], y1: [Double], y2: [Double]? = nil, color: Color? = nil,
                                     alpha: Double = 0.3, label: String? = nil) throws {
        let lower = y2 ?? x.map { _ in 0 }
        try checkSameLength(x, y1, "fill_between")
        try checkSameLength(x, lower, "fill_between")
        series.append(Series(kind: .area(x: x, y1: y1, y2: lower), color: color ?? nextColor(),
                             label: label, alpha: alpha))
    }

    /// Adds a spike raster: one row of ticks per neuron, neuron 0 at the bottom.
    public mutating func raster(_ trains: [[Double]], color: Color = .ink, label: String? = nil) {
        integerYTicks = true
        series.append(Series(kind: .raster(trains: trains), color: color, label: label))
    }

    /// Shows a matrix as an image (row 0 on top) through a colormap.
    /// - Parameters:
    ///   - colorbar: draws the colour scale beside the axes.
    ///   - equalAspect: square cells; false stretches the image to the axes (heatmaps).
    public mutating func imshow(_ values: [Double], rows: Int, columns: Int, colormap: Colormap = .viridis,
                                vmin: Double? = nil, vmax: Double? = nil, colorbar: Bool = false,
                                equalAspect: Bool = true) throws {
        guard rows > 0, columns > 0, values.count == rows * columns else {
            throw PlotError.badData("imshow: \(values.count) values do not fill a \(rows)x\(columns) image")
        }
        let finite = values.filter(\.isFinite)
        let lo = vmin ?? finite.min() ?? 0, hi = vmax ?? finite.max() ?? 1
        let image = ImageData(values: values, rows: rows, columns: columns, colormap: colormap, vmin: lo, vmax: hi)
        series.append(Series(kind: .image(image), color: .black))
        yInverted = true
        self.equalAspect = equalAspect
        if colorbar { self.colorbar = ColorbarSpec(colormap: colormap, vmin: lo, vmax: hi, label: nil) }
    }

    private func checkSameLength(_ a: [Double], _ b: [Double], _ what: String) throws {
        guard a.count == b.count else {
            throw PlotError.badData("\(what): x has \(a.count) values but y has \(b.count)")
        }
    }
}
