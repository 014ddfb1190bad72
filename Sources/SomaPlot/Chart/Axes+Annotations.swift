/// Marks that label a plot rather than show data: text, arrows, reference
/// lines and hand-placed ticks.
extension Axes {
    /// Adds text at a data point. `ha` is "left", "center" or "right"; `va`
    /// is "top", "center", "baseline" or "bottom" (matplotlib's defaults: left, baseline).
    public mutating func text(x: Double, y: Double, _ string: String, size: Double = 10, ha: String = "left",
                              va: String = "baseline", color: Color? = nil, arrowTo: Point? = nil) throws {
        guard x.isFinite, y.isFinite else { throw PlotError.badData("text: the position must be finite numbers") }
        guard size.isFinite, size > 0, size <= 200 else { throw PlotError.badArgument("text: size must be between 0 and 200 points") }
        if let arrowTo, !(arrowTo.x.isFinite && arrowTo.y.isFinite) {
            throw PlotError.badData("annotate: the point the arrow shows must be finite numbers")
        }
        let anchor = TextAnchor(try Axes.horizontal(ha), try Axes.vertical(va))
        series.append(Series(kind: .text(Annotation(x: x, y: y, text: string, size: size, anchor: anchor, arrowTo: arrowTo)),
                             color: color ?? Color(hex: 0x262626)))
    }

    /// Adds `strings[i]` at each (x[i], y[i]), moved `offset` points away horizontally
    /// (word labels beside scatter points).
    public mutating func text(x: [Double], y: [Double], strings: [String], size: Double = 10, ha: String = "left",
                              va: String = "center", offset: Double = 0, color: Color? = nil,
                              repel: Bool = false) throws {
        guard x.count == y.count, strings.count == x.count else {
            throw PlotError.badData("text: x, y and the strings need the same length (\(x.count), \(y.count), \(strings.count))")
        }
        guard offset.isFinite, abs(offset) <= 500 else { throw PlotError.badArgument("text: offset must be at most 500 points") }
        for i in x.indices {
            try text(x: x[i], y: y[i], strings[i], size: size, ha: ha, va: va, color: color)
            if case .text(var note) = series[series.count - 1].kind {
                note.offset = offset
                note.repel = repel
                series[series.count - 1].kind = .text(note)
            }
        }
    }

    /// Adds a line across the plot at y = value (`vertical: false`) or x = value.
    public mutating func referenceLine(at value: Double, vertical: Bool, color: Color? = nil, width: Double = 1,
                                       format: String = "--", label: String? = nil) throws {
        guard value.isFinite else { throw PlotError.badData("\(vertical ? "axvline" : "axhline"): the position must be a finite number") }
        let style = try LineFormat(parsing: format)
        series.append(Series(kind: .reference(value: value, vertical: vertical, width: width, dash: style.dash ?? .solid),
                             color: color ?? style.color ?? Color(hex: 0x555555), label: label))
    }

    /// Places ticks at `values` with `labels` (their numbers when nil) on the x or y axis.
    public mutating func setTicks(_ values: [Double], labels: [String]?, onX: Bool) throws {
        let name = onX ? "xticks" : "yticks"
        guard values.allSatisfy(\.isFinite) else { throw PlotError.badData("\(name): positions must be finite numbers") }
        if let labels, labels.count != values.count {
            throw PlotError.badData("\(name): \(labels.count) labels for \(values.count) positions")
        }
        let shown = labels ?? Ticks.labels(values, step: Axes.smallestGap(values)).labels
        if onX { xticks = (values, shown) } else { yticks = (values, shown) }
    }

    private static func smallestGap(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let gaps = zip(sorted.dropFirst(), sorted).map { $0 - $1 }.filter { $0 > 0 }
        return gaps.min() ?? 1
    }

    static func horizontal(_ text: String) throws -> TextAnchor.Horizontal {
        switch text {
        case "left": return .left
        case "center", "centre": return .center
        case "right": return .right
        default: throw PlotError.badArgument("ha must be 'left', 'center' or 'right', not '\(text)'")
        }
    }

    static func vertical(_ text: String) throws -> TextAnchor.Vertical {
        switch text {
        case "top": return .top
        case "center", "centre": return .center
        case "baseline": return .baseline
        case "bottom": return .bottom
        default: throw PlotError.badArgument("va must be 'top', 'center', 'baseline' or 'bottom', not '\(text)'")
        }
    }
}
