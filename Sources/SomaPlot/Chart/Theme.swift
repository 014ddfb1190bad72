/// Sizes and colours of the default look, in points (1/72 inch), like matplotlib's rcParams.
public struct Theme: Sendable {
    public var fontSize = 10.0
    public var titleSize = 12.0
    public var figureTitleSize = 13.0
    public var lineWidth = 1.5
    public var spineWidth = 0.8
    public var tickLength = 3.5
    public var minorTickLength = 2.0
    public var tickPad = 3.5
    public var labelPad = 4.0
    public var titlePad = 6.0
    /// Space left around each axes' labels inside its cell.
    public var cellPad = 6.0
    public var gridWidth = 0.8
    public var text = Color.ink
    public var spine = Color.ink
    public var grid = Color.gridGray

    public init() {}
}

/// Converts theme points to pixels for one rendering.
struct Metrics {
    let theme: Theme
    /// Pixels per point: dpi / 72.
    let scale: Double

    func px(_ points: Double) -> Double { points * scale }
    var font: Double { px(theme.fontSize) }
    var titleFont: Double { px(theme.titleSize) }
}
