/// One plot area: its series, labels, limits and scales.
public struct Axes {
    /// Legend positions; `best` picks the spot covering the least data, or goes outside
    /// the plot on the right when every spot inside would cover some.
    public enum LegendLocation: String, CaseIterable, Sendable {
        case best
        case upperRight = "upper right", upperLeft = "upper left"
        case lowerLeft = "lower left", lowerRight = "lower right"
        case centerRight = "center right", centerLeft = "center left"
        case lowerCenter = "lower center", upperCenter = "upper center", center
        /// Right of the plot, top-aligned; the plot narrows to make room.
        case outsideRight = "outside right"

        /// Parses a location as matplotlib writes it ("upper left", "best").
        public init(parsing text: String) throws {
            let key = text.lowercased()
            guard let location = LegendLocation(rawValue: key == "outside" ? "outside right" : key) else {
                throw PlotError.badArgument("unknown legend location '\(text)'; use 'best', 'upper right', 'lower left', 'outside', ...")
            }
            self = location
        }
    }

    public var series: [Series] = []
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    /// Fixed limits; nil means fit the data.
    public var xlim: (Double, Double)?
    public var ylim: (Double, Double)?
    public var xscale: Scale = .linear
    public var yscale: Scale = .linear
    public var grid = false
    /// nil hides the legend.
    public var legend: LegendLocation?
    /// Equal data units on both axes (images).
    public var equalAspect = false
    /// Row 0 on top, as images are shown.
    public var yInverted = false
    /// Hides spines, ticks and tick labels (image grids).
    public var axisHidden = false
    public var colorbar: ColorbarSpec?
    /// Tick positions with their labels, replacing the automatic ones (`xticks`, `yticks`).
    public var xticks: (values: [Double], labels: [String])?
    public var yticks: (values: [Double], labels: [String])?
    /// Integer-only ticks on y (spike rasters).
    var integerYTicks = false
    private var cycle = 0

    public init() {}

    /// Whether nothing has been drawn or labelled yet.
    public var isEmpty: Bool {
        series.isEmpty && title == nil && xlabel == nil && ylabel == nil
    }

    /// Hides the tick labels (and the label) of an axis an outer panel labels for it (shared axes).
    public var xTickLabelsHidden = false
    public var yTickLabelsHidden = false

    /// Starts the colour cycle where `other`'s stands (the twin of an axes).
    mutating func continueCycle(after other: Axes) {
        cycle = other.cycle
    }

    /// The next colour of the tab10 cycle.
    public mutating func nextColor() -> Color {
        defer { cycle += 1 }
        return Color.cycle(cycle)
    }
}
