import Foundation

/// Numbers written in the cells of an image (a confusion matrix with its counts).
extension Axes {
    /// Writes each cell's value at its centre on the latest image, in black or white,
    /// whichever stands out more against the cell's colour.
    /// - Parameters:
    ///   - format: turns a value into its label; the default shows whole numbers as
    ///     integers and others with up to 3 significant digits.
    ///   - size: font size in points; nil shrinks it for large matrices.
    /// - Throws: `PlotError.badArgument` when the axes show no image, or one too large to label.
    public mutating func labelCells(format: ((Double) -> String)? = nil, size: Double? = nil) throws {
        guard let image = series.reversed().compactMap({ s -> ImageData? in
            if case .image(let image) = s.kind { return image } else { return nil }
        }).first else {
            throw PlotError.badArgument("cell labels: the axes show no image")
        }
        guard image.rows * image.columns <= 2500 else {
            throw PlotError.badArgument("cell labels: a \(image.rows)x\(image.columns) image has too many cells to label (at most 2500)")
        }
        let fontSize = size ?? max(6, min(10, 200 / Double(max(image.rows, image.columns))))
        let colors = image.colors()
        let e = image.edges
        let cw = (e.x1 - e.x0) / Double(image.columns), ch = (e.y1 - e.y0) / Double(image.rows)
        let anchor = TextAnchor(.center, .center)
        for r in 0..<image.rows {
            for c in 0..<image.columns {
                let v = image.values[r * image.columns + c]
                guard v.isFinite else { continue }
                let text = format?(v) ?? Axes.cellLabel(v)
                let note = Annotation(x: e.x0 + (Double(c) + 0.5) * cw, y: e.y0 + (Double(r) + 0.5) * ch,
                                      text: text, size: fontSize, anchor: anchor)
                series.append(Series(kind: .text(note), color: Axes.contrasting(colors[r * image.columns + c])))
            }
        }
    }

    /// Black on light cells, white on dark ones (relative luminance of the cell's colour).
    static func contrasting(_ cell: Color) -> Color {
        let luminance = 0.2126 * cell.r + 0.7152 * cell.g + 0.0722 * cell.b
        // A see-through cell shows the white background.
        let seen = luminance * cell.a + (1 - cell.a)
        return seen > 0.5 ? Color(hex: 0x262626) : .white
    }

    /// Whole numbers as integers, others with up to 3 significant digits.
    static func cellLabel(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e9 { return String(Int(v)) }
        var text = String(format: "%.3g", v)
        if text.contains("e") { text = String(format: "%.2e", v) }
        return text
    }
}
