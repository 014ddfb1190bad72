extension Axes {
    /// Adds text at data points: `strings[i]` at (x[i], y[i]), `size` in points, aligned `align`
    /// (`.left` puts the text to the right of the point) and moved `offset` points away from it.
    public mutating func text(x: [Double], y: [Double], strings: [String], size: Double = 10,
                              align: TextAnchor.Horizontal = .left, offset: Double = 0,
                              color: Color = .ink) throws {
        guard x.count == y.count, strings.count == x.count else {
            throw PlotError.badData("text: x, y and the strings need the same length (\(x.count), \(y.count), \(strings.count))")
        }
        guard size.isFinite, size > 0, size <= 200 else { throw PlotError.badArgument("text: size must be between 0 and 200 points") }
        guard offset.isFinite, abs(offset) <= 500 else { throw PlotError.badArgument("text: offset must be at most 500 points") }
        series.append(Series(kind: .text(x: x, y: y, strings: strings, size: size, align: align, offset: offset),
                             color: color))
    }
}
