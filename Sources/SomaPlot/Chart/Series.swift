/// One thing drawn in an axes: its data, look and legend label.
public struct Series {
    /// What kind of series and its data, in data coordinates.
    public enum Kind {
        /// A polyline with optional markers; line widths and sizes are in points.
        case line(x: [Double], y: [Double], width: Double, dash: Dash, marker: Marker?, markerSize: Double)
        /// Markers only; `colors` gives one colour per point when set.
        case scatter(x: [Double], y: [Double], size: Double, marker: Marker, colors: [Color]?)
        /// Vertical stems from `baseline` to y, with a marker at each tip.
        case stem(x: [Double], y: [Double], baseline: Double)
        /// Rectangles from `left`, `left + width` and `bottom`, `bottom + height`.
        case bars(left: [Double], width: [Double], bottom: [Double], height: [Double])
        /// The area between two curves over x.
        case area(x: [Double], y1: [Double], y2: [Double])
        /// One row of spike ticks per neuron (row 0 at the bottom).
        case raster(trains: [[Double]])
        /// A matrix drawn cell by cell through a colormap; NaN cells stay blank.
        case image(ImageData)
        /// Iso-lines, one group per level, already traced.
        case contour(levels: [ContourLevel], width: Double)
        /// Text at a data point (size in points), with an optional arrow to another data point.
        case text(Annotation)
        /// A line across the whole plot at one data value (axhline / axvline).
        case reference(value: Double, vertical: Bool, width: Double, dash: Dash)
        /// Points with error bars and caps, joined by a line and/or marked.
        case errorbar(ErrorBars)
    }

    public var kind: Kind
    public var color: Color
    public var label: String?
    /// Fill opacity for areas and bars.
    public var alpha: Double

    public init(kind: Kind, color: Color, label: String? = nil, alpha: Double = 1) {
        self.kind = kind
        self.color = color
        self.label = label
        self.alpha = alpha
    }
}

/// A matrix with the colormap and value range that colour it.
public struct ImageData {
    public var values: [Double]
    public var rows: Int
    public var columns: Int
    public var colormap: Colormap
    public var vmin: Double
    public var vmax: Double
    /// Where the picture sits in data coordinates; nil puts cell (r, c) centred on (c, r).
    public var extent: ImageExtent? = nil
    /// Opacity of every cell (filled contours under scatter points).
    public var alpha: Double = 1

    /// The colour of each cell, row by row; NaN cells are clear.
    func colors() -> [Color] {
        let span = vmax > vmin ? vmax - vmin : 1
        let opacity = min(1, max(0, alpha))
        return values.map { v in
            guard v.isFinite else { return .clear }
            let c = colormap.color(at: (v - vmin) / span)
            return opacity < 1 ? c.withAlpha(c.a * opacity) : c
        }
    }

    /// Left, right, bottom and top edges in data coordinates (first row at `y0`).
    var edges: (x0: Double, x1: Double, y0: Double, y1: Double) {
        if let extent { return (extent.x0, extent.x1, extent.y0, extent.y1) }
        return (-0.5, Double(columns) - 0.5, -0.5, Double(rows) - 0.5)
    }
}

/// The data rectangle a resampled picture covers: x0...x1 across, y0 (first row) to y1.
public struct ImageExtent: Sendable {
    public var x0: Double
    public var x1: Double
    public var y0: Double
    public var y1: Double

    public init(x0: Double, x1: Double, y0: Double, y1: Double) {
        self.x0 = x0
        self.x1 = x1
        self.y0 = y0
        self.y1 = y1
    }
}

/// The traced lines of one contour level.
public struct ContourLevel {
    public var value: Double
    public var color: Color
    /// Polylines in data coordinates.
    public var lines: [[Point]]
}

/// A colour scale drawn beside an axes.
public struct ColorbarSpec {
    public var colormap: Colormap
    public var vmin: Double
    public var vmax: Double
    public var label: String?

    public init(colormap: Colormap, vmin: Double, vmax: Double, label: String? = nil) {
        self.colormap = colormap
        self.vmin = vmin
        self.vmax = vmax
        self.label = label
    }
}

/// A piece of text placed in data coordinates, as `text` and `annotate` draw it.
public struct Annotation {
    public var x: Double
    public var y: Double
    public var text: String
    /// Font size in points.
    public var size: Double
    public var anchor: TextAnchor
    /// The data point an arrow from the text points at, if any.
    public var arrowTo: Point?
    /// Points the text moves away from (x, y) horizontally, in the direction it reads
    /// from its anchor (labels beside scatter markers).
    public var offset: Double
    /// Moves the label off the labels it would overlap (see `LabelPlacer`), with a thin
    /// line back to its point when it had to move.
    public var repel = false

    public init(x: Double, y: Double, text: String, size: Double, anchor: TextAnchor, arrowTo: Point? = nil,
                offset: Double = 0) {
        self.x = x
        self.y = y
        self.text = text
        self.size = size
        self.anchor = anchor
        self.arrowTo = arrowTo
        self.offset = offset
    }
}
