/// Which panels of a grid share an axis, as matplotlib's `sharex`/`sharey`.
public enum AxisSharing: String, CaseIterable, Sendable {
    case none
    /// Every panel of the figure.
    case all
    /// Panels in the same column.
    case column = "col"
    /// Panels in the same row.
    case row

    /// Parses `true`/`false` or "all", "col", "row", "none".
    public init(parsing text: String) throws {
        switch text.lowercased() {
        case "true", "all": self = .all
        case "false", "none": self = .none
        case "col", "column": self = .column
        case "row": self = .row
        default: throw PlotError.badArgument("sharing must be true, false, 'all', 'col' or 'row', not '\(text)'")
        }
    }
}

/// The panels of a figure as they are drawn: shared axes get one range (the union of the
/// group's data, or the first fixed limits set in the group) and one set of hand-placed ticks;
/// tick labels and axis labels inside the grid are hidden where a panel below (for x) or to the
/// left (for y) shows the same axis; a twin gets its host's x range.
struct PanelGrid {
    var panels: [Axes?]
    var twins: [Axes?]
    let rows: Int
    let columns: Int
    let sharex: AxisSharing
    let sharey: AxisSharing

    init(panels: [Axes?], twins: [Axes?], rows: Int, columns: Int, sharex: AxisSharing, sharey: AxisSharing) {
        self.panels = panels
        self.twins = twins + [Axes?](repeating: nil, count: max(0, panels.count - twins.count))
        self.rows = rows
        self.columns = columns
        self.sharex = sharex
        self.sharey = sharey
        shareLimits(onX: true)
        shareLimits(onX: false)
        hideInnerLabels()
    }

    /// Indexes of the drawn panels that share an axis with panel `i` (itself included).
    func group(of i: Int, _ sharing: AxisSharing) -> [Int] {
        panels.indices.filter { j in
            guard panels[j] != nil else { return false }
            switch sharing {
            case .none: return j == i
            case .all: return true
            case .column: return j % columns == i % columns
            case .row: return j / columns == i / columns
            }
        }
    }

    private mutating func shareLimits(onX: Bool) {
        let sharing = onX ? sharex : sharey
        var done = Set<Int>()
        for i in panels.indices where panels[i] != nil && !done.contains(i) {
            let members = group(of: i, sharing)
            done.formUnion(members)
            // A twin always shares its host's x; a lone panel without a twin needs nothing.
            let twinned = onX && members.contains { twins[$0] != nil }
            guard members.count > 1 || twinned, let first = panels[members[0]] else { continue }
            let scale = onX ? first.xscale : first.yscale
            var fixed: (Double, Double)?
            var extent = Axes.Extent()
            var ticks: (values: [Double], labels: [String])?
            for j in members {
                var axesList = [panels[j]].compactMap { $0 }
                if onX, let twin = twins[j] { axesList.append(twin) }
                for axes in axesList {
                    if fixed == nil { fixed = onX ? axes.xlim : axes.ylim }
                    if ticks == nil { ticks = onX ? axes.xticks : axes.yticks }
                    let e = axes.extents()
                    let part = onX ? e.x : e.y
                    if !part.isEmpty {
                        extent.lo = min(extent.lo, part.lo)
                        extent.hi = max(extent.hi, part.hi)
                    }
                    extent.sticky += part.sticky
                }
            }
            let limits = fixed ?? Axes.fit(extent, scale: scale)
            for j in members {
                if onX {
                    panels[j]?.xlim = limits
                    panels[j]?.xscale = scale
                    if panels[j]?.xticks == nil { panels[j]?.xticks = ticks }
                    twins[j]?.xlim = limits
                    twins[j]?.xscale = scale
                } else {
                    panels[j]?.ylim = limits
                    panels[j]?.yscale = scale
                    if panels[j]?.yticks == nil { panels[j]?.yticks = ticks }
                }
            }
        }
    }

    private mutating func hideInnerLabels() {
        for i in panels.indices where panels[i] != nil {
            let (row, column) = (i / columns, i % columns)
            if sharex == .all || sharex == .column,
               ((row + 1)..<rows).contains(where: { r in panels.indices.contains(r * columns + column) && panels[r * columns + column] != nil }) {
                panels[i]?.xTickLabelsHidden = true
                panels[i]?.xlabel = nil
            }
            if sharey == .all || sharey == .row,
               (0..<column).contains(where: { c in panels[row * columns + c] != nil }) {
                panels[i]?.yTickLabelsHidden = true
                panels[i]?.ylabel = nil
            }
        }
    }

    /// Insets that line up the plots of shared panels: the same left and right edges down
    /// a column (shared x), the same top and bottom across a row (shared y).
    func alignedInsets<S: Surface>(cells: [Rect], on surface: S, metrics m: Metrics) -> [Insets] {
        var insets = [Insets](repeating: Insets(), count: panels.count)
        guard sharex != .none || sharey != .none else { return insets }
        var natural = [Insets?](repeating: nil, count: panels.count)
        for (i, panel) in panels.enumerated() {
            guard let panel, !panel.equalAspect else { continue }
            natural[i] = AxesRenderer.layout(panel, twin: twins[i], in: cells[i], on: surface, metrics: m).insets(in: cells[i])
        }
        for i in panels.indices {
            guard natural[i] != nil else { continue }
            let column = panels.indices.filter { $0 % columns == i % columns }.compactMap { natural[$0] }
            let row = panels.indices.filter { $0 / columns == i / columns }.compactMap { natural[$0] }
            if sharex != .none {
                insets[i].left = column.map(\.left).max() ?? 0
                insets[i].right = column.map(\.right).max() ?? 0
            }
            if sharey != .none {
                insets[i].top = row.map(\.top).max() ?? 0
                insets[i].bottom = row.map(\.bottom).max() ?? 0
            }
        }
        return insets
    }
}
