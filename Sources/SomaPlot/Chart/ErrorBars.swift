/// Points with error bars, as matplotlib's `errorbar` draws them: a bar from
/// y - lower to y + upper at each point (and across x for `xerr`), caps
/// `capsize` points wide at the bar ends, then the line and markers on top.
public struct ErrorBars {
    public var x: [Double]
    public var y: [Double]
    /// Distances below and above each y (both non-negative); nil draws no vertical bars.
    public var yerr: ErrorRange?
    /// Distances left and right of each x; nil draws no horizontal bars.
    public var xerr: ErrorRange?
    /// Cap length in points (matplotlib's default is 0: no caps).
    public var capsize: Double
    /// Line through the points in points; `dash == .none` draws no line.
    public var width: Double
    public var dash: Dash
    public var marker: Marker?
    public var markerSize: Double

    /// The bars in data coordinates: vertical ones first, each from its low to its high end.
    func bars() -> (vertical: [(Point, Point)], horizontal: [(Point, Point)]) {
        var vertical: [(Point, Point)] = [], horizontal: [(Point, Point)] = []
        for i in x.indices where i < y.count {
            if let yerr {
                vertical.append((Point(x[i], y[i] - yerr.lower[i]), Point(x[i], y[i] + yerr.upper[i])))
            }
            if let xerr {
                horizontal.append((Point(x[i] - xerr.lower[i], y[i]), Point(x[i] + xerr.upper[i], y[i])))
            }
        }
        return (vertical, horizontal)
    }
}

/// Error sizes below and above (or left and right of) each point.
public struct ErrorRange: Sendable {
    public var lower: [Double]
    public var upper: [Double]

    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// The same error on both sides.
    public init(symmetric values: [Double]) {
        self.init(lower: values, upper: values)
    }
}

extension Axes {
    /// Adds points with error bars (matplotlib's `errorbar`).
    ///
    ///     try axes.errorbar(x: seeds, y: means, yerr: ErrorRange(symmetric: sds), capsize: 3, label: "mean ± sd")
    /// - Parameters:
    ///   - format: a style string such as "o-" or "s"; "none" draws only the bars.
    ///   - capsize: cap length in points.
    /// - Throws: `PlotError.badData` when the lengths differ or an error is negative or not finite.
    public mutating func errorbar(x: [Double], y: [Double], yerr: ErrorRange? = nil, xerr: ErrorRange? = nil,
                                  format: String? = nil, capsize: Double = 0, color: Color? = nil,
                                  width: Double = 1.5, label: String? = nil) throws {
        guard x.count == y.count else {
            throw PlotError.badData("errorbar: x has \(x.count) values but y has \(y.count)")
        }
        for (name, range) in [("yerr", yerr), ("xerr", xerr)] {
            guard let range else { continue }
            guard range.lower.count == x.count, range.upper.count == x.count else {
                throw PlotError.badData("errorbar: \(name) has \(range.lower.count) values for \(x.count) points")
            }
            guard (range.lower + range.upper).allSatisfy({ !($0 < 0) && !$0.isInfinite }) else {
                throw PlotError.badData("errorbar: \(name) must hold sizes ≥ 0 (NaN leaves a bar out)")
            }
        }
        guard capsize.isFinite, capsize >= 0, capsize <= 100 else {
            throw PlotError.badArgument("errorbar: capsize must be between 0 and 100 points")
        }
        var style = LineFormat()
        if let format, format.lowercased() != "none" { style = try LineFormat(parsing: format) }
        let dash: Dash = format?.lowercased() == "none" ? .none : style.dash ?? (style.marker == nil ? .solid : .none)
        let bars = ErrorBars(x: x, y: y, yerr: yerr, xerr: xerr, capsize: capsize, width: width, dash: dash,
                             marker: style.marker, markerSize: 6)
        series.append(Series(kind: .errorbar(bars), color: color ?? style.color ?? nextColor(), label: label))
    }
}
